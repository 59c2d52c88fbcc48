"""The form every document upload goes through (kept apart from resources.forms, which the
models import: Wagtail's document forms need the app registry ready)."""

from __future__ import annotations

from django import forms
from wagtail.documents.forms import BaseDocumentForm

from resources.pdf_pages import UnreadablePdf, check_uploaded_pdf


class PdfDocumentForm(BaseDocumentForm):
    """Every document upload (`WAGTAILDOCS_DOCUMENT_FORM_BASE`): the extension allow-list only
    admits .pdf, and this checks the file really opens as a PDF."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            try:
                check_uploaded_pdf(file)
            except UnreadablePdf as error:
                raise forms.ValidationError(
                    "This file cannot be opened as a PDF (%(reason)s) Export it as a PDF again "
                    "and upload the new file.",
                    params={"reason": str(error)},
                ) from error
        return file
