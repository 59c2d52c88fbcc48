"""Helpers to fill in and submit the contact form the way a browser does."""

from __future__ import annotations

from bs4 import BeautifulSoup

VALID = {
    "name": "Sam Parent",
    "email": "sam.parent@example.org",
    "phone": "07700 900 982",
    "role": "parent",
    "message": "My baby cries a lot in the evening. Is there a group I could go to?",
}


def form_fields(html: str) -> dict[str, str]:
    """The hidden values a browser would send back: CSRF token and the signed form token."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", attrs={"method": "post"})
    return {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", attrs={"type": "hidden"})
    }


def topic_values(html: str) -> dict[str, str]:
    """Topic label -> radio value."""
    soup = BeautifulSoup(html, "html.parser")
    values = {}
    for radio in soup.find_all("input", attrs={"name": "topic"}):
        label = soup.find("label", attrs={"for": radio["id"]})
        values[label.get_text(strip=True)] = radio["value"]
    return values
