"""Drafts in the form the database keeps them, and the rows written in bulk."""

import copy

import pytest
from django.db import connection

from articles.models import Article, Block
from editions.models import Edition, Publication
from importer.core.draft import BlockDraft, EditionImportError
from importer.services import import_edition, prepare_edition
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db


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


def test_documents_segmented_ahead_are_those_the_writer_would_compute():
    # import_edition's workers segment every article before the writer sees the edition; what
    # they store must be exactly what the writer computes itself for a lone edition.
    draft = h.edition(pages=2, articles_per_page=3)
    ahead = prepare_edition(copy.deepcopy(draft), with_documents=True)
    lazy = prepare_edition(copy.deepcopy(draft))
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

    from importer.services.rows import insert_rows

    import_edition(h.edition(pages=1, articles_per_page=1))
    article = Article.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        insert_rows(Block, ["article", "order", "type", "text"], [(article.pk, 1, "poem", "一段。")])
