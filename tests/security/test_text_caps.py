"""No paragraph and no article longer than a printed page holds reaches the database, a feed or a
reader's page: a paragraph over newsroom.text.MAX_PARAGRAPH_CHARS is split at its sentence ends
with a doubt the preview shows, an article over MAX_ARTICLE_CHARS is refused in one line; feeds
carry bounded summaries whatever the text (issue 14, item 10)."""

import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article
from editions.models import Edition, Publication
from importer.core.draft import BlockDraft, DoubtKind, EditionImportError
from importer.core.jsonio import edition_to_json
from importer.services import import_edition, plan_import
from newsroom.text import MAX_ARTICLE_CHARS, MAX_PARAGRAPH_CHARS
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db

SENTENCE = "株洲今天举行了一场盛大的活动。"  # 15 characters


def with_paragraph(text, pages=1):
    draft = h.edition(pages=pages, continued=False)
    draft.pages[0].articles[0].body = [BlockDraft("paragraph", "导语。"), BlockDraft("paragraph", text)]
    return draft


def test_a_paragraph_no_page_holds_is_split_at_sentence_ends_with_a_doubt():
    text = SENTENCE * 3000  # 45,000 characters
    plan = plan_import(with_paragraph(text))
    article = next(a.draft for a in plan.articles if a.position == 1)
    assert [kind for kind in (d.kind for d in article.doubts)] == [DoubtKind.TOO_LONG]
    assert "第 2 段长 45000 字" in article.doubts[0].message
    import_edition(with_paragraph(text))
    stored = list(Article.objects.get(position=1).blocks.values_list("text", flat=True))
    assert stored[0] == "导语。"
    assert all(len(p) <= MAX_PARAGRAPH_CHARS and p.endswith("。") for p in stored[1:])
    assert "".join(stored[1:]) == text and len(stored) == 4


def test_a_paragraph_without_sentence_ends_is_cut_at_the_cap():
    import_edition(with_paragraph("字" * (MAX_PARAGRAPH_CHARS * 2 + 5)))
    lengths = list(Article.objects.get(position=1).blocks.values_list("text", flat=True))
    assert [len(p) for p in lengths] == [3, MAX_PARAGRAPH_CHARS, MAX_PARAGRAPH_CHARS, 5]


def test_an_article_no_page_holds_is_refused_before_anything_is_written():
    text = SENTENCE * (MAX_ARTICLE_CHARS // len(SENTENCE) + 1)
    with pytest.raises(EditionImportError, match="more than any printed page holds"):
        import_edition(with_paragraph(text))
    assert not Edition.objects.exists() and not Publication.objects.exists()


def document_with_a_paragraph_of(size):
    document = edition_to_json(with_paragraph(""))
    document["pages"][0]["articles"][0]["body"] = [{"type": "paragraph", "text": "字" * size}]
    return json.dumps(document, ensure_ascii=False).encode()


def test_the_command_and_the_admin_refuse_an_article_of_millions_of_characters(tmp_path, staff_client):
    path = tmp_path / "edition.json"
    path.write_bytes(document_with_a_paragraph_of(3_000_000))
    with pytest.raises(CommandError) as raised:
        call_command("import_edition", str(path))
    assert "\n" not in str(raised.value) and "超过任何版面能容纳的 200000 字" in str(raised.value)
    upload = SimpleUploadedFile("edition.json", document_with_a_paragraph_of(1_000_000))
    response = staff_client.post(
        reverse("admin:editions_edition_import"),
        {"files": [upload], "publication": str(Publication.objects.default().pk), "encoding": ""},
    )
    assert response.status_code == 200
    assert "超过任何版面能容纳的" in response.context["upload_errors"][0]
    assert not Edition.objects.exists()


def test_feeds_of_the_longest_article_allowed_stay_small(client):
    cache.clear()
    draft = with_paragraph(SENTENCE * (MAX_PARAGRAPH_CHARS // len(SENTENCE)) * 9)  # 180,000 characters
    draft.pages[0].articles[0].body.insert(0, BlockDraft("paragraph", SENTENCE * 1333))
    result = import_edition(draft)
    result.edition.publish()
    result.edition.save()
    for name in ("articles:feed_rss", "articles:feed_atom"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        # Three articles of summaries: a few kilobytes, not the article's 540 kB.
        assert len(response.content) < 20_000, (name, len(response.content))
    cache.clear()


def test_every_doubt_the_import_gives_can_be_stored():
    from importer.models import ArticleDoubt

    assert set(DoubtKind) == set(ArticleDoubt.Kind.values)
