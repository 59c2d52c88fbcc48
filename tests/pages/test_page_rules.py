"""Every page type declares where it may go, and editors can create each one in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.models import ContentPage, HomePage, SearchPage, SectionLandingPage
from tests.factories import page_factory_for
from tests.pages.conftest import PROJECT_PAGE_MODELS, make_section, parent_for

pytestmark = pytest.mark.django_db


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_section_landing_page(self):
        self.assertAllowedParentPageTypes(SectionLandingPage, {HomePage})
        self.assertAllowedSubpageTypes(SectionLandingPage, {ContentPage})

    def test_content_page(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, SectionLandingPage})
        self.assertAllowedSubpageTypes(ContentPage, set())

    def test_only_one_home_and_one_search_page(self):
        assert HomePage.max_count == 1
        assert SearchPage.max_count == 1


def test_project_page_models_are_found():
    assert {HomePage, SectionLandingPage, ContentPage, SearchPage} <= set(PROJECT_PAGE_MODELS)


@pytest.mark.parametrize("model", PROJECT_PAGE_MODELS, ids=lambda model: model.__name__)
def test_page_type_lives_in_the_project_tree(model):
    """Every type but the home page goes under one of this project's page types, and may only
    have this project's page types under it."""
    parents = set(model.allowed_parent_page_models())
    if model is HomePage:
        assert parents == {Page}
    else:
        assert parents and parents <= set(PROJECT_PAGE_MODELS)
    children = {child for child in model.allowed_subpage_models() if child.is_creatable}
    assert children <= set(PROJECT_PAGE_MODELS)


def _common(slug: str) -> dict:
    return {
        "title": slug.replace("-", " ").capitalize(),
        "slug": slug,
        "summary": f"What the {slug} page is for.",
        "last_reviewed": "2026-01-01",
        "next_review_due": "2027-01-01",
    }


@pytest.mark.parametrize("model", PROJECT_PAGE_MODELS, ids=lambda model: model.__name__)
def test_page_type_can_be_published_through_the_admin(admin_client_logged_in, home, model):
    """Added under an allowed parent, or (a type that may exist only once, like the home page)
    edited where it is."""
    parent = parent_for(model, home)
    if model.can_create_at(parent):
        slug = f"new-{model._meta.model_name}"
        url = reverse(
            "wagtailadmin_pages:add",
            args=(model._meta.app_label, model._meta.model_name, parent.pk),
        )
    else:  # keep its slug: the home page's is part of every URL on the site
        existing = model.objects.get()
        slug = existing.slug
        url = reverse("wagtailadmin_pages:edit", args=(existing.pk,))
    fields = nested_form_data({**_common(slug), **page_factory_for(model).admin_form_fields()})
    assert admin_client_logged_in.get(url).status_code == 200
    response = admin_client_logged_in.post(url, {**fields, "action-publish": "publish"})
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = model.objects.get(slug=slug)
    assert page.live
    assert admin_client_logged_in.get(page.url).status_code == 200


def test_admin_refuses_an_image_without_alt_text(admin_client_logged_in, home):
    image = get_image_model().objects.create(title="Baby", file=get_test_image_file())
    section = make_section(home)
    url = reverse("wagtailadmin_pages:add", args=("pages", "contentpage", section.pk))
    data = nested_form_data(
        {
            **_common("pictures"),
            "body": streamfield(
                [
                    (
                        "image",
                        {
                            "image": {"image": image.pk, "alt_text": "", "decorative": ""},
                            "caption": "",
                        },
                    )
                ]
            ),
        }
    )
    response = admin_client_logged_in.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 200
    assert not ContentPage.objects.filter(slug="pictures").exists()
    assert b"alt text" in response.content and b"decorative" in response.content
