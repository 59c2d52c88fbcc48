"""The calendar file of a group session. Sets no cookie and reads no session."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from groups.calendar_file import session_calendar
from groups.models import GroupSession


@require_safe
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(GroupSession.objects.select_related("hub"), pk=pk)
    response = HttpResponse(session_calendar(session), content_type="text/calendar; charset=utf-8")
    filename = f"group-session-{session.date.isoformat()}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
