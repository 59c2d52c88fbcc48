"""The upcoming group sessions as a listing editors can put in any page's body (`listing` block).

It renders through `{% upcoming_sessions %}`, the same tag and template as the sessions page, so
both always show the same sessions in the same way.
"""

from __future__ import annotations

from pages.listing_registry import EmbeddedListing, register_listing

UPCOMING_SESSIONS = EmbeddedListing(
    key="group_sessions",
    label="Upcoming 'Understanding your baby' group sessions",
    template="groups/upcoming_sessions_listing.html",
)


def register_group_listings() -> None:
    """Offer the upcoming sessions in the `listing` block (from `GroupsConfig.ready()`)."""
    register_listing(UPCOMING_SESSIONS)
