"""Deleting forgets exactly what it must from the page cache, in a number of queries that does not
grow with what is deleted: an edition's deletion sends a signal for every page, article, block,
byline and tag."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Block
from editions.models import Edition
from tests.articles import factories
from tests.articles.sitedata import continued_edition

pytestmark = pytest.mark.django_db
DAY = "/zhuzhou-daily/2023-08-09"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def reads_while_deleting(edition):
    """The SELECTs of a deletion: Django's, one per kind of row it collects, and the cache
    invalidation's. (The DELETEs come in batches and the history rows, one per deleted row, are
    simple-history's, which the restore of a deleted article needs.)"""
    with CaptureQueriesContext(connection) as queries:
        edition.delete()
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]


def test_a_deleted_edition_is_gone_from_every_cached_page_at_once(client):
    edition = continued_edition()
    factories.edition(date=datetime.date(2023, 8, 8))
    article = Article.objects.get(page__edition=edition, page__number=1, position=1)
    for url in ("/", f"{DAY}/01/", article.get_absolute_url()):
        assert client.get(url).status_code == 200
    edition.delete()
    assert client.get(f"{DAY}/01/").status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "2023年8月8日" in client.get("/").content.decode()  # the front page moved to the day before


def test_deleting_an_edition_costs_the_same_reads_whatever_its_size():
    small = factories.edition(date=datetime.date(2023, 8, 1), pages=1, articles_per_page=1)
    large = factories.edition(date=datetime.date(2023, 8, 2), pages=8, articles_per_page=10)
    for article in Article.objects.filter(page__edition=large):
        article.tags.add("党建", "民生")
        Block.objects.create(article=article, order=9, text="又一段。")
    assert len(reads_while_deleting(small)) == len(reads_while_deleting(large)) <= 13


def test_a_paragraph_deleted_alone_still_refreshes_its_page(client):
    edition = continued_edition()
    page = edition.pages.get(number=2)
    block = Block.objects.filter(article__page=page).order_by("article__position", "order").first()
    assert block.text in client.get(page.get_absolute_url()).content.decode()
    block.delete()
    assert block.text not in client.get(page.get_absolute_url()).content.decode()


def test_a_deletion_rolled_back_does_not_spare_a_later_one(client):
    edition = continued_edition()
    url = f"{DAY}/01/"
    assert client.get(url).status_code == 200
    with pytest.raises(RuntimeError), transaction.atomic():
        Edition.objects.get(pk=edition.pk).delete()
        raise RuntimeError("the editor's request failed")
    assert client.get(url).status_code == 200  # still there, and cached again
    Edition.objects.get(pk=edition.pk).delete()
    assert client.get(url).status_code == 404
