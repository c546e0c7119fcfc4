"""No article carries more bylines, paragraphs, photos, tags or paragraphs of editor's note than a
printed one could (newsroom.text's MAX_* counts): edition JSON is refused by its reader before the
items are read, anything else (page dumps, PDFs, drafts) by the import service, in one line naming
the place and the count, nothing written; before, 100,000 tags cost an import 155 s on SQLite and
ended on PostgreSQL in a database error (65,535 parameters a query, a byline's order past 32,767).
An editor typing 10,000 tags or 101 lines of editor's note, or adding bylines, paragraphs or photos
past the count, is refused by the article form in Chinese, however the POST was made; an article
at every count saves there (issue 14)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Block, Byline, Contributor, Photo
from editions.models import Edition, Publication
from importer.core.draft import BlockDraft, BylineDraft, EditionImportError, PhotoDraft
from importer.core.jsonio import edition_from_json, edition_to_json
from importer.messages import describe
from importer.services import import_edition
from newsroom.text import MAX_BLOCKS, MAX_BYLINES, MAX_NOTE_PARAGRAPHS, MAX_PHOTOS, MAX_TAGS
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data, management
from tests.importer import helpers as h

# Each list of an article in edition JSON: its most, and its i-th item (all different, so that
# none is dropped as a repeat before it is counted).
PARTS = {
    "bylines": (
        MAX_BYLINES,
        lambda i: {"name": f"记者{i}", "role": "reporter", "label": "", "organization": ""},
    ),
    "body": (MAX_BLOCKS, lambda i: {"type": "paragraph", "text": f"第{i}段。"}),
    "photos": (MAX_PHOTOS, lambda i: {"caption": f"图{i}", "credit": "摄", "image": None}),
    "editor_note": (MAX_NOTE_PARAGRAPHS, lambda i: f"编者按第{i}段。"),
    "tags": (MAX_TAGS, lambda i: f"标签{i}"),
}


def document(part, count):
    data = edition_to_json(h.edition(pages=2))
    data["pages"][0]["articles"][0][part] = [PARTS[part][1](i) for i in range(count)]
    return data


def too_many(part):
    return json.dumps(document(part, PARTS[part][0] + 1), ensure_ascii=False).encode()


@pytest.mark.parametrize("part", PARTS)
def test_the_json_reader_refuses_100000_items_before_reading_them(part):
    with pytest.raises(EditionImportError) as raised:
        edition_from_json(document(part, 100_000))
    limit = PARTS[part][0]
    assert str(raised.value) == (
        f"edition JSON: pages[0].articles[0].{part} has 100000 items, more than {limit}"
    )
    assert describe(raised.value) == f"期次 JSON：pages[0].articles[0].{part} 有 100000 项，超过上限 {limit}"


@pytest.mark.django_db
@pytest.mark.parametrize("part", PARTS)
def test_the_command_refuses_one_item_too_many_in_one_line_writing_nothing(tmp_path, part):
    import_edition(h.edition(date=h.DATE.replace(day=1)))
    before = h.snapshot()
    path = tmp_path / "edition.json"
    path.write_bytes(too_many(part))
    with pytest.raises(CommandError) as raised:
        call_command("import_edition", str(path))
    message = str(raised.value)
    assert "\n" not in message
    assert message.endswith(
        f"pages[0].articles[0].{part} 有 {PARTS[part][0] + 1} 项，超过上限 {PARTS[part][0]}"
    )
    assert h.snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("part", PARTS)
def test_the_admin_import_refuses_one_item_too_many_on_the_upload_page(staff_client, part):
    upload = SimpleUploadedFile("edition.json", too_many(part), content_type="application/json")
    response = staff_client.post(
        reverse("admin:editions_edition_import"),
        {"files": [upload], "publication": str(Publication.objects.default().pk), "encoding": ""},
    )
    assert response.status_code == 200
    errors = response.context["upload_errors"]
    assert len(errors) == 1 and f"{part} 有 {PARTS[part][0] + 1} 项，超过上限" in errors[0], errors
    assert not Edition.objects.exists()


# What reaches the import service from any source, a page dump's parse as much as edition JSON.
DRAFT_PARTS = {
    "bylines": (
        lambda i: BylineDraft(f"记者{i}", "reporter"),
        f"{MAX_BYLINES + 1} 个署名，超过上限 {MAX_BYLINES}",
    ),
    "body": (
        lambda i: BlockDraft("paragraph", f"第{i}段。"),
        f"{MAX_BLOCKS + 1} 个段落，超过上限 {MAX_BLOCKS}",
    ),
    "photos": (lambda i: PhotoDraft(f"图{i}", "摄"), f"{MAX_PHOTOS + 1} 张图片，超过上限 {MAX_PHOTOS}"),
    "tags": (lambda i: f"标签{i}", f"{MAX_TAGS + 1} 个标签，超过上限 {MAX_TAGS}"),
}
LIMITS = {"bylines": MAX_BYLINES, "body": MAX_BLOCKS, "photos": MAX_PHOTOS, "tags": MAX_TAGS}


@pytest.mark.django_db
@pytest.mark.parametrize("part", DRAFT_PARTS)
def test_the_import_service_refuses_an_article_with_more_parts_than_print_has(part):
    item, words = DRAFT_PARTS[part]
    draft = h.edition(pages=2)
    setattr(draft.pages[0].articles[0], part, [item(i) for i in range(LIMITS[part] + 1)])
    with pytest.raises(EditionImportError) as raised:
        import_edition(draft)
    assert describe(raised.value) == f"第01版第1条: 这篇稿件有 {words}（见报的稿件不会有这么多）：请核对来源"
    assert not Edition.objects.exists() and not Contributor.objects.exists() and not Tag.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("part", "item", "words"),
    [
        ("bylines", lambda n, i: BylineDraft(f"记者{n}-{i}", "reporter"), "个署名"),
        ("tags", lambda n, i: f"标签{n}-{i}", "个标签"),
    ],
)
def test_an_edition_of_more_bylines_or_tags_than_print_has_is_refused_in_one_line(part, item, words):
    """Each article within its count, the edition past its own: each one may be a new contributor
    or tag (100,000 new tags over 500 articles ended on PostgreSQL in a database error)."""
    draft = h.edition(pages=2, articles_per_page=51)
    articles = [a for page in draft.pages for a in page.articles]
    for n, article in enumerate(articles):
        setattr(article, part, [item(n, i) for i in range(99)])
    with pytest.raises(EditionImportError) as raised:
        import_edition(draft)
    count = 99 * len(articles)
    assert count > 10_000
    assert (
        describe(raised.value)
        == f"这一期有 {count} {words}，超过上限 10000（见报的一期不会有这么多）：请核对来源"
    )
    assert not Edition.objects.exists() and not Contributor.objects.exists() and not Tag.objects.exists()


@pytest.mark.django_db
def test_an_editor_s_note_of_more_lines_than_print_has_is_refused():
    """A note's paragraphs are its lines, however they came (one string of many lines too)."""
    draft = h.edition(pages=2)
    draft.pages[0].articles[0].editor_note = ["\n".join(f"第{i}段。" for i in range(MAX_NOTE_PARAGRAPHS + 1))]
    with pytest.raises(EditionImportError) as raised:
        import_edition(draft)
    assert f"这篇稿件有 {MAX_NOTE_PARAGRAPHS + 1} 段编者按，超过上限" in describe(raised.value)
    assert not Edition.objects.exists()


@pytest.mark.django_db
def test_a_page_dump_of_more_paragraphs_than_print_has_is_refused_in_one_line(tmp_path):
    lines = [
        "我市举行一场盛大的活动",
        "株洲日报讯（记者 李军）",
        *(f"第{i}段写的是一件事。" for i in range(MAX_BLOCKS + 1)),
    ]
    path = tmp_path / "01.txt"
    path.write_text("\n\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("import_edition", str(path), "--date", "2023-08-09")
    message = str(raised.value)
    assert "\n" not in message and "个段落，超过上限 2000（见报的稿件不会有这么多）" in message, message
    assert not Edition.objects.exists()


@pytest.mark.django_db
def test_an_article_with_as_many_of_each_as_allowed_imports_whole(tmp_path):
    """The counts are far above print, not below it: one article at every limit imports."""
    data = document("tags", MAX_TAGS)
    for part in ("bylines", "body", "photos", "editor_note"):
        data["pages"][0]["articles"][0][part] = document(part, PARTS[part][0])["pages"][0]["articles"][0][
            part
        ]
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("import_edition", str(path))
    article = Article.objects.get(page__label="01", position=1)
    assert article.bylines.count() == MAX_BYLINES and article.blocks.count() == MAX_BLOCKS
    assert article.photos.count() == MAX_PHOTOS and len(article.tags.names()) == MAX_TAGS
    assert len(article.editor_note_paragraphs) == MAX_NOTE_PARAGRAPHS


# -- the admin's article form --------------------------------------------------------------------


@pytest.fixture
def article(db):
    edition = factories.edition(pages=1, articles_per_page=1, published=False)
    return edition.pages.get().articles.get()


def test_10000_tags_typed_in_the_article_form_are_refused_in_chinese(staff_client, article):
    tags = ", ".join(f"标签{i}" for i in range(10_000))
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = staff_client.post(url, article_post_data(article, tags=tags))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["tags"] == [
        f"共 10000 项，超过上限 {MAX_TAGS} 项：请删去一些。"
    ]
    assert not Tag.objects.exists()


def test_an_editor_s_note_of_more_paragraphs_than_the_import_takes_is_refused(staff_client, article):
    note = "\n".join(f"第{i}段。" for i in range(MAX_NOTE_PARAGRAPHS + 1))
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = staff_client.post(url, article_post_data(article, editor_note=note))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["editor_note"] == [
        f"编者按有 {MAX_NOTE_PARAGRAPHS + 1} 段，超过上限 {MAX_NOTE_PARAGRAPHS} 段（每段一行）：请删去一些。"
    ]
    assert Article.objects.get(pk=article.pk).editor_note == article.editor_note


def added_bylines(article, data, start):
    contributors = Contributor.objects.bulk_create(
        Contributor(name=f"记者{i}", slug=f"jizhe-{i}") for i in range(MAX_BYLINES + 1)
    )
    for i, contributor in enumerate(contributors, start=start):
        data |= {
            f"bylines-{i}-article": str(article.pk),
            f"bylines-{i}-order": str(i + 1),
            f"bylines-{i}-contributor": str(contributor.pk),
            f"bylines-{i}-role": "reporter",
            f"bylines-{i}-label": "",
        }
    return len(contributors)


def added_blocks(article, data, start):
    for i in range(start, start + MAX_BLOCKS + 1):
        data |= {f"blocks-{i}-article": str(article.pk), f"blocks-{i}-order": str(i + 1)}
        data |= {f"blocks-{i}-type": "paragraph", f"blocks-{i}-text": f"第{i}段。"}
    return MAX_BLOCKS + 1


def added_photos(article, data, start):
    for i in range(start, start + MAX_PHOTOS + 1):
        data |= {f"photos-{i}-article": str(article.pk), f"photos-{i}-order": str(i + 1)}
        data |= {f"photos-{i}-caption": f"图{i}", f"photos-{i}-credit": "摄"}
    return MAX_PHOTOS + 1


# Each inline of the article form: rows added past its count, and what the editor reads.
INLINES = {
    "bylines": (added_bylines, Byline, f"一篇稿件最多 {MAX_BYLINES} 个署名：请删去多出的。"),
    "blocks": (added_blocks, Block, f"一篇稿件最多 {MAX_BLOCKS} 段：请合并段落，或拆成几篇稿件。"),
    "photos": (added_photos, Photo, f"一篇稿件最多 {MAX_PHOTOS} 张图片：请删去多出的。"),
}


@pytest.mark.parametrize("inline", INLINES)
def test_parts_past_the_count_are_refused_by_the_article_form_in_chinese(staff_client, article, inline):
    add, model, message = INLINES[inline]
    data = article_post_data(article)
    stored = int(data[f"{inline}-TOTAL_FORMS"])
    added = add(article, data, stored)
    data |= management(inline, stored + added, stored)
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert model.objects.filter(article=article).count() == stored


def filled(article, inline):
    """The article's `inline` stored up to its count; returns the count."""
    model = INLINES[inline][1]
    have = model.objects.filter(article=article).count()
    limit = {"bylines": MAX_BYLINES, "blocks": MAX_BLOCKS, "photos": MAX_PHOTOS}[inline]
    orders = range(have + 1, limit + 1)
    if inline == "bylines":
        contributors = Contributor.objects.bulk_create(
            Contributor(name=f"作者{o}", slug=f"zuozhe-{o}") for o in orders
        )
        rows = [
            Byline(article=article, contributor=c, order=o) for o, c in zip(orders, contributors, strict=True)
        ]
    elif inline == "blocks":
        rows = [Block(article=article, order=o, type="paragraph", text=f"第{o}段。") for o in orders]
    else:
        rows = [Photo(article=article, caption=f"图{o}", order=o) for o in orders]
    model.objects.bulk_create(rows)
    return limit


@pytest.mark.parametrize("inline", INLINES)
def test_a_post_leaving_stored_parts_out_cannot_add_past_the_count(staff_client, article, inline):
    """The forms posted are within the count (validate_max counted only those); the article after
    the save would not be."""
    add, model, message = INLINES[inline]
    limit = filled(article, inline)
    data = article_post_data(article)
    for key in [key for key in data if key.startswith(f"{inline}-")]:
        del data[key]
    add(article, data, 0)
    data |= management(inline, 1, 0)  # one new row, none of the stored ones
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert model.objects.filter(article=article).count() == limit


def test_a_paragraph_added_at_an_order_taken_since_the_article_was_opened_is_a_form_error(
    staff_client, article
):
    """A paragraph not in the POST (another editor's, or left out) holds its order: a new one
    there was a database error (a 500, the editor's change lost)."""
    data = article_post_data(article)
    for key in [key for key in data if key.startswith("blocks-")]:
        del data[key]
    data |= management("blocks", 1, 0) | {"blocks-0-article": str(article.pk), "blocks-0-order": "1"}
    data |= {"blocks-0-type": "paragraph", "blocks-0-text": "新的一段。"}
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert "第 1 位已有一行（可能是别人刚刚加的）：请重新打开本页，再改。" in response.content.decode()
    assert article.blocks.count() == 2


def test_an_article_at_every_count_saves_in_the_admin(staff_client, article):
    """The form posts every paragraph, byline and photo back: Django's 1,000 fields refused an
    article of 150 paragraphs with a 400 page (DATA_UPLOAD_MAX_NUMBER_FIELDS)."""
    Block.objects.filter(article=article).delete()
    Byline.objects.filter(article=article).delete()
    Block.objects.bulk_create(
        Block(article=article, order=i, type="paragraph", text=f"第{i}段。") for i in range(1, MAX_BLOCKS + 1)
    )
    contributors = Contributor.objects.bulk_create(
        Contributor(name=f"记者{i}", slug=f"jizhe-{i}") for i in range(MAX_BYLINES)
    )
    Byline.objects.bulk_create(
        Byline(article=article, contributor=contributor, order=i)
        for i, contributor in enumerate(contributors)
    )
    Photo.objects.bulk_create(Photo(article=article, caption=f"图{i}", order=i) for i in range(MAX_PHOTOS))
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = staff_client.post(url, article_post_data(article, headline="改过的标题"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "改过的标题" and article.blocks.count() == MAX_BLOCKS
