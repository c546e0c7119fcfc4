"""A scheduled edition appears on the front page when its time comes, whatever runs or does not
run then (no publish_scheduled, no purge): the cached pages of the paper do not outlive the next
scheduled edition's time, here nor in a browser or CDN (issue 18, item 1)."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.articles import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_the_front_page_shows_a_scheduled_edition_when_its_time_comes(client):
    factories.edition(date=datetime.date(2023, 8, 9), pages=1, articles_per_page=1)
    scheduled = factories.edition(
        date=datetime.date(2023, 8, 10), pages=1, articles_per_page=1, published=False
    )
    scheduled.publish(at=timezone.now() + datetime.timedelta(seconds=3))
    scheduled.save()
    before = client.get("/")
    assert "2023年8月9日" in before.content.decode()
    max_age = int(before["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 1 <= max_age <= 3  # a browser or CDN keeps it no longer than that either
    assert "2023年8月9日" in client.get("/").content.decode()  # served from the cache meanwhile
    time.sleep(3.5)
    after = client.get("/").content.decode()
    assert "2023年8月10日" in after  # nobody purged anything


def test_without_a_scheduled_edition_pages_keep_their_usual_lifetime(client, settings):
    factories.edition(date=datetime.date(2023, 8, 9), pages=1, articles_per_page=1)
    response = client.get("/zhuzhou-daily/2023-08-09/01/")
    assert f"max-age={settings.NEWSROOM_PAGE_CACHE_SECONDS}" in response["Cache-Control"]
