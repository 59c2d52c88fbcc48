"""Audience and topic filters for useful links and posters."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from resources.choices import Audience
from resources.filtering import PosterFilter, ResourceFilter
from tests.factories import PosterFactory, ResourceLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    training = TopicFactory(name="Training", slug="training")
    feeding = TopicFactory(name="Feeding", slug="feeding")
    TopicFactory(name="Reports and research", slug="reports-and-research")  # no links
    links = {
        "parents": ResourceLinkFactory(title="A parents", audience=Audience.PARENTS),
        "both": ResourceLinkFactory(title="B both", audience=Audience.BOTH, topics=[feeding]),
        "pro_training": ResourceLinkFactory(
            title="C pro training", audience=Audience.PROFESSIONALS, topics=[training]
        ),
        "both_training": ResourceLinkFactory(
            title="D both training", audience=Audience.BOTH, topics=[training, feeding]
        ),
        "draft": ResourceLinkFactory(title="E draft", live=False, topics=[training]),
        "no_address": ResourceLinkFactory(title="F no address", url=""),
    }
    return links, {"training": training, "feeding": feeding}


def titles(filter_) -> list[str]:
    return [item.title for item in filter_.results]


def test_no_filter_lists_every_published_link_with_an_address(library):
    result = ResourceFilter(QueryDict(""))
    assert titles(result) == ["A parents", "B both", "C pro training", "D both training"]
    assert result.active_description == "Showing all 4 links"
    assert result.clear_url == ""
    assert not result.is_filtered


def test_parents_filter_includes_links_marked_for_both(library):
    result = ResourceFilter(QueryDict("audience=parents"))
    assert titles(result) == ["A parents", "B both", "D both training"]
    assert result.active_description == "Showing 3 links for parents and carers"


def test_professionals_filter_includes_links_marked_for_both(library):
    result = ResourceFilter(QueryDict("audience=professionals"))
    assert titles(result) == ["B both", "C pro training", "D both training"]


def test_topic_filter(library):
    result = ResourceFilter(QueryDict("topic=feeding"))
    assert titles(result) == ["B both", "D both training"]
    assert result.active_description == "Showing 2 links about feeding"


def test_audience_and_topic_together(library):
    result = ResourceFilter(QueryDict("audience=professionals&topic=training"))
    assert titles(result) == ["C pro training", "D both training"]
    assert result.active_description == "Showing 2 links for professionals about training"
    assert result.clear_url == "?"
    assert result.is_filtered


def test_no_matches_says_so_and_keeps_the_topic(library):
    result = ResourceFilter(QueryDict("audience=professionals&topic=reports-and-research"))
    assert titles(result) == []
    assert result.topic.slug == "reports-and-research"
    assert result.active_description == "No links for professionals about reports and research"
    topic_labels = [option["label"] for option in result.groups[1]["options"]]
    assert "Reports and research" in topic_labels  # still offered, as it is selected


@pytest.mark.parametrize(
    "query",
    [
        "audience=nobody",
        "audience=both",
        "topic=not-a-topic",
        "audience=&topic=",
        "audience=%00&topic=%00",
        "topic=" + "x" * 5000,
        "audience[]=parents",
        "audience=PARENTS",
    ],
)
def test_unknown_values_are_ignored(library, query):
    result = ResourceFilter(QueryDict(query))
    assert titles(result) == ["A parents", "B both", "C pro training", "D both training"]
    assert result.audience is None
    assert result.topic is None
    assert result.clear_url == ""


def test_undecodable_query_string_gives_results(library):
    request = RequestFactory().get("/useful-links/", QUERY_STRING="audience=%ff%fe&topic=%c3")
    result = ResourceFilter(request)
    assert len(result.results) == 4


def test_groups_have_the_shape_filter_links_documents(library):
    request = RequestFactory().get("/useful-links/", {"audience": "parents", "topic": "training"})
    result = ResourceFilter(request)
    audience_group, topic_group = result.groups
    assert audience_group["label"] == "Who it is for"
    assert [option["label"] for option in audience_group["options"]] == [
        "All",
        "Parents and carers",
        "Professionals",
    ]
    assert [option["selected"] for option in audience_group["options"]] == [False, True, False]
    # Switching audience keeps the topic; "All" drops only the audience.
    assert audience_group["options"][2]["url"] == (
        "/useful-links/?audience=professionals&topic=training"
    )
    assert audience_group["options"][0]["url"] == "/useful-links/?topic=training"
    # Topics with no published links are not offered; the selected one is marked.
    assert [option["label"] for option in topic_group["options"]] == [
        "All topics",
        "Feeding",
        "Training",
    ]
    assert [option["selected"] for option in topic_group["options"]] == [False, False, True]
    assert topic_group["options"][1]["url"] == "/useful-links/?audience=parents&topic=feeding"
    assert result.clear_url == "/useful-links/"
    assert result.filter_links_context == {"groups": result.groups, "clear_url": "/useful-links/"}


def test_filter_links_component_renders_the_groups(library):
    from bs4 import BeautifulSoup
    from django.template.loader import render_to_string

    result = ResourceFilter(RequestFactory().get("/links/", {"topic": "feeding"}))
    html = render_to_string("components/filter_links.html", result.filter_links_context)
    soup = BeautifulSoup(html, "html.parser")
    current = soup.select('a[aria-current="true"]')
    assert [link.get_text() for link in current] == ["All", "Feeding"]
    assert soup.find("a", string="Clear filters")["href"] == "/links/"


def test_draft_links_are_never_results(library):
    links, _topics = library
    for query in ["", "topic=training", "audience=parents", "audience=professionals"]:
        assert links["draft"] not in ResourceFilter(QueryDict(query)).results


def test_poster_filter_by_audience():
    PosterFactory(title="For parents", audience=Audience.PARENTS)
    PosterFactory(title="For both", audience=Audience.BOTH)
    PosterFactory(title="For professionals", audience=Audience.PROFESSIONALS)
    PosterFactory(title="Draft", audience=Audience.PARENTS, live=False)
    PosterFactory(title="No PDF", audience=Audience.PARENTS, document=None)

    everyone = PosterFilter(QueryDict(""))
    assert titles(everyone) == ["For both", "For parents", "For professionals"]
    assert everyone.active_description == "Showing all 3 posters"

    parents = PosterFilter(QueryDict("audience=parents&topic=ignored"))
    assert titles(parents) == ["For both", "For parents"]
    assert parents.active_description == "Showing 2 posters for parents and carers"
    assert [card["title"] for card in parents.items] == ["For both", "For parents"]
    assert parents.items[0]["download_meta"].endswith("1 page")
    assert len(parents.groups) == 1
    assert PosterFilter(QueryDict("audience=nobody")).audience is None


def test_no_posters_yet():
    assert PosterFilter(QueryDict("")).active_description == "No posters yet"
    assert (
        PosterFilter(QueryDict("audience=professionals")).active_description
        == "No posters for professionals"
    )
