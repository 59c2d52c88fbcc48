"""The second factor under production-like settings (ADMIN_REQUIRE_2FA): no admin page without a
confirmed authenticator app, a TOTP code after the password, recovery codes that work once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from base64 import b32encode

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import sign_in

pytestmark = pytest.mark.django_db

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.ADMIN_REQUIRE_2FA = True
    settings.ADMIN_2FA_EXEMPT_USERNAMES = []


def next_code(device: TOTPDevice) -> str:
    """The code the app shows in the next 30-second step (accepted: one step of tolerance), so a
    test never repeats a code already used in this step (django-otp refuses reuse)."""
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() + device.step
    return f"{generator.token():06d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def test_user_without_a_second_factor_cannot_reach_the_dashboard(client, editor):
    assert sign_in(client, "editor").status_code == 302
    for path in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/snippets/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/two-factor/set-up/?next="), path
    page = client.get("/admin/two-factor/set-up/?next=/admin/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html  # the QR code, inline
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    key = BeautifulSoup(html, "html.parser").find(id="secret-key").get_text()
    assert key.replace(" ", "") == b32encode(device.bin_key).decode()  # to type in by hand
    assert "script" not in BeautifulSoup(html, "html.parser").find("svg").decode()
    assert client.get("/admin/").status_code == 302


def test_pages_before_the_second_factor_still_get_their_scripts_and_icons(client, editor):
    """Every admin page, the sign-in steps included, loads the script catalogue and the icon
    sprite: those must not turn into a redirect to the very page that loads them."""
    confirmed_device(editor)
    sign_in(client, "editor")
    assert client.get("/admin/jsi18n/")["Content-Type"].startswith("text/javascript")
    assert client.get("/admin/sprite/")["Content-Type"].startswith("image/svg+xml")
    assert client.get("/admin/").status_code == 302


def test_set_up_confirms_with_a_code_then_shows_recovery_codes_once(client, editor):
    sign_in(client, "editor")
    client.get("/admin/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=editor)

    wrong = client.post("/admin/two-factor/set-up/?next=/admin/", {"code": "000000"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guesses (tested below): not the point here

    right = client.post(
        "/admin/two-factor/set-up/?next=/admin/",
        {"code": f"{totp(device.bin_key):06d}"},
    )
    assert right.status_code == 302 and right["Location"].startswith(
        "/admin/two-factor/recovery-codes/"
    )
    device.refresh_from_db()
    assert device.confirmed
    shown = client.get(right["Location"]).content.decode()
    codes = [c.get_text() for c in BeautifulSoup(shown, "html.parser").select("li code")]
    assert len(codes) == 10
    assert sorted(codes) == sorted(StaticToken.objects.values_list("token", flat=True))
    again = client.get("/admin/two-factor/recovery-codes/").content.decode()
    assert not any(code in again for code in codes)  # shown once only
    assert client.get("/admin/").status_code == 200


def test_password_then_a_valid_authenticator_code(client, editor):
    device = confirmed_device(editor)
    sign_in(client, "editor")
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/?next=%2Fadmin%2Fpages%2F"

    wrong = client.post("/admin/two-factor/", {"code": "123 456", "next": "/admin/pages/"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guesses (tested below): not the point here
    half_signed_in = client.session.session_key
    right = client.post("/admin/two-factor/", {"code": next_code(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.session.session_key != half_signed_in  # a fresh session id once verified
    assert client.get("/admin/").status_code == 200


def test_next_must_stay_on_this_site(client, editor):
    device = confirmed_device(editor)
    sign_in(client, "editor")
    response = client.post(
        "/admin/two-factor/", {"code": next_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_repeated_wrong_codes_are_slowed_down(client, editor):
    device = confirmed_device(editor)
    sign_in(client, "editor")
    client.post("/admin/two-factor/", {"code": "000000"})
    # Straight after a failure even the right code waits (django-otp's throttling).
    refused = client.post("/admin/two-factor/", {"code": next_code(device)})
    assert refused.status_code == 400
    assert "Too many wrong codes. Wait 1 second, then" in refused.content.decode()
    assert client.get("/admin/").status_code == 302
    time.sleep(1.05)
    assert client.post("/admin/two-factor/", {"code": next_code(device)}).status_code == 302


def test_recovery_code_works_once(editor):
    confirmed_device(editor)
    recovery = StaticDevice.objects.create(user=editor, name="Recovery codes", confirmed=True)
    recovery.token_set.create(token="abcd2345")
    recovery.token_set.create(token="efgh6789")

    first = Client()
    sign_in(first, "editor")
    assert first.post("/admin/two-factor/", {"code": "ABCD 2345"}).status_code == 302
    assert first.get("/admin/").status_code == 200

    second = Client()
    sign_in(second, "editor", ip="198.51.100.2")
    assert second.post("/admin/two-factor/", {"code": "abcd2345"}).status_code == 400
    assert second.get("/admin/").status_code == 302
    recovery.refresh_from_db()
    recovery.throttle_reset()
    assert second.post("/admin/two-factor/", {"code": "efgh6789"}).status_code == 302
    assert second.get("/admin/").status_code == 200


def test_signing_out_is_always_possible(client, editor):
    sign_in(client, "editor")
    assert client.post("/admin/logout/").status_code == 302
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_administrator_removes_a_lost_second_factor(client, editor, capsys):
    confirmed_device(editor)
    StaticDevice.objects.create(user=editor, name="Recovery codes", confirmed=True)
    call_command("reset_two_factor", "editor")
    assert "Removed 2 second-factor device(s) for editor" in capsys.readouterr().out
    sign_in(client, "editor")
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/set-up/")


def test_exempt_local_account_needs_no_second_factor(client, editor, settings):
    settings.ADMIN_2FA_EXEMPT_USERNAMES = ["editor"]
    sign_in(client, "editor")
    assert client.get("/admin/").status_code == 200


def test_verified_user_can_replace_the_app_and_renew_recovery_codes(client, editor):
    old = confirmed_device(editor)
    sign_in(client, "editor")
    client.post("/admin/two-factor/", {"code": next_code(old)})
    client.get("/admin/two-factor/set-up/")
    new = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert client.post("/admin/two-factor/set-up/", {"code": next_code(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=editor)) == [new]
    renewed = client.post("/admin/two-factor/recovery-codes/", follow=True).content.decode()
    assert len(BeautifulSoup(renewed, "html.parser").select("li code")) == 10


def production_settings(**env: str) -> subprocess.CompletedProcess:
    """Import the production settings module alone (a fraction of a second, no django.setup)."""
    code = "import infant_mh.settings.production as s; print(s.ADMIN_REQUIRE_2FA)"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "infant_mh.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 12,
            "ADMIN_REQUIRE_2FA": "",
            "ADMIN_2FA_EXEMPT_USERNAMES": "",
            "HTTPS_ONLY": "",
            "ALLOWED_HOSTS": "infant-mh.example.org",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_requires_2fa_and_refuses_exemptions_over_https():
    assert production_settings().stdout.strip() == "True"
    refused = production_settings(ADMIN_2FA_EXEMPT_USERNAMES="admin")
    assert refused.returncode != 0 and "ADMIN_2FA_EXEMPT_USERNAMES" in refused.stderr
    local = production_settings(ADMIN_2FA_EXEMPT_USERNAMES="admin", HTTPS_ONLY="false")
    assert local.returncode == 0, local.stderr


def test_superuser_resets_a_users_second_factor_from_the_users_list(
    client, editor, django_user_model
):
    colleague = django_user_model.objects.create_user("colleague", "c@example.org", "x" * 12)
    colleague.is_staff = True
    colleague.save()
    confirmed_device(colleague)
    confirmed_device(editor)
    sign_in(client, "editor")
    client.post("/admin/two-factor/", {"code": next_code(TOTPDevice.objects.get(user=editor))})

    listing = client.get("/admin/users/").content.decode()
    url = f"/admin/two-factor/reset/{colleague.pk}/"
    assert url in listing and "Reset two-factor sign-in" in listing
    assert "will be asked to set up" in client.get(url).content.decode()
    done = client.post(url, follow=True)
    assert "Two-factor sign-in reset for colleague" in done.content.decode()
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_only_superusers_may_reset_second_factors(client, editor, django_user_model, settings):
    settings.ADMIN_REQUIRE_2FA = False
    editor.is_superuser = False
    editor.save()
    confirmed_device(editor)
    victim = django_user_model.objects.create_user("victim", "v@example.org", "x" * 12)
    confirmed_device(victim)
    client.force_login(editor)
    assert client.post(f"/admin/two-factor/reset/{victim.pk}/").status_code == 403
    assert TOTPDevice.objects.filter(user=victim).exists()
    assert client.get("/admin/two-factor/reset/999999/").status_code == 403
