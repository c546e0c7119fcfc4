"""Redis down (issue 14, item 5): readers' pages are built and served uncached, not 500; an
editor's withdrawal still saves, and no page cached before it is served once Redis is back; the
readiness check (/healthz/?ready=1) answers 503 naming the cache or the database, while plain
/healthz/ (liveness) stays 200."""

import logging
from unittest import mock

import pytest
from django.db import OperationalError, connections

from editions import services
from editions.models import Edition
from newsroom.pagecache import tokens
from tests.articles.sitedata import DAY, continued_edition
from tests.reliability.conftest import closed_port

pytestmark = pytest.mark.django_db


def test_pages_are_served_uncached_while_redis_is_down(client, redis_down, caplog):
    continued_edition()
    with caplog.at_level(logging.ERROR, logger="newsroom.pagecache"):
        for url in ("/", f"{DAY}/", f"{DAY}/01/", "/search/?q=x", "/zhuzhou-daily/archive/"):
            assert client.get(url).status_code == 200, url
            tokens._outage["retry_at"] = 0.0  # each request tries Redis again
    assert "Page cache unavailable" in caplog.text


def test_after_a_failure_pages_do_not_wait_on_redis_for_every_request(client, redis_down):
    continued_edition()
    client.get(f"{DAY}/01/")
    with mock.patch.object(tokens.cache, "get_many", side_effect=AssertionError("asked Redis")):
        assert client.get(f"{DAY}/01/").status_code == 200


def test_a_withdrawal_saved_while_redis_is_down_holds_once_it_is_back(client, settings, staff_user):
    edition = continued_edition()
    assert client.get(f"{DAY}/01/").status_code == 200  # cached in the working cache
    working = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.NewsroomRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    assert services.unpublish(Edition.objects.filter(pk=edition.pk), user=staff_user) == 1
    settings.CACHES = working  # the cache is back, with the page stored before the outage
    tokens._outage["retry_at"] = 0.0
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.DRAFT
    assert client.get(f"{DAY}/01/").status_code == 404


def test_readiness_names_the_cache_when_redis_is_down(client, redis_down):
    assert client.get("/healthz/").status_code == 200  # liveness: the process answers
    response = client.get("/healthz/", {"ready": "1"})
    assert response.status_code == 503
    assert "cache" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_readiness_names_the_database_when_it_does_not_answer(client):
    with mock.patch.object(
        type(connections["default"]), "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz/", {"ready": "1"})
    assert response.status_code == 503
    assert "database default: OperationalError" in response.content.decode()


def test_ready_when_the_database_and_the_cache_answer(client):
    response = client.get("/healthz/", {"ready": "1"})
    assert response.status_code == 200
    assert response.content.decode() == "ready\n"


def test_the_commands_say_in_one_line_that_the_cache_is_down(redis_down):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="the cache did not answer"):
        call_command("publish_scheduled")
    with pytest.raises(CommandError, match="the cache did not answer"):
        call_command("forget_cached_pages")


def test_forget_cached_pages_rebuilds_every_page_without_a_stale_copy(client, capsys):
    from django.core.management import call_command

    continued_edition()
    assert client.get(f"{DAY}/01/").status_code == 200
    before = tokens.withdrawals([tokens.SITE_SCOPE])
    call_command("forget_cached_pages")
    assert tokens.withdrawals([tokens.SITE_SCOPE]) != before
    assert "forgotten" in capsys.readouterr().out
