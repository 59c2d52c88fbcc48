"""Signing in to the admin in Chromium on the live site (production settings): password, then a
code from an authenticator app that the test computes; first-time set-up; the lockout page."""

from __future__ import annotations

import re
import secrets
import time
from base64 import b32decode

from django_otp.oath import TOTP
from playwright.sync_api import Browser, Page, expect

from tests.browser.admin_users import create_admin_user, current_code, sign_in
from tests.browser.axe_checks import describe, run_axe
from tests.browser.conftest import WIDTHS

_CREATE_WITHOUT_DEVICE = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user, _ = get_user_model().objects.get_or_create(username={username!r})
user.is_staff = True
user.set_password({password!r})
user.save()
user.groups.set([Group.objects.get(name="Editors")])
"""


def new_page(browser: Browser) -> Page:
    return browser.new_context(viewport=WIDTHS["1280"]).new_page()


def assert_accessible(page: Page) -> None:
    wcag, _ = run_axe(page)
    assert not wcag, f"WCAG failures on {page.url}:\n{describe(wcag)}"


def test_editor_signs_in_with_a_code_from_the_app(browser, live_site):
    editor = create_admin_user(live_site, "signin-editor", groups=("Editors",))
    page = new_page(browser)
    try:
        page.goto(f"{live_site.base_url}/admin/login/")
        page.fill("#id_username", editor.username)
        page.fill("#id_password", editor.password)
        with page.expect_navigation():
            page.click("button[type=submit]")
        assert "/admin/two-factor/" in page.url
        expect(page.locator("h1")).to_have_text("Enter your security code")
        assert_accessible(page)
        response = page.goto(f"{live_site.base_url}/admin/pages/")
        assert response is not None and "/admin/two-factor/" in page.url  # no way round it

        page.fill("#id_code", "000000")
        with page.expect_navigation():
            page.click("form.login-form button[type=submit]")
        expect(page.locator(".error-message")).to_contain_text("That code is not right")
        time.sleep(1.1)  # django-otp makes the next try wait after a wrong code

        page.fill("#id_code", current_code(editor))
        with page.expect_navigation():
            page.click("form.login-form button[type=submit]")
        assert page.url.endswith("/admin/pages/")  # where the editor was going
        response = page.goto(f"{live_site.base_url}/admin/")
        assert response is not None and response.status == 200
        expect(page).to_have_title(re.compile("^Dashboard"))
    finally:
        page.context.close()


def test_new_user_sets_up_the_app_and_sees_recovery_codes(browser, live_site):
    username, password = "signin-newcomer", secrets.token_urlsafe(16)
    live_site.manage(
        "shell", "-c", _CREATE_WITHOUT_DEVICE.format(username=username, password=password)
    )
    page = new_page(browser)
    try:
        page.goto(f"{live_site.base_url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.click("button[type=submit]")
        assert "/admin/two-factor/set-up/" in page.url
        expect(page.locator(".accounts-qr-code svg")).to_be_visible()
        assert_accessible(page)
        key = b32decode(page.locator("#secret-key").inner_text().replace(" ", ""))
        page.fill("#id_code", f"{TOTP(key).token():06d}")
        with page.expect_navigation():
            page.click("form.login-form button[type=submit]")
        expect(page.locator("h1")).to_have_text("Your recovery codes")
        expect(page.locator(".accounts-recovery-codes li")).to_have_count(10)
        assert_accessible(page)
        with page.expect_navigation():
            page.get_by_role("link", name="I have saved my recovery codes").click()
        expect(page).to_have_title(re.compile("^Dashboard"))
    finally:
        page.context.close()


def test_repeated_wrong_passwords_show_the_lockout_page(browser, live_site):
    user = create_admin_user(live_site, "signin-forgetful", groups=("Editors",))
    page = new_page(browser)
    try:
        for _ in range(5):
            page.goto(f"{live_site.base_url}/admin/login/")
            page.fill("#id_username", user.username)
            page.fill("#id_password", "not the password")
            with page.expect_navigation() as navigation:
                page.click("button[type=submit]")
        assert navigation.value.status == 429
        expect(page.locator("h1")).to_have_text("Signing in is paused")
        assert_accessible(page)
        page.goto(f"{live_site.base_url}/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", user.password)
        with page.expect_navigation() as navigation:
            page.click("button[type=submit]")
        assert navigation.value.status == 429  # even the right password, until the lock ends
        live_site.manage("axes_reset_username", user.username)
        sign_in(page, live_site, user)
    finally:
        page.context.close()
