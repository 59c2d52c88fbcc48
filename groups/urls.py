"""Group session calendar files: /groups/sessions/<id>.ics."""

from django.urls import path

from groups.views import session_ics

urlpatterns = [
    path("groups/sessions/<int:pk>.ics", session_ics, name="group_session_ics"),
]
