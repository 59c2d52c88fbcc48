"""`{% public_image %}`: an `<img>` from the renditions the worker has made, never making one.

    {% load public_images %}
    {% public_image value.image "body_image" sizes="100vw" alt="…" loading="lazy" class="…" %}

The second argument names a set in `resources.renditions.PUBLIC_RENDITIONS`. The tag uses the
sizes that exist (srcset, with the first as `src`, as Wagtail's `srcset_image` does); while
none exist yet it shows the original file, so the reader still sees the image.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString

from resources.renditions import PUBLIC_RENDITIONS, stored_renditions

register = template.Library()


@register.simple_tag
def public_image(image: Any, rendition_set: str, *, sizes: str = "", **attrs: Any) -> SafeString:
    if not image:
        return SafeString("")
    renditions = stored_renditions(image, PUBLIC_RENDITIONS[rendition_set])
    attributes: dict[str, Any]
    if renditions:
        first = renditions[0]
        attributes = {"srcset": ", ".join(f"{r.url} {r.width}w" for r in renditions)}
        if sizes:
            attributes["sizes"] = sizes
        attributes.update(src=first.url, width=first.width, height=first.height)
    else:
        attributes = {"src": image.file.url, "width": image.width, "height": image.height}
    attributes.update(attrs)  # alt="" stays: a decorative image
    return format_html("<img{}>", flatatt(attributes))
