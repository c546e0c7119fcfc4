"""Redis down, for what came after the first outage tests (issue 14): the e-paper page with its
image and clickable areas, the edition JSON that carries the areas, the edition PDF's link, and the
area editor's save (a change to an article the page cache must forget)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from editions.models import Page
from editions.pdfs import edition_pdf_name
from newsroom.pagecache import tokens
from tests.reliability.conftest import closed_port

pytestmark = pytest.mark.django_db

DAY = "/zhuzhou-daily/2023-08-09"


@pytest.mark.usefixtures("redis_down")
def test_the_page_image_with_its_areas_is_served_uncached(client, edition_with_pdf):
    page = Page.objects.get()
    body = client.get(f"{DAY}/01/").content.decode()
    assert f'src="/media/{page.renditions["800"]}"' in body
    areas = [a for a in Article.objects.filter(page=page) if a.areas]
    assert areas and all(f'id="area-{a.pk}"' in body for a in areas)
    assert f'href="/media/{edition_pdf_name(edition_with_pdf, [page])}" download' in body


@pytest.mark.usefixtures("redis_down")
def test_the_edition_json_with_the_areas_is_served_uncached(client, edition_with_pdf):
    response = client.get(f"{DAY}.json")
    assert response.status_code == 200
    pages = json.loads(response.content)["pages"]
    assert any(article.get("areas") for article in pages[0]["articles"])


@pytest.mark.usefixtures("redis_down")
def test_an_article_shows_its_area_on_the_page_uncached(client, edition_with_pdf):
    article = next(a for a in Article.objects.all() if a.areas)
    body = client.get(article.get_absolute_url()).content.decode()
    assert body.count('class="marked"') == len(article.areas)


def down():
    return {
        "default": {
            "BACKEND": "newsroom.cache.NewsroomRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


SQUARE = [[0.1, 0.1], [0.4, 0.1], [0.4, 0.3], [0.1, 0.3]]


def test_the_area_editor_saves_and_readers_see_it_once_redis_is_back(
    staff_client, edition_with_pdf, settings
):
    reader = Client()
    page = Page.objects.get()
    article = next(a for a in Article.objects.filter(page=page).order_by("position") if a.areas)
    assert reader.get(f"{DAY}/01/").status_code == 200  # cached in the working cache
    working = settings.CACHES
    settings.CACHES = down()
    url = reverse("admin:editions_page_areas", args=[page.pk])
    assert staff_client.get(url).status_code == 200
    drawn = {str(article.pk): [SQUARE]}
    response = staff_client.post(
        url, {"areas": json.dumps(drawn), "base": json.dumps({str(article.pk): article.areas})}
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).areas == [SQUARE]
    settings.CACHES = working  # the cache is back, with the page stored before the outage
    tokens._outage["retry_at"] = 0.0
    body = reader.get(f"{DAY}/01/").content.decode()
    area = body.split(f'id="area-{article.pk}"')[1].split("</a>")[0]
    assert (
        area.count("<polygon ") == 1
        and 'points="0.1000,0.1000 0.4000,0.1000 0.4000,0.3000 0.1000,0.3000"' in area
    )
