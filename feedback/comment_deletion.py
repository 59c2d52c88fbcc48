"""Deleting a feedback comment that contains personal details (Reports > Page feedback).

Only the free text goes: the answer stays, as "No" with no comment, so the report's monthly
yes/no counts (and the owners' weekly emails) stay true. Who did it and when goes to Wagtail's
log (Reports > Site history), with the page and the date of the answer but never the text.
Needs `feedback.delete_pagefeedback` (Moderators; editorial's migration 0006 grants it). Anyone
else gets a 403 page in the admin's look (Wagtail would turn a raised PermissionDenied into a
redirect to the dashboard, which a refused POST should not be).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from .models import PageFeedback

DELETE_PERMISSION = "feedback.delete_pagefeedback"
LOG_ACTION = "feedback.delete_comment"


def can_delete_comments(user) -> bool:
    return user.is_active and user.has_perm(DELETE_PERMISSION)


def delete_comment(feedback: PageFeedback, user) -> None:
    """Blank the comment of `feedback` and log who did it (without the text)."""
    with transaction.atomic():
        locked = PageFeedback.objects.select_for_update().get(pk=feedback.pk)
        locked.comment = ""
        locked.save(update_fields=["comment"])
        log(
            locked,
            LOG_ACTION,
            user=user,
            title=f"Feedback on {feedback.page.title}, {locked.created_on:%-d %B %Y}",
            data={"page_id": locked.page_id, "answered_on": locked.created_on.isoformat()},
        )


class CommentDeletionRefusedView(WagtailAdminTemplateMixin, TemplateView):
    """The 403 page for anyone without the permission."""

    template_name = "feedback/admin/delete_comment_refused.html"
    page_title = "Delete feedback comment"
    header_icon = "bin"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return self.render_to_response(self.get_context_data(), status=403)

    post = get


class DeleteFeedbackCommentView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then delete one comment; back to the report with a message."""

    template_name = "feedback/admin/confirm_delete_comment.html"
    page_title = "Delete feedback comment"
    header_icon = "bin"
    feedback: PageFeedback  # the answer whose comment is to go (set by dispatch)

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not can_delete_comments(request.user):
            return CommentDeletionRefusedView.as_view()(request)
        queryset = PageFeedback.objects.exclude(comment="").select_related("page")
        self.feedback = get_object_or_404(queryset, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.feedback.page.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feedback"] = self.feedback
        return context

    def get_delete_url(self) -> str:
        return reverse("feedback_delete_comment", args=[self.feedback.pk])

    def get_success_url(self) -> str:
        return reverse("feedback_report")

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        delete_comment(self.feedback, request.user)
        messages.success(
            request,
            f"The comment on “{self.feedback.page.title}” was deleted. The answer still counts "
            "as a “No”.",
        )
        return HttpResponseRedirect(self.get_success_url())
