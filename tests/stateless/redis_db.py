"""This test folder's own Redis database on the machine's shared Redis (127.0.0.1:6379): emptied
before and after use, and no other database is ever touched. Spoken to in RESP over a socket, so
the tests need no Redis client of their own."""

from __future__ import annotations

import socket

HOST, PORT = "127.0.0.1", 6379
# Not 0 (the default) and not shared with other tests: FLUSHDB empties only this one.
STATELESS_TEST_DB = 12


def _command(sock: socket.socket, *words: str) -> bytes:
    payload = f"*{len(words)}\r\n" + "".join(f"${len(w.encode())}\r\n{w}\r\n" for w in words)
    sock.sendall(payload.encode())
    reply = sock.recv(4096)
    if reply.startswith(b"-"):
        raise RuntimeError(f"Redis refused {words[0]}: {reply.decode().strip()}")
    return reply


def redis_answers() -> bool:
    try:
        with socket.create_connection((HOST, PORT), timeout=2) as sock:
            return _command(sock, "PING").startswith(b"+PONG")
    except OSError:
        return False


def empty_test_db(db: int = STATELESS_TEST_DB) -> None:
    with socket.create_connection((HOST, PORT), timeout=5) as sock:
        _command(sock, "SELECT", str(db))
        _command(sock, "FLUSHDB")


def redis_url(db: int = STATELESS_TEST_DB) -> str:
    return f"redis://{HOST}:{PORT}/{db}"
