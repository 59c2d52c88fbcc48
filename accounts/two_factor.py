"""Second-factor rules and devices: who needs one, setting one up, recovery codes."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp import verify_token as otp_verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10


def second_factor_required(user: AbstractBaseUser) -> bool:
    """Whether this signed-in user must pass a second factor before using the admin."""
    if not settings.ADMIN_REQUIRE_2FA:
        return False
    return user.get_username() not in settings.ADMIN_2FA_EXEMPT_USERNAMES


def has_second_factor(user: AbstractBaseUser) -> bool:
    return user_has_device(user, confirmed=True)


def pending_authenticator(user: AbstractBaseUser) -> TOTPDevice:
    """The user's unconfirmed authenticator, created on first use (the secret stays the same
    while they set it up, so reloading the page does not invalidate a scanned code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT fresh one-time codes."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def seconds_to_wait(devices: list[Device]) -> int:
    """How long django-otp's throttling still refuses codes after wrong ones (0: not at all)."""
    wait = 0.0
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            wait = max(wait, (data["locked_until"] - timezone.now()).total_seconds())
    return math.ceil(wait)


def confirmed_devices(user: AbstractBaseUser) -> list[Device]:
    return list(devices_for_user(user, confirmed=True))


def verified_device(user: AbstractBaseUser, code: str) -> Device | None:
    """The confirmed device that accepts `code`: six digits are an authenticator code, anything
    else a recovery code (each device throttles repeated failures itself)."""
    code = normalise_code(code)
    kind = TOTPDevice if code.isdigit() else StaticDevice
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, kind):
            verified = otp_verify_token(user, device.persistent_id, code)
            if verified is not None:
                return verified
    return None


def confirm_authenticator(device: TOTPDevice, code: str) -> bool:
    """Confirm a new authenticator with a code from it; any other authenticator is replaced."""
    with transaction.atomic():
        if not device.verify_token(normalise_code(code)):
            return False
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True


def remove_devices(user: AbstractBaseUser) -> int:
    """Delete every second-factor device: the user sets up a new one at next sign-in."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return removed
