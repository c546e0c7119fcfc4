"""An article's parts, a page's articles and an edition's parts counted against what print has,
before anything of them is cleaned or written: a draft from any source (edition JSON, whose reader
counts each list too, page dumps, PDFs) carrying more is refused in one line."""

from importer.core.draft import EditionDraft
from importer.core.errors import EditionImportError, gettext_noop
from newsroom.text import (
    MAX_BLOCKS,
    MAX_BYLINES,
    MAX_NOTE_PARAGRAPHS,
    MAX_PAGE_ARTICLES,
    MAX_PHOTOS,
    MAX_TAGS,
)

# An article's lists (ArticleDraft's fields), with the most a printed article has (newsroom.text).
PARTS = {
    "bylines": (MAX_BYLINES, gettext_noop("bylines")),
    "body": (MAX_BLOCKS, gettext_noop("paragraphs")),
    "photos": (MAX_PHOTOS, gettext_noop("photos")),
    "tags": (MAX_TAGS, gettext_noop("tag names")),
    "editor_note": (MAX_NOTE_PARAGRAPHS, gettext_noop("paragraphs of editor's note")),
}
# A big edition (a 200-page special issue) has a few thousand bylines; tags, fewer. Each of them
# may be a new contributor or tag, written a row at a time or nearly: within an article's counts, an
# edition of 500 articles of 200 new tags still took PostgreSQL past its 65,535 parameters a query,
# and 100,000 new contributors took it five minutes.
EDITION_PARTS = {
    "bylines": (10_000, gettext_noop("bylines")),
    "tags": (10_000, gettext_noop("tag names")),
}


def counted(items: list, part: str, where) -> None:
    """Refuses `items`, the article's `part` (a key of PARTS), with one line if no printed article
    has so many."""
    limit, words = PARTS[part]
    if len(items) > limit:
        raise EditionImportError(
            gettext_noop(
                "the article has %(count)d %(parts)s, more than %(limit)d (no printed article has so"
                " many); check the source"
            ),
            where=(where,),
            count=len(items),
            parts=words,
            limit=limit,
        )


def counted_page(articles: list, where) -> list:
    """`articles`, a page's, refused with one line if no printed page has so many (the page's
    admin holds it to the same count, so an edited edition exported imports again)."""
    if len(articles) > MAX_PAGE_ARTICLES:
        raise EditionImportError(
            gettext_noop(
                "the page has %(count)d articles, more than %(limit)d (no printed page has so many);"
                " check the source"
            ),
            where=(where,),
            count=len(articles),
            limit=MAX_PAGE_ARTICLES,
        )
    return articles


def counted_edition(draft: EditionDraft) -> None:
    """Refuses `draft` with one line if its articles together have more of a part (EDITION_PARTS)
    than a printed edition has."""
    articles = [article for page in draft.pages for article in page.articles]
    for part, (limit, words) in EDITION_PARTS.items():
        count = sum(len(getattr(article, part)) for article in articles)
        if count > limit:
            raise EditionImportError(
                gettext_noop(
                    "the edition has %(count)d %(parts)s, more than %(limit)d (no printed edition has"
                    " so many); check the source"
                ),
                count=count,
                parts=words,
                limit=limit,
            )
