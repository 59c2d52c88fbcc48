"""Admin: enquiries (list, filters, inspect, CSV export, actions) and the editable topics."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models.enquiry import ContactTopic, Enquiry, Status
from .spreadsheet import defuse_formula

# What someone wrote and how it was routed: the start of both the CSV export and the detail view.
ENQUIRY_FIELDS = [
    "reference",
    "created_at",
    "status",
    "topic_name",
    "role",
    "name",
    "email",
    "phone",
    "message",
]


class EnquiryPermissionPolicy(ModelPermissionPolicy):
    """Enquiries come only from the public form: nobody adds or edits one in the admin. They
    hold enquirers' personal data, so every action (list, inspect, export, resend, erase) also
    needs "view enquiry", which only the Enquiry officers group (and superusers) have."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        return user.has_perm(admin_views.PERSONAL_DATA_PERMISSION) and super().user_has_permission(
            user, action
        )


register_permission_policy(Enquiry, EnquiryPermissionPolicy(Enquiry))


class EnquiryIndexView(IndexView):
    def preprocess_field_value(self, field, value, export_format):
        """Every cell of "Download CSV" and "Download XLSX" goes through here: no formulas."""
        return defuse_formula(super().preprocess_field_value(field, value, export_format))

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                "Export or erase by email address",
                url=reverse("enquiries_enquiry:by_email"),
                icon_name="user",
            ),
        ]


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    index_view_class = EnquiryIndexView
    icon = "mail"
    menu_label = "Enquiries"
    menu_order = 100
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # the add and edit views are not routed (see get_urlpatterns)
    list_display = [
        "reference",
        "topic_name",
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("created_at", label="Received"),
    ]
    list_filter = ["status", "topic", "flagged_as_spam"]
    search_fields = ["reference", "email", "name"]
    search_backend_name = None
    list_export = [*ENQUIRY_FIELDS, "sent_at", "recipient", "flagged_as_spam"]
    export_filename = "enquiries"
    inspect_view_fields = [
        *ENQUIRY_FIELDS,
        "recipient",
        "sent_at",
        "acknowledgement",
        "attempts",
        "next_attempt_at",
        "last_error",
        "failed_at",
        "flagged_as_spam",
        "spam_reason",
    ]
    inspect_template_name = "enquiries/admin/inspect.html"

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in {"add", "edit"}]
        return [
            *patterns,
            # Editing an enquiry means looking at it: the "edit" name leads to the inspect view.
            path("edit/<int:pk>/", admin_views.inspect_redirect_view, name="edit"),
            path(
                "resend/<int:pk>/",
                admin_views.requeue_view,
                {"from_status": Status.FAILED},
                name="resend",
            ),
            path(
                "release/<int:pk>/",
                admin_views.requeue_view,
                {"from_status": Status.SPAM},
                name="release",
            ),
            path("by-email/", admin_views.by_email_view, name="by_email"),
        ]


class ContactTopicViewSet(ModelViewSet):
    model = ContactTopic
    icon = "list-ul"
    menu_label = "Contact topics"
    form_fields = ["name", "inbox", "sort_order", "is_active"]
    list_display = ["name", "inbox", "sort_order", "is_active"]
    copy_view_enabled = False


class EnquiriesGroup(ModelViewSetGroup):
    menu_label = "Enquiries"
    menu_icon = "mail"
    menu_order = 250
    items = (EnquiryViewSet("enquiries_enquiry"), ContactTopicViewSet("enquiries_topic"))


@hooks.register("register_admin_viewset")
def register_enquiries_admin():
    return EnquiriesGroup()
