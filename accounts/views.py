"""Second-factor pages (set up, enter a code, recovery codes) and the queued password reset."""

from __future__ import annotations

from base64 import b32encode
from typing import cast

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.middleware import is_verified
from wagtail.admin.views.account import PasswordResetView

from .forms import CodeForm, SetupForm
from .password_reset import is_rate_limited, queue_reset
from .qr import qr_svg
from .two_factor import (
    confirm_authenticator,
    confirmed_devices,
    has_second_factor,
    new_recovery_codes,
    pending_authenticator,
    remove_devices,
    seconds_to_wait,
    verified_device,
)

RECOVERY_CODES_SESSION_KEY = "accounts_new_recovery_codes"
WRONG_CODE = (
    "That code is not right. Enter the code your app shows now for this website (check your "
    "phone sets its clock automatically), or an unused recovery code."
)


def _wait_message(seconds: int) -> str:
    return (
        f"Too many wrong codes. Wait {seconds} second{'s' if seconds != 1 else ''}, "
        "then enter the code your app shows at that time."
    )


def _user(request: HttpRequest) -> AbstractBaseUser:
    """The signed-in user (every view here is behind login_required)."""
    return cast(AbstractBaseUser, request.user)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="wagtailadmin_login")
def verify(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the authenticator app, or a recovery code."""
    if not has_second_factor(_user(request)):
        return redirect("accounts_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = seconds_to_wait(confirmed_devices(_user(request)))
        device = None if wait else verified_device(_user(request), form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()  # a new session id for the fully signed-in user
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", _wait_message(wait) if wait else WRONG_CODE)
    status = 400 if form.errors else 200
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/verify.html", context, status=status)


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="wagtailadmin_login")
def setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the QR code (or type the key), then confirm a code."""
    if has_second_factor(_user(request)) and not is_verified(request.user):
        return redirect("accounts_verify")  # replacing a device needs the current one first
    device = pending_authenticator(_user(request))
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = seconds_to_wait([device])
        if not wait and confirm_authenticator(device, form.cleaned_data["code"]):
            otp_login(request, device)
            request.session.cycle_key()  # a new session id for the fully signed-in user
            request.session[RECOVERY_CODES_SESSION_KEY] = new_recovery_codes(_user(request))
            return redirect(reverse("accounts_recovery_codes") + "?" + request.GET.urlencode())
        form.add_error("code", _wait_message(wait) if wait else WRONG_CODE)
    secret = b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "qr_code": qr_svg(
            device.config_url, "QR code to add this website to your authenticator app"
        ),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "replacing": has_second_factor(_user(request)),
    }
    return render(request, "accounts/setup.html", context, status=400 if form.errors else 200)


@never_cache
@login_required(login_url="wagtailadmin_login")
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shows newly made recovery codes once; a verified user can make a new set (POST)."""
    if request.method == "POST" and is_verified(request.user):
        request.session[RECOVERY_CODES_SESSION_KEY] = new_recovery_codes(_user(request))
        return redirect("accounts_recovery_codes")
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    context = {"codes": codes, "next": _next_url(request)}
    return render(request, "accounts/recovery_codes.html", context)


class QueuedPasswordResetView(PasswordResetView):
    """Wagtail's reset form, answered without looking the account up or sending anything."""

    def form_valid(self, form: Form) -> HttpResponse:
        email = form.cleaned_data["email"]
        if is_rate_limited(self.request, email):
            form.add_error(
                None,
                "There have been too many requests to reset a password from here or for this "
                "address. Wait an hour, then try again, or ask a site administrator for help.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        queue_reset(self.request, email)
        return HttpResponseRedirect(self.get_success_url())


@never_cache
@login_required(login_url="wagtailadmin_login")
def reset_user(request: HttpRequest, user_id: int) -> HttpResponse:
    """Superusers only: remove another user's authenticator and recovery codes (lost phone)."""
    if not getattr(request.user, "is_superuser", False):
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        removed = remove_devices(user)
        messages.success(
            request,
            f"Two-factor sign-in reset for {user.get_username()} ({removed} device(s) removed): "
            "they will set up an authenticator app the next time they sign in.",
        )
        return redirect("wagtailusers_users:index")
    context = {"subject": user, "has_devices": has_second_factor(user)}
    return render(request, "accounts/reset_user.html", context)
