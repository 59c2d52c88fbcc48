"""The supervisor gunicorn's master runs for the task worker: a killed or crashed child comes
back after a delay that grows, and stop() ends it for good. Real child processes."""

from __future__ import annotations

import itertools
import logging
import os
import signal
import sys
import time

import pytest

from operations.supervisor import Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]
CRASHER = [sys.executable, "-c", "raise SystemExit(1)"]


def wait_for(condition, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.02)
    raise AssertionError("timed out waiting")


@pytest.fixture
def supervise(tmp_path):
    started: list[Supervisor] = []

    def make(command, **options) -> Supervisor:
        supervisor = Supervisor(command, cwd=tmp_path, log=logging.getLogger("test"), **options)
        supervisor.start()
        started.append(supervisor)
        return supervisor

    yield make
    for supervisor in started:
        supervisor.stop(timeout=5)


def test_killed_child_is_restarted(supervise, caplog):
    caplog.set_level(logging.INFO, logger="test")
    supervisor = supervise(SLEEPER, initial_delay=0.2)
    first = wait_for(lambda: supervisor.process).pid
    os.kill(first, signal.SIGKILL)
    killed = time.monotonic()
    second = wait_for(lambda: supervisor.process.pid != first and supervisor.process).pid
    assert 0.2 <= time.monotonic() - killed < 2
    assert second != first and supervisor.starts == 2
    assert "exited with signal 9; restarting it in 0.2 s" in caplog.text


def test_a_crashing_child_is_restarted_ever_more_slowly(supervise, caplog):
    caplog.set_level(logging.INFO, logger="test")
    supervisor = supervise(CRASHER, initial_delay=0.1, max_delay=0.4)
    wait_for(lambda: supervisor.starts >= 5)
    supervisor.stop(timeout=5)
    records = [record for record in caplog.records if record.name == "test"]
    delays = [
        float(r.getMessage().split(" in ")[-1].removesuffix(" s"))
        for r in records
        if "restarting it in" in r.getMessage()
    ]
    assert delays[:4] == [0.1, 0.2, 0.4, 0.4]  # doubled each time, up to max_delay
    # Each start came at least its delay after the one before (times from the supervisor's own
    # log records, not from polling, which notices a start late by up to its interval).
    started = [r.created for r in records if r.getMessage().startswith("Started the task worker")]
    gaps = [later - earlier for earlier, later in itertools.pairwise(started)]
    assert all(gap >= delay for gap, delay in zip(gaps, delays, strict=False)), (gaps, delays)


def test_stop_ends_the_child_and_restarts_no_more(supervise):
    supervisor = supervise(SLEEPER, initial_delay=0.1)
    process = wait_for(lambda: supervisor.process)
    supervisor.stop(timeout=5)
    assert process.poll() == -signal.SIGTERM
    time.sleep(0.3)
    assert supervisor.process is process and supervisor.starts == 1


def test_a_fork_waits_while_a_child_is_being_started(supervise):
    """gunicorn's pre_fork hook: no web worker is forked while Popen waits for the child to exec
    (the web worker would inherit Popen's status pipe and block it until that worker exits)."""
    supervisor = supervise(SLEEPER, preexec_fn=lambda: time.sleep(0.5))
    time.sleep(0.1)  # the supervisor thread is inside Popen, its child in preexec_fn
    supervisor.hold_forks_until_spawned()
    assert supervisor.process is not None and supervisor.process.poll() is None
