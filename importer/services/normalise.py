"""An edition draft in the form the database keeps it, fingerprinted: what every import writes
and compares, computed without a query (so several editions can be prepared in other processes
while one is written)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.db.backends.base.operations import BaseDatabaseOperations
from taggit.models import Tag

from articles import search
from articles.models import Article, Byline, Contributor, Photo
from editions import validators
from editions.models import Edition, Page, Publication
from importer.core.areas import round_areas
from importer.core.draft import (
    ArticleDraft,
    BlockDraft,
    BylineDraft,
    Doubt,
    DoubtKind,
    EditionDraft,
    PageDraft,
    PageRef,
    PhotoDraft,
    PublicationDraft,
)
from importer.core.errors import EditionImportError, gettext_noop
from importer.core.jsonio import article_to_json
from importer.services.counts import PARTS, counted, counted_edition, counted_page
from importer.services.fields import A_PAGE, THE_EDITION, THE_PUBLICATION, field_words
from importer.services.media import image_name, image_url
from newsroom.text import (
    MAX_ARTICLE_CHARS,
    MAX_PARAGRAPH_CHARS,
    MAX_POSITION,
    SLUG,
    URL_PART,
    markup,
    normalise_label,
    text_problem,
    url_part_problem,
    without_controls,
)

# Positions (newsroom.text.MAX_POSITION, the admin's bound too) and page numbers are small
# integers (PostgreSQL smallint); the writer moves rows to temporary values above these bounds
# while it reorders them.
MAX_PAGE_NUMBER = validators.MAX_PAGE_NUMBER
# Other integers from outside are checked against their column's range as every database Django
# supports holds it (PostgreSQL, binding server-side, would otherwise wrap 2**40 to 0).
COLUMN_RANGES = BaseDatabaseOperations.integer_field_ranges
# django-taggit's tag name column.
TAG_LIMIT = Tag._meta.get_field("name").max_length


def _text(value: str) -> str:
    return without_controls(value or "").strip()


def _label(value: str) -> str:
    return normalise_label(_text(value))


def _field_limit(model, name):
    return model._meta.get_field(name).max_length


def _checked(value: str, where: str, name: str, model=None, limit=None) -> str:
    """`value` cleaned, refused with one line if no column can hold it (see newsroom.text): the
    model's field `name`, or `limit` characters."""
    value = _text(value)
    problem = text_problem(value, _field_limit(model, name) if model else limit)
    if problem:
        raise EditionImportError(
            gettext_noop("%(field)s %(problem)s"),
            where=(where,),
            field=field_words(name, model),
            problem=problem,
        )
    return value


def _source_text(value: str, where: str) -> str:
    """The dump's lines of the article, as printed (not stripped), but for NUL."""
    value = value.replace("\x00", "")
    problem = text_problem(value)
    if problem:
        raise EditionImportError(gettext_noop("the source text %(problem)s"), where=(where,), problem=problem)
    return value


def _url_part(value: str, where: str, name: str, model, pattern=URL_PART) -> str:
    problem = url_part_problem(value, _field_limit(model, name), pattern=pattern)
    if problem:
        raise EditionImportError(
            gettext_noop("%(field)s %(value)r %(problem)s"),
            where=(where,),
            field=field_words(name, model),
            value=value[:40],
            problem=problem,
        )
    return value


def _in_range(value: int | None, where: str, name: str, model) -> int | None:
    low, high = COLUMN_RANGES[model._meta.get_field(name).get_internal_type()]
    if value is not None and not max(low, 1) <= value <= high:
        raise EditionImportError(
            gettext_noop("%(field)s %(value)s is not between %(low)d and %(high)d"),
            where=(where,),
            field=field_words(name, model),
            value=str(value)[:40],
            low=max(low, 1),
            high=high,
        )
    return value


def _bylines(article: ArticleDraft, where: str) -> list[BylineDraft]:
    """One byline per person and role."""
    bylines, seen = [], set()
    for byline in article.bylines:
        name = _checked(byline.name, where, "name", Contributor)
        organization = _checked(byline.organization, where, "organization", Contributor)
        key = (name, organization, byline.role)
        if name and key not in seen:
            seen.add(key)
            label = _checked(byline.label, where, "label", Byline)
            bylines.append(BylineDraft(name=name, role=byline.role, label=label, organization=organization))
    return bylines


def _split_paragraph(text: str) -> list[str]:
    """A paragraph longer than MAX_PARAGRAPH_CHARS as paragraphs within it, cut after the last
    sentence end that keeps each part in (or at the cap, where a part has none)."""
    parts = []
    while len(text) > MAX_PARAGRAPH_CHARS:
        head = text[:MAX_PARAGRAPH_CHARS]
        ends = [head.rfind(mark) for mark in "。！？!?；;"]
        cut = max(ends) + 1 if max(ends) > MAX_PARAGRAPH_CHARS // 2 else MAX_PARAGRAPH_CHARS
        parts.append(text[:cut].strip())
        text = text[cut:].strip()
    return [*parts, text] if text else parts


def _body(article: ArticleDraft, where: str, doubts: list[Doubt]) -> list[BlockDraft]:
    """The body without empty blocks; a paragraph no page holds split, with a doubt; an article
    no page holds refused (newsroom.text.MAX_ARTICLE_CHARS)."""
    texts = [(block.type, _checked(block.text, where, "body")) for block in article.body]
    size = sum(len(text) for _type, text in texts) + sum(len(note) for note in article.editor_note)
    if size > MAX_ARTICLE_CHARS:
        raise EditionImportError(
            gettext_noop(
                "the article is %(size)d characters, more than any printed page holds (%(limit)d);"
                " check the source, or split it into articles"
            ),
            where=(where,),
            size=size,
            limit=MAX_ARTICLE_CHARS,
        )
    body = []
    for number, (kind, text) in enumerate(texts, start=1):
        parts = _split_paragraph(text) if len(text) > MAX_PARAGRAPH_CHARS else [text] if text else []
        if len(parts) > 1:
            doubts.append(
                Doubt(
                    kind=DoubtKind.TOO_LONG,
                    message=f"第 {number} 段长 {len(text)} 字，超过版面能容纳的 {MAX_PARAGRAPH_CHARS} 字，"
                    f"已拆为 {len(parts)} 段，请核对",
                )
            )
        body.extend(BlockDraft(type=kind, text=part) for part in parts)
    return body


def normalize_article(article: ArticleDraft, where: str) -> ArticleDraft:
    """The article as it will read back from the database: clean text, no empty blocks, one
    byline per person and role, editor's note one paragraph a line, tags sorted. Raises
    EditionImportError for what the database cannot hold."""
    headline = _checked(article.headline, where, "headline", Article)
    if not headline:
        raise EditionImportError(gettext_noop("an article has no headline"), where=(where,))
    if not 1 <= article.position <= MAX_POSITION:
        raise EditionImportError(
            gettext_noop("position %(value)s is not between 1 and %(high)d"),
            where=(where,),
            value=str(article.position)[:40],
            high=MAX_POSITION,
        )
    for part in PARTS:
        counted(getattr(article, part), part, where)
    notes = [
        line
        for note in article.editor_note
        for line in (_text(x) for x in _checked(note, where, "editor_note").splitlines())
        if line
    ]
    counted(notes, "editor_note", where)  # a paragraph a line
    doubts = list(article.doubts)
    body = _body(article, where, doubts)
    found = next(filter(None, map(markup, [headline, *(block.text for block in body)])), None)
    if found:
        doubts.append(
            Doubt(kind=DoubtKind.MARKUP, message=f"文字里有 HTML 标记（{found[:40]}），照原样显示，请核对")
        )
    photos = [
        PhotoDraft(
            caption=_checked(photo.caption, where, "caption"),
            credit=_checked(photo.credit, where, "credit", Photo),
            image=image_url(image_name(photo.image)),
        )
        for photo in article.photos
    ]
    tags = sorted({_checked(t, where, "tag", limit=TAG_LIMIT) for t in article.tags if _text(t)})

    def ref(value):
        if value is None or not _label(value.label):
            return None
        label = _url_part(_label(value.label), where, "continued_to_label", Article)
        page = value.page if value.page is None or 1 <= value.page <= MAX_PAGE_NUMBER else None
        return PageRef(label=label, page=page)

    return ArticleDraft(
        position=article.position,
        kind=article.kind,
        kicker=_checked(article.kicker, where, "kicker", Article),
        headline=headline,
        subheadline=_checked(article.subheadline, where, "subheadline", Article),
        column=_checked(article.column, where, "column", Article),
        dateline=_checked(article.dateline, where, "dateline", Article),
        bylines=_bylines(article, where),
        editor_note=notes,
        body=body,
        photos=photos,
        continued_to=ref(article.continued_to),
        continued_from=ref(article.continued_from),
        tags=tags,
        areas=round_areas(article.areas),
        source_text=_source_text(article.source_text, where),
        doubts=doubts,
    )


def normalize_draft(draft: EditionDraft) -> EditionDraft:
    """A copy of `draft` in the form the database keeps (see `normalize_article`)."""
    slug = _url_part(_text(draft.publication.slug), THE_PUBLICATION, "slug", Publication, SLUG)
    name = _checked(draft.publication.name, THE_PUBLICATION, "name", Publication)
    if not name:
        raise EditionImportError(gettext_noop("the publication has no name"))
    number = _in_range(draft.number, THE_EDITION, "number", Edition)
    low, high = validators.EDITION_YEARS
    if not low <= draft.date.year <= high:
        raise EditionImportError(
            gettext_noop("the edition's date %(date)s is not between the years %(low)d and %(high)d"),
            date=draft.date.isoformat(),
            low=low,
            high=high,
        )
    counted_edition(draft)
    pages, labels, numbers = [], set(), set()
    for page in draft.pages:
        label = _url_part(_label(_checked(page.label, A_PAGE, "label")), A_PAGE, "label", Page)
        where = gettext_noop("page %(page)s", page=label)
        if not 1 <= page.number <= MAX_PAGE_NUMBER:
            raise EditionImportError(
                gettext_noop("page number %(value)s is not between 1 and %(high)d"),
                where=(where,),
                value=str(page.number)[:40],
                high=MAX_PAGE_NUMBER,
            )
        if label in labels or page.number in numbers:
            raise EditionImportError(
                gettext_noop("two pages %(page)s (number %(number)d) in one edition"),
                page=label,
                number=page.number,
            )
        labels.add(label)
        numbers.add(page.number)
        articles = [
            normalize_article(
                a, gettext_noop("page %(page)s, article %(position)d", page=label, position=a.position)
            )
            for a in counted_page(page.articles, where)
        ]
        if len({a.position for a in articles}) != len(articles):
            raise EditionImportError(gettext_noop("two articles at one position"), where=(where,))
        pages.append(
            PageDraft(
                number=page.number,
                label=label,
                name=_checked(page.name, where, "name", Page),
                editor=_checked(page.editor, where, "editor", Page),
                articles=sorted(articles, key=lambda a: a.position),
                pdf=image_url(image_name(page.pdf)),
                image=image_url(image_name(page.image)),
                size=page.size,
                renditions={
                    int(width): url
                    for width, path in page.renditions.items()
                    if (url := image_url(image_name(path)))
                },
                sample=page.sample,
            )
        )
    return EditionDraft(
        publication=PublicationDraft(slug=slug, name=name),
        date=draft.date,
        number=number,
        pages=sorted(pages, key=lambda p: p.number),
    )


def fingerprint(article: ArticleDraft) -> str:
    """A stable digest of an article's content (not its place on the page)."""
    data = article_to_json(article)
    del data["position"]
    if not data["areas"]:
        # Articles fingerprinted before areas existed stay unchanged.
        del data["areas"]
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@dataclass
class PreparedEdition:
    """An edition ready to write: the draft in the form the database keeps (`normalize_draft`),
    each article's fingerprint, and the search text of those that have it computed, keyed by
    (page label, position). Preparing runs no query, so a run of many editions can prepare the
    next ones in other processes while this one is written (see the import_edition command)."""

    draft: EditionDraft
    fingerprints: dict[tuple[str, int], str]
    documents: dict[tuple[str, int], str] = field(default_factory=dict)
    # Pages that came as PDFs, rendered: {label: (PDF, {width: WebP})} (importer.services.pagefiles).
    rendered: dict[str, tuple[bytes, dict[int, bytes]]] = field(default_factory=dict)

    def fingerprint(self, label: str, article: ArticleDraft) -> str:
        return self.fingerprints[(label, article.position)]

    def document(self, label: str, article: ArticleDraft) -> str:
        """The article's search text; segmenting is the costliest step of an import, so it is
        done only for the articles that are written."""
        key = (label, article.position)
        if key not in self.documents:
            self.documents[key] = search.document_for_article(article)
        return self.documents[key]


def prepare_edition(draft: EditionDraft, *, with_documents: bool = False) -> PreparedEdition:
    """`draft` normalised and fingerprinted; with `with_documents`, every article's search text
    segmented now too (worth it where preparing runs in other processes than the writer)."""
    draft = normalize_draft(draft)
    prepared = PreparedEdition(
        draft=draft,
        fingerprints={
            (page.label, article.position): fingerprint(article)
            for page in draft.pages
            for article in page.articles
        },
    )
    if with_documents:
        for page in draft.pages:
            for article in page.articles:
                prepared.document(page.label, article)
    return prepared
