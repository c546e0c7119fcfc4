"""Forget every cached page of the site at once: after a cache outage during which something was
withdrawn by a process that has since exited (an import, publish_scheduled), or whenever an
operator wants to be sure readers get pages built from the database now.

    python manage.py forget_cached_pages

Nothing is deleted: every page's tokens change (newsroom.pagecache.tokens), so each page is
rebuilt on its next request and no copy built before is served, not even while it is rebuilt.
"""

from django.core.management.base import BaseCommand, CommandError

from newsroom.pagecache import tokens


class Command(BaseCommand):
    help = "Forget every cached page: each is rebuilt from the database on its next request."

    def handle(self, *args, **options):
        if not tokens.bump([tokens.SITE_SCOPE], withdrawn=True):
            raise CommandError(
                "the cache did not answer (see the log line above); run this again once it does"
            )
        self.stdout.write("every cached page forgotten: each is rebuilt on its next request")
