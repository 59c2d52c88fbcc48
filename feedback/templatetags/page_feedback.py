"""`{% page_feedback page %}`: the "Is this page useful?" form at the foot of a content page.

The form is the same for every visitor (a signed page id, no per-visitor token), so a cached
copy of the page keeps working.
"""

from __future__ import annotations

from django import template

from feedback.abuse import page_token

register = template.Library()


@register.inclusion_tag("feedback/form.html")
def page_feedback(page) -> dict:
    page_id = getattr(page, "pk", None)
    return {"token": page_token(page_id) if page_id else ""}
