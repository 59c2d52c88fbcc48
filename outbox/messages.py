"""A queued email as JSON-able data, and back as a message a real backend sends unchanged.

The message is rendered once, when it is queued (headers, Message-ID and Date included), and its
bytes are what the relay receives: retries send exactly the same message.
"""

from __future__ import annotations

import base64
from typing import Any

from django.core.mail import EmailMessage

LINESEP = "\r\n"


def serialise(message: EmailMessage) -> dict[str, Any]:
    """The envelope and the rendered message (base64), ready to be a task argument."""
    data = message.message().as_bytes(linesep=LINESEP)
    if not data.endswith(LINESEP.encode()):
        data += LINESEP.encode()  # SMTP ends the data with a line break: the relay gets these bytes
    return {
        "from_email": message.from_email,
        "recipients": list(message.recipients()),
        "message": base64.b64encode(data).decode("ascii"),
    }


class RenderedMessage:
    """Stands in for `email.message.Message` where backends only call `as_bytes()`."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        if linesep == LINESEP:
            return self.data
        return self.data.replace(LINESEP.encode(), linesep.encode())

    def as_string(self, unixfrom: bool = False, linesep: str = "\n") -> str:
        return self.as_bytes(linesep=linesep).decode("utf-8", errors="replace")


class QueuedMessage(EmailMessage):
    """An already-rendered message: `message()` returns its stored bytes, untouched."""

    def __init__(self, from_email: str, recipients: list[str], data: bytes) -> None:
        super().__init__(from_email=from_email, to=recipients)
        self.data = data

    def message(self, *, policy: Any = None) -> Any:
        return RenderedMessage(self.data)

    def recipients(self) -> list[str]:
        return list(self.to)


def deserialise(payload: dict[str, Any]) -> QueuedMessage:
    return QueuedMessage(
        payload["from_email"], payload["recipients"], base64.b64decode(payload["message"])
    )
