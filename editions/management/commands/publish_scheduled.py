"""Side effects for editions whose scheduled publication time has come.

Visibility needs no job: an edition is visible once its published_at has passed. What a job adds
is promptness elsewhere: the cached front page and archive, and the neighbours' 上一期 / 下一期
links, are rebuilt the moment the edition goes live instead of when their cache expires. Run it
from cron every few minutes; running it twice does no harm.
"""

import datetime

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from editions import signals
from editions.models import Edition

LAST_RUN_KEY = "newsroom:publish_scheduled:last_run"


class Command(BaseCommand):
    help = "Purge caches for scheduled editions that have gone live since the last run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            type=int,
            metavar="MINUTES",
            help="look back this many minutes instead of to the last run (default: last run, or 1 day)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list the editions, purge nothing")

    def handle(self, *args, since=None, dry_run=False, **options):
        now = timezone.now()
        if since is not None:
            if since < 1:
                raise CommandError("--since must be at least 1 minute.")
            start = now - datetime.timedelta(minutes=since)
        else:
            try:
                start = cache.get(LAST_RUN_KEY) or now - datetime.timedelta(days=1)
            except Exception as error:  # whatever the backend raises (Redis down, a full disk)
                # Nothing is cached while the cache is down, so nothing needs purging: the next
                # run after it is back looks back to the last run that reached it.
                raise CommandError(
                    f"the cache did not answer ({type(error).__name__}); pages are served uncached "
                    "meanwhile: run this again once it is back"
                ) from None
        went_live = (
            Edition.objects.published(now=now)
            .filter(published_at__gt=start)
            .select_related("publication")
            .order_by("published_at")
        )
        count = 0
        for edition in went_live:
            count += 1
            self.stdout.write(
                f"{edition.publication.slug} {edition.date}: live since {edition.published_at:%H:%M}"
            )
            if not dry_run:
                # The page cache forgets the pages that show it (newsroom.pagecache.receivers).
                signals.went_live.send(sender=Edition, edition=edition)
        if not dry_run:
            cache.set(LAST_RUN_KEY, now, None)
        verb = "would purge" if dry_run else "purged"
        self.stdout.write(
            f"{count} edition(s) went live since {timezone.localtime(start):%Y-%m-%d %H:%M}; {verb}."
        )
