"""Admin forms for resources and posters: publishing rules and PDF checks.

Each form's `Meta` extends `WagtailAdminModelForm.Meta`, so its fields keep Wagtail's admin
widgets and overrides: choosers for documents and images, date pickers, and web addresses
typed without a scheme saved as https://.
"""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from resources.pdf_pages import UnreadablePdf, summarise_pdf


class ResourceLinkForm(WagtailAdminModelForm):
    """A draft may have no web address yet; publishing needs one."""

    class Meta(WagtailAdminModelForm.Meta):
        defer_required_on_fields = ["url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "url" in self.fields:
            self.fields["url"].required = True
            self.fields["url"].error_messages["required"] = (
                "Enter the web address before publishing. "
                "Save as a draft if you do not know it yet."
            )


class PosterForm(WagtailAdminModelForm):
    """Checks the chosen document is a readable PDF and keeps the preview in step with it."""

    class Meta(WagtailAdminModelForm.Meta):
        defer_required_on_fields = ["document", "plain_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "document" in self.fields:
            self.fields["document"].required = True
            self.fields["document"].error_messages["required"] = (
                "Choose the poster's PDF before publishing."
            )
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
