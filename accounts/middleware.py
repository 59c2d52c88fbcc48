"""Every /admin/ page needs a second factor (after django-otp's OTPMiddleware has run)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.middleware import is_verified

from .two_factor import has_second_factor, second_factor_required

# Admin paths a signed-in but not yet verified user may open: signing in and out, password
# reset, the second-factor pages themselves, and the script catalogue and icon sprite that every
# admin page (these included) loads; Wagtail serves those two to anyone.
OPEN_ADMIN_PATHS = ("login/", "logout/", "password_reset/", "two-factor/", "jsi18n/", "sprite/")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect_to = self._redirect_for(request)
        if redirect_to is not None:
            return redirect_to
        return self.get_response(request)

    def _redirect_for(self, request: HttpRequest) -> HttpResponse | None:
        prefix = next((p for p in settings.ADMIN_URL_PREFIXES if request.path.startswith(p)), None)
        if prefix is None or request.path[len(prefix) :].startswith(OPEN_ADMIN_PATHS):
            return None
        user = request.user
        if not user.is_authenticated or is_verified(user) or not second_factor_required(user):
            return None
        view = "accounts_verify" if has_second_factor(user) else "accounts_setup"
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse(view) + (f"?{query}" if query else ""))
