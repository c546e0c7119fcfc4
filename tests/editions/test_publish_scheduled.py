import datetime
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsroom.pagecache import tokens
from tests.articles import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def run(*args):
    out = StringIO()
    call_command("publish_scheduled", *args, stdout=out)
    return out.getvalue()


def test_purges_editions_that_went_live_and_not_the_ones_still_scheduled(monkeypatch):
    live = factories.edition(date=datetime.date(2023, 8, 9), published=False)
    live.publish(at=timezone.now() - datetime.timedelta(minutes=5))
    live.save()
    later = factories.edition(date=datetime.date(2023, 8, 10), published=False)
    later.publish(at=timezone.now() + datetime.timedelta(hours=6))
    later.save()
    purged = []
    monkeypatch.setattr("newsroom.pagecache.receivers.invalidate_edition", lambda e: purged.append(e.date))
    output = run()
    assert purged == [datetime.date(2023, 8, 9)]
    assert "1 edition(s) went live" in output
    # The second run starts where the first ended: nothing new went live.
    assert "0 edition(s)" in run()


def test_purge_gives_the_edition_new_cache_tokens():
    edition = factories.edition(published=False)
    edition.publish(at=timezone.now() - datetime.timedelta(minutes=1))
    edition.save()
    scope = tokens.edition_scope(edition.publication.slug, edition.date)
    before = tokens.versions([scope])
    run("--since", "10")
    assert tokens.versions([scope]) != before


def test_dry_run_purges_nothing(monkeypatch):
    factories.edition()
    monkeypatch.setattr(
        "newsroom.pagecache.receivers.invalidate_edition",
        lambda e: pytest.fail("dry run must not purge"),
    )
    assert "would purge" in run("--dry-run", "--since", "60")


def test_since_must_be_positive():
    with pytest.raises(CommandError, match="at least 1 minute"):
        run("--since", "0")
