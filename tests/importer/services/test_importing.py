"""The import service: one edition per transaction, idempotent, in place, respectful of editors."""

import copy
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from articles.models import Article, Block, Byline, Contributor, Photo
from editions.models import Edition, Page
from importer.core.draft import BlockDraft, BylineDraft
from importer.core.jsonio import edition_to_json
from importer.messages import describe, import_summary
from importer.services import export_edition, import_edition, plan_import
from importer.services.importing import PublicationRefused
from importer.services.normalise import normalize_draft
from importer.services.writer import Writer
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db


def ids():
    return (
        list(Page.objects.values_list("pk", flat=True).order_by("pk")),
        list(Article.objects.values_list("pk", "page_id", "position").order_by("pk")),
        list(Block.objects.values_list("pk", flat=True).order_by("pk")),
        list(Byline.objects.values_list("pk", flat=True).order_by("pk")),
    )


def test_new_edition_is_a_draft_with_every_part_written():
    result = import_edition(h.edition(pages=2, articles_per_page=3))
    edition = result.edition
    assert result.status == "created"
    assert edition.status == Edition.Status.DRAFT and not edition.is_visible
    assert list(edition.pages.values_list("label", "number", "name")) == [
        ("01", 1, "要闻"),
        ("02", 2, "综合"),
    ]
    assert Article.objects.count() == 7
    assert Block.objects.count() == 13
    assert Photo.objects.get(article__headline="第1版第2条").credit == "企业供图"
    # 李军 once, plus one correspondent per article on the two pages.
    assert Contributor.objects.count() == 7
    assert result.contributors_new == 7 and result.contributors_reused == 0
    article = Article.objects.get(headline="第2版第3条")
    assert list(article.tags.names()) == ["乡村振兴"]
    assert len(article.import_fingerprint) == 64
    assert "第一段" in article.search_document.split() or "一段" in article.search_document.split()
    photo_article = Article.objects.get(headline="第1版第2条")
    assert "图" in photo_article.search_document
    summary = import_summary(result, "")
    assert "：新建；" in summary and "7 篇稿件" in summary and summary.endswith("草稿")


def test_reimporting_the_same_draft_changes_nothing():
    draft = h.edition()
    first = import_edition(draft)
    before = ids()
    updated = list(Article.objects.values_list("updated", flat=True).order_by("pk"))
    again = import_edition(copy.deepcopy(draft))
    assert again.status == "unchanged"
    assert again.edition.pk == first.edition.pk
    assert ids() == before
    assert list(Article.objects.values_list("updated", flat=True).order_by("pk")) == updated
    assert again.contributors_new == 0 and again.contributors_reused == 7
    assert "：内容不变；" in import_summary(again, "")


def test_a_corrected_draft_updates_in_place():
    draft = h.edition()
    import_edition(draft)
    by_headline = dict(Article.objects.values_list("headline", "pk"))
    corrected = copy.deepcopy(draft)
    page = corrected.pages[0]
    page.articles[1].body[0] = BlockDraft("paragraph", "更正后的第一段。")  # body corrected
    page.articles[2].headline = "第1版第3条（更正）"  # headline corrected: matched by position
    # Two stories on page 02 swap places: matched by headline.
    second = corrected.pages[1].articles
    second[0].position, second[1].position = 2, 1
    result = import_edition(corrected)
    assert result.status == "updated"
    actions = {(a.page, a.headline): a.action for a in result.plan.articles}
    assert actions[("01", "第1版第2条")] == "changed"
    assert actions[("01", "第1版第3条（更正）")] == "changed"
    assert actions[("02", "第2版第1条")] == "moved"
    assert actions[("01", "党建赋能治理 共建幸福家园")] == "unchanged"
    assert Article.objects.get(pk=by_headline["第1版第2条"]).blocks.first().text == "更正后的第一段。"
    assert Article.objects.get(pk=by_headline["第1版第3条"]).headline == "第1版第3条（更正）"
    assert Article.objects.get(pk=by_headline["第2版第1条"]).position == 2
    assert Article.objects.get(pk=by_headline["第2版第2条"]).position == 1
    assert Article.objects.count() == 7
    assert edition_to_json(export_edition(result.edition)) == edition_to_json(normalize_draft(corrected))


def test_each_import_is_a_version_in_the_articles_history():
    draft = h.edition()
    import_edition(draft)
    article = Article.objects.get(headline="第1版第2条")
    assert list(article.history.values_list("history_type", "history_change_reason")) == [("+", "导入")]
    assert Block.history.filter(article_id=article.pk).count() == 2
    assert Photo.history.filter(article_id=article.pk).count() == 1
    # Unchanged on a re-import: no new version.
    import_edition(copy.deepcopy(draft))
    assert article.history.count() == 1
    corrected = copy.deepcopy(draft)
    corrected.pages[0].articles[1].body[0] = BlockDraft("paragraph", "更正后的第一段。")
    corrected.pages[1].articles[0].position, corrected.pages[1].articles[1].position = 2, 1
    import_edition(corrected)
    assert article.history.first().history_type == "~"
    moved = Article.objects.get(headline="第2版第1条")
    assert (moved.history.count(), moved.history.first().position) == (2, 2)
    # The first version still has its parts as the first import wrote them.
    from articles.snapshots import version_snapshot

    first, now = (version_snapshot(record) for record in reversed(article.history.all()))
    assert first["blocks"][0]["text"] == "第1版第2条的第一段。"
    assert now["blocks"][0]["text"] == "更正后的第一段。"
    assert [b["id"] for b in now["blocks"]] == list(article.blocks.values_list("pk", flat=True))


def test_an_article_dropped_from_the_draft_is_removed():
    draft = h.edition()
    import_edition(draft)
    shorter = copy.deepcopy(draft)
    del shorter.pages[0].articles[2]
    result = import_edition(shorter)
    assert [a.headline for a in result.plan.articles if a.action == "removed"] == ["第1版第3条"]
    assert not Article.objects.filter(headline="第1版第3条").exists()


def _edit_in_admin(headline, text):
    block = Block.objects.filter(article__headline=headline).order_by("order").first()
    block.text = text
    block.save()


def test_an_article_an_editor_changed_is_kept_and_reported():
    draft = h.edition()
    import_edition(draft)
    _edit_in_admin("第1版第2条", "编辑改过的段落。")
    # The same dump again: the editor's version stands, and there is nothing to report.
    same = import_edition(copy.deepcopy(draft))
    assert same.status == "unchanged" and same.kept == []
    assert Block.objects.filter(text="编辑改过的段落。").exists()
    # A corrected dump: the editor's version still stands, and the run says so.
    corrected = copy.deepcopy(draft)
    corrected.pages[0].articles[1].body[0] = BlockDraft("paragraph", "印刷版更正的段落。")
    corrected.pages[0].articles[2].body[0] = BlockDraft("paragraph", "另一篇的更正。")
    result = import_edition(corrected)
    assert [(a.page, a.headline) for a in result.kept] == [("01", "第1版第2条")]
    summary = import_summary(result, "用 --replace 覆盖")
    assert "保留编辑改过的 1 篇：第01版第2条《第1版第2条》（用 --replace 覆盖）" in summary
    assert Block.objects.filter(text="编辑改过的段落。").exists()
    assert not Block.objects.filter(text="印刷版更正的段落。").exists()
    assert Block.objects.filter(text="另一篇的更正。").exists()
    # --replace: the dump wins, and the article is no longer reported as edited.
    replaced = import_edition(copy.deepcopy(corrected), replace=True)
    assert replaced.kept == []
    assert Block.objects.filter(text="印刷版更正的段落。").exists()
    assert not Block.objects.filter(text="编辑改过的段落。").exists()
    assert import_edition(copy.deepcopy(corrected)).status == "unchanged"


def test_an_edited_article_the_dump_no_longer_holds_is_kept():
    draft = h.edition()
    import_edition(draft)
    article = Article.objects.get(headline="第1版第3条")
    article.subheadline = "编辑加的副题"
    article.save()
    # The new dump drops it, prints a new story second and moves the second one down to third.
    shorter = copy.deepcopy(draft)
    page = shorter.pages[0]
    del page.articles[2]
    page.articles[1].position = 3
    page.articles.insert(1, h.article(2, "新的第二条"))
    result = import_edition(shorter)
    assert [a.headline for a in result.kept] == ["第1版第3条"]
    article.refresh_from_db()
    assert article.subheadline == "编辑加的副题"
    assert article.position == 4  # its place went to the story that moved down
    assert list(Article.objects.filter(page__label="01").values_list("headline", flat=True)) == [
        "党建赋能治理 共建幸福家园",
        "新的第二条",
        "第1版第2条",
        "第1版第3条",
    ]


def test_an_article_written_by_hand_is_never_overwritten():
    draft = h.edition(pages=1, continued=False)
    import_edition(draft)
    page = Page.objects.get()
    hand = Article.objects.create(page=page, position=9, headline="编辑手写的稿件")
    result = import_edition(copy.deepcopy(draft))
    assert result.status == "unchanged"
    assert Article.objects.filter(pk=hand.pk).exists()


def test_an_error_half_way_leaves_the_database_as_it_was(monkeypatch):
    import_edition(h.edition(date=datetime.date(2023, 8, 8)))
    before = h.snapshot()
    original = Writer._write_content

    blocks_when_failing = []

    def half_then_fail(self, plans, contributors):
        original(self, plans[: len(plans) // 2], contributors)
        blocks_when_failing.append(Block.objects.count())
        raise RuntimeError("disk full")

    monkeypatch.setattr(Writer, "_write_content", half_then_fail)
    draft = h.edition(pages=3)
    draft.pages[0].articles[0].bylines.append(BylineDraft("新记者", "reporter", "记者"))
    with pytest.raises(RuntimeError):
        import_edition(draft, publish=True)
    assert blocks_when_failing[0] > before["blocks"]  # half the new articles were written
    assert h.snapshot() == before
    # An update of a stored edition that fails leaves the stored edition as it was, too.
    corrected = h.edition(date=datetime.date(2023, 8, 8))
    corrected.pages[0].articles[1].body[0] = BlockDraft("paragraph", "改。")
    with pytest.raises(RuntimeError):
        import_edition(corrected)
    assert h.snapshot() == before
    monkeypatch.undo()
    assert import_edition(draft, publish=True).status == "created"
    assert Edition.objects.get(date=draft.date).is_visible


def test_publish_publishes_and_a_reimport_never_unpublishes():
    draft = h.edition(pages=1)
    result = import_edition(draft, publish=True)
    assert result.edition.is_visible
    again = import_edition(copy.deepcopy(draft))
    again.edition.refresh_from_db()
    assert again.status == "unchanged" and again.edition.status == Edition.Status.PUBLISHED
    other = h.edition(pages=1, date=datetime.date(2023, 8, 10))
    import_edition(other)
    assert import_edition(copy.deepcopy(other), publish=True).status == "updated"
    assert Edition.objects.get(date=other.date).is_visible


def test_publishing_with_the_import_is_refused_as_the_admin_s_publish_refuses_it():
    """The import's publish asks the publication checks every way of publishing asks (a photo
    without its caption or credit, as the admin's 发布): refused, the whole import with it, so
    nothing of the edition is written or published; the same edition with its credits is
    published, `published` sent once."""
    stored = h.edition(pages=1)
    import_edition(copy.deepcopy(stored))
    before = h.snapshot()
    changed = h.without_credit(copy.deepcopy(stored))
    changed.pages[0].articles[0].body[0] = BlockDraft("paragraph", "改过的第一段。")
    uncaptioned = h.edition(pages=1, date=datetime.date(2023, 8, 10))
    uncaptioned.pages[0].articles[1].photos[0].caption = ""
    with h.published_signals() as sent:
        for draft in (changed, h.without_credit(h.edition(date=datetime.date(2023, 8, 10))), uncaptioned):
            with pytest.raises(PublicationRefused) as refused:
                import_edition(draft, publish=True)
            with translation.override("zh-hans"):
                said = describe(refused.value)
            assert said.startswith("发布前每张图片都要有图片说明和来源署名") and "01版《第1版第2条》" in said
            assert h.snapshot() == before
        assert sent == []
        result = import_edition(copy.deepcopy(stored), publish=True)
        assert result.edition.is_visible and result.status == "updated"
        assert sent == [result.edition.pk]


def test_contributors_are_one_person_across_editions_and_slugs_stay_unique():
    Contributor.objects.create(name="王五", organization="新华社", slug="王五")
    first = h.edition(pages=1, continued=False)
    first.pages[0].articles[0].bylines = [
        BylineDraft("王五", "reporter", "记者"),
        BylineDraft("孙超", "reporter", "记者", organization="人民日报"),
        BylineDraft("孙超", "reporter", "记者", organization="人民日报"),  # printed twice: one byline
    ]
    import_edition(first)
    second = h.edition(pages=1, continued=False, date=datetime.date(2023, 8, 10))
    second.pages[0].articles[0].bylines = [BylineDraft("孙超", "reporter", "记者", organization="人民日报")]
    result = import_edition(second)
    # 孙超, 李军 and the two correspondents of the other articles are known already.
    assert (result.contributors_new, result.contributors_reused) == (0, 4)
    assert Contributor.objects.filter(name="孙超").count() == 1
    assert Contributor.objects.get(name="王五", organization="").slug == "王五-2"
    assert Contributor.objects.get(name="孙超").slug == "孙超-人民日报"
    assert Byline.objects.filter(contributor__name="孙超").count() == 2


def test_plan_import_reads_and_never_writes():
    draft = h.edition()
    new_plan = plan_import(draft)
    assert new_plan.status == "created" and new_plan.count("added") == 7
    import_edition(draft)
    corrected = copy.deepcopy(draft)
    corrected.pages[0].articles[1].body[0] = BlockDraft("paragraph", "更正。")
    del corrected.pages[1].articles[0]
    with CaptureQueriesContext(connection) as queries:
        plan = plan_import(corrected)
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert plan.status == "updated"
    assert (plan.count("changed"), plan.count("removed"), plan.count("unchanged")) == (1, 1, 5)
    assert "1 changed" in plan.summary()


def test_a_plan_s_summary_counts_its_pages_in_words():
    assert "(1 page; articles: 3 added)" in plan_import(h.edition(pages=1)).summary()
    assert "(2 pages; articles: 7 added)" in plan_import(h.edition()).summary()


def _queries_to_import(draft):
    with CaptureQueriesContext(connection) as queries:
        import_edition(draft)
    return len(queries)


def test_import_cost_does_not_grow_with_pages_or_articles():
    import_edition(h.edition(pages=1, date=datetime.date(2023, 1, 1)))  # 李军 and the tag exist now
    small = _queries_to_import(h.edition(pages=2, articles_per_page=8, date=datetime.date(2023, 1, 2)))
    large = _queries_to_import(h.edition(pages=8, articles_per_page=8, date=datetime.date(2023, 1, 3)))
    # 17 articles against 65: the same statements, but SQLite takes at most 999 values in one
    # INSERT, so 65 articles go in two batches (and their blocks too).
    batches = 2 if connection.vendor == "sqlite" else 0
    assert small <= large <= small + batches
    assert large <= 30
    unchanged = _queries_to_import(h.edition(pages=8, articles_per_page=8, date=datetime.date(2023, 1, 3)))
    assert unchanged <= 15


def test_corpus_editions_import(corpus_dates):
    for folder in corpus_dates:
        draft = h.truth_edition(folder)
        result = import_edition(draft)
        assert result.status == "created"
        assert result.continuations_linked == sum(1 for a in draft.articles() if a.continued_to)
        stored = Article.objects.filter(page__edition=result.edition).count()
        assert stored == sum(1 for _ in draft.articles())
        assert import_edition(h.truth_edition(folder)).status == "unchanged"
