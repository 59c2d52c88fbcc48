from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.enquiries.smtp import CollectingHandler, SMTPEndpoint


class RawHandler(CollectingHandler):
    """Also keeps each message's bytes exactly as the relay received them."""

    def __init__(self) -> None:
        super().__init__()
        self.raw: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.raw.append(envelope.original_content)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def relay(settings) -> Iterator[SMTPEndpoint]:
    """A real SMTP server on loopback behind the queue: site email goes through the queue
    (QueuedEmailBackend) and the worker delivers it here."""
    endpoint = SMTPEndpoint()
    endpoint.handler = RawHandler()
    endpoint.accept()
    settings.EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = endpoint.port
    settings.EMAIL_TIMEOUT = 1
    try:
        yield endpoint
    finally:
        endpoint.stop()
