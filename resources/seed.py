"""Create the council's topics, useful links and sample posters. Idempotent.

Each function finds the items it made before by their seed key (topics by slug) and creates only
what is missing, so running it again adds no duplicates and never overwrites an editor's change.
Items go through Wagtail's revision and publishing machinery, exactly as if an editor made them.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Site

from resources.models import Poster, ResourceLink, Topic
from resources.poster_pdfs import PosterContent, display_address, render_poster_pdf
from resources.seed_data import ADDRESSES_CHECKED_ON, POSTERS, RESOURCES, TOPICS

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


@transaction.atomic
def seed_topics() -> dict[str, Topic]:
    """The eight topics, keyed by slug (existing ones untouched)."""
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    names = {topic.name.casefold(): topic for topic in topics.values()}
    for position, (slug, name) in enumerate(TOPICS, start=1):
        if slug in topics:
            continue
        if name.casefold() in names:  # an editor already made it under another slug
            topics[slug] = names[name.casefold()]
            continue
        topics[slug] = Topic.objects.create(slug=slug, name=name, sort_order=position * 10)
    return topics


@transaction.atomic
def seed_resources() -> dict[str, ResourceLink]:
    """Every resource the council's page names, keyed by seed key (see `seed_data.RESOURCES`).

    The Dr Amy Brown video has no known address: it is saved as a draft, flagged for editors.
    """
    topics = seed_topics()
    found = {link.seed_key: link for link in ResourceLink.objects.exclude(seed_key="")}
    for spec in RESOURCES:
        key = spec["key"]
        if key in found:
            continue
        same_address = ResourceLink.objects.filter(url=spec["url"]).first() if spec["url"] else None
        if same_address is not None:  # an editor already added it
            found[key] = same_address
            continue
        found[key] = _create_resource(spec, topics)
    return {spec["key"]: found[spec["key"]] for spec in RESOURCES}


def _create_resource(spec: dict, topics: dict[str, Topic]) -> ResourceLink:
    link = ResourceLink(
        title=spec["title"],
        organisation=spec["organisation"],
        url=spec["url"],
        audience=spec["audience"],
        summary=spec["summary"],
        last_checked=ADDRESSES_CHECKED_ON,
        status=spec.get("status", "ok"),
        editor_notes=spec.get("editor_notes", ""),
        seed_key=spec["key"],
        live=False,
    )
    link.topics.set([topics[slug] for slug in spec["topics"]])
    link.save()
    revision = link.save_revision()
    if not spec.get("draft"):
        revision.publish()
        link.refresh_from_db()
    return link


def poster_site_address(site: Site | None = None) -> str:
    """The public address printed on sample posters: the given site's, unless that is a
    loopback address, then WAGTAILADMIN_BASE_URL, then the default site's."""
    if site is not None and site.hostname not in LOOPBACK_HOSTS:
        return site.root_url
    if settings.WAGTAILADMIN_BASE_URL:
        return settings.WAGTAILADMIN_BASE_URL
    default_site = Site.objects.filter(is_default_site=True).first()
    return default_site.root_url if default_site else ""


@transaction.atomic
def seed_posters(site: Site | None = None) -> dict[str, Poster]:
    """Sample Babies First posters (real A4 PDFs with previews), keyed by seed key."""
    address = display_address(poster_site_address(site))
    found = {poster.seed_key: poster for poster in Poster.objects.exclude(seed_key="")}
    for spec in POSTERS:
        if spec["key"] not in found:
            found[spec["key"]] = _create_poster(spec, address)
    return {spec["key"]: found[spec["key"]] for spec in POSTERS}


def _create_poster(spec: dict, address: str) -> Poster:
    content = PosterContent(
        heading=spec["heading"], paragraphs=spec["paragraphs"], site_address=address
    )
    pdf = render_poster_pdf(content)
    document = get_document_model()(
        title=content.document_title,
        file=ContentFile(pdf, name=f"babies-first-sample-{spec['key']}.pdf"),
        file_size=len(pdf),
        file_hash=hashlib.sha1(pdf, usedforsecurity=False).hexdigest(),
    )
    document.save()
    poster = Poster(
        title=content.document_title,
        summary=spec["summary"],
        audience=spec["audience"],
        document=document,
        plain_text=content.words(),
        seed_key=spec["key"],
        live=False,
    )
    poster.save()  # makes the preview from the PDF's first page
    poster.save_revision().publish()
    poster.refresh_from_db()
    return poster
