"""Answers /healthz and /readyz before host checks, redirects and sessions.

A container healthcheck or load balancer asks gunicorn directly, over plain HTTP, by an address
that is not in ALLOWED_HOSTS: these two answers name no host and set no cookie, so they are
answered here, right after SecurityMiddleware (SECURE_REDIRECT_EXEMPT keeps them off the HTTPS
redirect), and never reach CommonMiddleware's host check.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

from . import views

ENDPOINTS: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    "/healthz": views.healthz,
    "/readyz": views.readyz,
}


class HealthEndpointsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        endpoint = ENDPOINTS.get(request.path_info)
        if endpoint is None:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return endpoint(request)
