"""`{{ value|govuk_richtext }}`: Wagtail rich text with GOV.UK Frontend typography classes.

Editors' rich text comes out as bare `<p>`, `<ul>`, `<ol>` and `<a>`; GOV.UK Frontend only styles
elements that carry its classes, so they are added here rather than duplicated in the CSS.
"""

from __future__ import annotations

import re

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

register = template.Library()

_CLASSES = {
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
}
_OPENING_TAG = re.compile(r"<(p|ul|ol|a)(?=[\s>])(?![^>]*\bclass=)")


@register.filter
def govuk_richtext(value) -> SafeString:
    html = str(richtext(value))
    return mark_safe(_OPENING_TAG.sub(lambda m: f'<{m[1]} class="{_CLASSES[m[1]]}"', html))  # noqa: S308
