"""Admin users for browser tests on the live site (production settings: a second factor is
required), and signing in as a person would: password, then the code an authenticator app shows.

    user = create_admin_user(live_site, "moderator-1", groups=["Moderators"])
    sign_in(page, live_site, user)
"""

from __future__ import annotations

import secrets
import time
from binascii import unhexlify
from dataclasses import dataclass

from django_otp.oath import TOTP
from playwright.sync_api import Page

from tests.live_site import LiveSite

STEP = 30  # seconds: django-otp's TOTP default, as authenticator apps use

_CREATE_USER = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
User = get_user_model()
user, _ = User.objects.get_or_create(username={username!r})
user.email = {email!r}
user.is_staff = True
user.is_superuser = {superuser!r}
user.set_password({password!r})
user.save()
user.groups.set([Group.objects.get(name=name) for name in {groups!r}])
TOTPDevice.objects.filter(user=user).delete()
StaticDevice.objects.filter(user=user).delete()
TOTPDevice.objects.create(user=user, name="Authenticator app", key={key!r}, confirmed=True)
"""


@dataclass(frozen=True)
class AdminUser:
    username: str
    password: str
    totp_key: str  # hex, as django-otp stores it


def create_admin_user(
    live_site: LiveSite, username: str, *, superuser: bool = False, groups: tuple[str, ...] = ()
) -> AdminUser:
    """Create (or reset) a staff user with a confirmed authenticator app on the live site."""
    user = AdminUser(username, secrets.token_urlsafe(16), secrets.token_hex(20))
    live_site.manage(
        "shell",
        "-c",
        _CREATE_USER.format(
            username=username,
            email=f"{username}@example.org",
            superuser=superuser,
            password=user.password,
            groups=list(groups),
            key=user.totp_key,
        ),
    )
    return user


_used_steps: dict[str, set[int]] = {}


def current_code(user: AdminUser) -> str:
    """The code the app shows now. django-otp refuses a code twice, so a second sign-in within
    one 30-second step uses the next step's code (accepted: one step of clock tolerance), or
    waits for a fresh step."""
    used = _used_steps.setdefault(user.totp_key, set())
    while True:
        now = time.time()
        step = int(now // STEP)
        for candidate in (step, step + 1):
            if candidate not in used:
                used.add(candidate)
                generator = TOTP(unhexlify(user.totp_key), step=STEP)
                generator.time = candidate * STEP + 1
                return f"{generator.token():06d}"
        time.sleep(STEP - now % STEP + 0.1)


def sign_in(page: Page, live_site: LiveSite, user: AdminUser, next_path: str = "/admin/") -> None:
    """Sign in through the admin's own forms: username and password, then the security code."""
    page.goto(f"{live_site.base_url}/admin/login/?next={next_path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", user.password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/admin/two-factor/" in page.url, f"no security code step for {user.username}"
    page.fill("#id_code", current_code(user))
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")
    assert "/admin/two-factor/" not in page.url and "/admin/login/" not in page.url, (
        f"{user.username} could not sign in"
    )
