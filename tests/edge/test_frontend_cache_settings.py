"""The frontend cache settings block of infant_mh/settings/base.py, read from the environment."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from infant_mh.settings import base

BASE = Path(base.__file__)

VARIABLES = [
    "FRONTEND_CACHE_BACKEND",
    "FRONTEND_CACHE_LOCATION",
    "FRONTEND_CACHE_TIMEOUT",
    "FRONTEND_CACHE_HOSTNAMES",
    "CLOUDFLARE_ZONE_ID",
    "CLOUDFLARE_BEARER_TOKEN",
    "CLOUDFRONT_DISTRIBUTION_ID",
    "AZURE_RESOURCE_GROUP",
    "AZURE_CDN_PROFILE",
    "AZURE_CDN_ENDPOINT",
    "AZURE_FRONT_DOOR_NAME",
    "AZURE_SUBSCRIPTION_ID",
]


def base_settings(monkeypatch, **environment: str) -> dict[str, Any]:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    # A fresh run of base.py, as at start-up (its module object stays as the test run set it).
    namespace: dict[str, Any] = {
        "__name__": "infant_mh.settings.edge_test",
        "__package__": "infant_mh.settings",
        "__file__": str(BASE),
    }
    exec(compile(BASE.read_text(), str(BASE), "exec"), namespace)  # noqa: S102
    return namespace


def test_off_by_default(monkeypatch):
    settings = base_settings(monkeypatch)
    assert settings["WAGTAILFRONTENDCACHE"] == {}
    assert "wagtail.contrib.frontend_cache" not in settings["INSTALLED_APPS"]


def test_varnish(monkeypatch):
    settings = base_settings(
        monkeypatch,
        FRONTEND_CACHE_BACKEND="varnish",
        FRONTEND_CACHE_LOCATION="http://cache:6081",
        FRONTEND_CACHE_HOSTNAMES="infant-mh.example.org",
    )
    assert settings["WAGTAILFRONTENDCACHE"] == {
        "varnish": {
            "BACKEND": "caching.edge.VarnishBackend",
            "LOCATION": "http://cache:6081",
            "TIMEOUT": 5,
            "HOSTNAMES": ["infant-mh.example.org"],
        }
    }
    assert "wagtail.contrib.frontend_cache" in settings["INSTALLED_APPS"]


def test_varnish_and_a_cdn_together(monkeypatch):
    settings = base_settings(
        monkeypatch,
        FRONTEND_CACHE_BACKEND="varnish, Cloudflare",
        FRONTEND_CACHE_LOCATION="http://cache:6081",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_BEARER_TOKEN="token",
    )
    assert settings["WAGTAILFRONTENDCACHE"]["cloudflare"] == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": "zone",
        "BEARER_TOKEN": "token",
    }
    assert set(settings["WAGTAILFRONTENDCACHE"]) == {"varnish", "cloudflare"}


def test_azure_front_door_options(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())
    settings = base_settings(
        monkeypatch,
        FRONTEND_CACHE_BACKEND="azure_front_door",
        AZURE_RESOURCE_GROUP="group",
        AZURE_FRONT_DOOR_NAME="door",
        AZURE_SUBSCRIPTION_ID="subscription",
    )
    assert settings["WAGTAILFRONTENDCACHE"]["azure_front_door"] == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.AzureFrontDoorBackend",
        "RESOURCE_GROUP_NAME": "group",
        "FRONT_DOOR_NAME": "door",
        "SUBSCRIPTION_ID": "subscription",
    }


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"FRONTEND_CACHE_BACKEND": "squid"}, "'squid' is not one of none, varnish"),
        ({"FRONTEND_CACHE_BACKEND": "varnish"}, "needs FRONTEND_CACHE_LOCATION"),
        (
            {"FRONTEND_CACHE_BACKEND": "azure_cdn", "AZURE_RESOURCE_GROUP": "group"},
            "needs AZURE_CDN_PROFILE, AZURE_CDN_ENDPOINT",
        ),
    ],
)
def test_a_wrong_or_incomplete_choice_stops_start_up(monkeypatch, environment, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        base_settings(monkeypatch, **environment)


def test_a_missing_client_library_stops_start_up(monkeypatch):
    def find_spec(name: str):
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    with pytest.raises(ImproperlyConfigured, match="needs the Python package 'boto3'"):
        base_settings(
            monkeypatch, FRONTEND_CACHE_BACKEND="cloudfront", CLOUDFRONT_DISTRIBUTION_ID="E123"
        )
