"""/.well-known/security.txt (RFC 9116): fields and format, editable values, expiry limits, and
the dashboard warning to administrators once it has expired."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Site

from operations.models import SecurityTxtSettings

pytestmark = pytest.mark.django_db

URL = "/.well-known/security.txt"
FIELD = re.compile(r"^(Contact|Expires|Preferred-Languages|Canonical): \S.*$")


@pytest.fixture
def site(db, settings) -> Site:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "infant-mh.example.org"]
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "infant-mh.example.org", 443
    site.save()
    return site


def fields(response) -> list[tuple[str, str]]:
    lines = response.content.decode().splitlines()
    assert all(FIELD.match(line) for line in lines), lines
    return [tuple(line.split(": ", 1)) for line in lines]


def test_defaults_are_served_as_plain_text(client, site):
    response = client.get(URL, HTTP_HOST="infant-mh.example.org")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert not response.cookies
    values = dict(fields(response))
    assert values["Contact"] == "mailto:infantmentalhealth@northlincs.gov.uk"
    assert values["Preferred-Languages"] == "en"
    assert values["Canonical"] == "https://infant-mh.example.org/.well-known/security.txt"
    expires = datetime.strptime(values["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    ahead = expires - timezone.now()
    assert timedelta(days=179) < ahead <= timedelta(days=180)


def test_edited_values_and_a_second_contact(client, site):
    SecurityTxtSettings.objects.update_or_create(
        site=site,
        defaults={
            "contact_email": "security@northlincs.gov.uk",
            "contact_url": "https://www.northlincs.gov.uk/report-a-vulnerability/",
            "expires": datetime(2027, 3, 1, 12, 0, tzinfo=UTC),
            "preferred_languages": "en, cy",
        },
    )
    response = client.get(URL, HTTP_HOST="infant-mh.example.org")
    assert fields(response) == [
        ("Contact", "mailto:security@northlincs.gov.uk"),
        ("Contact", "https://www.northlincs.gov.uk/report-a-vulnerability/"),
        ("Expires", "2027-03-01T12:00:00Z"),
        ("Preferred-Languages", "en, cy"),
        ("Canonical", "https://infant-mh.example.org/.well-known/security.txt"),
    ]


def test_expired_file_is_still_served(client, site):
    SecurityTxtSettings.objects.update_or_create(
        site=site, defaults={"expires": timezone.now() - timedelta(days=1)}
    )
    response = client.get(URL, HTTP_HOST="infant-mh.example.org")
    assert response.status_code == 200
    assert "Expires: " in response.content.decode()


def test_expiry_at_most_a_year_ahead_and_https_contact(site):
    values = SecurityTxtSettings.for_site(site)
    values.expires = timezone.now() + timedelta(days=366)
    with pytest.raises(ValidationError) as error:
        values.full_clean()
    assert "at most one year" in str(error.value)
    values.expires = timezone.now() + timedelta(days=364)
    values.contact_url = "http://example.org/report"
    with pytest.raises(ValidationError) as error:
        values.full_clean()
    assert "https://" in str(error.value)
    values.contact_url = "https://example.org/report"
    values.full_clean()


def test_expired_file_warns_administrators_only(client, site, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    assert "security.txt has expired" not in client.get("/admin/").content.decode()
    SecurityTxtSettings.objects.update_or_create(
        site=site, defaults={"expires": timezone.now() - timedelta(days=1)}
    )
    html = client.get("/admin/").content.decode()
    assert "security.txt has expired" in html
    assert f"/admin/settings/operations/securitytxtsettings/{site.pk}/" in html
