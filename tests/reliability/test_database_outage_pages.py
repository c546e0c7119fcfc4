"""PostgreSQL gone for a moment while a reader asks for an e-paper page (issue 14): the page with
its image answers as every other view does, Django's 500 page (templates/500.html, in Chinese,
no traceback), while the readiness check names the database; a page the cache holds is still
served from it."""

from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

from editions.models import Page

pytestmark = pytest.mark.django_db

DAY = "/zhuzhou-daily/2023-08-09"


@pytest.fixture
def page_with_image(edition_with_pdf):
    page = Page.objects.get()
    assert page.image and page.renditions
    return page


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


def refused(monkeypatch):
    """Every query fails as it does while PostgreSQL restarts (the readiness tests' way)."""
    failing = mock.Mock(side_effect=OperationalError("connection refused"))
    monkeypatch.setattr(type(connections["default"]), "cursor", failing)


@pytest.mark.parametrize("url", [f"{DAY}/01/", f"{DAY}/", f"{DAY}.json"])
def test_the_page_image_answers_the_500_page_every_view_answers(page_with_image, reader, monkeypatch, url):
    refused(monkeypatch)
    response = reader.get(url)
    assert response.status_code == 500
    body = response.content.decode()
    assert "服务器出错了" in body and "Traceback" not in body and "OperationalError" not in body
    assert "database default: OperationalError" in reader.get("/healthz/", {"ready": "1"}).content.decode()


def test_a_page_the_cache_holds_is_served_while_the_database_is_down(page_with_image, reader, monkeypatch):
    shown = reader.get(f"{DAY}/01/")
    assert shown.status_code == 200 and page_with_image.renditions["800"] in shown.content.decode()
    refused(monkeypatch)
    again = reader.get(f"{DAY}/01/")
    assert again.status_code == 200 and again.content == shown.content
