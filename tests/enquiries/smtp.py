"""Real SMTP endpoints on loopback for the enquiry tests: a working server (aiosmtpd), one that
confirms each message only after a delay (a slow relay), a port that refuses connections, and a
server that accepts connections and never answers."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.live_site import free_port


class CollectingHandler:
    """Keeps every message the server accepts. With `confirm_delay` it keeps (and will deliver)
    each message as soon as its body has arrived, but confirms it only that many seconds later,
    like a relay that confirms later than the sender's timeout."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.confirm_delay = 0.0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        if self.confirm_delay:
            await asyncio.sleep(self.confirm_delay)
        return "250 Message accepted for delivery"


class SMTPEndpoint:
    """One loopback port whose behaviour tests switch: refusing, accepting or hanging."""

    def __init__(self) -> None:
        self.port = free_port()
        self.handler = CollectingHandler()
        self._controller: Controller | None = None
        self._hanging: socket.socket | None = None
        self._hanging_clients: list[socket.socket] = []

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def accept(self, confirm_delay: float = 0.0) -> None:
        """A working server; `confirm_delay`: seconds it waits before confirming each message
        it has already taken (a late-accepting relay)."""
        self.stop()
        self.handler.confirm_delay = confirm_delay
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def hang(self) -> None:
        """Accept TCP connections but never send the SMTP greeting."""
        self.stop()
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(16)
        server.settimeout(0.1)
        self._hanging = server

        def hold_connections() -> None:
            while self._hanging is server:
                try:
                    client, _ = server.accept()
                except TimeoutError:
                    continue
                except OSError:
                    return
                self._hanging_clients.append(client)
            server.close()

        self._hanging_thread = threading.Thread(target=hold_connections, daemon=True)
        self._hanging_thread.start()

    def refuse(self) -> None:
        """Nothing listening: connections are refused."""
        self.stop()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
        if self._hanging is not None:
            self._hanging = None
            self._hanging_thread.join(timeout=2)  # it closes the listening socket
            for client in self._hanging_clients:
                client.close()
            self._hanging_clients.clear()

    def wait_for(self, count: int, timeout: float = 20) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return self.messages
            time.sleep(0.05)
        raise AssertionError(f"expected {count} messages, got {len(self.messages)}")

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


@contextmanager
def smtp_relay(settings, backend_setting: str = "EMAIL_BACKEND") -> Iterator[SMTPEndpoint]:
    """A working SMTP server on loopback, with `backend_setting` (EMAIL_BACKEND for mail sent
    straight from the code under test, EMAIL_DELIVERY_BACKEND for the worker's deliveries)
    pointing Django's SMTP backend at it."""
    endpoint = SMTPEndpoint()
    endpoint.accept()
    setattr(settings, backend_setting, "django.core.mail.backends.smtp.EmailBackend")
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = endpoint.port
    settings.EMAIL_TIMEOUT = 2
    try:
        yield endpoint
    finally:
        endpoint.stop()
