from __future__ import annotations

from django import forms


class CodeForm(forms.Form):
    """One field for a six-digit authenticator code or a recovery code."""

    code = forms.CharField(
        label="Security code",
        max_length=32,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the code from your authenticator app."},
    )


class SetupForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=16,
        help_text="Enter the 6-digit code your app shows for this website.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
    )
