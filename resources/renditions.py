"""Every image size the public site shows, in one place, and reading them without making them.

The public templates ask for renditions (resized WebP copies) of two kinds of image: the preview
on a poster card and an image in a page's body. Their filter specs are listed here, read by the
templates (through `stored_renditions`) and by the task worker, which makes them all when an
image or a poster is saved (`resources.tasks`). A reader's request never makes one: where a
rendition is still missing it shows what there is (fewer sizes, the original file, or no
preview) and the worker fills the gap within seconds.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from wagtail.images.models import Filter

# Poster cards: WebP at two widths, so phones and desktops each fetch a sharp image no bigger
# than they need. The first is also the `src`.
POSTER_CARD = ("width-480|format-webp", "width-240|format-webp")
# Images in a page's body (`components/blocks/image.html`): widths for phones to wide screens.
BODY_IMAGE = ("width-400|format-webp", "width-800|format-webp", "width-1200|format-webp")

PUBLIC_RENDITIONS: dict[str, tuple[str, ...]] = {
    "poster_card": POSTER_CARD,
    "body_image": BODY_IMAGE,
}


def public_filter_specs() -> list[str]:
    """Every spec the public templates use, once each. Any image may appear in a body or as a
    poster's preview, so the worker makes all of them for every image."""
    return list(dict.fromkeys(spec for specs in PUBLIC_RENDITIONS.values() for spec in specs))


def stored_renditions(image: Any, specs: tuple[str, ...]) -> list[Any]:
    """The renditions of `image` for `specs` that already exist, in the order of `specs`: never
    makes one (prefetched `renditions` are used when present, else one query or the cache)."""
    filters = _filters(specs)
    found = image.find_existing_renditions(*filters)
    return [found[image_filter] for image_filter in filters if image_filter in found]


@cache
def _filters(specs: tuple[str, ...]) -> tuple[Filter, ...]:
    """One `Filter` per spec for the life of the process: Wagtail parses a filter's operations
    (with `inspect`, about 40 µs a spec) the first time it is used, then keeps them on it."""
    return tuple(Filter(spec=spec) for spec in specs)
