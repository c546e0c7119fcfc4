"""The public reading site: every URL, continuations, previews, 404s, bad parameters (its cache
headers and invalidation: tests/newsroom/test_pagecache_views.py)."""

import datetime
import json
import re
import time

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, Block, Correction
from editions.models import Edition
from importer.core.draft import PublicationDraft
from importer.core.parser import parse_edition
from importer.services import import_edition
from tests.articles import factories, sitedata
from tests.articles.sitedata import DAY, parts, text
from tests.conftest import CORPUS
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def continued():
    return sitedata.continued_edition()


def test_front_page_is_the_latest_published_edition_at_its_first_page(client, continued):
    factories.edition(date=datetime.date(2023, 8, 8), pages=1)
    sitedata.draft_edition(datetime.date(2023, 8, 12))
    response = client.get("/")
    assert response.status_code == 200
    body = text(response)
    assert "2023年8月9日" in body
    assert "01版：要闻" in body
    assert f'<link rel="canonical" href="http://testserver{DAY}/01/">' in body
    assert "党建赋能治理 共建幸福家园" in body


def test_front_page_without_any_edition_says_so_and_creates_nothing(client):
    from editions.models import Publication

    response = client.get("/")
    assert response.status_code == 200
    assert "还没有发布的报纸" in text(response)
    assert "<h1>株洲日报</h1>" in response.content.decode()
    assert not Publication.objects.exists()  # a reader's request writes nothing


def test_page_shows_page_list_headlines_bylines_opening_and_navigation(client, continued):
    factories.edition(date=datetime.date(2023, 8, 7), pages=1)  # 8 Aug has no edition: skipped
    factories.edition(date=datetime.date(2023, 8, 12), pages=1)
    body = text(client.get(f"{DAY}/01/"))
    assert "版面导航" in body and "标题导航" in body
    assert f'href="{DAY}/02/"' in body  # 下一版
    assert "下一版：02版：要闻" in body
    assert "已是第一版" in body
    assert 'href="/zhuzhou-daily/2023-08-07/"' in body  # 上一期 skips the day without an edition
    assert 'href="/zhuzhou-daily/2023-08-12/"' in body  # 下一期
    assert "湖南株洲市着力构建城市基层治理新格局" in body  # kicker
    assert "小区党支部建设整体推进" in body  # subheadline
    assert '<a href="/contributors/li-jun/">李军</a>' in body
    assert "人民群众的第1段正文。" in body  # opening lines
    second_page = text(client.get(f"{DAY}/02/"))
    assert "上一版：01版：要闻" in second_page and "已是最后一版" in second_page


def test_page_image_is_shown_when_stored(client, continued):
    page = continued.pages.get(number=1)
    page.image.save("p01.png", ContentFile(b"x"))
    assert "版面图" in text(client.get(f"{DAY}/01/"))


def test_edition_contents_lists_every_page_and_headline(client, continued):
    response = client.get(f"{DAY}/")
    body = text(response)
    assert response.status_code == 200
    assert body.count('class="contents-page"') == 2
    assert "01版：要闻" in body and "02版：要闻" in body
    assert "第2版第3条新闻标题" in body
    assert f'href="{DAY}/02/6/"' in body or re.search(rf'href="{DAY}/02/\d+/"', body)


def test_article_page_shows_everything_a_reader_expects(client, continued):
    first, _second = parts(continued)
    Correction.objects.create(article=first, text="本文第二段的数字有误，已更正。")
    body = text(client.get(first.get_absolute_url()))
    assert f'<h1 id="headline-{first.pk}" class="headline">党建赋能治理 共建幸福家园</h1>' in body
    assert '<p class="kicker">湖南株洲市着力构建城市基层治理新格局</p>' in body
    assert "——小区党支部建设整体推进" in body
    assert "聚焦“三微”“六位” 建设幸福株洲" in body  # column, full-width quotes kept
    assert '<span class="dateline">株洲日报讯</span>' in body
    assert '<h3 class="subhead">建阵地强班子,让人心聚起来</h3>' in body
    assert 'class="editor-note"' in body and "坚持大抓基层的鲜明导向" in body
    assert "航拍淞亿小区。" in body and '<span class="credit">企业供图</span>' in body
    assert 'rel="tag">党建</a>' in body and "/tags/%E5%85%9A%E5%BB%BA/" in body
    assert body.index("本文第二段的数字有误") < body.index('class="story-body"')  # correction on top
    assert '<a href="/contributors/%E5%88%98%E5%B9%B3/">刘平</a>' in body
    assert "返回01版：要闻</a>" in body
    assert "下一篇：第1版第2条新闻标题" in body and "已是本版第一篇" in body


def test_continuation_links_go_both_ways_and_the_whole_story_reads_in_one_piece(client, continued):
    first, second = parts(continued)
    first_body = text(client.get(first.get_absolute_url()))
    assert f'<a href="{second.get_absolute_url()}">下转02版</a>' in first_body
    second_body = text(client.get(second.get_absolute_url()))
    assert f'<a href="{first.get_absolute_url()}">上接01版</a>' in second_body
    page_body = text(client.get(f"{DAY}/01/"))
    assert f'<a href="{second.get_absolute_url()}">下转02版</a>' in page_body
    for start in (first, second):
        whole = client.get(f"{start.get_absolute_url()}whole/")
        assert whole.status_code == 200
        body = text(whole)
        assert body.index("人民群众的第1段正文。") < body.index("淞亿小区着实打了一场翻身仗。")
        # The title block once, the pages the parts were printed on, the second part marked
        # where it starts, and the way on at the end.
        assert body.count(">党建赋能治理 共建幸福家园</h1>") == 1 and '<h2 class="headline"' not in body
        assert body.split("<main")[1].count("小区党支部建设整体推进") == 1
        assert "以下刊于02版：要闻" in body and "以下刊于01版" not in body
        ending = body.split('aria-label="全文之后"')[1]
        assert ">返回01版：要闻</a>" in ending and ">返回02版：要闻</a>" in ending
        assert ">本期目录</a>" in ending


def test_a_continuation_whose_other_part_is_missing_is_text_with_a_note(client, continued):
    first, second = parts(continued)
    first.next_part = None
    first.save()
    first_body = text(client.get(first.get_absolute_url()))
    assert '下转02版 <span class="note">（后续部分未收录）</span>' in first_body
    second_body = text(client.get(second.get_absolute_url()))
    assert '上接01版 <span class="note">（前半部分未收录）</span>' in second_body
    assert ">下转02版</a>" not in first_body and ">上接01版</a>" not in second_body


def test_whole_story_of_an_article_that_is_not_continued_goes_to_the_article(client, continued):
    article = Article.objects.get(page__edition=continued, page__number=1, position=2)
    response = client.get(f"{article.get_absolute_url()}whole/")
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()


def test_archive_calendar_and_date_picker(client, continued):
    factories.edition(date=datetime.date(2023, 7, 3), pages=1)
    body = text(client.get("/zhuzhou-daily/archive/"))
    assert "2023年8月" in body and f'href="{DAY}/"' in body
    assert "更早：2023年7月" in body and 'name="date"' in body
    july = text(client.get("/zhuzhou-daily/archive/?month=2023-07"))
    assert 'href="/zhuzhou-daily/2023-07-03/"' in july and "较新：2023年8月" in july
    picked = client.get("/zhuzhou-daily/archive/?date=2023-08-09")
    assert picked.status_code == 302 and picked["Location"] == f"{DAY}/"
    missing = client.get("/zhuzhou-daily/archive/?date=2023-08-20")
    assert missing.status_code == 200 and "2023-08-20 没有出版的报纸" in text(missing)


def test_contributor_page_lists_bylines_newest_first_and_paginates(client, continued):
    factories.edition(date=datetime.date(2023, 8, 10), pages=4, articles_per_page=5)
    response = client.get("/contributors/li-jun/")
    body = text(response)
    assert response.status_code == 200
    assert "共 26 篇稿件" in body
    assert "2023年8月10日" in body and "2023年8月9日" not in body  # the 20 newest first
    assert "第 1 / 2 页" in body and "?page=2" in body
    second = text(client.get("/contributors/li-jun/?page=2"))
    assert "第 2 / 2 页" in second and "2023年8月9日" in second
    assert client.get("/contributors/%E5%88%98%E5%B9%B3/").status_code == 200  # unicode slug


def test_tag_and_column_pages(client, continued):
    assert "党建赋能治理" in text(client.get("/tags/基层治理/"))
    assert client.get("/columns/聚焦“三微”“六位” 建设幸福株洲/").status_code == 200
    assert client.get("/tags/没有的标签/").status_code == 404
    assert client.get("/columns/没有的栏目/").status_code == 404


def test_edition_json_is_the_exported_edition(client, continued):
    response = client.get(f"{DAY}.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["schema"] == "newsroom.edition/1" and data["date"] == "2023-08-09"
    assert [page["label"] for page in data["pages"]] == ["01", "02"]
    first = data["pages"][0]["articles"][0]
    assert first["headline"] == "党建赋能治理 共建幸福家园"
    assert first["continued_to"] == {"page": 2, "label": "02"}


@pytest.mark.parametrize(
    "url",
    [
        "/zhuzhou-daily/2023-08-10/",
        "/zhuzhou-daily/2023-02-30/",
        "/zhuzhou-daily/2023-08-09/09/",
        "/zhuzhou-daily/2023-08-09/01/999999/",
        "/zhuzhou-daily/2023-08-09/02/1/",  # article 1 is on page 01
        "/zhuzhou-daily/2023-08-09/01/999999/whole/",
        "/zhuzhou-daily/2023-08-10.json",
        "/no-such-paper/2023-08-09/01/",
        "/no-such-paper/archive/",
        "/contributors/nobody/",
        "/feeds/contributors/nobody.atom",
        "/tags/nothing/",
        "/sitemap-nothing.xml",
    ],
)
def test_unknown_things_are_404(client, continued, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/zhuzhou-daily/archive/?month=2023-13",
        "/zhuzhou-daily/archive/?month=99999-01",
        "/zhuzhou-daily/archive/?month=abc",
        "/zhuzhou-daily/archive/?date=2023-02-30",
        "/zhuzhou-daily/archive/?date=0001-01-01",
        "/zhuzhou-daily/archive/?date=%00",
        "/contributors/li-jun/?page=99999999999999999999999",
        "/contributors/li-jun/?page=-1",
        "/contributors/li-jun/?page=abc",
        "/search/?q=%00%01",
        "/search/?q=" + "人" * 5000,
        "/search/?q=\"'<script>*OR NEAR(",
        "/search/?q=人民&start=2023-99-01",
        "/search/?q=人民&end=yesterday",
        "/search/?q=人民&publication=nope",
        "/search/?q=人民&kind=bad",
        "/search/?q=人民&page=99999999999999999999",
        "/search/?q=人民&label=" + "x" * 500,
    ],
)
def test_malformed_parameters_never_fail(client, continued, url):
    assert client.get(url).status_code in (200, 302)


def test_drafts_and_scheduled_editions_are_hidden_from_readers(client, continued):
    draft = sitedata.draft_edition()
    scheduled = sitedata.scheduled_edition()
    for edition in (draft, scheduled):
        article = Article.objects.filter(page__edition=edition).first()
        base = f"/zhuzhou-daily/{edition.date.isoformat()}"
        for url in (f"{base}/", f"{base}/01/", article.get_absolute_url(), f"{base}.json"):
            assert client.get(url).status_code == 404, url
    assert "2023-08-10" not in text(client.get(f"{DAY}/01/"))  # no 下一期 to a draft
    assert "第1版第1条新闻标题" not in text(client.get("/search/?q=新闻标题"))
    assert client.get("/").status_code == 200 and "2023年8月9日" in text(client.get("/"))


def test_staff_see_drafts_with_a_preview_banner_never_cached(staff_client, continued):
    draft = sitedata.draft_edition()
    scheduled = sitedata.scheduled_edition()
    response = staff_client.get("/zhuzhou-daily/2023-08-10/01/")
    assert response.status_code == 200
    assert 'class="preview-banner"' in text(response) and "本期尚未发布" in text(response)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    later = staff_client.get("/zhuzhou-daily/2023-08-11/01/")
    assert "本期定于" in text(later)
    article = Article.objects.filter(page__edition=draft).first()
    assert staff_client.get(article.get_absolute_url()).status_code == 200
    published = staff_client.get(f"{DAY}/01/")
    assert 'class="preview-banner"' not in text(published)
    assert "no-store" in published["Cache-Control"]
    assert scheduled.is_scheduled


def test_a_card_shows_the_opening_cut_to_90_characters(client, continued):
    page_one, page_two = continued.pages.order_by("number")
    long_opening = "长" * 89 + "尾巴" + "不该出现在卡片上" * 20
    Block.objects.filter(article=page_one.articles.get(position=2), order=1).update(text=long_opening)
    exactly_90 = "整" * 89 + "完"
    Block.objects.filter(article=page_two.articles.get(position=2), order=1).update(text=exactly_90)
    first = text(client.get(page_one.get_absolute_url()))
    # Cut, with the language's ellipsis ("..." in Django's Chinese catalogue).
    assert re.search(r'class="opening">长{80,89}(…|\.\.\.)</p>', first) and "尾巴" not in first
    assert exactly_90 + "</p>" in text(client.get(page_two.get_absolute_url()))


def test_a_scheduled_edition_goes_live_when_its_time_comes(client, continued):
    """The readers' queryset of editions is built once per process: "now" must be the database's
    clock at each query, not the moment it was built."""
    scheduled = sitedata.scheduled_edition()
    assert client.get("/zhuzhou-daily/2023-08-11/01/").status_code == 404
    # Its time comes, after the readers' queryset was built (no save, no signal: only the clock
    # moves on).
    Edition.objects.filter(pk=scheduled.pk).update(published_at=timezone.now())
    time.sleep(0.01)  # SQLite's clock has millisecond steps
    assert client.get("/zhuzhou-daily/2023-08-11/01/").status_code == 200


def test_seed_edition_through_the_importer(client, seed_text):
    draft = parse_edition(
        [("01", seed_text)],
        publication=PublicationDraft(slug="zhuzhou-daily", name="株洲日报"),
        date=datetime.date(2023, 8, 9),
    )
    import_edition(draft, publish=True, confirmed_by=h.desk_chief())
    body = text(client.get("/"))
    assert "我市2村入选省级美丽乡村示范" in body
    article = Article.objects.get(headline="我市2村入选省级美丽乡村示范")
    article_body = text(client.get(article.get_absolute_url()))
    assert "分别是茶陵县桃坑乡双元村、攸县酒埠江镇酒仙湖村" in article_body
    assert "李军" in article_body
    for url in (f"{DAY}/", f"{DAY}.json", "/search/?q=美丽乡村", "/feeds/latest.atom"):
        assert client.get(url).status_code == 200, url
    hits = text(client.get("/search/?q=美丽乡村"))
    assert (
        f'href="{article.get_absolute_url()}"' in hits
        and "省级<mark>美丽</mark><mark>乡村</mark>示范" in hits
    )


def test_corpus_edition_with_a_continued_story(client):
    folder = CORPUS / "2019-10-05"
    pages = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]
    draft = parse_edition(
        pages,
        publication=PublicationDraft(slug="peoples-daily", name="人民日报"),
        date=datetime.date(2019, 10, 5),
    )
    h.published_as_readers_saw([import_edition(draft).edition])
    first = Article.objects.filter(page__edition__date="2019-10-05", next_part__isnull=False).first()
    assert first is not None, "the parser linked no continuation in the corpus edition"
    second = first.next_part
    body = text(client.get(first.get_absolute_url()))
    assert f'<a href="{second.get_absolute_url()}">下转{first.continued_to_label}版</a>' in body
    back = text(client.get(second.get_absolute_url()))
    assert f'<a href="{first.get_absolute_url()}">上接{second.continued_from_label}版</a>' in back
    assert client.get(f"{first.get_absolute_url()}whole/").status_code == 200
    assert client.get("/peoples-daily/2019-10-05/02/").status_code == 200


def test_the_pages_are_chinese_whatever_the_browser_asks_for(client, continued):
    """A browser asking for English gets the Chinese pages marked as Chinese: their text is
    Chinese, and relabelling it `lang="en"` would have screen readers and translators read it as
    English. The interface language is the reader's choice, made with the footer's switch."""
    body = text(client.get(f"{DAY}/01/", HTTP_ACCEPT_LANGUAGE="en"))
    assert '<html lang="zh-Hans">' in body and "版面导航" in body and "Pages" not in body
    response = client.get(f"{DAY}/01/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "zh-Hans"
    assert "Accept-Language" not in response.get("Vary", "")
    assert f'<a href="/en{DAY}/01/" hreflang="en" lang="en" rel="nofollow">English</a>' in body


def test_the_reader_can_switch_the_interface_to_english(client, continued):
    body = text(client.get(f"/en{DAY}/01/", HTTP_ACCEPT_LANGUAGE="zh-CN"))
    # The content is still Chinese, and says so; only the interface is English.
    assert '<html lang="zh-Hans">' in body
    assert "Pages" in body and "Headlines" in body and "Next page: 02版：要闻" in body
    # Links stay in the chosen interface; the switch leads back to the plain address.
    assert f'href="/en{DAY}/02/"' in body and 'action="/en/search/"' in body
    assert f'<a href="{DAY}/01/" hreflang="zh-hans" lang="zh-hans" rel="nofollow">简体中文</a>' in body
    # One language per address: the English interface is not offered to search engines twice.
    assert '<meta name="robots" content="noindex, follow">' in body
    assert "noindex" not in text(client.get(f"{DAY}/01/"))
    searched = text(client.get("/en/search/?q=%E4%BA%BA%E6%B0%91"))  # as browsers send it
    assert 'href="/search/?q=%E4%BA%BA%E6%B0%91"' in searched  # the same search in Chinese
    # The admin stays Chinese for an English browser.
    assert client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode().count("登录") >= 1


def test_dates_are_written_in_the_reader_s_language(client, continued):
    factories.edition(date=datetime.date(2023, 8, 8), pages=1)  # 上一期 / Previous issue
    english = text(client.get(f"/en{DAY}/01/"))
    assert "Aug. 9, 2023 Wednesday" in english  # masthead
    assert "<title>01版：要闻 · Aug. 9, 2023 ·" in english.replace("\n", "")
    assert "August 8" in english and "年" not in english.split("<main")[1].split("</main>")[0]
    chinese = text(client.get(f"{DAY}/01/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "2023年8月9日 星期三" in chinese and "上一期：8月8日" in chinese
    archive = text(client.get("/en/zhuzhou-daily/archive/?month=2023-08"))
    assert "August 2023" in archive
    assert "2023年8月" in text(client.get("/zhuzhou-daily/archive/?month=2023-08"))


def test_the_neighbouring_edition_s_date_carries_its_year_when_it_differs(client, continued):
    factories.edition(date=datetime.date(2019, 10, 5), pages=1)
    factories.edition(date=datetime.date(2023, 8, 8), pages=1)
    body = text(client.get("/zhuzhou-daily/2019-10-05/01/"))
    assert "下一期：2023年8月8日" in body  # four years on: the year says so
    assert "上一期：8月8日" in text(client.get(f"{DAY}/01/"))  # the same year: month and day
    assert "Next edition: Aug. 8, 2023" in text(client.get("/en/zhuzhou-daily/2019-10-05/01/"))
    assert "下一期：2023年8月8日" in text(client.get("/zhuzhou-daily/2019-10-05/"))  # contents too


def test_every_page_links_home_to_search_and_to_the_feeds(client, continued):
    for url in ("/", f"{DAY}/01/", "/search/"):
        body = text(client.get(url))
        assert 'class="paper-name"><a href="/" rel="home">' in body
        assert 'action="/search/"' in body and 'href="/search/"' in body
        assert 'href="/feeds/latest.atom"' in body and 'href="/feeds/latest.rss"' in body
