"""The import service: one edition per transaction, idempotent, in place, respectful of editors."""

import copy
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Block, Byline, Contributor, Photo
from editions.models import Edition, Page, Publication
from importer import service
from importer.core.draft import BlockDraft, BylineDraft, EditionImportError
from importer.core.jsonio import edition_to_json
from importer.service import export_edition, import_edition, plan_import
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
    assert "created" in result.summary() and "7 articles" in result.summary()


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
    assert "unchanged" in again.summary()


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
    assert edition_to_json(export_edition(result.edition)) == edition_to_json(
        service.normalize_draft(corrected)
    )


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
    assert "kept 1 edited" in result.summary() and "第1版第2条" in result.summary()
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


def test_continued_parts_are_linked_within_an_edition():
    result = import_edition(h.edition())
    first = Article.objects.get(headline="党建赋能治理 共建幸福家园")
    second = Article.objects.get(headline="党建赋能治理")
    assert first.next_part == second and second.previous_part == first
    assert (first.continued_to_label, first.continued_to_page) == ("02", 2)
    assert (second.continued_from_label, second.continued_from_page) == ("01", 1)
    assert result.continuations_linked == 1


def test_a_part_on_a_page_imported_later_is_linked_when_it_arrives():
    draft = h.edition()
    front = import_edition(h.page_only(draft, "01"))
    first = Article.objects.get(headline="党建赋能治理 共建幸福家园")
    assert first.next_part is None and first.continued_to_label == "02"
    assert front.continuations_linked == 0
    later = import_edition(h.page_only(draft, "02"))
    assert later.status == "updated" and later.continuations_linked == 1
    first.refresh_from_db()
    assert first.next_part.headline == "党建赋能治理"
    assert Edition.objects.count() == 1
    assert list(Page.objects.values_list("label", "number").order_by("number")) == [("01", 1), ("02", 2)]
    # The first page stayed as it was.
    assert Article.objects.get(pk=first.pk).position == 1


def test_page_two_first_then_page_one():
    draft = h.edition()
    import_edition(h.page_only(draft, "02"))
    second = Article.objects.get(headline="党建赋能治理")
    import_edition(h.page_only(draft, "01"))
    assert Article.objects.get(headline="党建赋能治理 共建幸福家园").next_part_id == second.pk
    assert list(Page.objects.values_list("label", "number").order_by("number")) == [("01", 1), ("02", 2)]


def test_continuation_with_a_shortened_headline_among_several_candidates():
    draft = h.edition(pages=2, articles_per_page=2)
    page_two = draft.pages[1]
    # A second continued part from page 01 on page 02, under another headline.
    other = h.article(9, "第1版第2条", continued_from=service.PageRef("01", 1))
    page_two.articles.append(other)
    draft.pages[0].articles[1].continued_to = service.PageRef("02", 2)
    import_edition(draft)
    assert Article.objects.get(headline="党建赋能治理 共建幸福家园").next_part.headline == "党建赋能治理"
    assert Article.objects.get(headline="第1版第2条", page__label="01").next_part.position == 9


def test_a_corrected_dump_that_swaps_two_stories_continued_parts_relinks_both():
    """Each part may follow only one first part: the links are released before they swap."""

    def draft(swapped):
        draft = h.edition(pages=2, articles_per_page=2, continued=False)
        for position, headline in ((1, "城市更新迈出新步伐"), (2, "乡村振兴结出硕果")):
            draft.pages[0].articles[position - 1] = h.article(
                position, headline, continued_to=service.PageRef("02", 2)
            )
        parts = (
            ("乡村振兴结出硕果", "城市更新迈出新步伐")
            if swapped
            else ("城市更新迈出新步伐", "乡村振兴结出硕果")
        )
        for position, headline in enumerate(parts, start=1):
            draft.pages[1].articles[position - 1] = h.article(
                position, headline, continued_from=service.PageRef("01", 1)
            )
        return draft

    def links():
        return {
            a.headline: a.next_part.position
            for a in Article.objects.filter(page__label="01").select_related("next_part")
        }

    import_edition(draft(swapped=False))
    assert links() == {"城市更新迈出新步伐": 1, "乡村振兴结出硕果": 2}
    result = import_edition(draft(swapped=True))
    assert result.status == "updated"
    assert links() == {"城市更新迈出新步伐": 2, "乡村振兴结出硕果": 1}


def test_an_error_half_way_leaves_the_database_as_it_was(monkeypatch):
    import_edition(h.edition(date=datetime.date(2023, 8, 8)))
    before = h.snapshot()
    original = service._Writer._write_content

    blocks_when_failing = []

    def half_then_fail(self, plans, contributors):
        original(self, plans[: len(plans) // 2], contributors)
        blocks_when_failing.append(Block.objects.count())
        raise RuntimeError("disk full")

    monkeypatch.setattr(service._Writer, "_write_content", half_then_fail)
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


def test_markup_and_control_characters_are_stored_as_text():
    draft = h.edition(pages=1, continued=False)
    draft.pages[0].articles[0].headline = "<script>alert(1)</script>标题\x00\x07"
    draft.pages[0].articles[0].body = [BlockDraft("paragraph", "<b>粗体</b>\u200f文字")]
    import_edition(draft)
    article = Article.objects.get(position=1)
    assert article.headline == "<script>alert(1)</script>标题"
    assert article.blocks.get().text == "<b>粗体</b>\u200f文字"


def test_what_the_database_cannot_hold_is_refused_before_writing():
    draft = h.edition(pages=1)
    draft.pages[0].articles[0].headline = "长" * 301
    with pytest.raises(EditionImportError, match="headline is 301 characters, more than 300"):
        import_edition(draft)
    assert not Edition.objects.exists() and not Publication.objects.exists()


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


def test_documents_segmented_ahead_are_those_the_writer_would_compute():
    # import_edition's workers segment every article before the writer sees the edition; what
    # they store must be exactly what the writer computes itself for a lone edition.
    draft = h.edition(pages=2, articles_per_page=3)
    ahead = service.prepare_edition(copy.deepcopy(draft), with_documents=True)
    lazy = service.prepare_edition(copy.deepcopy(draft))
    assert not lazy.documents
    assert len(ahead.documents) == 7
    for page in lazy.draft.pages:
        for article in page.articles:
            assert ahead.documents[(page.label, article.position)] == lazy.document(page.label, article)
    import_edition(ahead)
    stored = dict(Article.objects.values_list("headline", "search_document"))
    assert stored["第2版第3条"] == ahead.documents[("02", 3)]


def test_long_article_columns_are_compressed_with_lz4_where_the_server_has_it():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL column setting")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        if cursor.fetchone() is None:
            pytest.skip("this PostgreSQL was built without LZ4")
        cursor.execute(
            "SELECT attname, attcompression FROM pg_attribute "
            "WHERE attrelid = 'articles_article'::regclass AND attcompression <> ''"
        )
        assert dict(cursor.fetchall()) == {"source_text": "l", "search_document": "l", "search_vector": "l"}


def test_a_row_the_database_refuses_is_a_django_database_error_on_every_backend():
    # On PostgreSQL the rows go by COPY through psycopg's own cursor; its errors must still reach
    # the command and the admin as Django's DatabaseError (a one-line message, not a traceback).
    from django.db import DatabaseError, transaction

    from importer.service import _insert_rows

    import_edition(h.edition(pages=1, articles_per_page=1))
    article = Article.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        _insert_rows(Block, ["article", "order", "type", "text"], [(article.pk, 1, "poem", "一段。")])
