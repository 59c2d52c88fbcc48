from django.urls import path

from . import views

urlpatterns = [
    path("", views.verify, name="accounts_verify"),
    path("set-up/", views.setup, name="accounts_setup"),
    path("recovery-codes/", views.recovery_codes, name="accounts_recovery_codes"),
    path("reset/<int:user_id>/", views.reset_user, name="accounts_reset_user"),
]
