"""Saving the articles' areas drawn in the admin's area editor (articles.areas): what is refused and
why, who may save, an editor's change to a published page held for a desk chief, and every change
in the article's history, restorable."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from articles import areas as service
from articles.approvals import approve_revision
from articles.models import Article, Revision
from articles.services import restore_version
from articles.snapshots import differences
from importer.core import areas as core
from tests.articles import factories
from tests.articles.admin_helpers import member_of

pytestmark = pytest.mark.django_db

SQUARE = [[0.1, 0.1], [0.4, 0.1], [0.4, 0.3], [0.1, 0.3]]
# An L-shaped story: six corners.
ELL = [[0.1, 0.1], [0.6, 0.1], [0.6, 0.2], [0.3, 0.2], [0.3, 0.5], [0.1, 0.5]]


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "编辑", "bian")


@pytest.fixture
def chief(django_user_model):
    return member_of(django_user_model, "值班主任", "chief")


def page_of(published):
    edition = factories.edition(published=published, pages=1, articles_per_page=2)
    return edition.pages.get()


def first(page):
    return Article.objects.get(page=page, position=1)


def test_the_bounds_are_the_importer_s():
    """The editor and edition JSON accept the same areas."""
    assert (service.MAX_POLYGONS, service.MAX_POINTS, service.PLACES) == (
        core.MAX_POLYGONS,
        core.MAX_POINTS,
        core.PLACES,
    )


def test_areas_are_checked_and_rounded():
    rounded = [[[0.1235, 0.5], [1.0, 0.0], [0.0, 1.0]]]
    assert service.check_areas([[[0.123456, 0.5], [1, 0], [0, 1]]]) == rounded
    assert service.check_areas([ELL]) == [ELL]
    assert service.check_areas([]) == []


@pytest.mark.parametrize(
    "areas, words",
    [
        ("[[0, 0]]", "格式不对"),
        ([[[0.1, 0.1], [0.2, 0.2]]], "3 到 64 个顶点"),
        ([[[0.1, 0.1]] * 65], "3 到 64 个顶点"),
        ([[[0.1, 0.1], [1.2, 0.1], [0.1, 0.5]]], "超出了版面"),
        ([[[0.1, -0.01], [0.2, 0.1], [0.1, 0.5]]], "超出了版面"),
        ([[[0.1, 0.1], ["0.2", 0.1], [0.1, 0.5]]], "两个数"),
        ([[[0.1, 0.1], [True, 0.1], [0.1, 0.5]]], "两个数"),
        ([[[0.1, 0.1], [float("nan"), 0.1], [0.1, 0.5]]], "两个数"),
        ([[[0.1, 0.1, 0.1], [0.2, 0.1], [0.1, 0.5]]], "两个数"),
        ([SQUARE] * 17, "最多 16 个"),
    ],
)
def test_what_no_page_holds_is_refused_in_chinese(areas, words):
    with pytest.raises(service.AreasRefused) as refused:
        service.check_areas(areas, "头条")
    assert words in str(refused.value) and "《头条》" in str(refused.value)


@pytest.mark.parametrize("text", ["", "[]", "{", '{"a": []}', "x" * (service.MAX_FORM_CHARS + 1)])
def test_a_form_value_that_cannot_be_read_is_refused(text):
    if text == "":
        assert service.read_form(text) == {}
        return
    with pytest.raises(service.AreasRefused):
        service.read_form(text)


def test_an_editor_s_areas_on_a_draft_are_saved_in_the_history(editor):
    page = page_of(published=False)
    article = first(page)
    saved = service.save_page_areas(page, {article.pk: [ELL]}, user=editor, base={article.pk: []})
    assert [a.pk for a in saved.changed] == [article.pk] and saved.held == []
    article.refresh_from_db()
    assert article.areas == [ELL]
    record = article.history.latest()
    assert record.history_user == editor and record.history_change_reason == "修改版面区域"
    assert record.areas == [ELL]
    # Articles not named, and areas unchanged, are left alone (no new version).
    other = Article.objects.get(page=page, position=2)
    versions = other.history.count()
    again = service.save_page_areas(page, {article.pk: [ELL], other.pk: []}, user=editor)
    assert again.changed == [] and other.history.count() == versions


def test_an_earlier_version_s_areas_come_back_with_a_restore(editor, chief):
    page = page_of(published=False)
    article = first(page)
    service.save_page_areas(page, {article.pk: [SQUARE]}, user=editor)
    version = article.history.latest()
    service.save_page_areas(page, {article.pk: [ELL, SQUARE]}, user=editor)
    restore_version(version, user=chief)
    article.refresh_from_db()
    assert article.areas == [SQUARE]


def test_only_those_who_may_change_articles_save_areas(django_user_model):
    page = page_of(published=False)
    viewer = django_user_model.objects.create_user("kan", is_staff=True)
    with pytest.raises(PermissionDenied):
        service.save_page_areas(page, {first(page).pk: [SQUARE]}, user=viewer)
    assert first(page).areas == []


def test_an_article_of_another_page_is_refused_and_nothing_is_saved(editor):
    page = page_of(published=False)
    elsewhere = factories.edition(date=page.edition.date.replace(day=10), published=False, pages=1)
    stranger = Article.objects.filter(page__edition=elsewhere).first()
    with pytest.raises(service.AreasRefused, match="不在本版上"):
        service.save_page_areas(page, {first(page).pk: [SQUARE], stranger.pk: [SQUARE]}, user=editor)
    assert first(page).areas == [] and Article.objects.get(pk=stranger.pk).areas == []


def test_one_bad_article_saves_none(editor):
    page = page_of(published=False)
    one, two = Article.objects.filter(page=page).order_by("position")
    with pytest.raises(service.AreasRefused, match="超出了版面"):
        service.save_page_areas(page, {one.pk: [SQUARE], two.pk: [[[0, 0], [2, 0], [0, 1]]]}, user=editor)
    assert first(page).areas == []


def test_areas_changed_by_someone_else_since_are_not_overwritten(editor, chief):
    page = page_of(published=False)
    article = first(page)
    service.save_page_areas(page, {article.pk: [SQUARE]}, user=chief, base={article.pk: []})
    with pytest.raises(service.AreasRefused, match="已被别人修改"):
        service.save_page_areas(page, {article.pk: [ELL]}, user=editor, base={article.pk: []})
    assert Article.objects.get(pk=article.pk).areas == [SQUARE]


def test_an_editor_s_areas_on_a_published_page_wait_for_the_desk_chief(editor, chief):
    page = page_of(published=True)
    article = first(page)
    saved = service.save_page_areas(page, {article.pk: [ELL]}, user=editor, base={article.pk: []})
    assert saved.changed == [] and [a.pk for a in saved.held] == [article.pk]
    assert Article.objects.get(pk=article.pk).areas == []  # readers see it as it was
    revision = Revision.objects.get()
    assert revision.reason == "修改版面区域" and revision.proposed["article"]["areas"] == [ELL]
    (row,) = differences(revision.base, revision.proposed)
    assert row[0] == "版面区域" and row[1] == "—"
    assert row[2] == "区域1：6 个顶点，横 10.0%–60.0%，纵 10.0%–50.0%"
    approve_revision(revision, user=chief)
    article.refresh_from_db()
    assert article.areas == [ELL]
    assert article.history.latest().history_user == chief


def test_a_desk_chief_s_areas_on_a_published_page_go_live(chief):
    page = page_of(published=True)
    article = first(page)
    saved = service.save_page_areas(page, {article.pk: [SQUARE]}, user=chief)
    assert [a.pk for a in saved.changed] == [article.pk] and not Revision.objects.exists()
    assert Article.objects.get(pk=article.pk).areas == [SQUARE]


def test_areas_an_editor_drew_survive_the_page_s_import_again(editor, seed_text):
    """An imported page without a PDF has no areas; those an editor draws stay when the page's
    dump is imported again, even corrected and replacing the editors' changes (the dump knows no
    areas)."""
    from importer.core.draft import PublicationDraft
    from importer.core.parser import parse_edition
    from importer.services import import_edition

    def imported(text, replace=False):
        publication = PublicationDraft(slug="zhuzhou-daily", name="株洲日报")
        draft = parse_edition([("01", text)], publication=publication, date=datetime.date(2023, 8, 9))
        import_edition(draft, replace=replace)

    imported(seed_text)
    article = Article.objects.get(headline="我市2村入选省级美丽乡村示范")
    service.save_page_areas(article.page, {article.pk: [ELL]}, user=editor)
    imported(seed_text)
    assert Article.objects.get(pk=article.pk).areas == [ELL]
    assert seed_text.count("客家火龙") == 1
    imported(seed_text.replace("客家火龙", "客家龙灯"), replace=True)
    article = Article.objects.get(headline="我市2村入选省级美丽乡村示范")
    assert any("客家龙灯" in block.text for block in article.blocks.all())
    assert article.areas == [ELL]
