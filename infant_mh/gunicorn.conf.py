"""gunicorn settings, shared by `make run`, the tests' live server and the Docker image."""

import os

wsgi_app = "infant_mh.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = "-"
errorlog = "-"
# Trust X-Forwarded-* only from the reverse proxy in front of us.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# --- Email task worker beside the web server (`make run`) ----------------------------------------
# With RUN_TASK_WORKER=true the gunicorn master starts `manage.py db_worker` when it starts and
# stops it when it exits, so one command runs both. In Docker the worker is its own service.
_task_worker = None


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
    global _task_worker
    if not _run_task_worker():
        return
    import subprocess
    import sys
    from pathlib import Path

    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--backend=database",
        "--queue-name=*",
        f"--interval={os.environ.get('TASK_WORKER_INTERVAL', '1')}",
        "--no-reload",
    ]
    _task_worker = subprocess.Popen(  # noqa: S603
        command,
        cwd=Path(__file__).resolve().parent.parent,
        preexec_fn=_die_with_parent,
    )
    server.log.info("Started the email task worker (pid %s)", _task_worker.pid)


def on_exit(server) -> None:
    import subprocess

    if _task_worker is None or _task_worker.poll() is not None:
        return
    server.log.info("Stopping the email task worker (pid %s)", _task_worker.pid)
    _task_worker.terminate()
    try:
        _task_worker.wait(timeout=graceful_timeout)
    except subprocess.TimeoutExpired:
        _task_worker.kill()
