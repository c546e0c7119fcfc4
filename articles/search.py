"""Chinese-aware search text: one tokenizer at index time and at query time.

Text is segmented into words with rjieba (jieba's Rust port) in search mode, which also emits the
shorter words inside long ones (中华人民共和国 → 中华 华人 人民 共和 共和国 …), so two-character
words such as 人民 are found.

`Article.search_document` holds `segment()` of the article's words, computed by
`document_for_article()`. The database's own full-text engine indexes that column: on PostgreSQL a
stored generated column `search_vector` (`to_tsvector('simple', search_document)`, kept by the
database itself, so no save path has to know about it) with a GIN index, on SQLite the FTS5 table
`articles_search` kept in sync by triggers (installed by migrations 0002 and 0004;
`ensure_search_index` repairs the SQLite triggers after any migration that rebuilt the article
table). A query is segmented by the same `tokens()` and every word must match; hits are ranked by
the engine (ts_rank / bm25).

A common word matches most of a long archive (人民 is in six stories out of ten), and ranking or
counting every match would grow with the archive. So a reader's search ranks only the newest
`MAX_RANKED` matches (`newest_matches`: ids grow with imports, so the newest stories, found by
walking the primary key backwards) and says "more than" when there are more.
"""

import re

import rjieba
from django.db.models import FloatField, Value
from django.db.models.expressions import Col, RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsroom.text import nfkc

_WORD = re.compile(r"\w", re.UNICODE)

# A query longer than this is cut: nobody types more, and every word costs a lookup.
MAX_QUERY_CHARS = 100
MAX_QUERY_TOKENS = 24
# A reader's search ranks at most this many matches, the newest ones (see the module docstring):
# ten pages of hits, and ranking costs about the same for any archive.
MAX_RANKED = 200

FTS_TABLE = "articles_search"
PG_INDEX = "articles_article_search_gin"
# Stored, so neither the match nor ts_rank re-parses the text of each row.
PG_COLUMN = "search_vector"


def tokens(text):
    """The words of `text`, lower-cased and width-folded, without punctuation or spaces."""
    text = nfkc(text or "").lower()
    # isalnum() first: it answers for almost every word, and costs a fraction of the regex.
    return [t for t in rjieba.cut_for_search(text) if t.isalnum() or _WORD.search(t)]


def segment(text):
    """`text` as space-separated words: what the search column stores."""
    return " ".join(tokens(text))


def document_for_article(article):
    """The search column's value for an article: its title lines, editor's note, body and photo
    captions.

    Takes a stored `Article` (reads its blocks) or an importer's `ArticleDraft`, so the admin's save
    path and the import service compute the same text."""
    if hasattr(article, "blocks"):
        note = article.editor_note.splitlines()
        body = [block.text for block in article.blocks.all()]
    else:
        note = list(article.editor_note)
        body = [block.text for block in article.body]
    captions = (
        [photo.caption for photo in article.photos.all()]
        if hasattr(article.photos, "all")
        else [photo.caption for photo in article.photos]
    )
    parts = [article.kicker, article.headline, article.subheadline, article.column, *note, *body, *captions]
    return segment("\n".join(part for part in parts if part))


def refresh_search_document(article):
    """Recompute and store an article's search text (after an editor changed its words). The
    full-text index follows by itself (trigger on SQLite, generated column on PostgreSQL)."""
    article.search_document = document_for_article(article)
    type(article).objects.filter(pk=article.pk).update(search_document=article.search_document)
    return article.search_document


def query_terms(query):
    """The distinct words of a reader's query, in order, within the limits above."""
    seen = []
    for token in tokens((query or "")[:MAX_QUERY_CHARS]):
        if token not in seen:
            seen.append(token)
    return seen[:MAX_QUERY_TOKENS]


def _pg_vector():
    """The stored vector column of the query's article table, as a column reference that follows
    the table's alias when the query becomes a subquery (raw SQL would not)."""
    from django.contrib.postgres.search import SearchVectorField

    from articles.models import Article

    field = SearchVectorField()
    field.set_attributes_from_name(PG_COLUMN)
    field.model = Article  # not one of the model's fields: Django never reads or writes it
    return Col(Article._meta.db_table, field, field)


def _pg_query(terms):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(" ".join(terms), config="simple", search_type="plain")


def _fts5_match(terms):
    # Each word a quoted string (so no word is read as an operator), all required.
    return " AND ".join('"{}"'.format(term.replace('"', '""')) for term in terms)


def matching(queryset, terms, connection):
    """`queryset` narrowed to articles containing every word in `terms` (none without terms)."""
    if not terms:
        return queryset.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVectorExact

        return queryset.filter(SearchVectorExact(_pg_vector(), _pg_query(terms)))
    return queryset.filter(
        pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [_fts5_match(terms)])
    )


def ranked(queryset, terms, connection):
    """`queryset` annotated with `search_rank` for `terms` (higher is better)."""
    if not terms:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchRank

        rank = SearchRank(_pg_vector(), _pg_query(terms))
    else:
        rank = RawSQL(
            f"SELECT -bm25({FTS_TABLE}) FROM {FTS_TABLE} "
            f'WHERE {FTS_TABLE} MATCH %s AND rowid = "articles_article"."id"',
            [_fts5_match(terms)],
            output_field=FloatField(),
        )
    return queryset.annotate(search_rank=rank)


def search(queryset, terms, connection):
    """`queryset` narrowed to articles containing every word in `terms`, annotated with
    `search_rank` (higher is better)."""
    return ranked(matching(queryset, terms, connection), terms, connection)


def newest_matches(matches, limit=MAX_RANKED):
    """The ids of the newest `limit` articles of `matches`: what a reader's search ranks. Walking
    the primary key backwards stops after `limit` hits for a common word; a rare word is found
    through the full-text index and its few hits sorted."""
    return list(matches.order_by("-pk").values_list("pk", flat=True)[:limit])


def highlight(text, terms, width=120):
    """A window of `text` around the first hit, escaped, with every hit wrapped in <mark>; the
    whole text when it fits the window."""
    text = text or ""
    pattern = None
    if terms:
        alternatives = sorted({re.escape(term) for term in terms}, key=len, reverse=True)
        pattern = re.compile("|".join(alternatives), re.IGNORECASE)
    start = 0
    # A text that fits the window is shown whole, from its start (a headline, say): the window
    # moves to the first hit only when the text is longer than it.
    if pattern is not None and len(text) > width:
        first = pattern.search(text)
        if first is not None:
            start = max(0, first.start() - width // 4)
    window = text[start : start + width]
    pieces = []
    position = 0
    for hit in pattern.finditer(window) if pattern is not None else ():
        pieces.append(escape(window[position : hit.start()]))
        pieces.append(f"<mark>{escape(hit.group())}</mark>")
        position = hit.end()
    pieces.append(escape(window[position:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)


# The index itself, installed by migration 0002 on the database in use.

_SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_ai": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON articles_article BEGIN
            INSERT INTO {FTS_TABLE}(rowid, search_document) VALUES (new.id, new.search_document);
        END""",
    f"{FTS_TABLE}_ad": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON articles_article BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_document)
                VALUES ('delete', old.id, old.search_document);
        END""",
    f"{FTS_TABLE}_au": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF search_document ON articles_article BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_document)
                VALUES ('delete', old.id, old.search_document);
            INSERT INTO {FTS_TABLE}(rowid, search_document) VALUES (new.id, new.search_document);
        END""",
}


def install_search_index(connection):
    """Create the full-text index for the connection's database (idempotent)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector "
                "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_document)) STORED"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON articles_article USING gin ({PG_COLUMN})"
            )
        elif connection.vendor == "sqlite":
            # An external-content table: the words live once, in articles_article.
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
                "search_document, content='articles_article', content_rowid='id')"
            )
            for sql in _SQLITE_TRIGGERS.values():
                cursor.execute(sql)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def remove_search_index(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
            cursor.execute(f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {PG_COLUMN}")
        elif connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def ensure_search_index(using, **kwargs):
    """After migrations: SQLite rebuilds a table to alter it, dropping its triggers; put them
    back and re-index when that happened."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
    if "articles_article" not in present or FTS_TABLE not in present:
        return  # migration 0002 has not run (or was reversed)
    if not set(_SQLITE_TRIGGERS) <= present:
        install_search_index(connection)
