"""The one error the loader raises: bad seed content, named by file and position."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from wagtail.blocks.base import get_error_json_data


class SeedContentError(Exception):
    """Seed content that cannot be loaded; the message names the file and what is wrong."""


@contextmanager
def reported_as(source: str) -> Iterator[None]:
    """Re-raise any content or validation error from the block as one naming `source`."""
    try:
        yield
    except SeedContentError as error:
        raise SeedContentError(f"{source}: {error}") from error
    except ValidationError as error:
        raise SeedContentError(f"{source}: {describe_validation_error(error)}") from error


def describe_validation_error(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def describe_block_error(error: ValidationError, raw: Any, where: str) -> str:
    """One line per message, each with its path: 'body > block 3 (video) > url: Use a …'."""
    return "; ".join(_block_error_lines(get_error_json_data(error), raw, where))


def _block_error_lines(data: dict, raw: Any, where: str) -> list[str]:
    lines = [f"{where}: {message}" for message in data.get("messages", [])]
    for key, child in data.get("blockErrors", {}).items():
        if isinstance(key, int) and isinstance(raw, list):
            item = raw[key]
            if isinstance(item, dict) and "type" in item:  # a StreamBlock child
                label, child_raw = f"block {key + 1} ({item['type']})", item["value"]
            else:  # a ListBlock item
                label, child_raw = f"item {key + 1}", item
        else:
            label, child_raw = str(key), (raw or {}).get(key) if isinstance(raw, dict) else None
        lines += _block_error_lines(child, child_raw, f"{where} > {label}")
    return lines
