"""Withdrawal (撤回) takes effect at once for every reader (issue 14, item 4): while readers keep
asking for a page, no copy built before an edition was unpublished, or an article deleted, is
served from the page cache, as a whole page or as a 304 to a conditional GET. An ordinary edit
may still be served from the copy built just before while one request rebuilds the page."""

import hashlib

import pytest
from django.core.cache import cache

from articles.models import Article
from editions import services
from editions.models import Edition
from newsroom.pagecache import decorator
from tests.articles.sitedata import DAY, continued_edition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def another_reader_is_rebuilding(url):
    """What eight readers looping amount to: one of them is always rebuilding the page."""
    key = "newsroom:page:" + hashlib.sha256(f"zh-hans|http://testserver{url}".encode()).hexdigest()
    assert cache.get(key) is not None, "the page is in the cache"
    cache.add(f"{key}:rebuilding", 1, decorator.REBUILD_SECONDS)


def warmed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    return response


@pytest.mark.parametrize("path", ["/01/", "/", ".json"])
def test_an_unpublished_edition_is_gone_at_once_for_every_reader(client, staff_user, path):
    edition = continued_edition()
    url = DAY + path
    response = warmed(client, url)
    services.unpublish(Edition.objects.filter(pk=edition.pk), user=staff_user)
    another_reader_is_rebuilding(url)
    assert client.get(url).status_code == 404
    conditional = client.get(
        url, HTTP_IF_NONE_MATCH=response["ETag"], HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
    )
    assert conditional.status_code == 404


def test_a_deleted_article_is_gone_at_once_from_its_page_and_its_own_address(client):
    edition = continued_edition()
    article = Article.objects.filter(page__edition=edition, page__number=1).order_by("position").last()
    page_url, article_url = f"{DAY}/01/", article.get_absolute_url()
    page = warmed(client, page_url)
    warmed(client, article_url)
    assert article.headline in page.content.decode()
    article.delete()
    another_reader_is_rebuilding(page_url)
    another_reader_is_rebuilding(article_url)
    assert client.get(article_url).status_code == 404
    again = client.get(page_url, HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 200 and article.headline not in again.content.decode()


def test_the_front_page_and_the_neighbours_drop_a_withdrawn_edition_at_once(client, staff_user):
    older = continued_edition()
    latest = continued_edition(date=older.date.replace(day=10))
    front = warmed(client, "/")
    assert "2023-08-10" in front.content.decode()
    warmed(client, f"{DAY}/01/")  # links to 下一期 2023-08-10
    services.unpublish(Edition.objects.filter(pk=latest.pk), user=staff_user)
    another_reader_is_rebuilding("/")
    another_reader_is_rebuilding(f"{DAY}/01/")
    assert "/zhuzhou-daily/2023-08-10/" not in client.get("/").content.decode()
    assert "/zhuzhou-daily/2023-08-10/" not in client.get(f"{DAY}/01/").content.decode()


def test_an_ordinary_edit_is_still_served_from_the_last_copy_while_it_is_rebuilt(client):
    edition = continued_edition()
    article = Article.objects.filter(page__edition=edition, page__number=1).order_by("position").first()
    url = f"{DAY}/01/"
    old = article.headline
    warmed(client, url)
    article.headline = "改过的标题"
    article.save()
    another_reader_is_rebuilding(url)
    assert old in client.get(url).content.decode()
