"""Production settings refuse unsafe configuration; management commands work as documented."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "a-long-random-production-secret-" + "k3y" * 12


def load_production_settings(code: str = "", **env: str) -> subprocess.CompletedProcess:
    """A fresh process that loads the production settings with `env`, then runs `code`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="infant_mh.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env",
    [
        {"ALLOWED_HOSTS": "example.org"},
        {"ALLOWED_HOSTS": "example.org", "SECRET_KEY": "short"},
        {"ALLOWED_HOSTS": "example.org", "SECRET_KEY": "django-insecure-" + "x" * 60},
    ],
)
def test_production_refuses_to_start_without_a_real_secret(env: dict[str, str]) -> None:
    result = load_production_settings(**env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    result = load_production_settings(SECRET_KEY=GOOD_SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_production_starts_with_a_secret_and_hosts() -> None:
    result = load_production_settings(SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("url", "env", "kept"),
    [
        ("sqlite:///site.sqlite3", {}, 60),
        ("sqlite:///site.sqlite3", {"DATABASE_CONN_MAX_AGE": "0"}, 0),
        ("postgres://postgres@127.0.0.1:5432/infant_mh", {}, 60),
    ],
    ids=["sqlite", "sqlite-one-per-request", "postgresql"],
)
def test_database_connections_are_kept_open(url: str, env: dict[str, str], kept: int) -> None:
    """Opening a SQLite connection (its PRAGMAs) and closing it (the WAL checkpoint) cost more
    than a search's queries: both databases keep connections, DATABASE_CONN_MAX_AGE seconds."""
    result = load_production_settings(
        "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=url,
        **env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == str(kept)


@pytest.mark.django_db
def test_createsuperuser_works_non_interactively(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "editor")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "editor@example.org")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-strong-test-password-123")
    call_command("createsuperuser", "--noinput", verbosity=0)
    user = get_user_model().objects.get(username="editor")
    assert user.is_superuser
    assert user.check_password("a-strong-test-password-123")


def test_dockerfile_serves_what_the_tests_exercise() -> None:
    """The image must run the same settings module and gunicorn config as the live tests."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "DJANGO_SETTINGS_MODULE=infant_mh.settings.production" in dockerfile
    assert 'CMD ["gunicorn", "-c", "infant_mh/gunicorn.conf.py"]' in dockerfile
    assert "USER 10001:10001" in dockerfile
