"""Which release of the code rendered a cached page.

The page cache outlives a restart (its files or Redis stay), but a page rendered by the previous
release may name static files or markup the new one no longer has. Every cached page is therefore
keyed on a fingerprint of the code that rendered it: the project's Python modules and templates
(names, sizes and modification times) and the collected static files' manifest. A deployment of
new code starts with an empty page cache, and during a rolling deployment each release serves
only its own pages.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from django.conf import settings

SOURCE_SUFFIXES = (".py", ".html", ".txt", ".xml")
SKIPPED_FOLDERS = frozenset({"node_modules", "tests", "bench", "media", "staticfiles", "frontend"})
STATIC_MANIFEST = "staticfiles.json"


def _source_files(root: Path) -> Iterator[Path]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and name not in SKIPPED_FOLDERS
        )
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                yield Path(folder, name)


@cache
def release_fingerprint() -> str:
    """A short digest of the code and static files this process serves (computed once)."""
    digest = hashlib.blake2b(digest_size=8)
    root = Path(settings.BASE_DIR)
    candidates = [*_source_files(root), Path(settings.STATIC_ROOT) / STATIC_MANIFEST]
    for path in candidates:
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
