"""The page cache seen from the reading site: cache headers and conditional GETs, changes shown at
once, other editions left cached, staff never cached."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles.models import Article
from editions.models import Edition
from tests.articles import factories, sitedata
from tests.articles.sitedata import DAY, parts, text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def continued():
    return sitedata.continued_edition()


def test_published_pages_carry_cache_headers_and_answer_conditional_gets(client, continued, settings):
    response = client.get(f"{DAY}/01/")
    assert f"max-age={settings.NEWSROOM_PAGE_CACHE_SECONDS}" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert response["Last-Modified"] and response["ETag"]
    again = client.get(f"{DAY}/01/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get(f"{DAY}/01/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_a_changed_headline_shows_at_once_after_save(client, continued, django_assert_num_queries):
    first, _ = parts(continued)
    url = first.get_absolute_url()
    assert "党建赋能治理 共建幸福家园" in text(client.get(url))
    with django_assert_num_queries(0):  # served from the cache
        assert "党建赋能治理 共建幸福家园" in text(client.get(url))
    first.headline = "改过的标题"
    first.save()
    assert "改过的标题" in text(client.get(url))
    assert "改过的标题" in text(client.get(f"{DAY}/01/"))
    assert "改过的标题" in text(client.get("/"))


def test_editing_one_edition_leaves_other_editions_cached(client, continued, django_assert_num_queries):
    other = factories.edition(date=datetime.date(2023, 7, 1), pages=1)
    factories.edition(date=datetime.date(2023, 7, 2), pages=1)  # the neighbour whose 下一期 changes
    client.get("/zhuzhou-daily/2023-07-01/01/")
    Article.objects.filter(page__edition=continued).first().save()
    with django_assert_num_queries(0):
        client.get("/zhuzhou-daily/2023-07-01/01/")
    assert other.pk


def test_publishing_and_unpublishing_invalidate_the_edition_and_its_neighbours(client, continued):
    draft = sitedata.draft_edition()
    assert client.get("/zhuzhou-daily/2023-08-10/01/").status_code == 404
    assert "2023-08-10" not in text(client.get(f"{DAY}/01/"))
    draft.publish(at=timezone.now() - datetime.timedelta(seconds=1))
    draft.save()
    assert client.get("/zhuzhou-daily/2023-08-10/01/").status_code == 200
    assert 'href="/zhuzhou-daily/2023-08-10/"' in text(client.get(f"{DAY}/01/"))  # 下一期 now
    assert "2023年8月10日" in text(client.get("/"))
    draft.unpublish()
    draft.save()
    assert client.get("/zhuzhou-daily/2023-08-10/01/").status_code == 404
    assert "2023-08-10" not in text(client.get(f"{DAY}/01/"))


def test_staff_responses_are_never_cached(staff_client, continued):
    staff_client.get(f"{DAY}/01/")
    Edition.objects.filter(pk=continued.pk).update(status="draft", published_at=None)  # no signal
    assert Client().get(f"{DAY}/01/").status_code == 404
