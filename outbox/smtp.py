"""Django's SMTP backend, telling a refused message from one the relay may have accepted.

A failure before the message body reaches the relay (connection refused, greeting or RCPT
timeout, a 4xx/5xx reply) is safe to retry: the relay has nothing. A failure after the whole
body went out and before the relay's reply to it (usually a relay that confirms later than
EMAIL_TIMEOUT) is ambiguous: the relay may well deliver it. That case raises
`DeliveryUnconfirmed`, so the caller can retry once with a longer timeout instead of sending
copy after copy.
"""

from __future__ import annotations

import smtplib
from typing import Any

from django.core.mail.backends.smtp import EmailBackend


class DeliveryUnconfirmed(Exception):
    """The relay received the whole message but did not confirm it: it may have accepted it."""


class _ConfirmationTracking:
    """smtplib mixin: `awaiting_confirmation` is true from the moment the message body has been
    written after DATA's 354 until the relay's reply to it has been read."""

    awaiting_confirmation = False
    _sends_in_data: int | None = None

    def data(self, msg: Any) -> tuple[int, bytes]:
        self.awaiting_confirmation = False
        self._sends_in_data = 0
        try:
            reply = super().data(msg)  # type: ignore[misc]
        finally:
            self._sends_in_data = None
        self.awaiting_confirmation = False  # a reply came, whatever it says
        return reply

    def send(self, s: Any) -> None:
        super().send(s)  # type: ignore[misc]
        if self._sends_in_data is not None:
            self._sends_in_data += 1
            if self._sends_in_data >= 2:  # the first is the DATA command, the second the body
                self.awaiting_confirmation = True


class ConfirmationTrackingSMTP(_ConfirmationTracking, smtplib.SMTP):
    pass


class ConfirmationTrackingSMTPSSL(_ConfirmationTracking, smtplib.SMTP_SSL):
    pass


class ConfirmingSMTPBackend(EmailBackend):
    """Django's SMTP backend, raising `DeliveryUnconfirmed` for the ambiguous failure."""

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return ConfirmationTrackingSMTPSSL if self.use_ssl else ConfirmationTrackingSMTP

    def _send(self, email_message: Any) -> bool:
        try:
            return super()._send(email_message)  # type: ignore[misc]
        except Exception as exc:
            if getattr(self.connection, "awaiting_confirmation", False):
                raise DeliveryUnconfirmed(type(exc).__name__) from exc
            raise
