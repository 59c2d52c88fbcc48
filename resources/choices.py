"""Fixed vocabularies shared by resources, posters, their blocks and their filters."""

from django.db import models
from django.db.models import Q


class Audience(models.TextChoices):
    PARENTS = "parents", "Parents and carers"
    PROFESSIONALS = "professionals", "Professionals"
    BOTH = "both", "Parents, carers and professionals"


class LinkStatus(models.TextChoices):
    OK = "ok", "Working"
    CHECK = "check", "Needs checking by an editor"
    BROKEN = "broken", "Broken"


# The audiences a visitor can filter by. Items marked "both" appear under each of them.
FILTER_AUDIENCES: tuple[Audience, ...] = (Audience.PARENTS, Audience.PROFESSIONALS)

# How each audience reads inside a sentence ("Showing 4 links for professionals").
AUDIENCE_PHRASES: dict[str, str] = {
    Audience.PARENTS: "parents and carers",
    Audience.PROFESSIONALS: "professionals",
    Audience.BOTH: "parents, carers and professionals",
}


def audience_q(audience: str, field: str = "audience") -> Q:
    """Items for `audience`, including those marked for both audiences."""
    if audience in FILTER_AUDIENCES:
        return Q(**{f"{field}__in": [audience, Audience.BOTH]})
    return Q(**{field: audience})
