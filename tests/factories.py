"""Test factories shared by every area, one section per app."""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import rich_text, streamfield

from enquiries.models import ContactPage
from pages.models import (
    ContentPage,
    HomePage,
    PosterLibraryPage,
    ResourceIndexPage,
    SearchPage,
    SectionLandingPage,
    ServiceSettings,
)
from resources.choices import Audience
from resources.models import Poster, ResourceLink, Topic
from tests.sample_pdfs import PosterContent, render_poster_pdf

# --- Resources and posters (resources app) ---------------------------------------------------


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ResourceLinkFactory(factory.django.DjangoModelFactory):
    """A published useful link. Pass `topics=[...]` to file it under topics."""

    class Meta:
        model = ResourceLink
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource {n}")
    organisation = "Example organisation"
    url = factory.Sequence(lambda n: f"https://example.org/resource-{n}/")
    audience = Audience.BOTH
    summary = "What the visitor will find there."
    live = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()


def sample_poster_pdf(heading: str = "Cuddles help your baby feel safe") -> bytes:
    content = PosterContent(
        heading=heading,
        paragraphs=("Help your baby to calm down when they are upset.",),
        site_address="infant-mh.example.org",
    )
    return render_poster_pdf(content)


class PosterDocumentFactory(factory.django.DjangoModelFactory):
    """A Wagtail document holding a real one-page A4 PDF."""

    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Poster PDF {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(sample_poster_pdf(o.title), name="poster.pdf")
    )


class PosterFactory(factory.django.DjangoModelFactory):
    """A published poster with a real PDF; saving it makes the preview."""

    class Meta:
        model = Poster

    title = factory.Sequence(lambda n: f"Poster {n}")
    summary = "What the poster is about."
    audience = Audience.PARENTS
    document = factory.SubFactory(PosterDocumentFactory)
    plain_text = "The words on the poster."
    live = True


# --- Pages (pages app) -------------------------------------------------------------------------


class ServiceSettingsFactory(factory.django.DjangoModelFactory):
    """The default site's service settings with the values the seed content gives them (the inbox
    and out-of-hours notice have no model defaults). Updates the row if it exists."""

    class Meta:
        model = ServiceSettings

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    inbox_email = "infantmentalhealth@northlincs.gov.uk"
    out_of_hours_notice = "This inbox is not monitored out of hours and is not for emergencies."

    @classmethod
    def _create(cls, model_class, *args, site=None, **kwargs):
        settings, _ = model_class.objects.update_or_create(site=site, defaults=kwargs)
        return settings


# One factory per page type: how a test builds a valid, published instance, and the fields the
# admin's form needs beyond the common ones. Tests find them by model with `page_factory_for`.


class BasePageFactory(wagtail_factories.PageFactory):
    """A published page (with a revision, as an editor's would have) under `parent`, by default
    the site's home page."""

    class Meta:
        abstract = True

    parent = factory.LazyFunction(lambda: HomePage.objects.get())
    title = factory.Sequence(lambda n: f"Page {n}")
    summary = factory.LazyAttribute(lambda page: f"Summary of {page.title.lower()}.")
    last_reviewed = datetime.date(2026, 1, 1)
    next_review_due = datetime.date(2027, 1, 1)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = super()._create_instance(model_class, parent, kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    @classmethod
    def admin_form_fields(cls) -> dict:
        """The page type's own fields, as the admin's edit form posts them. By default an empty
        stream for each StreamField (its form always posts a count); override for more."""
        fields = cls._meta.model._meta.get_fields()
        return {field.name: streamfield([]) for field in fields if isinstance(field, StreamField)}


class HomePageFactory(BasePageFactory):
    """The one home page: the site's root, created by migration (so this returns it)."""

    class Meta:
        model = HomePage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return HomePage.objects.get()

    @staticmethod
    def admin_form_fields() -> dict:
        return {
            "intro_heading": "The mental health of babies",
            "intro": rich_text("<p>Babies matter.</p>"),
        }


class SectionLandingPageFactory(BasePageFactory):
    class Meta:
        model = SectionLandingPage

    title = "Information for parents"
    slug = "parents"
    audience = Audience.PARENTS

    @staticmethod
    def admin_form_fields() -> dict:
        return {
            "audience": Audience.PARENTS,
            "intro": rich_text("<p>For parents.</p>"),
            "body": streamfield([]),
        }


class ContentPageFactory(BasePageFactory):
    """A topic page with one paragraph (pass `body=[…]` for more)."""

    class Meta:
        model = ContentPage

    body = factory.LazyAttribute(
        lambda page: [{"type": "rich_text", "value": f"<p>Text of {page.slug}.</p>"}]
    )

    @staticmethod
    def admin_form_fields() -> dict:
        return {
            "body": streamfield(
                [
                    ("heading", {"text": "Why babies cry", "level": "h2"}),
                    ("rich_text", rich_text("<p>Their cry is like an alarm.</p>")),
                    (
                        "quote",
                        {"quote": "It helped.", "attribution": "A parent", "consent_date": ""},
                    ),
                ]
            )
        }


class QuickContentPageFactory(ContentPageFactory):
    """A live topic page saved without a revision: for tests that need many pages quickly and
    only look at what the public sees (query budgets)."""

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        return super(BasePageFactory, cls)._create_instance(model_class, parent, kwargs)


class _IntroPageFactory(BasePageFactory):
    class Meta:
        abstract = True

    @staticmethod
    def admin_form_fields() -> dict:
        return {"intro": rich_text("<p>Intro.</p>")}


class PosterLibraryPageFactory(_IntroPageFactory):
    class Meta:
        model = PosterLibraryPage

    title = "Babies First posters"
    slug = "posters"


class ResourceIndexPageFactory(_IntroPageFactory):
    class Meta:
        model = ResourceIndexPage

    title = "Useful links"
    slug = "useful-links"


class SearchPageFactory(_IntroPageFactory):
    class Meta:
        model = SearchPage

    title = "Search"
    slug = "search"

    @staticmethod
    def admin_form_fields() -> dict:
        return {"intro": rich_text("<p>Intro.</p>"), "suggested_pages": streamfield([])}


class ContactPageFactory(BasePageFactory):
    class Meta:
        model = ContactPage

    title = "Contact us"
    slug = "contact"
    privacy_summary = "<p>We only use it to reply.</p>"
    what_happens_next = "<p>We will reply.</p>"

    @staticmethod
    def admin_form_fields() -> dict:
        return {
            "intro": rich_text("<p>Write to us.</p>"),
            "privacy_summary": rich_text("<p>We only use it to reply.</p>"),
            "what_happens_next": rich_text("<p>We will reply.</p>"),
        }


def _concrete_subclasses(cls: type) -> list[type]:
    found = []
    for subclass in cls.__subclasses__():
        if not subclass._meta.abstract:
            found.append(subclass)
        found.extend(_concrete_subclasses(subclass))
    return found


def page_factory_for(model: type[Page]) -> type[BasePageFactory]:
    """The factory that builds pages of this type. A page type whose own fields are all optional
    needs no factory here: one is made for it (title, summary and review dates only)."""
    for page_factory in _concrete_subclasses(BasePageFactory):
        if page_factory._meta.model is model:
            return page_factory
    meta = type("Meta", (), {"model": model})
    return type(f"{model.__name__}Factory", (BasePageFactory,), {"Meta": meta})
