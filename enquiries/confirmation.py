"""The reference in the confirmation URL is signed, so the page needs no session or lookup.

The URL carries the reference and its signature as two path segments (`sent/<ref>/<sig>/`),
because Wagtail's page URLs allow only word characters and hyphens in each segment.
"""

from __future__ import annotations

from django.core import signing

SALT = "enquiries.confirmation"


def confirmation_path_args(reference: str) -> list[str]:
    signed = signing.Signer(salt=SALT).sign(reference)
    return [reference, signed.rpartition(":")[2]]


def verified_reference(reference: str, signature: str) -> str | None:
    try:
        return signing.Signer(salt=SALT).unsign(f"{reference}:{signature}")
    except signing.BadSignature:
        return None
