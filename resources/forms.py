"""Admin forms for resources and posters: publishing rules and PDF checks.

Each form's `Meta` extends `WagtailAdminModelForm.Meta`, so its fields keep Wagtail's admin
widgets and overrides: choosers for documents and images, date pickers, and web addresses
typed without a scheme saved as https://.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents import get_document_model
from wagtail.documents.fields import WagtailDocumentField
from wagtail.models import Collection
from wagtail.permissions import policy_registry

from resources.pdf_pages import UnreadablePdf, summarise_pdf

# New poster PDFs uploaded from the poster form are kept together in the document library.
POSTER_COLLECTION_NAME = "Posters"


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


def poster_collection(replacing=None) -> Collection:
    """Where an uploaded poster PDF goes: beside the PDF it replaces, else in the "Posters"
    collection (made under the root collection the first time)."""
    if replacing is not None:
        return replacing.collection
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=POSTER_COLLECTION_NAME).first()
    return existing or root.add_child(name=POSTER_COLLECTION_NAME)


class PosterForm(PublishingRulesForm):
    """Takes a new PDF upload or a chosen document, checks it is a readable PDF and keeps the
    preview in step with it."""

    required_to_publish = {"document": "Upload the poster's PDF, or choose one, before publishing."}

    pdf_upload = WagtailDocumentField(
        label="Upload a new PDF",
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    class Meta(WagtailAdminModelForm.Meta):
        defer_required_on_fields = ["document", "plain_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pdf_summary = None
        upload_field = self.fields["pdf_upload"]
        # Read now, not at import, so the limit always follows the setting.
        upload_field.max_upload_size = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        upload_field.max_upload_size_text = limit = filesizeformat(upload_field.max_upload_size)
        upload_field.error_messages["file_too_large_unknown_size"] = (
            f"This file is too big. Maximum filesize {limit}."
        )
        upload_field.help_text = (
            f"A PDF file of the poster, up to {limit}. It is added to the document library (in "
            f"“{POSTER_COLLECTION_NAME}”) and replaces the PDF chosen below; the preview is "
            "made from its first page. Leave empty to keep the current PDF."
        )
        if self.files.get(self.add_prefix("pdf_upload")):
            # An upload fills the document field when saved: choosing one is not needed too.
            self.fields["document"].required = False

    def clean_pdf_upload(self):
        upload = self.cleaned_data.get("pdf_upload")
        if not upload:
            return None
        if not upload.name.lower().endswith(".pdf"):
            raise forms.ValidationError(
                "The poster must be a PDF. Choose a file whose name ends in .pdf."
            )
        try:
            # Read from a copy: the upload itself stays open for the document to store.
            upload.seek(0)
            self._pdf_summary = summarise_pdf(ContentFile(upload.read(), name=upload.name))
            upload.seek(0)
        except UnreadablePdf as error:
            raise forms.ValidationError(
                "This file cannot be opened as a PDF (%(reason)s) Export the poster as a PDF "
                "again and upload the new file.",
                params={"reason": str(error)},
            ) from error
        user = getattr(self, "for_user", None)
        documents = policy_registry.get_by_type(get_document_model())
        if user is not None and not documents.user_has_permission(user, "add"):
            raise forms.ValidationError(
                "You do not have permission to add documents. Ask an administrator, or choose "
                "a PDF that is already in the document library."
            )
        return upload

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document is None or self.files.get(self.add_prefix("pdf_upload")):
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
        upload = self.cleaned_data.get("pdf_upload")
        if upload:
            poster.document = self._save_upload(upload)
        editor_chose_preview = (
            "preview_image" in self.changed_data and poster.preview_image_id is not None
        )
        poster.refresh_from_document(
            editor_chose_preview=editor_chose_preview, summary=self._pdf_summary
        )
        return super().save(commit=commit)

    def _save_upload(self, upload):
        """The uploaded PDF as a new Wagtail document, titled after the poster."""
        document = get_document_model()(
            title=(self.cleaned_data.get("title") or upload.name)[:255],
            file=upload,
            collection=poster_collection(self.instance.document),
            uploaded_by_user=getattr(self, "for_user", None),
        )
        document._set_document_file_metadata()
        document.save()
        return document
