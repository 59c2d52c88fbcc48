"""`{% content_fragment %}` keeps a block of HTML per content generation, apart for each value it
names and each site, and never for a preview or a template rendered without a request."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from wagtail.models import Site

from tests.performance.conftest import content_committed

pytestmark = pytest.mark.django_db

# `count` is a fresh counter per render: the HTML shows which render made it.
FRAGMENT = Template(
    "{% load content_fragments %}"
    '{% content_fragment "test" value %}{{ value }}/{{ count.next }}{% endcontent_fragment %}'
)


class Count:
    def __init__(self) -> None:
        self.calls = 0

    @property
    def next(self) -> int:
        self.calls += 1
        return self.calls


def render(request, value: str = "a", count: Count | None = None) -> str:
    count = count or Count()
    return FRAGMENT.render(Context({"request": request, "value": value, "count": count}))


def request_for(host: str = "localhost"):
    return RequestFactory().get("/", HTTP_HOST=host)


def test_kept_until_the_content_changes(home, memo_on):
    count = Count()
    assert render(request_for(), count=count) == "a/1"
    assert render(request_for(), count=count) == "a/1"
    content_committed()
    assert render(request_for(), count=count) == "a/2"


def test_each_value_named_keeps_its_own_html(home, memo_on):
    count = Count()
    assert render(request_for(), "a", count) == "a/1"
    assert render(request_for(), "b", count) == "b/2"
    assert render(request_for(), "a", count) == "a/1"


def test_each_site_keeps_its_own_html(home, memo_on):
    Site.objects.create(hostname="other.example", root_page=home, is_default_site=False)
    content_committed()
    count = Count()
    assert render(request_for("localhost"), count=count) == "a/1"
    assert render(request_for("other.example"), count=count) == "a/2"
    assert render(request_for("localhost"), count=count) == "a/1"


def test_previews_and_renders_without_a_request_are_never_kept(home, memo_on):
    count = Count()
    preview = request_for()
    preview.is_preview = True
    assert render(preview, count=count) == "a/1"
    assert render(preview, count=count) == "a/2"
    assert render(None, count=count) == "a/3"
    assert render(None, count=count) == "a/4"


def test_a_fragment_without_a_quoted_name_is_refused():
    with pytest.raises(TemplateSyntaxError, match="needs a quoted name first"):
        Template(
            "{% load content_fragments %}{% content_fragment value %}{% endcontent_fragment %}"
        )
