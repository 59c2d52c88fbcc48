"""Admin forms for resources and posters: publishing rules and PDF checks.

Each form's `Meta` extends `WagtailAdminModelForm.Meta`, so its fields keep Wagtail's admin
widgets and overrides: choosers for documents and images, date pickers, and web addresses
typed without a scheme saved as https://.
"""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from resources.pdf_pages import UnreadablePdf, summarise_pdf


class PublishingRulesForm(WagtailAdminModelForm):
    """Fields a draft may leave empty but publishing needs: list them in
    `Meta.defer_required_on_fields` and give each the message shown when it is missing."""

    required_to_publish: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.required_to_publish.items():
            if name in self.fields:
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = message


class ResourceLinkForm(PublishingRulesForm):
    """A draft may have no web address yet; publishing needs one."""

    required_to_publish = {
        "url": "Enter the web address before publishing. Save as a draft if you do not know it yet."
    }

    class Meta(WagtailAdminModelForm.Meta):
        defer_required_on_fields = ["url"]


class PosterForm(PublishingRulesForm):
    """Checks the chosen document is a readable PDF and keeps the preview in step with it."""

    required_to_publish = {"document": "Choose the poster's PDF before publishing."}

    class Meta(WagtailAdminModelForm.Meta):
        defer_required_on_fields = ["document", "plain_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pdf_summary = None

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document is None:
            return document
        if not document.filename.lower().endswith(".pdf"):
            raise forms.ValidationError(
                "The poster must be a PDF. Choose or upload a file ending in .pdf."
            )
        try:
            self._pdf_summary = summarise_pdf(document.file)
        except UnreadablePdf as error:
            raise forms.ValidationError(
                "“%(title)s” cannot be opened as a PDF (%(reason)s) Export the poster as a PDF "
                "again, upload it, and choose the new file.",
                params={"title": document.title, "reason": str(error)},
            ) from error
        return document

    def save(self, commit=True):
        poster = self.instance
        editor_chose_preview = (
            "preview_image" in self.changed_data and poster.preview_image_id is not None
        )
        poster.refresh_from_document(
            editor_chose_preview=editor_chose_preview, summary=self._pdf_summary
        )
        return super().save(commit=commit)
