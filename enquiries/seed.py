"""The default contact topics. Idempotent: adds only topics that are missing, by name."""

from __future__ import annotations

DEFAULT_TOPICS = [
    "A general question",
    "Solihull Approach training courses",
    "\u201cUnderstanding your baby\u201d groups",
    "Babies First posters",
    "Feedback about this website",
]


def seed_contact_topics(topic_model=None) -> int:
    """Create the default topics routed to the service inbox. Returns how many were created.

    `topic_model` lets a data migration pass its historical model.
    """
    if topic_model is None:
        from .models import ContactTopic as topic_model

    created = 0
    for order, name in enumerate(DEFAULT_TOPICS, start=1):
        _, was_created = topic_model.objects.get_or_create(
            name=name, defaults={"sort_order": order * 10, "inbox": ""}
        )
        created += was_created
    return created
