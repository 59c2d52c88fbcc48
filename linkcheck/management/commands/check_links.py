from django.core.management.base import BaseCommand

from linkcheck.run import run_link_check
from linkcheck.tasks import LINK_CHECK


class Command(BaseCommand):
    help = (
        "Check every external web address in useful links, page bodies and settings now (in "
        "this process), and make sure the weekly check is scheduled."
    )

    def handle(self, *args, **options):
        summary = run_link_check()
        LINK_CHECK.ensure_scheduled()
        self.stdout.write(
            "Checked {addresses} addresses: {ok} working, {redirected} redirected, {failed} not "
            "working ({broken} broken, {error} could not connect); {hidden} useful links taken "
            "off the site.".format(**summary)
        )
