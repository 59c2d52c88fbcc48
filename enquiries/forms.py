"""The contact form: GOV.UK wording for every error, server-side validation only."""

from __future__ import annotations

import re

from django import forms

from .abuse import new_form_token
from .models.enquiry import ContactTopic, Role

NAME_MAX = 200
MESSAGE_MAX = 5000
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{6,20}$")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ContactTopic) -> str:
        return obj.name


class EnquiryForm(forms.Form):
    use_required_attribute = False  # the server's messages are the ones people see

    name = forms.CharField(
        label="Your name",
        max_length=NAME_MAX,
        error_messages={
            "required": "Enter your name",
            "max_length": f"Your name must be {NAME_MAX} characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will only use this to reply to you.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        help_text="If you would like us to call you back.",
        error_messages={"max_length": "Your phone number must be 30 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    role = forms.ChoiceField(
        label="I am",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you are a parent or carer, a professional, or other",
            "invalid_choice": "Select whether you are a parent or carer, a professional, or other",
        },
    )
    topic = TopicChoiceField(
        label="What is your message about?",
        queryset=ContactTopic.objects.filter(is_active=True),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what your message is about",
            "invalid_choice": "Select what your message is about",
        },
    )
    message = forms.CharField(
        label="Your message",
        help_text="Do not include medical details we do not need. You can use up to "
        f"{MESSAGE_MAX:,} characters.",
        error_messages={"required": "Enter your message"},
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # Spam traps: a field people never see, and when the form was shown (signed).
    website = forms.CharField(required=False, label="Leave this field empty")
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)  # no silent truncation; we explain instead
            field.error_messages["null_characters_not_allowed"] = (
                f"{field.label} contains a character we cannot accept"
            )
        if not self.is_bound:
            self.initial.setdefault("form_token", new_form_token())
        self.fields["phone"].widget.input_type = "tel"

    @staticmethod
    def _one_line(value: str, message: str) -> str:
        if CONTROL_CHARACTERS.search(value):
            raise forms.ValidationError(message)
        return value

    def clean_name(self) -> str:
        return self._one_line(self.cleaned_data["name"], "Enter your name on one line")

    def clean_email(self) -> str:
        return self._one_line(
            self.cleaned_data["email"],
            "Enter an email address in the correct format, like name@example.com",
        )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        if phone and not PHONE_PATTERN.match(phone):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001 or 07700 900 982")
        return phone

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].replace("\r\n", "\n")
        if len(message) > MESSAGE_MAX:
            raise forms.ValidationError(
                f"Your message must be {MESSAGE_MAX:,} characters or fewer. "
                f"It is {len(message):,} characters."
            )
        return message

    @property
    def visible_fields_for_display(self) -> list:
        return [self[name] for name in ("name", "email", "phone", "role", "topic", "message")]
