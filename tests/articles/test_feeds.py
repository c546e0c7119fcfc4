"""Feeds, sitemaps, robots.txt and structured data parse as what they claim to be."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from editions.models import Edition
from tests.articles import factories, sitedata

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def continued():
    edition = sitedata.continued_edition()
    sitedata.draft_edition()
    return edition


def xml(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_atom_feed_lists_the_latest_published_stories(client, continued):
    root = xml(client.get("/feeds/latest.atom"))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 6  # the draft's story is not there
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "党建赋能治理 共建幸福家园"
    assert (
        first.find(f"{ATOM}link")
        .get("href")
        .endswith(Article.objects.get(headline__startswith="党建", page__number=1).get_absolute_url())
    )
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "李军、刘平"
    assert {c.get("term") for c in first.findall(f"{ATOM}category")} == {"党建", "基层治理"}


def test_rss_feed_parses(client, continued):
    root = xml(client.get("/feeds/latest.rss"))
    items = root.findall("channel/item")
    assert len(items) == 6
    assert items[0].findtext("title") == "党建赋能治理 共建幸福家园"
    assert items[0].findtext("description") == "小区党支部建设整体推进"
    assert "max-age" in client.get("/feeds/latest.rss")["Cache-Control"]


def test_contributor_feed(client, continued):
    root = xml(client.get("/feeds/contributors/%E5%88%98%E5%B9%B3.atom"))
    assert [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")] == ["党建赋能治理 共建幸福家园"]
    assert xml(client.get("/feeds/contributors/li-jun.rss")).findall("channel/item")


def test_feed_escapes_markup_from_dumps(client, continued):
    Article.objects.filter(page__number=1, position=2).update(headline="<script>alert(1)</script>标题")
    root = xml(client.get("/feeds/latest.atom"))
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert "<script>alert(1)</script>标题" in titles  # text, not markup


def test_sitemap_index_and_sections(client, continued):
    index = xml(client.get("/sitemap.xml"))
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert {re.search(r"sitemap-(\w+)\.xml", url).group(1) for url in sections} == {
        "editions",
        "pages",
        "articles",
    }
    articles = xml(client.get("/sitemap-articles.xml"))
    locations = [loc.text for loc in articles.iter(f"{SITEMAP}loc")]
    assert len(locations) == 6 and all("/2023-08-09/" in url for url in locations)
    pages = [loc.text for loc in xml(client.get("/sitemap-pages.xml")).iter(f"{SITEMAP}loc")]
    assert [url.rsplit("/", 2)[-2] for url in pages] == ["01", "02"]
    editions = [loc.text for loc in xml(client.get("/sitemap-editions.xml")).iter(f"{SITEMAP}loc")]
    assert editions == ["http://testserver/zhuzhou-daily/2023-08-09/"]


def test_news_sitemap_has_the_last_two_days_only(client, continued):
    old = factories.edition(date=datetime.date(2023, 8, 1), pages=1, articles_per_page=1)
    Edition.objects.filter(pk=old.pk).update(published_at=timezone.now() - datetime.timedelta(days=3))
    root = xml(client.get("/sitemap-news.xml"))
    urls = root.findall(f"{SITEMAP}url")
    assert len(urls) == 6
    news = urls[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}title") == "党建赋能治理 共建幸福家园"
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "株洲日报"
    datetime.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))


def test_robots_txt_points_at_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Sitemap: http://testserver/sitemap-news.xml" in body


def test_article_json_ld_is_valid_news_article_and_cannot_break_out(client, continued):
    first = Article.objects.get(page__edition=continued, page__number=1, position=1)
    first.headline = "标题</script><script>alert(1)</script>"
    first.save()
    body = client.get(first.get_absolute_url()).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "标题</script><script>alert(1)</script>"
    assert [author["name"] for author in data["author"]] == ["李军", "刘平"]
    assert data["pageStart"] == "01"
    assert data["isPartOf"]["datePublished"] == "2023-08-09"
    assert data["isPartOf"]["url"] == "http://testserver/zhuzhou-daily/2023-08-09/"
    datetime.datetime.fromisoformat(data["datePublished"])
    datetime.datetime.fromisoformat(data["dateModified"])
    assert "<script>alert(1)" not in body


def test_open_graph_and_canonical_links(client, continued):
    first = Article.objects.get(page__edition=continued, page__number=1, position=1)
    body = client.get(first.get_absolute_url()).content.decode()
    canonical = f"http://testserver{first.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in body
    assert f'<meta property="og:url" content="{canonical}">' in body
    assert '<meta property="og:type" content="article">' in body
    assert '<meta property="og:title" content="党建赋能治理 共建幸福家园">' in body
