"""The article form holds an article's text, its paragraphs and editor's note together, to what
the import takes (newsroom.text.MAX_ARTICLE_CHARS, 200,000 characters): each paragraph within its
20,000, an article of more is refused under its body in Chinese, nothing saved, so an edited
edition exported imports again; an article of exactly that many saves and imports."""

import pytest
from django.urls import reverse

from articles.models import Block
from editions.models import Edition
from importer.core.jsonio import edition_from_json, edition_to_json
from importer.services import export_edition, import_edition
from newsroom.text import MAX_ARTICLE_CHARS, MAX_PARAGRAPH_CHARS
from tests.articles import factories
from tests.articles.admin_helpers import article_post_data, management

PARAGRAPHS = MAX_ARTICLE_CHARS // MAX_PARAGRAPH_CHARS  # 10 full paragraphs: the article's most


@pytest.fixture
def article(db):
    edition = factories.edition(pages=1, articles_per_page=1, published=False)
    return edition.pages.get().articles.get()


def with_full_paragraphs(article, count, **changes):
    """The article form with its body replaced by `count` paragraphs of MAX_PARAGRAPH_CHARS."""
    data = article_post_data(article, **changes)
    stored = int(data["blocks-TOTAL_FORMS"])
    for i in range(stored):
        data[f"blocks-{i}-DELETE"] = "on"
    for i in range(stored, stored + count):
        data |= {f"blocks-{i}-article": str(article.pk), f"blocks-{i}-order": str(i + 1)}
        data |= {f"blocks-{i}-type": "paragraph", f"blocks-{i}-text": "字" * MAX_PARAGRAPH_CHARS}
    return data | management("blocks", stored + count, stored)


def post(staff_client, article, data):
    return staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


@pytest.mark.parametrize(
    ("count", "note", "size"),
    [
        (PARAGRAPHS + 1, "", MAX_ARTICLE_CHARS + MAX_PARAGRAPH_CHARS),
        (PARAGRAPHS, "编者按一段。", MAX_ARTICLE_CHARS + 6),  # the note counts, as the import counts it
    ],
)
def test_an_article_longer_than_the_import_takes_is_refused_in_chinese(
    staff_client, article, count, note, size
):
    before = list(article.blocks.values_list("text", flat=True))
    response = post(staff_client, article, with_full_paragraphs(article, count, editor_note=note))
    assert response.status_code == 200
    assert (
        f"这篇稿件的正文和编者按共 {size} 字，超过版面能容纳的 {MAX_ARTICLE_CHARS} 字："
        "请删去一些，或拆成几篇稿件。" in response.content.decode()
    )
    assert list(article.blocks.values_list("text", flat=True)) == before
    assert not article.editor_note


def test_an_article_as_long_as_the_import_takes_saves_and_imports_again(staff_client, article):
    """The limit itself is no refusal: the article saved at it exports and imports whole."""
    assert post(staff_client, article, with_full_paragraphs(article, PARAGRAPHS)).status_code == 302
    assert sum(len(text) for text in Block.objects.values_list("text", flat=True)) == MAX_ARTICLE_CHARS
    draft = edition_from_json(edition_to_json(export_edition(article.page.edition)))
    Edition.objects.all().delete()
    import_edition(draft)
    assert sum(len(text) for text in Block.objects.values_list("text", flat=True)) == MAX_ARTICLE_CHARS


def test_paragraphs_left_out_of_the_post_count_too(staff_client, article):
    """A POST listing none of the stored paragraphs cannot add a full article's text to them."""
    Block.objects.bulk_create(
        Block(article=article, order=o, type="paragraph", text="字" * MAX_PARAGRAPH_CHARS)
        for o in range(3, PARAGRAPHS + 2)
    )
    data = article_post_data(article)
    for key in [key for key in data if key.startswith("blocks-")]:
        del data[key]
    data |= management("blocks", 1, 0) | {"blocks-0-article": str(article.pk), "blocks-0-type": "paragraph"}
    data["blocks-0-text"] = "字" * MAX_PARAGRAPH_CHARS
    response = post(staff_client, article, data)
    assert response.status_code == 200
    assert f"超过版面能容纳的 {MAX_ARTICLE_CHARS} 字" in response.content.decode()
    assert article.blocks.count() == PARAGRAPHS + 1
