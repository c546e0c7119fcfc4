"""Read replicas (DATABASE_REPLICA_URLS): readers' pages read from a replica, editors and every
write from the primary, and a page built on a replica just after a change is not cached."""

import pytest
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from newsroom.pagecache import tokens
from newsroom.replicas import ReplicaRouter, current_replica
from tests.articles.sitedata import continued_edition

REPLICA = "replica_under_test"
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


def _front_page_of(edition):
    return edition.pages.get(number=1).get_absolute_url()


@pytest.fixture(scope="module")
def _replica_alias(django_db_setup):
    """A second connection to the test database standing in for a replica. The tests commit what
    they write (transaction=True), so it sees what the primary wrote."""
    connections.settings[REPLICA] = {**connections.settings["default"], "TEST": {"MIRROR": "default"}}
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica(_replica_alias, transactional_db, settings):
    """The replica, with the router on."""
    settings.NEWSROOM_READ_REPLICAS = [REPLICA]
    settings.DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"]
    cache.clear()
    yield connections[REPLICA]
    cache.clear()


def test_a_reader_s_page_reads_from_the_replica_and_an_editor_s_from_the_primary(
    replica, client, admin_client
):
    url = _front_page_of(continued_edition())
    primary = connections["default"]
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(primary) as on_primary:
        assert client.get(url).status_code == 200
    assert len(on_replica) > 0
    assert len(on_primary) == 0

    article = Article.objects.filter(page__number=1, position=1).get()
    with CaptureQueriesContext(replica) as on_replica:
        assert admin_client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
        assert client.post("/search/", {"q": "治理"}).status_code in (200, 405)
    assert len(on_replica) == 0


def test_outside_a_reader_s_request_everything_reads_from_the_primary(replica):
    continued_edition()
    with CaptureQueriesContext(replica) as on_replica:
        assert Article.objects.count() > 0
    assert len(on_replica) == 0
    assert current_replica() is None


def test_a_page_built_on_a_replica_just_after_a_change_is_served_but_not_cached(
    replica, client, monkeypatch, settings
):
    url = _front_page_of(continued_edition())
    settings.NEWSROOM_REPLICA_LAG_SECONDS = 5
    built = []
    original = tokens.cache.set

    def counting_set(key, value, *args, **kwargs):
        if key.startswith("newsroom:page:"):
            built.append(key)
        return original(key, value, *args, **kwargs)

    monkeypatch.setattr(tokens.cache, "set", counting_set)
    # The edition was just written: its token is new.
    assert client.get(url).status_code == 200
    assert built == []
    # Once the replica has had time to catch up, the page is cached as usual.
    now = tokens.time.time()
    monkeypatch.setattr(tokens.time, "time", lambda: now + 6)
    assert client.get(url).status_code == 200
    assert len(built) == 1
    with CaptureQueriesContext(replica) as on_replica:
        assert client.get(url).status_code == 200
    assert len(on_replica) == 0


def test_without_replicas_a_page_is_cached_at_once(_replica_alias, client, monkeypatch):
    cache.clear()
    url = _front_page_of(continued_edition())
    stored = []
    original = tokens.cache.set
    monkeypatch.setattr(
        tokens.cache, "set", lambda key, *a, **k: (stored.append(key), original(key, *a, **k))[1]
    )
    assert client.get(url).status_code == 200
    assert any(key.startswith("newsroom:page:") for key in stored)


def test_the_router_writes_and_migrates_only_the_primary(_replica_alias):
    router = ReplicaRouter()
    assert router.db_for_write(Article) == "default"
    assert router.db_for_read(Article) == "default"
    assert router.allow_migrate("default", "articles") is True
    assert router.allow_migrate("replica1", "articles") is False
