"""Listings that apps above `pages` offer for a page's body (the `listing` block).

`pages` cannot import the apps that depend on it, so they tell it what they can list: an app
registers an `EmbeddedListing` from its `AppConfig.ready()`, and editors then pick it in the
`listing` block. The block renders the listing's template with `request` and `heading_level`
only, so the app keeps every detail of what it lists and how.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class EmbeddedListing:
    """Something an app can list inside a page's body.

    `template` receives `request` (or None) and `heading_level` (the level of each listed item's
    heading: 3 below the block's h2) and renders the items, or what to do when there are none.
    """

    key: str
    label: str
    template: str


_LISTINGS: dict[str, EmbeddedListing] = {}


def register_listing(listing: EmbeddedListing) -> None:
    """Offer `listing` in the `listing` block. Registering the same listing again is harmless;
    a different listing under a key already taken is a configuration error."""
    existing = _LISTINGS.get(listing.key)
    if existing is not None and existing != listing:
        raise ImproperlyConfigured(f"Listing '{listing.key}' is already registered: {existing}")
    _LISTINGS[listing.key] = listing


def registered_listing(key: str) -> EmbeddedListing | None:
    """The listing registered under `key`, or None (say its app was removed)."""
    return _LISTINGS.get(key)


def listing_choices() -> list[tuple[str, str]]:
    """(key, label) of every registered listing, for the block's choice field."""
    return [(listing.key, listing.label) for listing in _LISTINGS.values()]
