"""The parser's doubts as stored rows: written with the import, kept while the article is left
alone, cleared when an editor fixes or accepts them; and an edition with open doubts is published
only once a desk chief has confirmed it."""

import copy

import pytest

from articles.models import Article
from editions.models import Edition
from editions.services import publish
from importer.core.draft import Doubt, DoubtKind
from importer.core.sources import PageSource
from importer.messages import import_summary
from importer.models import ArticleDoubt, PageDump
from importer.services import import_edition
from importer.services.doubts import EDITION, accept, clear_fixed, confirm, with_open_doubts
from importer.services.importing import DoubtsUnconfirmed
from tests.articles.admin_helpers import member_of
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db


def doubtful_edition():
    draft = h.edition()
    first, second = draft.pages[0].articles[1], draft.pages[0].articles[2]
    first.doubts = [Doubt(DoubtKind.TITLE_SPLIT, "引题和主题的分法是猜的", ["引题一行", "主题一行"])]
    second.doubts = [
        Doubt(DoubtKind.BYLINE, "这一行可能不是署名", ["记者 李军"]),
        Doubt(DoubtKind.UNPLACED, "无法归位的文字", ["一行孤立的字"]),
    ]
    return draft


def test_an_import_stores_each_article_s_doubts_and_counts_them():
    result = import_edition(doubtful_edition())
    doubts = ArticleDoubt.objects.order_by("pk")
    assert [(d.article.headline, d.kind, d.lines) for d in doubts] == [
        ("第1版第2条", "title_split", ["引题一行", "主题一行"]),
        ("第1版第3条", "byline", ["记者 李军"]),
        ("第1版第3条", "unplaced", ["一行孤立的字"]),
    ]
    assert (result.doubts, result.unplaced) == (3, 1)
    assert "待核对 3 处（其中未归位文字 1 段）" in import_summary(result, "")
    edition = with_open_doubts(type(result.edition).objects.all(), EDITION).get()
    assert edition.open_doubts == 3


def test_a_re_import_keeps_what_editors_checked_and_renews_what_it_rewrites(django_user_model):
    draft = doubtful_edition()
    import_edition(draft)
    editor = member_of(django_user_model, "编辑", "editor")
    accept(ArticleDoubt.objects.filter(kind="title_split"), user=editor)
    again = import_edition(copy.deepcopy(draft))
    assert again.status == "unchanged" and again.doubts == 2
    assert ArticleDoubt.objects.get(kind="title_split").cleared_how == "accepted"
    corrected = copy.deepcopy(draft)
    corrected.pages[0].articles[2].doubts = [Doubt(DoubtKind.BOUNDARY, "分界不确定", [])]
    corrected.pages[0].articles[2].headline = "第1版第3条（新）"
    import_edition(corrected)
    assert sorted(ArticleDoubt.objects.open().values_list("kind", flat=True)) == ["boundary"]


def test_a_doubt_clears_when_the_fields_it_concerns_change(django_user_model):
    import_edition(doubtful_edition())
    editor = member_of(django_user_model, "编辑", "editor")
    article = Article.objects.get(headline="第1版第3条")
    assert clear_fixed(article, user=editor) == 0
    article.headline = "改过的标题"
    article.save()
    # A changed title fixes the unplaced text (the article's content changed), not the byline.
    assert clear_fixed(article, user=editor) == 1
    assert list(article.doubts.open().values_list("kind", flat=True)) == ["byline"]
    fixed = ArticleDoubt.objects.get(kind="unplaced")
    assert (fixed.cleared_how, fixed.cleared_by) == ("fixed", editor)
    article.bylines.all().delete()
    assert clear_fixed(article, user=editor) == 1
    assert not ArticleDoubt.objects.open().filter(article=article).exists()


def test_publishing_waits_for_a_desk_chief_s_confirmation(django_user_model):
    edition = import_edition(doubtful_edition()).edition
    chief = member_of(django_user_model, "值班主任", "desk-chief")
    published, refused = publish(type(edition).objects.filter(pk=edition.pk), user=chief)
    assert published == 0 and "有 3 个待核对问题" in refused[0]
    assert confirm(type(edition).objects.filter(pk=edition.pk), user=chief) == 1
    assert edition.doubt_confirmation.open_doubts == 3
    # A later import's doubt needs a confirmation of its own.
    corrected = doubtful_edition()
    corrected.pages[1].articles[0].doubts = [Doubt(DoubtKind.NO_TITLE, "无标题", [])]
    corrected.pages[1].articles[0].headline = "无题"
    import_edition(corrected)
    published, refused = publish(type(edition).objects.filter(pk=edition.pk), user=chief)
    assert published == 0 and "有 1 个待核对问题" in refused[0]
    confirm(type(edition).objects.filter(pk=edition.pk), user=chief)
    assert publish(type(edition).objects.filter(pk=edition.pk), user=chief) == (1, [])


def test_an_edition_without_open_doubts_needs_no_confirmation(django_user_model):
    edition = import_edition(h.edition()).edition
    chief = member_of(django_user_model, "值班主任", "desk-chief")
    assert publish(type(edition).objects.filter(pk=edition.pk), user=chief) == (1, [])


def test_the_import_keeps_the_page_dumps_it_read():
    dumps = [PageSource("01.txt", "第一版的原文", "1"), PageSource("02.txt", "第二版的原文", "02")]
    edition = import_edition(h.edition(), dumps=dumps).edition
    assert list(PageDump.objects.values_list("edition", "label", "origin", "text")) == [
        (edition.pk, "01", "01.txt", "第一版的原文"),
        (edition.pk, "02", "02.txt", "第二版的原文"),
    ]
    first = PageDump.objects.get(label="01")
    import_edition(h.edition(), dumps=[PageSource("01.txt", "第一版改过的原文", "01")])
    assert PageDump.objects.get(pk=first.pk).text == "第一版改过的原文"
    assert PageDump.objects.get(label="02").text == "第二版的原文"


def test_publishing_with_the_import_needs_a_named_confirmation(django_user_model):
    """Issue 15: no confirmation by nobody. Without a desk chief named, an edition with open
    doubts is not published with its import, and nothing of it is written."""
    with pytest.raises(DoubtsUnconfirmed):
        import_edition(doubtful_edition(), publish=True)
    assert not Edition.objects.exists() and not ArticleDoubt.objects.exists()
    chief = member_of(django_user_model, "值班主任", "desk-chief")
    edition = import_edition(doubtful_edition(), publish=True, confirmed_by=chief).edition
    assert edition.status == "published"
    confirmation = edition.doubt_confirmation
    assert (confirmation.confirmed_by, confirmation.open_doubts) == (chief, 3)
