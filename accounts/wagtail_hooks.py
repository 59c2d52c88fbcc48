"""Settings > Users: a superuser can remove a user's second factor (lost phone) from the list."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button


@hooks.register("register_user_listing_buttons")
def reset_second_factor_button(user: AbstractBaseUser, request_user: AbstractBaseUser) -> list:
    if not getattr(request_user, "is_superuser", False):
        return []
    url = reverse("accounts_reset_user", args=[user.pk])
    return [Button("Reset two-factor sign-in", url=url, icon_name="key", priority=90)]
