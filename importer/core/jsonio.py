"""Edition JSON (`newsroom.edition/1`) to and from an `EditionDraft`. Pure Python.

`edition_to_json` always writes every key; `edition_from_json` checks the document's shape and
raises `EditionImportError` with one line naming the first thing wrong. Its text goes through the
same policy as a page dump's (`newsroom.text`: NFC, no invisible control or bidi characters, no
lone surrogate), and the values that become parts of a reader's address (page labels, the
publication's slug) are checked as such. Lengths and ranges are the import service's to check,
against the columns (`importer.services.normalise`); the number of items of each list (pages,
articles, and an article's bylines, paragraphs, photos, tags …) is checked here, before they are
read, so a document of 100,000 tags is refused before it costs anything.
"""

from __future__ import annotations

import datetime

from newsroom.text import (
    MAX_BLOCKS,
    MAX_BYLINES,
    MAX_NOTE_PARAGRAPHS,
    MAX_PAGE_ARTICLES,
    MAX_PHOTOS,
    MAX_TAGS,
    SLUG,
    clean_value,
    text_problem,
    url_part_problem,
)

from .areas import areas_to_json, check_areas, check_size
from .draft import (
    ARTICLE_KINDS,
    BLOCK_TYPES,
    BYLINE_ROLES,
    SCHEMA,
    ArticleDraft,
    BlockDraft,
    BylineDraft,
    EditionDraft,
    PageDraft,
    PageRef,
    PhotoDraft,
    PublicationDraft,
)
from .errors import EditionImportError, gettext_noop

# Far above any real paper (a broadsheet prints a few dozen stories a page) and low enough that a
# hostile document is refused before it costs memory and time.
MAX_PAGES = 500
MAX_ARTICLES = 20000


def _ref_to_json(ref: PageRef | None):
    return None if ref is None else {"page": ref.page, "label": ref.label}


def article_to_json(article: ArticleDraft) -> dict:
    return {
        "position": article.position,
        "kind": article.kind,
        "kicker": article.kicker,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "column": article.column,
        "dateline": article.dateline,
        "bylines": [
            {"name": b.name, "role": b.role, "label": b.label, "organization": b.organization}
            for b in article.bylines
        ],
        "editor_note": list(article.editor_note),
        "body": [{"type": block.type, "text": block.text} for block in article.body],
        "photos": [{"caption": p.caption, "credit": p.credit, "image": p.image} for p in article.photos],
        "continued_to": _ref_to_json(article.continued_to),
        "continued_from": _ref_to_json(article.continued_from),
        "tags": list(article.tags),
        "areas": areas_to_json(article.areas),
    }


def edition_to_json(edition: EditionDraft) -> dict:
    return {
        "schema": SCHEMA,
        "publication": {"slug": edition.publication.slug, "name": edition.publication.name},
        "date": edition.date.isoformat(),
        "number": edition.number,
        "pages": [
            {
                "number": page.number,
                "label": page.label,
                "name": page.name,
                "editor": page.editor,
                "pdf": page.pdf,
                "image": page.image,
                "size": list(page.size) if page.size else None,
                "sample": page.sample,
                "articles": [article_to_json(a) for a in page.articles],
            }
            for page in edition.pages
        ],
    }


def _clean(value: str, where: str) -> str:
    problem = text_problem(value)
    if problem:
        raise EditionImportError(
            gettext_noop("edition JSON: %(place)s %(problem)s"), place=where, problem=problem
        )
    return clean_value(value).strip()


def _in_document(check, value, where: str):
    """`check(value, where)`, its refusal said of the edition JSON."""
    try:
        return check(value, where)
    except EditionImportError as error:
        raise error.at(gettext_noop("edition JSON")) from None


def _strings(values, where: str) -> list[str]:
    if not all(isinstance(v, str) for v in values):
        raise EditionImportError(
            gettext_noop("edition JSON: %(place)s must be a list of strings"), place=where
        )
    return [v for v in (_clean(x, f"{where}[{i}]") for i, x in enumerate(values)) if v]


class _Reader:
    """Reads one JSON object, remembering where it is for the error message."""

    def __init__(self, data, where):
        if not isinstance(data, dict):
            raise EditionImportError(gettext_noop("edition JSON: %(place)s must be an object"), place=where)
        self.data = data
        self.where = where

    def _get(self, key):
        if key not in self.data:
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s has no '%(key)s'"), place=self.where, key=key
            )
        return self.data[key]

    def text(self, key, required=True):
        if not required and key not in self.data:
            return ""
        value = self._get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s must be a string"), place=self.where, key=key
            )
        return _clean(value, f"{self.where}.{key}")

    def url_part(self, key, pattern=None):
        value = self.text(key)
        if not value:
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s must not be empty"), place=self.where, key=key
            )
        problem = url_part_problem(value, **({"pattern": pattern} if pattern else {}))
        if problem:
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s %(value)r %(problem)s"),
                place=self.where,
                key=key,
                value=value[:40],
                problem=problem,
            )
        return value

    def integer(self, key, nullable=False, minimum=1):
        value = self._get(key)
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s must be a whole number ≥ %(minimum)d"),
                place=self.where,
                key=key,
                minimum=minimum,
            )
        return value

    def items(self, key, required=True, limit=None):
        """The list `key`, of at most `limit` items."""
        if not required and key not in self.data:
            return []
        value = self._get(key)
        if not isinstance(value, list):
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s must be a list"), place=self.where, key=key
            )
        if limit is not None and len(value) > limit:
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s has %(count)d items, more than %(limit)d"),
                place=self.where,
                key=key,
                count=len(value),
                limit=limit,
            )
        return value

    def choice(self, key, choices):
        value = self.text(key)
        if value not in choices:
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s must be one of %(choices)s"),
                place=self.where,
                key=key,
                choices=", ".join(choices),
            )
        return value

    def ref(self, key):
        value = self._get(key)
        if value is None:
            return None
        reader = _Reader(value, f"{self.where}.{key}")
        label = reader.url_part("label")
        return PageRef(label=label, page=reader.integer("page", nullable=True))

    def flag(self, key):
        """true or false; absent is false (documents from before the key)."""
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s must be true or false"),
                place=self.where,
                key=key,
            )
        return value

    def path(self, key):
        """A URL path or null; absent is null (documents from before the key)."""
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s must be a string or null"),
                place=self.where,
                key=key,
            )
        problem = value and text_problem(value)
        if problem:
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s %(problem)s"),
                place=self.where,
                key=key,
                problem=problem,
            )
        return value or None


def _article_from_json(data, where) -> ArticleDraft:
    r = _Reader(data, where)
    bylines = []
    for i, item in enumerate(r.items("bylines", limit=MAX_BYLINES)):
        b = _Reader(item, f"{where}.bylines[{i}]")
        name = b.text("name")
        if not name:
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.name must not be empty"), place=b.where
            )
        bylines.append(
            BylineDraft(
                name=name,
                role=b.choice("role", BYLINE_ROLES),
                label=b.text("label"),
                organization=b.text("organization"),
            )
        )
    body = []
    for i, item in enumerate(r.items("body", limit=MAX_BLOCKS)):
        b = _Reader(item, f"{where}.body[{i}]")
        body.append(BlockDraft(type=b.choice("type", BLOCK_TYPES), text=b.text("text")))
    photos = []
    for i, item in enumerate(r.items("photos", limit=MAX_PHOTOS)):
        p = _Reader(item, f"{where}.photos[{i}]")
        image = p.data.get("image")
        if image is not None and not isinstance(image, str):
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s must be a string or null"),
                place=p.where,
                key="image",
            )
        problem = image and text_problem(image)
        if problem:
            raise EditionImportError(
                gettext_noop("edition JSON: %(place)s.%(key)s %(problem)s"),
                place=p.where,
                key="image",
                problem=problem,
            )
        photos.append(PhotoDraft(caption=p.text("caption"), credit=p.text("credit"), image=image))
    notes = _strings(r.items("editor_note", limit=MAX_NOTE_PARAGRAPHS), f"{where}.editor_note")
    tags = _strings(r.items("tags", limit=MAX_TAGS), f"{where}.tags")
    headline = r.text("headline")
    if not headline:
        raise EditionImportError(
            gettext_noop("edition JSON: %(place)s.headline must not be empty"), place=where
        )
    return ArticleDraft(
        position=r.integer("position"),
        kind=r.choice("kind", ARTICLE_KINDS),
        kicker=r.text("kicker"),
        headline=headline,
        subheadline=r.text("subheadline"),
        column=r.text("column"),
        dateline=r.text("dateline"),
        bylines=bylines,
        editor_note=notes,
        body=body,
        photos=photos,
        continued_to=r.ref("continued_to"),
        continued_from=r.ref("continued_from"),
        tags=tags,
        areas=_in_document(check_areas, r.data.get("areas", []), f"{where}.areas"),
    )


def edition_from_json(data) -> EditionDraft:
    r = _Reader(data, "document")
    if data.get("schema") != SCHEMA:
        raise EditionImportError(
            gettext_noop("not edition JSON: 'schema' must be '%(schema)s'"), schema=SCHEMA
        )
    pub = _Reader(r._get("publication"), "publication")
    if not pub.text("slug") or not pub.text("name"):
        raise EditionImportError(gettext_noop("edition JSON: publication needs a slug and a name"))
    slug, name = pub.url_part("slug", SLUG), pub.text("name")
    try:
        date = datetime.date.fromisoformat(r.text("date"))
    except ValueError:
        raise EditionImportError(
            gettext_noop("edition JSON: date must be a real date as YYYY-MM-DD")
        ) from None
    page_items = r.items("pages")
    if len(page_items) > MAX_PAGES:
        raise EditionImportError(
            gettext_noop("edition JSON: %(count)d pages is more than %(limit)d"),
            count=len(page_items),
            limit=MAX_PAGES,
        )
    pages, seen_numbers, seen_labels, total = [], set(), set(), 0
    for i, item in enumerate(page_items):
        p = _Reader(item, f"pages[{i}]")
        number, label = p.integer("number"), p.url_part("label")
        if number in seen_numbers or label in seen_labels:
            raise EditionImportError(
                gettext_noop("edition JSON: page %(page)s (number %(number)d) appears twice"),
                page=label,
                number=number,
            )
        seen_numbers.add(number)
        seen_labels.add(label)
        article_items = p.items("articles", limit=MAX_PAGE_ARTICLES)
        total += len(article_items)
        if total > MAX_ARTICLES:
            raise EditionImportError(
                gettext_noop("edition JSON: more than %(limit)d articles in one edition"), limit=MAX_ARTICLES
            )
        articles = [_article_from_json(a, f"pages[{i}].articles[{j}]") for j, a in enumerate(article_items)]
        positions = [a.position for a in articles]
        if len(set(positions)) != len(positions):
            raise EditionImportError(
                gettext_noop("edition JSON: page %(page)s has two articles at one position"), page=label
            )
        pages.append(
            PageDraft(
                number=number,
                label=label,
                name=p.text("name"),
                editor=p.text("editor"),
                articles=articles,
                pdf=p.path("pdf"),
                image=p.path("image"),
                size=_in_document(check_size, p.data.get("size"), f"pages[{i}].size"),
                sample=p.flag("sample"),
            )
        )
    pages.sort(key=lambda page: page.number)
    return EditionDraft(
        publication=PublicationDraft(slug=slug, name=name),
        date=date,
        number=r.integer("number", nullable=True),
        pages=pages,
    )
