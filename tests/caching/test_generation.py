"""The content generation: atomic bumps from many processes or threads, cheap reads, and no way
back to a number handed out before (a counter file or Redis key that disappears)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.core.cache import cache

from caching.generation import GENERATION_KEY, FileCounter, bump_generation, current_generation


def _bump_many(path: str, times: int) -> None:
    counter = FileCounter(Path(path))
    for _ in range(times):
        counter.bump()


def test_file_counter_bumps_are_atomic_across_processes(tmp_path, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    start = current_generation()
    fork = multiprocessing.get_context("fork")
    workers = [fork.Process(target=_bump_many, args=(str(tmp_path), 250)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert current_generation() == start + 1000


def test_a_new_counter_file_clears_the_file_cache(tmp_path, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    bump_generation()
    cache.set("an-entry", "stored under an earlier counter")
    (tmp_path / "generation").unlink()
    assert current_generation() == 0
    assert cache.get("an-entry") is None


def test_redis_bumps_are_atomic(redis_cache):
    start = current_generation()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _n: bump_generation(), range(400)))
    assert current_generation() == start + 400


def test_a_lost_redis_key_never_brings_back_an_earlier_number(redis_cache):
    bump_generation()
    before = current_generation()
    cache.delete(GENERATION_KEY)  # evicted, or Redis restarted empty
    assert current_generation() > before
    bump_generation()
    cache.delete(GENERATION_KEY)
    bump_generation()  # a bump on a missing key starts afresh too
    assert current_generation() > before
