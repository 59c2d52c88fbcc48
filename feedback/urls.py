"""Public URLs of the "Is this page useful?" form."""

from django.urls import path

from . import views

urlpatterns = [
    path("feedback/", views.answer, name="feedback_answer"),
    path("feedback/more/", views.more, name="feedback_more"),
    path("feedback/thanks/", views.thanks, name="feedback_thanks"),
]
