"""gunicorn settings, shared by `make run`, the tests' live server and the Docker image."""

import os

wsgi_app = "infant_mh.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Worker processes (issue 12): gunicorn's `sync` worker, one request at a time each, is the
# cheapest per request (2.5 x the requests per second of 2 x 2 `gthread` threads with the access
# log, on a cached page: README, "Caching"). It needs a buffering proxy in front, which every
# deployment has (nginx, and the edge cache); GUNICORN_THREADS above 1 switches to `gthread`.
# Three processes: one can wait on the database, the object store or an upload while two use
# the cores.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# No access log of gunicorn's own by default: the proxy in front logs every request (compose's
# nginx), and formatting and writing a line costs a cached page a third of its time here.
# GUNICORN_ACCESS_LOG=- logs to standard output (or give a file's path).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# Trust X-Forwarded-* only from the reverse proxy in front of us.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190


# --- Worker memory (issue 12) ---------------------------------------------------------------------
# glibc gives threads that allocate at once their own malloc arenas (up to 8 per core), each
# holding freed memory of its own. Two arenas serve a worker's GUNICORN_THREADS as fast and hold
# about 1.5 MiB less per worker (bench/worker_memory.py). Set here, in the master, before the
# workers fork (they inherit it); a MALLOC_ARENA_MAX in the environment, which glibc reads at
# start-up, wins.
MALLOC_ARENA_LIMIT = 2
_M_ARENA_MAX = -8  # mallopt()'s parameter number, glibc's malloc.h


def _limit_malloc_arenas() -> None:
    if os.environ.get("MALLOC_ARENA_MAX"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(_M_ARENA_MAX, MALLOC_ARENA_LIMIT)
    except (OSError, AttributeError):  # not glibc: its allocator has no such arenas
        pass


_limit_malloc_arenas()

# --- Email task worker beside the web server (`make run`) ----------------------------------------
# With RUN_TASK_WORKER=true the gunicorn master runs `manage.py run_worker` under a supervisor
# thread (operations/supervisor.py): restarted with a growing delay (1 s doubling to 30 s) whenever
# it exits or is killed, stopped when gunicorn exits. In Docker the worker is its own service.
_supervisor = None


def _run_task_worker() -> bool:
    return os.environ.get("RUN_TASK_WORKER", "").strip().lower() in {"1", "true", "yes", "on"}


def _die_with_parent() -> None:
    """Linux: the worker gets SIGTERM if gunicorn's master dies without running on_exit."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def on_starting(server) -> None:
    global _supervisor
    if not _run_task_worker():
        return
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from operations.supervisor import Supervisor

    command = [
        sys.executable,
        "manage.py",
        "run_worker",
        "--backend=database",
        "--queue-name=*",
        f"--interval={os.environ.get('TASK_WORKER_INTERVAL', '1')}",
        "--no-reload",
    ]
    _supervisor = Supervisor(
        command,
        cwd=root,
        log=server.log,
        initial_delay=float(os.environ.get("TASK_WORKER_RESTART_DELAY", "1")),
        max_delay=float(os.environ.get("TASK_WORKER_RESTART_MAX_DELAY", "30")),
        preexec_fn=_die_with_parent,
    )
    _supervisor.start()


def pre_fork(server, worker) -> None:
    if _supervisor is not None:
        _supervisor.hold_forks_until_spawned()


def on_exit(server) -> None:
    if _supervisor is not None:
        _supervisor.stop(timeout=graceful_timeout)
