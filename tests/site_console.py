"""Python code run against a deployment's database, as `manage.py shell -c` runs it, in one
long-lived Django process per deployment.

Each `manage.py` process spends a second or two starting Django; the live and browser tests run
some thirty snippets (creating users, pages and notices, counting stored enquiries), ten of them
on the session's shared deployment. The console starts Django once, then runs each snippet in a
fresh namespace with its standard output captured, and closes the database connections after
each one, so it holds no lock or transaction between snippets (SQLite's file lock included).
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path

# As long as `manage.py` may take (tests/live_site.py).
TIMEOUT_SECONDS = 600

# The console's side: read one JSON-encoded snippet per line, answer with one JSON line.
_CONSOLE = """
import contextlib, io, json, sys, traceback
from infant_mh.lean_imports import import_lean_before_setup
import_lean_before_setup()
import django
django.setup()
from django.db import connections
answers = sys.stdout
for line in sys.stdin:
    output, failure = io.StringIO(), ""
    try:
        with contextlib.redirect_stdout(output):
            exec(compile(json.loads(line), "<shell -c>", "exec"), {"__name__": "__main__"})
    except BaseException:
        failure = traceback.format_exc()
    finally:
        connections.close_all()
    answers.write(json.dumps({"stdout": output.getvalue(), "failure": failure}) + "\\n")
    answers.flush()
"""


class SiteConsole:
    """One Django process with a deployment's environment, running snippets on request."""

    def __init__(self, root: Path, env: dict[str, str], log_path: Path):
        self.log_path = log_path
        self._log = log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-c", _CONSOLE],
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,  # a file: a chatty snippet can never fill a pipe and block
            text=True,
        )

    def run(self, code: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run `code`; what `manage.py shell -c code` would return (exit status 1 and the
        traceback on standard error when it raises)."""
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(code) + "\n")
        self.process.stdin.flush()
        # One request, one line back: nothing is ever left in stdout's buffer between runs.
        if not select.select([self.process.stdout], [], [], TIMEOUT_SECONDS)[0]:
            self.process.kill()
            raise subprocess.TimeoutExpired(["manage.py", "shell", "-c", code], TIMEOUT_SECONDS)
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the site console exited:\n{self.log_path.read_text()}")
        answer = json.loads(line)
        args = ["manage.py", "shell", "-c", code]
        result = subprocess.CompletedProcess(
            args, 1 if answer["failure"] else 0, answer["stdout"], answer["failure"]
        )
        if check:
            result.check_returncode()
        return result

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
