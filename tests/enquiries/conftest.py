"""Fixtures for the contact form: a contact page, real SMTP on loopback (the in-process worker
is tests/task_worker.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from wagtail.models import Site

from enquiries.models import ContactPage, ContactTopic
from pages.models import HomePage
from tests.enquiries.smtp import SMTPEndpoint, smtp_relay
from tests.factories import ServiceSettingsFactory

# The seeded topics, in their order on the form (none has an inbox: all go to the service inbox).
TOPIC_NAMES = [
    "A general question",
    "Solihull Approach training courses",
    "\u201cUnderstanding your baby\u201d groups",
    "Babies First posters",
    "Feedback about this website",
]


@pytest.fixture
def topics(db) -> list[ContactTopic]:
    created = [  # last first, so the form's order proves it sorts by sort_order
        ContactTopic.objects.create(name=name, sort_order=order * 10)
        for order, name in reversed(list(enumerate(TOPIC_NAMES, start=1)))
    ]
    return created[::-1]


@pytest.fixture
def contact_page(topics) -> ContactPage:
    home = HomePage.objects.first()
    page = ContactPage(
        title="Contact us",
        slug="contact",
        privacy_summary="<p>We only use what you send us to answer your message.</p>",
        what_happens_next="<p>Your message has gone to the infant mental health team.</p>",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    Site.objects.filter(root_page=home).update(hostname="testserver", is_default_site=True)
    ServiceSettingsFactory()
    return page


@pytest.fixture
def smtp(settings) -> Iterator[SMTPEndpoint]:
    """A real SMTP server (aiosmtpd) the site sends to; tests can make it refuse or hang."""
    with smtp_relay(settings, "EMAIL_DELIVERY_BACKEND") as endpoint:
        yield endpoint


@pytest.fixture(autouse=True)
def fast_checks(settings) -> None:
    """Zero minimum fill time and immediate retries, so tests need no sleeps (tests that check
    these override them again)."""
    settings.ENQUIRY_MIN_FILL_SECONDS = 0
    settings.ENQUIRY_RETRY_DELAYS = [0, 0, 0, 0]
    settings.ENQUIRY_RETRY_REPEAT_SECONDS = 0
