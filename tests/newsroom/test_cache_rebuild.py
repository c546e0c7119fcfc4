"""Readers' caching under load: searches are cached until an edition changes, and a page being
rebuilt after a change is served from the copy built just before, to every reader but the one
rebuilding it."""

import hashlib

import pytest
from django.core.cache import cache

from articles.models import Article
from articles.search import refresh_search_document
from newsroom.pagecache import decorator
from tests.articles.sitedata import continued_edition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_a_search_is_cached_and_a_changed_headline_is_found_at_once(client, django_assert_num_queries):
    continued_edition()
    article = Article.objects.filter(headline="党建赋能治理 共建幸福家园").order_by("pk").first()
    first = client.get("/search/", {"q": "治理"}).content.decode()
    assert "共建幸福家园" in first
    with django_assert_num_queries(0):
        assert client.get("/search/", {"q": "治理"}).content.decode() == first
    article.headline = "党建赋能治理 标题已改"
    article.save()
    refresh_search_document(article)
    assert "标题已改" in client.get("/search/", {"q": "治理"}).content.decode()


def test_while_one_request_rebuilds_a_stale_page_the_others_get_the_last_copy(client):
    edition = continued_edition()
    page = edition.pages.order_by("number").first()
    url = page.get_absolute_url()
    article = page.articles.order_by("position").first()
    old_headline = article.headline
    assert old_headline in client.get(url).content.decode()

    article.headline = "改过的标题"
    article.save()  # new tokens: the stored copy is stale now
    key = "newsroom:page:" + hashlib.sha256(f"zh-hans|http://testserver{url}".encode()).hexdigest()
    assert cache.get(key) is not None
    cache.add(f"{key}:rebuilding", 1, decorator.REBUILD_SECONDS)  # another request is on it
    stale = client.get(url).content.decode()
    assert old_headline in stale and "改过的标题" not in stale

    cache.delete(f"{key}:rebuilding")  # that request is done, or gave up
    assert "改过的标题" in client.get(url).content.decode()
    assert cache.get(f"{key}:rebuilding") is None, "the rebuilding mark is released"


def test_with_the_page_cache_off_every_request_is_built_afresh(client, settings):
    """NEWSROOM_PAGE_CACHE_SECONDS=0 turns the page cache off: a copy stored before is not served,
    and nothing is stored."""
    edition = continued_edition()
    page = edition.pages.order_by("number").first()
    url = page.get_absolute_url()
    article = page.articles.order_by("position").first()
    client.get(url)  # stored while the cache was on
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    Article.objects.filter(pk=article.pk).update(headline="不经缓存的标题")  # no signal: tokens stay
    assert "不经缓存的标题" in client.get(url).content.decode()
    cache.clear()
    client.get(url)
    key = "newsroom:page:" + hashlib.sha256(f"zh-hans|http://testserver{url}".encode()).hexdigest()
    assert cache.get(key) is None
