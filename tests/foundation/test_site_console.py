"""The live tests' site console (tests/site_console.py) runs `manage.py shell -c` snippets as
`manage.py` would: against the deployment's database, each in a fresh namespace, with standard
output returned, and a snippet that raises fails like a command that exits 1; all in one
process per deployment."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.live_site import LiveSite


def test_snippets_run_as_manage_py_shell_runs_them_in_one_process(tmp_path: Path) -> None:
    site = LiveSite(tmp_path)
    site.prepare()  # a copy of the session's seeded template, which the other live tests share
    try:
        counted = site.manage(
            "shell",
            "-c",
            "from wagtail.models import Site\nprint(Site.objects.filter(is_default_site=True).count())",
        )
        assert counted.returncode == 0
        assert counted.stdout.strip() == "1"
        assert site.manage("shell", "-c", "name = 'kept?'\nprint(name)").stdout == "kept?\n"

        with pytest.raises(subprocess.CalledProcessError) as failure:
            site.manage("shell", "-c", "print(name)")  # a fresh namespace: nothing kept
        assert "NameError" in failure.value.stderr
        unchecked = site.manage("shell", "-c", "raise ValueError('refused')", check=False)
        assert unchecked.returncode == 1 and "ValueError: refused" in unchecked.stderr

        assert site.console is not None
        console = site.console.process
        site.manage("shell", "-c", "pass")
        assert site.console.process is console and console.poll() is None
    finally:
        site.stop()
    assert console.poll() is not None  # stopped with the site
