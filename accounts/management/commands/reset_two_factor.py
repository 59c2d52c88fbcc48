"""`manage.py reset_two_factor USERNAME`: remove a user's authenticator and recovery codes."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import remove_devices


class Command(BaseCommand):
    help = (
        "Remove a user's second factor (authenticator app and recovery codes), e.g. after a lost "
        "phone. They set up a new one the next time they sign in."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        removed = remove_devices(user)
        self.stdout.write(
            f"Removed {removed} second-factor device(s) for {username}: they will set up a new "
            "authenticator app the next time they sign in."
        )
