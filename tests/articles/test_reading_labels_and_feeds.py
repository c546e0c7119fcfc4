"""What readers see of advertisements and notices, the search page's headlines and form, page
titles, the feeds' dates and contents, and the icon at /favicon.ico (issue 18)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from articles.models import Article, Photo
from articles.search import highlight, refresh_search_document
from tests.articles import factories, sitedata

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DAY = "/zhuzhou-daily/2023-08-09"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def edition():
    """The continued edition, with an advertisement and a notice on page 02."""
    edition = sitedata.continued_edition(pages=2, articles_per_page=3)
    ad = Article.objects.get(page__edition=edition, page__number=2, position=2)
    ad.kind, ad.headline, ad.dateline = Article.Kind.ADVERTISEMENT, "建设全球一流现代银行集团", ""
    ad.save()
    ad.blocks.all().delete()
    ad.blocks.create(order=1, text="BUILD A FIRST-CLASS GLOBAL BANKING GROUP")
    notice = Article.objects.get(page__edition=edition, page__number=2, position=3)
    notice.kind, notice.headline = Article.Kind.NOTICE, "停水公告 人民路片区"
    notice.save()
    for article in (ad, notice):
        refresh_search_document(article)
    return edition


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_advertisements_and_notices_are_labelled_wherever_readers_see_them(client, edition):
    ad = Article.objects.get(kind="advertisement")
    notice = Article.objects.get(kind="notice")
    page = text(client.get(f"{DAY}/02/"))
    assert '<span class="kind-label kind-label-advertisement">广告</span>' in page
    assert '<span class="kind-label kind-label-notice">公告</span>' in page
    assert page.count('class="kind-label') == 2  # the news stories carry no label
    article = text(client.get(ad.get_absolute_url()))
    assert '<span class="kind-label kind-label-advertisement">广告</span>' in article.split("<main")[1]
    contents = text(client.get(f"{DAY}/"))
    assert contents.count('class="kind-label') == 2
    found = text(client.get("/search/?q=人民路"))
    assert '<span class="kind-label kind-label-notice">公告</span>' in found
    assert notice.headline in found.replace("<mark>", "").replace("</mark>", "")
    assert '<span class="kind-label kind-label-advertisement">Advertisement</span>' in text(
        client.get(f"/en{ad.get_absolute_url()}")
    )


def test_an_english_line_is_not_justified_and_a_missing_photo_leaves_a_marked_caption(client, edition):
    ad = Article.objects.get(kind="advertisement")
    body = text(client.get(ad.get_absolute_url()))
    assert '<p class="latin">BUILD A FIRST-CLASS GLOBAL BANKING GROUP</p>' in body
    first = Article.objects.get(page__number=1, position=1)
    body = text(client.get(first.get_absolute_url()))
    # The seed's photo has a caption and a credit but no image on the site.
    assert Photo.objects.get(article=first).image.name in ("", None)
    assert (
        '<p class="photo-note"><span class="photo-note-label">图片说明</span>航拍淞亿小区。'
        ' <span class="credit">企业供图</span></p>'
    ) in body
    assert "<figure" not in body and "<figcaption" not in body
    assert '<p class="latin">' not in body  # Chinese paragraphs stay justified


def test_feeds_carry_the_newest_edition_s_stories_dated_by_its_print_date(client, edition):
    factories.edition(date=datetime.date(2023, 8, 1), pages=1, articles_per_page=2)  # an older one
    root = ET.fromstring(text(client.get("/feeds/latest.atom")))
    assert root.findtext(f"{ATOM}title") == "株洲日报 · 最新一期（2023年8月9日）"
    assert "最新一期的全部稿件" in root.findtext(f"{ATOM}subtitle")
    assert root.find(f"{ATOM}link").get("href").endswith(f"{DAY}/")
    entries = root.findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert len(entries) == 4 and all(f"{DAY}/" in link for link in links)  # 6 articles less ad and notice
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert "建设全球一流现代银行集团" not in titles and "停水公告 人民路片区" not in titles
    # Printed on 9 August (Beijing time), whenever the desk pressed publish.
    assert {entry.findtext(f"{ATOM}published") for entry in entries} == {"2023-08-09T00:00:00+08:00"}
    rss = ET.fromstring(text(client.get("/feeds/latest.rss")))
    assert {item.findtext("pubDate") for item in rss.findall("channel/item")} == {
        "Wed, 09 Aug 2023 00:00:00 +0800"
    }
    contributor = ET.fromstring(text(client.get("/feeds/contributors/li-jun.atom")))
    dates = [entry.findtext(f"{ATOM}published")[:10] for entry in contributor.findall(f"{ATOM}entry")]
    assert dates[0] == "2023-08-09" and dates[-1] == "2023-08-01"  # several editions, newest first
    assert contributor.findtext(f"{ATOM}title") == "李军 的稿件 · 株洲日报"


def test_search_shows_a_headline_whole_with_the_hit_marked(client):
    edition = factories.edition(pages=1, articles_per_page=1)
    article = Article.objects.get(page__edition=edition)
    article.headline = "湘赣边最大独立共享储能电站 并网投运"
    article.save()
    refresh_search_document(article)
    body = text(client.get("/search/?q=储能"))
    marked = "湘赣边最大独立共享<mark>储能</mark>电站 并网投运"
    assert f'<a href="{article.get_absolute_url()}">{marked}</a>' in body
    # A longer text than the window still shows a window around the first hit.
    window = highlight("湘赣边最大独立共享储能电站 并网投运", ["储能"], width=10)
    assert window == "…共享<mark>储能</mark>电站 并网投…"


def test_search_page_titles_and_its_paper_select(client, edition):
    body = text(client.get("/search/?q=人民"))
    assert "<title>检索：人民 · 株洲日报</title>" in body
    assert "<title>检索稿件 · 株洲日报</title>" in text(client.get("/search/"))
    assert 'name="publication"' not in body  # one paper: nothing to choose
    assert '<details class="search-more">' in body  # the other conditions folded away
    assert '<details class="search-more" open>' in text(client.get("/search/?q=人民&kind=news"))
    # A second paper with a published edition (a paper with drafts only is not offered).
    factories.edition(
        date=datetime.date(2023, 8, 9), pages=1, pub=factories.publication("peoples-daily", "人民日报")
    )
    cache.clear()
    two = text(client.get("/search/?q=人民"))
    assert 'name="publication"' in two and '<option value="peoples-daily">人民日报</option>' in two
    contributor = text(client.get("/contributors/li-jun/"))
    assert "<title>李军 · 作者 · 株洲日报</title>" in contributor


def test_the_paper_s_icon_is_at_favicon_ico(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.ico")
    assert "max-age=86400" in response["Cache-Control"]
    from django.contrib.staticfiles import finders

    icon = finders.find("favicon.ico")
    with open(icon, "rb") as data:
        assert data.read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_feed_links_say_what_they_are(client, edition):
    body = text(client.get(f"{DAY}/01/"))
    assert '<a href="/feeds/latest.atom" type="application/atom+xml">订阅（Atom）</a>' in body
    assert "添加到新闻阅读器中订阅" in body


def test_the_two_parts_of_a_continued_story_are_one_hit_the_opening_part(client, edition):
    first = Article.objects.get(page__number=1, position=1)
    second = first.next_part
    # 翻身仗 is only in the second part; 人民群众 in both (and in the other stories).
    body = text(client.get("/search/?q=翻身仗"))
    assert body.count('class="card card-') == 1
    assert f'<a href="{first.get_absolute_url()}">党建赋能治理' in body  # the opening part's card
    assert f'<a href="{second.get_absolute_url()}">党建赋能治理' not in body
    assert "<mark>翻身仗</mark>" in body  # the snippet comes from the part that matched
    hits = text(client.get("/search/?q=人民群众"))
    section = hits.split('search-results"')[1].split("</section>")[0]
    assert section.count(f'<a href="{first.get_absolute_url()}">') == 1
    assert f'<a href="{second.get_absolute_url()}">党建' not in section


def test_advertisements_and_notices_rank_after_the_stories(client, edition):
    notice = Article.objects.get(kind="notice")
    notice.headline = "人民群众 人民群众 停水公告"  # the best match by words alone
    notice.save()
    refresh_search_document(notice)
    section = text(client.get("/search/?q=人民群众")).split('search-results"')[1]
    cards = section.split('<article class="card ')[1:]
    assert cards[-1].startswith("card-notice") and all(
        not card.startswith("card-notice") for card in cards[:-1]
    )


def test_no_news_article_data_for_an_advertisement_and_dates_are_the_print_date(client, edition):
    import json
    import re

    ad = Article.objects.get(kind="advertisement")
    assert "application/ld+json" not in text(client.get(ad.get_absolute_url()))
    first = Article.objects.get(page__number=1, position=1)
    page = text(client.get(first.get_absolute_url()))
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["datePublished"] == "2023-08-09"
    assert '<meta property="article:published_time" content="2023-08-09">' in page
    sitemap = text(client.get("/sitemap-news.xml"))
    assert ad.headline not in sitemap and "停水公告" not in sitemap and first.headline in sitemap
    assert "<news:publication_date>2023-08-09</news:publication_date>" in sitemap
