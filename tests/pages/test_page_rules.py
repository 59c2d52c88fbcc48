"""Every page type declares where it may go, and editors can create each one in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from enquiries.models import ContactPage
from pages.models import (
    ContentPage,
    HomePage,
    PosterLibraryPage,
    ResourceIndexPage,
    SearchPage,
    SectionLandingPage,
)
from tests.pages.conftest import make_section


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        creatable_children = {m for m in HomePage.allowed_subpage_models() if m.is_creatable}
        assert creatable_children == {
            SectionLandingPage,
            ContentPage,
            PosterLibraryPage,
            ResourceIndexPage,
            SearchPage,
            ContactPage,
        }

    def test_section_landing_page(self):
        self.assertAllowedParentPageTypes(SectionLandingPage, {HomePage})
        self.assertAllowedSubpageTypes(SectionLandingPage, {ContentPage})

    def test_content_page(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, SectionLandingPage})
        self.assertAllowedSubpageTypes(ContentPage, set())

    def test_listing_and_search_pages_live_under_home_with_no_children(self):
        for model in (PosterLibraryPage, ResourceIndexPage, SearchPage):
            self.assertAllowedParentPageTypes(model, {HomePage})
            self.assertAllowedSubpageTypes(model, set())

    def test_only_one_home_and_one_search_page(self):
        assert HomePage.max_count == 1
        assert SearchPage.max_count == 1


def _add(client, model, parent: Page, data: dict):
    url = reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )
    form_page = client.get(url)
    assert form_page.status_code == 200
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    return model.objects.get(slug=data["slug"])


def _common(slug: str) -> dict:
    return {
        "title": slug.replace("-", " ").capitalize(),
        "slug": slug,
        "summary": f"What the {slug} page is for.",
        "last_reviewed": "2026-01-01",
        "next_review_due": "2027-01-01",
    }


@pytest.mark.django_db
def test_each_page_type_can_be_created_through_the_admin(admin_client_logged_in, home):
    client = admin_client_logged_in
    section = _add(
        client,
        SectionLandingPage,
        home,
        nested_form_data(
            {
                **_common("parents"),
                "audience": "parents",
                "intro": rich_text("<p>For parents.</p>"),
                "body": streamfield([]),
            }
        ),
    )
    assert section.live and section.audience == "parents"
    topic = _add(
        client,
        ContentPage,
        section,
        nested_form_data(
            {
                **_common("crying"),
                "body": streamfield(
                    [
                        ("heading", {"text": "Why babies cry", "level": "h2"}),
                        ("rich_text", rich_text("<p>Their cry is like an alarm.</p>")),
                        (
                            "quote",
                            {"quote": "It helped.", "attribution": "A parent", "consent_date": ""},
                        ),
                    ]
                ),
            }
        ),
    )
    assert [block.block_type for block in topic.body] == ["heading", "rich_text", "quote"]
    for model, slug in (
        (PosterLibraryPage, "posters"),
        (ResourceIndexPage, "useful-links"),
        (SearchPage, "search"),
    ):
        page = _add(
            client,
            model,
            home,
            nested_form_data({**_common(slug), "intro": rich_text("<p>Intro.</p>")}),
        )
        assert page.live
        assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_admin_refuses_an_image_without_alt_text(admin_client_logged_in, home):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Baby", file=get_test_image_file())
    section = make_section(home)
    url = reverse("wagtailadmin_pages:add", args=("pages", "contentpage", section.pk))
    data = nested_form_data(
        {
            **_common("pictures"),
            "body": streamfield(
                [("image", {"image": image.pk, "alt_text": "", "decorative": "", "caption": ""})]
            ),
        }
    )
    response = admin_client_logged_in.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 200
    assert not ContentPage.objects.filter(slug="pictures").exists()
    assert b"tick" in response.content and b"decorative" in response.content
