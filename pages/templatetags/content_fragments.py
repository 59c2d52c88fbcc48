"""Parts of a page's HTML kept until the content changes (`pages.content_memo`).

A listing's cards, a page of search results: HTML that depends only on the content, the site
and a few values named in the template. Rendering it costs per item shown (page addresses, image
renditions, the template's loops), so a long page of results would cost more than a short one
on every request; kept, it costs a dictionary lookup until the next publish. Every key includes
the request's site (page addresses are relative only on their own site). Previews are never
kept: they show a draft.

    {% load content_fragments %}
    {% content_fragment "listing" page.pk filter.filter_values pagination.page.number %}
      ... HTML that depends on nothing but the content, the site and the values named ...
    {% endcontent_fragment %}
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from django import template
from django.http import HttpRequest
from django.template.base import FilterExpression, NodeList, Parser, Token
from wagtail.models import Site

from pages.content_memo import content_memo

register = template.Library()


def is_preview(request: HttpRequest | None) -> bool:
    return bool(getattr(request, "is_preview", False))


def kept_html(request: HttpRequest | None, key: Hashable, render: Callable[[], str]) -> str:
    """`render()`'s HTML, kept per content generation under `key` and the request's site
    (rendered afresh without a request, and in previews). `key` must name everything else the
    HTML depends on."""
    if request is None or is_preview(request):
        return render()
    site = Site.find_for_request(request)
    return content_memo.get(request, (key, site.pk if site else None), render)


class ContentFragmentNode(template.Node):
    def __init__(self, nodelist: NodeList, name: str, vary_on: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context: template.Context) -> str:
        # str(): the values may be unhashable (a dict of filters); their text names them.
        key = ("fragment", self.name, *(str(value.resolve(context)) for value in self.vary_on))
        return kept_html(context.get("request"), key, lambda: self.nodelist.render(context))


@register.tag
def content_fragment(parser: Parser, token: Token) -> ContentFragmentNode:
    """`{% content_fragment "name" value ... %}…{% endcontent_fragment %}`: see the module."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs a quoted name first, then the values the HTML depends on."
        )
    nodelist = parser.parse(("endcontent_fragment",))
    parser.delete_first_token()
    vary_on = [parser.compile_filter(bit) for bit in bits[2:]]
    return ContentFragmentNode(nodelist, bits[1][1:-1], vary_on)
