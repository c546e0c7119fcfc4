"""A value that becomes a URL part (a page label, a publication slug) is validated where it enters,
and a page whose stored value could never be typed in still renders everywhere it is linked:
front page, edition and page views, the article, sitemaps, RSS, Atom, search, archive (issue 14,
item 1). The hostile rows are written straight to the database, as an old import left them."""

import datetime
from urllib.parse import unquote, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import resolve, reverse

from articles.models import Article
from editions.models import Page, Publication
from tests.articles import factories

pytestmark = pytest.mark.django_db

LABELS = ["A/1", "../x", "..", "%41", "A 1?#", "版/二"]
SLUGS = ["bad slug/../x", "株洲/日报", "a%2Fb", "..", "x?y#z"]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def reader_urls(edition, page, article):
    slug, date = edition.publication.slug, edition.date.isoformat()
    return [
        reverse("editions:front"),
        edition.get_absolute_url(),
        page.get_absolute_url(),
        article.get_absolute_url(),
        reverse(
            "articles:whole_story",
            kwargs={"publication": slug, "date": date, "label": page.label, "pk": article.pk},
        ),
        edition.publication.get_absolute_url(),
        reverse("editions:edition_json", kwargs={"publication": slug, "date": date}),
        reverse("articles:sitemap"),
        reverse("articles:sitemap_section", kwargs={"section": "editions"}),
        reverse("articles:sitemap_section", kwargs={"section": "pages"}),
        reverse("articles:sitemap_section", kwargs={"section": "articles"}),
        reverse("articles:sitemap_news"),
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
        reverse("articles:search") + "?q=新闻",
        reverse("articles:search") + f"?q=新闻&label={page.label}",
    ]


def hostile_edition(label="01", slug="zhuzhou-daily"):
    publication = Publication.objects.create(slug="plain", name="株洲日报")
    edition = factories.edition(date=datetime.date.today(), pages=2, articles_per_page=2, pub=publication)
    page = edition.pages.order_by("number").first()
    # Straight to the database: no validator runs.
    Page.objects.filter(pk=page.pk).update(label=label)
    Publication.objects.filter(pk=publication.pk).update(slug=slug)
    edition.refresh_from_db()
    page.refresh_from_db()
    return edition, page, Article.objects.filter(page=page).order_by("position").first()


def served(client, url):
    """What the view was asked for (the test client's own resolver_match reads the undecoded path)."""
    return resolve(client.get(url).wsgi_request.path_info).kwargs


def assert_renders(client, edition, page, article):
    for url in reader_urls(edition, page, article):
        response = client.get(url, follow=True)  # a story in one part: whole/ redirects to it
        assert response.status_code == 200, (url, response.status_code)
    # The addresses the site gives lead back to the page and the article.
    place = {"publication": edition.publication.slug, "date": edition.date, "label": page.label}
    assert served(client, page.get_absolute_url()) == place
    assert served(client, article.get_absolute_url()) == place | {"pk": article.pk}
    assert article.headline in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("label", LABELS)
def test_a_stored_page_label_that_is_no_url_part_still_renders(client, label):
    assert_renders(client, *hostile_edition(label=label))


@pytest.mark.parametrize("slug", SLUGS)
def test_a_stored_publication_slug_that_is_no_url_part_still_renders(client, slug):
    assert_renders(client, *hostile_edition(slug=slug))


def test_a_page_address_stays_one_path_segment(client):
    _edition, page, article = hostile_edition(label="A/1", slug="bad slug/../x")
    path = urlsplit(page.get_absolute_url()).path
    # /<slug>/<date>/<label>/: no segment a browser would resolve away or split.
    segments = path.strip("/").split("/")
    assert len(segments) == 3, path
    assert ".." not in (unquote(s) for s in segments)
    assert article.get_absolute_url() == f"{page.get_absolute_url()}{article.pk}/"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL cannot store NUL at all")
def test_a_stored_nul_in_a_label_does_not_break_the_site(client):
    edition, _page, _article = hostile_edition(label="A\x001")
    for url in (reverse("editions:front"), edition.get_absolute_url(), reverse("articles:feed_rss")):
        assert client.get(url).status_code == 200, url
