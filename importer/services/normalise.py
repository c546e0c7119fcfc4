"""An edition draft in the form the database keeps it, fingerprinted: what every import writes
and compares, computed without a query (so several editions can be prepared in other processes
while one is written)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings

from articles import search
from articles.models import Article, Byline, Contributor, Photo
from editions.models import Page
from importer.core.draft import (
    ArticleDraft,
    BlockDraft,
    BylineDraft,
    EditionDraft,
    EditionImportError,
    PageDraft,
    PageRef,
    PhotoDraft,
    PublicationDraft,
)
from importer.core.jsonio import article_to_json
from importer.core.text import normalise_label
from newsroom.text import without_controls

# Positions and page numbers are small integers (PostgreSQL smallint); the writer moves rows to
# temporary values above these bounds while it reorders them.
MAX_POSITION = 10000
MAX_PAGE_NUMBER = 1000


def _text(value: str) -> str:
    return without_controls(value or "").strip()


def _label(value: str) -> str:
    return normalise_label(_text(value))


def _field_limit(model, name):
    return model._meta.get_field(name).max_length


def _check_length(value: str, model, name: str, where: str):
    limit = _field_limit(model, name)
    if len(value) > limit:
        raise EditionImportError(f"{where}: {name} is {len(value)} characters, more than {limit}")
    return value


def image_name(image: str | None) -> str:
    """A photo's `image` (URL path of a stored file) as the file name the ImageField keeps. Paths
    outside MEDIA_URL cannot be stored, and a path leaving the media folder is refused."""
    if not image or not image.startswith(settings.MEDIA_URL):
        return ""
    name = image[len(settings.MEDIA_URL) :]
    if not name or name.startswith("/") or ".." in name.split("/") or "\\" in name:
        raise EditionImportError(f"photo image path is not inside the media folder: {image[:80]}")
    return name


def image_url(name: str) -> str | None:
    return f"{settings.MEDIA_URL}{name}" if name else None


def normalize_article(article: ArticleDraft, where: str) -> ArticleDraft:
    """The article as it will read back from the database: clean text, no empty blocks, one
    byline per person and role, editor's note one paragraph a line, tags sorted. Raises
    EditionImportError for what the database cannot hold."""
    headline = _check_length(_text(article.headline), Article, "headline", where)
    if not headline:
        raise EditionImportError(f"{where}: an article has no headline")
    if not 1 <= article.position <= MAX_POSITION:
        raise EditionImportError(f"{where}: position {article.position} is not between 1 and {MAX_POSITION}")
    bylines, seen = [], set()
    for byline in article.bylines:
        name = _check_length(_text(byline.name), Contributor, "name", where)
        organization = _check_length(_text(byline.organization), Contributor, "organization", where)
        key = (name, organization, byline.role)
        if name and key not in seen:
            seen.add(key)
            label = _check_length(_text(byline.label), Byline, "label", where)
            bylines.append(BylineDraft(name=name, role=byline.role, label=label, organization=organization))
    notes = [line for note in article.editor_note for line in (_text(x) for x in note.splitlines()) if line]
    body = [BlockDraft(type=b.type, text=_text(b.text)) for b in article.body if _text(b.text)]
    photos = []
    for photo in article.photos:
        credit = _check_length(_text(photo.credit), Photo, "credit", where)
        photos.append(
            PhotoDraft(caption=_text(photo.caption), credit=credit, image=image_url(image_name(photo.image)))
        )
    tags = sorted({_text(t)[:100] for t in article.tags if _text(t)})

    def ref(value):
        if value is None or not _label(value.label):
            return None
        label = _check_length(_label(value.label), Article, "continued_to_label", where)
        page = value.page if value.page is None or 1 <= value.page <= MAX_PAGE_NUMBER else None
        return PageRef(label=label, page=page)

    return ArticleDraft(
        position=article.position,
        kind=article.kind,
        kicker=_check_length(_text(article.kicker), Article, "kicker", where),
        headline=headline,
        subheadline=_check_length(_text(article.subheadline), Article, "subheadline", where),
        column=_check_length(_text(article.column), Article, "column", where),
        dateline=_check_length(_text(article.dateline), Article, "dateline", where),
        bylines=bylines,
        editor_note=notes,
        body=body,
        photos=photos,
        continued_to=ref(article.continued_to),
        continued_from=ref(article.continued_from),
        tags=tags,
        source_text=article.source_text.replace("\x00", ""),
        doubts=list(article.doubts),
    )


def normalize_draft(draft: EditionDraft) -> EditionDraft:
    """A copy of `draft` in the form the database keeps (see `normalize_article`)."""
    pages, labels, numbers = [], set(), set()
    for page in draft.pages:
        label = _check_length(_label(page.label), Page, "label", "a page")
        where = f"page {label}"
        if not label:
            raise EditionImportError("a page has no label")
        if not 1 <= page.number <= MAX_PAGE_NUMBER:
            raise EditionImportError(
                f"{where}: page number {page.number} is not between 1 and {MAX_PAGE_NUMBER}"
            )
        if label in labels or page.number in numbers:
            raise EditionImportError(f"two pages {label} (number {page.number}) in one edition")
        labels.add(label)
        numbers.add(page.number)
        articles = [normalize_article(a, f"{where}, article {a.position}") for a in page.articles]
        if len({a.position for a in articles}) != len(articles):
            raise EditionImportError(f"{where}: two articles at one position")
        pages.append(
            PageDraft(
                number=page.number,
                label=label,
                name=_check_length(_text(page.name), Page, "name", where),
                editor=_check_length(_text(page.editor), Page, "editor", where),
                articles=sorted(articles, key=lambda a: a.position),
            )
        )
    return EditionDraft(
        publication=PublicationDraft(slug=_text(draft.publication.slug), name=_text(draft.publication.name)),
        date=draft.date,
        number=draft.number,
        pages=sorted(pages, key=lambda p: p.number),
    )


def fingerprint(article: ArticleDraft) -> str:
    """A stable digest of an article's content (not its place on the page)."""
    data = article_to_json(article)
    del data["position"]
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
