"""Chinese full-text search: the same tokenizer at index and query time, the database's own engine
(FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL), ranking, filters and safe highlighting."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection

from articles.filters import ArticleSearchFilter
from articles.models import Article, Block, Contributor
from articles.search import (
    document_for_article,
    highlight,
    query_terms,
    refresh_search_document,
    search,
    segment,
)
from importer.core.draft import ArticleDraft, BlockDraft
from tests.articles import factories, sitedata

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def found(query, **filters):
    filterset = ArticleSearchFilter({"q": query, **filters}, queryset=Article.objects.published())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs.order_by("-search_rank", "pk").values_list("headline", flat=True))


def story(edition, headline, *paragraphs, position=None, page=1):
    page = edition.pages.get(number=page)
    position = position or (page.articles.count() + 1)
    article = Article.objects.create(page=page, position=position, headline=headline)
    for order, text in enumerate(paragraphs, start=1):
        Block.objects.create(article=article, order=order, text=text)
    refresh_search_document(article)
    return article


@pytest.fixture
def edition():
    return factories.edition(pages=2, articles_per_page=0)


def test_two_character_words_are_found(edition):
    story(edition, "中华人民共和国成立70周年", "全国各族人民欢庆佳节。")
    story(edition, "株洲城区道路改造", "今年完成十条道路改造。")
    assert found("人民") == ["中华人民共和国成立70周年"]
    assert found("道路") == ["株洲城区道路改造"]
    assert found("株洲") == ["株洲城区道路改造"]


def test_every_word_of_a_multi_word_query_must_match(edition):
    story(edition, "美丽乡村示范村名单出炉", "茶陵县双元村入选。")
    story(edition, "乡村振兴新路径", "攸县酒仙湖村发展旅游。")
    assert found("美丽乡村") == ["美丽乡村示范村名单出炉"]
    assert found("乡村 旅游") == ["乡村振兴新路径"]
    assert sorted(found("乡村")) == ["乡村振兴新路径", "美丽乡村示范村名单出炉"]


def test_no_results_and_queries_without_words(edition, client):
    story(edition, "株洲城区道路改造", "今年完成十条道路改造。")
    assert found("火星探测") == []
    assert found("，。！") == []
    body = client.get("/search/?q=火星探测").content.decode()
    assert "找到 0 篇稿件" in body and "没有找到稿件" in body
    assert "请输入要检索的文字" in client.get("/search/?q=，。").content.decode()


def test_headlines_rank_above_passing_mentions(edition):
    story(edition, "道路通了", "一条新路。")
    story(edition, "城市建设", "今年城市建设进展顺利，道路、桥梁、管网同步推进。")
    assert found("道路")[0] == "道路通了"


def test_width_and_case_are_folded_at_index_and_query_time(edition):
    story(edition, "ＡＰＥＣ会议在京举行", "各方代表出席。")
    assert found("apec") == ["ＡＰＥＣ会议在京举行"]
    assert found("ＡＰＥＣ") == ["ＡＰＥＣ会议在京举行"]


def test_operators_and_quotes_in_a_query_are_only_words(edition, client):
    story(edition, "株洲城区道路改造", "今年完成十条道路改造。")
    for query in ['"道路', "道路 OR 火星", "道路 NOT 改造", "道路*", "NEAR(道路 改造)", "道路' --", "^道路"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, query
    assert found("道路 OR") == []  # "or" is a word like any other, and no story contains it


def test_filters_date_publication_page_kind_contributor(edition):
    other_day = factories.edition(date=datetime.date(2023, 9, 1), pages=1, articles_per_page=0)
    people = factories.edition(
        date=datetime.date(2023, 8, 9),
        pages=1,
        articles_per_page=0,
        pub=factories.publication("rmrb", "人民日报"),
    )
    first = story(edition, "八月道路新闻", "道路改造。")
    story(edition, "八月二版道路评论", "道路改造评论。", page=2)
    story(other_day, "九月道路新闻", "道路改造。")
    story(people, "人民日报道路新闻", "道路改造。")
    Article.objects.filter(headline="八月二版道路评论").update(kind="commentary")
    writer = Contributor.objects.create(name="温琳", slug="wen-lin")
    first.bylines.create(contributor=writer, role="reporter")
    assert sorted(found("道路", start="2023-09-01")) == ["九月道路新闻"]
    assert sorted(found("道路", end="2023-08-31", publication="zhuzhou-daily")) == [
        "八月二版道路评论",
        "八月道路新闻",
    ]
    assert found("道路", publication="rmrb") == ["人民日报道路新闻"]
    assert found("道路", label="02") == ["八月二版道路评论"]
    assert found("道路", kind="commentary") == ["八月二版道路评论"]
    assert found("道路", contributor="wen-lin") == ["八月道路新闻"]


def test_drafts_are_not_searched(edition):
    draft = sitedata.draft_edition()
    story(draft, "草稿里的道路新闻", "道路。")
    story(edition, "已发布的道路新闻", "道路。")
    assert found("道路") == ["已发布的道路新闻"]


def test_highlighting_escapes_the_text_before_marking_it():
    marked = highlight("<b>人民</b> & 人民群众 <script>", ["人民群众", "人民"])
    assert marked == "&lt;b&gt;<mark>人民</mark>&lt;/b&gt; &amp; <mark>人民群众</mark> &lt;script&gt;"
    assert highlight("a <mark>", ["mark"]) == "a &lt;<mark>mark</mark>&gt;"


def test_highlight_shows_a_window_around_the_first_hit():
    text = "开头" * 100 + "关键的人民群众" + "结尾" * 100
    marked = highlight(text, ["人民"], width=40)
    assert marked.startswith("…") and marked.endswith("…")
    assert "<mark>人民</mark>" in marked


def test_search_page_highlights_hits_safely_and_paginates(edition, client):
    for position in range(1, 26):
        story(edition, f"人民来信第{position}封 <i>", f"<script>alert(1)</script>人民群众的来信{position}。")
    body = client.get("/search/", {"q": "人民"}).content.decode()
    assert "找到 25 篇稿件" in body
    assert "<mark>人民</mark>来信第" in body and "&lt;i&gt;" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>人民</mark>群众" in body
    assert "<script>alert" not in body and "<i>" not in body
    assert "第 1 / 2 页" in body and "q=%E4%BA%BA%E6%B0%91&amp;page=2" in body
    assert body.count('class="card card-') == 20
    assert client.get("/search/", {"q": "人民", "page": "2"}).content.decode().count('class="card card-') == 5


def test_a_common_word_ranks_only_its_newest_matches(edition, client, monkeypatch):
    """Ranking every match of a common word would grow with the archive: the newest are ranked
    and the count says there are more."""
    monkeypatch.setattr("articles.selectors.MAX_RANKED", 3)
    for position in range(1, 6):
        story(edition, f"人民来信第{position}封", "人民" * position)
    body = client.get("/search/", {"q": "人民"}).content.decode()
    assert "找到 3 篇以上稿件" in body
    assert body.count('class="card card-') == 3
    assert "人民</mark>来信第5封" in body and "人民</mark>来信第1封" not in body
    assert body.index("来信第5封") < body.index("来信第4封") < body.index("来信第3封")


def test_index_follows_edits_and_deletes(edition):
    article = story(edition, "株洲城区道路改造", "今年完成十条道路改造。")
    assert found("道路") == ["株洲城区道路改造"]
    article.headline = "株洲城区桥梁维修"
    article.save()
    Block.objects.filter(article=article).update(text="今年完成十座桥梁维修。")
    refresh_search_document(article)
    assert found("道路") == []
    assert found("桥梁") == ["株洲城区桥梁维修"]
    article.delete()
    assert found("桥梁") == []


def test_document_for_article_is_the_same_for_a_stored_article_and_a_draft(edition):
    article = story(edition, "党建赋能治理", "第一段。", "第二段人民群众。")
    article.kicker, article.editor_note = "湖南株洲", "编者按一。"
    draft = ArticleDraft(
        kicker="湖南株洲",
        headline="党建赋能治理",
        editor_note=["编者按一。"],
        body=[BlockDraft("paragraph", "第一段。"), BlockDraft("paragraph", "第二段人民群众。")],
    )
    assert document_for_article(article) == document_for_article(draft)
    assert "人民" in document_for_article(draft).split()


def test_query_terms_are_the_index_tokens_without_repeats():
    assert query_terms("人民 人民群众 人民") == ["人民", "群众"]
    assert set(query_terms("人民 人民群众")) == set(segment("人民 人民群众").split())
    assert len(query_terms("人" * 5000)) <= 24


def test_the_database_engine_does_the_matching():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'articles_search%'")
            names = {row[0] for row in cursor.fetchall()}
            assert {
                "articles_search",
                "articles_search_ai",
                "articles_search_au",
                "articles_search_ad",
            } <= names
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_article_search_gin'")
            assert "gin" in cursor.fetchone()[0]
    sql = str(search(Article.objects.all(), ["人民"], connection).query)
    assert ("MATCH" in sql) if connection.vendor == "sqlite" else ("@@" in sql)


def test_same_results_and_order_for_the_same_data(edition):
    """The ranking functions differ by engine; the hits and their order for these texts do not."""
    story(edition, "人民群众", "人民群众人民群众。")
    story(edition, "城市建设", "人民群众参与城市建设，道路、桥梁同步推进。")
    story(edition, "道路改造", "没有那个词。")
    assert found("人民群众") == ["人民群众", "城市建设"]
