"""Keeps one child process running: restarts it with a growing delay whenever it exits.

gunicorn's master runs one of these for the task worker under `make run` (RUN_TASK_WORKER, see
infant_mh/gunicorn.conf.py). Plain Python only: it is imported before Django is set up.
"""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path


class Supervisor:
    """Start `command`, and after it exits (crash, SIGKILL, clean exit) start it again after a
    delay that doubles from `initial_delay` up to `max_delay`, back to `initial_delay` once a
    run has lasted `healthy_after` seconds."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        cwd: Path | str,
        log: logging.Logger,
        initial_delay: float = 1.0,
        max_delay: float = 30.0,
        healthy_after: float = 60.0,
        preexec_fn: Callable[[], None] | None = None,
    ):
        self.command = list(command)
        self.cwd = cwd
        self.log = log
        self.initial_delay = initial_delay
        self.max_delay = max_delay
        self.healthy_after = healthy_after
        self.preexec_fn = preexec_fn
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="worker-supervisor", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def hold_forks_until_spawned(self) -> None:
        """Wait while a child is being started. gunicorn's master calls this before it forks a
        web worker: a worker forked while `Popen` waits for its child to exec would inherit
        Popen's status pipe, and `Popen` would then block until that web worker exits."""
        with self._lock:
            pass

    def _spawn(self) -> subprocess.Popen | None:
        with self._lock:
            if self._stopping.is_set():
                return None
            self.process = subprocess.Popen(  # noqa: S603 (our own fixed command)
                self.command, cwd=self.cwd, preexec_fn=self.preexec_fn
            )
            self.starts += 1
            return self.process

    def _loop(self) -> None:
        delay = self.initial_delay
        while True:
            process = self._spawn()
            if process is None:
                return
            self.log.info("Started the task worker (pid %s)", process.pid)
            started = time.monotonic()
            # gunicorn's master may reap the child first; Popen then reports exit code 0.
            code = process.wait()
            if self._stopping.is_set():
                return
            if time.monotonic() - started >= self.healthy_after:
                delay = self.initial_delay
            self.log.warning(
                "The task worker (pid %s) exited with %s; restarting it in %g s",
                process.pid,
                f"signal {-code}" if code < 0 else f"code {code}",
                delay,
            )
            if self._stopping.wait(delay):
                return
            delay = min(delay * 2, self.max_delay)

    def stop(self, timeout: float) -> None:
        """Stop restarting, then SIGTERM the child; SIGKILL if it is still running at `timeout`."""
        with self._lock:
            self._stopping.set()
            process = self.process
        if process is None or process.poll() is not None:
            return
        self.log.info("Stopping the task worker (pid %s)", process.pid)
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
