"""Writing an `EditionDraft` to the database, and reading a stored edition back as one.

`import_edition` writes one edition in one transaction, with a fixed number of queries per edition
(bulk inserts, contributors resolved together, tags together), so an import costs the same per
article on a one-page edition as on a forty-page one. It is idempotent: the same draft twice leaves
the second run 'unchanged' with the same ids. A corrected draft updates the stored articles in place,
matched by page and headline, then by page and position. An article whose stored content no longer
matches the fingerprint taken when it was imported was edited by someone in the admin: it is kept and
reported unless `replace=True`.

`plan_import` answers what `import_edition` would do, without writing. `export_edition` and
`export_dumps` read an edition back (the round trip).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles import search
from articles.models import Article, Block, Byline, Contributor, Photo, bylines
from editions.models import Edition, Page, Publication
from editions.services import lock_edition
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
from importer.core.dumps import edition_to_dumps
from importer.core.jsonio import article_to_json

# Positions and page numbers are small integers (PostgreSQL smallint). Reordering moves rows to
# temporary values above these bounds first, so the unique (page, position) constraint holds at
# every row.
MAX_POSITION = 10000
TEMPORARY_OFFSET = 10000
MAX_PAGE_NUMBER = 1000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LABEL = re.compile(r"^([A-Za-z]*)(\d*)(.*)$")


# ---------------------------------------------------------------------------------------------
# Drafts in the form the database keeps them
# ---------------------------------------------------------------------------------------------


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", _CONTROL.sub("", value or "")).strip()


def _label(value: str) -> str:
    value = _text(value).upper()
    return f"{int(value):02d}" if value.isdigit() else value


def label_key(label: str):
    """Sort key for page labels as printed: 01 < 02 < 10 < A1 < A2 < B1."""
    prefix, digits, rest = _LABEL.match(label).groups()
    return (prefix, int(digits) if digits else -1, rest)


def _field_limit(model, name):
    return model._meta.get_field(name).max_length


def _check_length(value: str, model, name: str, where: str):
    limit = _field_limit(model, name)
    if len(value) > limit:
        raise EditionImportError(f"{where}: {name} is {len(value)} characters, more than {limit}")
    return value


def _image_name(image: str | None) -> str:
    """A photo's `image` (URL path of a stored file) as the file name the ImageField keeps. Paths
    outside MEDIA_URL cannot be stored, and a path leaving the media folder is refused."""
    if not image or not image.startswith(settings.MEDIA_URL):
        return ""
    name = image[len(settings.MEDIA_URL) :]
    if not name or name.startswith("/") or ".." in name.split("/") or "\\" in name:
        raise EditionImportError(f"photo image path is not inside the media folder: {image[:80]}")
    return name


def _image_url(name: str) -> str | None:
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
            PhotoDraft(
                caption=_text(photo.caption), credit=credit, image=_image_url(_image_name(photo.image))
            )
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


# ---------------------------------------------------------------------------------------------
# Stored articles as drafts (export, and the fingerprint of what is stored now)
# ---------------------------------------------------------------------------------------------


def _articles_for_export():
    # Into plain lists: a prefetch into the related managers builds a queryset per article and
    # relation, which cost more than the queries themselves (an unchanged re-import reads every
    # stored article back).
    return Article.objects.prefetch_related(
        Prefetch("blocks", to_attr="block_list"),
        bylines(),
        Prefetch("photos", to_attr="photo_list"),
        Prefetch("tags", to_attr="tag_list"),
    )


def article_draft(article: Article) -> ArticleDraft:
    """A stored article, as `_articles_for_export` reads it, as a draft."""

    def ref(label, page):
        return PageRef(label=label, page=page) if label else None

    return ArticleDraft(
        position=article.position,
        kind=article.kind,
        kicker=article.kicker,
        headline=article.headline,
        subheadline=article.subheadline,
        column=article.column,
        dateline=article.dateline,
        bylines=[
            BylineDraft(
                name=b.contributor.name, role=b.role, label=b.label, organization=b.contributor.organization
            )
            for b in article.byline_list
        ],
        editor_note=article.editor_note_paragraphs,
        body=[BlockDraft(type=b.type, text=b.text) for b in article.block_list],
        photos=[
            PhotoDraft(caption=p.caption, credit=p.credit, image=_image_url(p.image.name or ""))
            for p in article.photo_list
        ],
        continued_to=ref(article.continued_to_label, article.continued_to_page),
        continued_from=ref(article.continued_from_label, article.continued_from_page),
        tags=sorted(tag.name for tag in article.tag_list),
        source_text=article.source_text,
    )


def export_edition(edition: Edition) -> EditionDraft:
    """The stored edition as a draft, in a fixed number of queries (pages, articles, blocks,
    bylines with contributors, photos, tags)."""
    pages = Page.objects.filter(edition=edition).prefetch_related(
        Prefetch("articles", queryset=_articles_for_export().order_by("position"))
    )
    publication = edition.publication
    return EditionDraft(
        publication=PublicationDraft(slug=publication.slug, name=publication.name),
        date=edition.date,
        number=edition.number,
        pages=[
            PageDraft(
                number=page.number,
                label=page.label,
                name=page.name,
                editor=page.editor,
                articles=[article_draft(a) for a in page.articles.all()],
            )
            for page in pages.order_by("number")
        ],
    )


def export_dumps(edition: Edition) -> list[tuple[str, str]]:
    """The stored edition as page dumps in the seed's flat format (label, text), page by page."""
    return edition_to_dumps(export_edition(edition))


# ---------------------------------------------------------------------------------------------
# The plan: what an import changes
# ---------------------------------------------------------------------------------------------

ADDED, CHANGED, UNCHANGED, MOVED, REMOVED, KEPT = "added", "changed", "unchanged", "moved", "removed", "kept"


@dataclass
class ArticlePlan:
    page: str
    position: int
    headline: str
    action: str  # added, changed, moved, unchanged, removed, kept (edited by an editor, left alone)
    article_id: int | None = None
    draft: ArticleDraft | None = field(default=None, repr=False)


@dataclass
class PagePlan:
    label: str
    number: int
    name: str
    editor: str
    action: str  # added, changed, unchanged
    page_id: int | None = None


@dataclass
class ImportPlan:
    publication: PublicationDraft
    date: object
    status: str  # created, updated, unchanged
    pages: list[PagePlan]
    articles: list[ArticlePlan]
    number: int | None = None

    def count(self, action):
        return sum(1 for a in self.articles if a.action == action)

    @property
    def kept(self):
        return [a for a in self.articles if a.action == KEPT]

    def summary(self):
        counts = Counter(a.action for a in self.articles)
        shown = ", ".join(
            f"{counts[k]} {k}" for k in (ADDED, CHANGED, MOVED, UNCHANGED, REMOVED, KEPT) if counts[k]
        )
        return f"{self.date}: would be {self.status} ({len(self.pages)} pages; articles: {shown or 'none'})"


class _Stored:
    """An edition's pages and articles as stored, read in a fixed number of queries."""

    def __init__(self, edition: Edition | None):
        self.pages = {}
        self.articles = defaultdict(list)
        self.current = {}
        if edition is None:
            return
        self.pages = {p.label: p for p in Page.objects.filter(edition=edition)}
        by_id = {p.pk: p for p in self.pages.values()}
        for article in _articles_for_export().filter(page__edition=edition).order_by("position"):
            self.articles[by_id[article.page_id].label].append(article)
            self.current[article.pk] = article_draft(article)

    def edited(self, article: Article) -> bool:
        """Changed since the import (or written by hand in the admin)."""
        return (
            not article.import_fingerprint
            or fingerprint(self.current[article.pk]) != article.import_fingerprint
        )


def _final_page_numbers(draft: EditionDraft, stored: _Stored) -> dict[str, int]:
    """Page sequence numbers after the import. A draft that holds every stored page says the order;
    a draft of some pages (page 08 arriving after page 01) is merged in label order."""
    draft_labels = {p.label for p in draft.pages}
    if set(stored.pages) <= draft_labels:
        return {p.label: p.number for p in draft.pages}
    labels = sorted(draft_labels | set(stored.pages), key=label_key)
    return {label: number for number, label in enumerate(labels, start=1)}


def _plan(prepared: PreparedEdition, edition: Edition | None, stored: _Stored, replace: bool) -> ImportPlan:
    draft = prepared.draft
    numbers = _final_page_numbers(draft, stored)
    pages, articles = [], []
    for page in draft.pages:
        existing = stored.pages.get(page.label)
        name = page.name or (existing.name if existing else "")
        editor = page.editor or (existing.editor if existing else "")
        if existing is None:
            action = ADDED
        elif (existing.name, existing.editor, existing.number) != (name, editor, numbers[page.label]):
            action = CHANGED
        else:
            action = UNCHANGED
        pages.append(
            PagePlan(page.label, numbers[page.label], name, editor, action, existing.pk if existing else None)
        )
        articles.extend(_plan_page(page, stored.articles.get(page.label, []), stored, prepared, replace))
    for label, page in stored.pages.items():
        if label not in {p.label for p in draft.pages} and page.number != numbers[label]:
            pages.append(PagePlan(label, numbers[label], page.name, page.editor, CHANGED, page.pk))
    if edition is None:
        status = "created"
    elif (
        any(p.action != UNCHANGED for p in pages)
        or any(a.action not in (UNCHANGED, KEPT) for a in articles)
        or (draft.number is not None and draft.number != edition.number)
    ):
        status = "updated"
    else:
        status = "unchanged"
    return ImportPlan(draft.publication, draft.date, status, pages, articles, draft.number)


def _plan_page(
    page: PageDraft, existing: list[Article], stored: _Stored, prepared: PreparedEdition, replace: bool
) -> list[ArticlePlan]:
    unmatched = list(existing)
    pairs = {}
    # A moved or renumbered article keeps its headline; a corrected headline keeps its place.
    for draft in page.articles:
        for article in unmatched:
            if article.headline == draft.headline:
                pairs[id(draft)] = article
                unmatched.remove(article)
                break
    for draft in page.articles:
        if id(draft) in pairs:
            continue
        for article in unmatched:
            if article.position == draft.position:
                pairs[id(draft)] = article
                unmatched.remove(article)
                break
    plans = []
    for draft in page.articles:
        article = pairs.get(id(draft))
        if article is None:
            plans.append(ArticlePlan(page.label, draft.position, draft.headline, ADDED, None, draft))
            continue
        new = prepared.fingerprint(page.label, draft)
        if stored.edited(article):
            if new == article.import_fingerprint or not replace:
                # The editor's version stands. Only a different dump is worth reporting.
                action = UNCHANGED if new == article.import_fingerprint else KEPT
                if action == UNCHANGED and article.position != draft.position:
                    action = MOVED
                plans.append(
                    ArticlePlan(page.label, draft.position, article.headline, action, article.pk, draft)
                )
                continue
            action = CHANGED
        elif new != article.import_fingerprint:
            action = CHANGED
        else:
            action = MOVED if article.position != draft.position else UNCHANGED
        plans.append(ArticlePlan(page.label, draft.position, draft.headline, action, article.pk, draft))
    for article in unmatched:
        action = KEPT if stored.edited(article) and not replace else REMOVED
        plans.append(ArticlePlan(page.label, article.position, article.headline, action, article.pk))
    _place_unmatched_kept(plans)
    return plans


def _place_unmatched_kept(plans: list[ArticlePlan]):
    """A kept article that the new draft no longer holds stays in its place, or moves to the
    page's end when the draft gives its place to another story."""
    taken = {p.position for p in plans if p.draft is not None}
    last = max(taken, default=0)
    for plan in plans:
        if plan.action == KEPT and plan.draft is None:
            if plan.position in taken:
                last += 1
                plan.position = last
            taken.add(plan.position)
            last = max(last, plan.position)


def _stored_edition(publication: PublicationDraft, date):
    return (
        Edition.objects.filter(publication__slug=publication.slug, date=date)
        .select_related("publication")
        .first()
    )


def plan_import(draft: EditionDraft, *, replace: bool = False) -> ImportPlan:
    """What `import_edition` would do with `draft`, read-only (the admin's import preview)."""
    prepared = prepare_edition(draft)
    edition = _stored_edition(prepared.draft.publication, prepared.draft.date)
    return _plan(prepared, edition, _Stored(edition), replace)


# ---------------------------------------------------------------------------------------------
# The import
# ---------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    edition: Edition
    status: str  # created, updated, unchanged
    pages: int
    kinds: Counter
    contributors_new: int
    contributors_reused: int
    continuations_linked: int
    plan: ImportPlan

    @property
    def kept(self) -> list[ArticlePlan]:
        return self.plan.kept

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.kinds.items())) or "no articles"
        changes = Counter(a.action for a in self.plan.articles)
        detail = ", ".join(
            f"{changes[k]} {k}"
            for k in (ADDED, CHANGED, MOVED, REMOVED)
            if changes[k] and self.status == "updated"
        )
        line = (
            f"{self.edition.publication.slug} {self.edition.date}: {self.status}"
            f"{f' ({detail})' if detail else ''}; {_count(self.pages, 'page')},"
            f" {_count(sum(self.kinds.values()), 'article')}"
            f" ({kinds}); contributors {self.contributors_new} new, {self.contributors_reused} reused;"
            f" {self.continuations_linked} continuations linked"
        )
        if self.kept:
            kept = "; ".join(f"{a.page}/{a.position} {a.headline[:30]}" for a in self.kept)
            line += f"; kept {len(self.kept)} edited: {kept} (use --replace to overwrite)"
        if self.edition.status == Edition.Status.PUBLISHED:
            line += "; published"
        else:
            line += "; draft"
        return line


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def import_edition(
    draft: EditionDraft | PreparedEdition, *, replace: bool = False, publish: bool = False
) -> ImportResult:
    """Write `draft` (or an edition `prepare_edition` made of it) in one transaction; see the
    module docstring."""
    prepared = draft if isinstance(draft, PreparedEdition) else prepare_edition(draft)
    draft = prepared.draft
    with transaction.atomic():
        lock_edition(draft.publication.slug, draft.date)
        publication, _ = Publication.objects.get_or_create(
            slug=draft.publication.slug, defaults={"name": draft.publication.name}
        )
        edition = _stored_edition(draft.publication, draft.date)
        stored = _Stored(edition)
        plan = _plan(prepared, edition, stored, replace)
        if edition is None:
            edition = Edition(publication=publication, date=draft.date, number=draft.number)
            if publish:
                edition.publish()
            edition.save()
        else:
            changed = False
            if draft.number is not None and draft.number != edition.number:
                edition.number, changed = draft.number, True
            if publish and edition.status != Edition.Status.PUBLISHED:
                edition.publish()
                changed = True
                plan.status = "updated"
            # Saving the edition also forgets its cached pages (newsroom.pagecache): the bulk writes
            # below send no signals.
            if changed or plan.status == "updated":
                edition.save()
        writer = _Writer(edition, stored, plan, prepared)
        writer.write()
        linked, links_changed = _link_continuations(edition)
        if links_changed and plan.status == "unchanged":
            plan.status = "updated"
            edition.save(update_fields=["updated"])
    kinds = Counter(a.kind for page in draft.pages for a in page.articles)
    return ImportResult(
        edition=edition,
        status=plan.status,
        pages=len(draft.pages),
        kinds=kinds,
        contributors_new=writer.contributors_new,
        contributors_reused=writer.contributors_reused,
        continuations_linked=linked,
        plan=plan,
    )


class _Writer:
    def __init__(self, edition: Edition, stored: _Stored, plan: ImportPlan, prepared: PreparedEdition):
        self.edition = edition
        self.stored = stored
        self.plan = plan
        self.prepared = prepared
        self.contributors_new = 0
        self.contributors_reused = 0
        self.now = timezone.now()

    def write(self):
        pages = self._write_pages()
        plan = self.plan.articles
        removed = [a.article_id for a in plan if a.action == REMOVED]
        if removed:
            Article.objects.filter(pk__in=removed).delete()
        to_write = [a for a in plan if a.action in (ADDED, CHANGED)]
        contributors = self._contributors([a.draft for a in plan if a.draft is not None])
        self._move_aside([a for a in plan if a.article_id and a.action != REMOVED])
        changed = [a for a in plan if a.action == CHANGED]
        if changed:
            ids = [a.article_id for a in changed]
            for model in (Block, Byline, Photo):
                model.objects.filter(article_id__in=ids).delete()
            TaggedItem.objects.filter(content_type=self._content_type(), object_id__in=ids).delete()
            by_id = {a.pk: a for page in self.stored.articles.values() for a in page}
            articles = []
            for item in changed:
                article, values = by_id[item.article_id], self._values(item.draft, pages[item.page])
                for name, value in values.items():
                    setattr(article, name, value)
                articles.append(article)
            Article.objects.bulk_update(articles, list(values), batch_size=500)
        added = [a for a in plan if a.action == ADDED]
        for item, pk in zip(added, self._create([(a.draft, pages[a.page]) for a in added]), strict=True):
            item.article_id = pk
        self._place([a for a in plan if a.article_id and a.action != REMOVED])
        self._write_content(to_write, contributors)

    def _values(self, draft: ArticleDraft, page: Page) -> dict:
        """A stored article's fields as its draft gives them (all but its id, its next part and
        when it was created), by attribute name."""
        return {
            # By id: assigning the instance would ask the database router for every article.
            "page_id": page.pk,
            "position": draft.position,
            "kind": draft.kind,
            "kicker": draft.kicker,
            "headline": draft.headline,
            "subheadline": draft.subheadline,
            "column": draft.column,
            "dateline": draft.dateline,
            "editor_note": "\n".join(draft.editor_note),
            "continued_to_label": draft.continued_to.label if draft.continued_to else "",
            "continued_to_page": draft.continued_to.page if draft.continued_to else None,
            "continued_from_label": draft.continued_from.label if draft.continued_from else "",
            "continued_from_page": draft.continued_from.page if draft.continued_from else None,
            "source_text": draft.source_text,
            "import_fingerprint": self.prepared.fingerprint(page.label, draft),
            "search_document": self.prepared.document(page.label, draft),
            "updated": self.now,
        }

    def _create(self, drafts: list[tuple[ArticleDraft, Page]]) -> list[int]:
        """Insert new articles; their ids in order. On PostgreSQL the ids are taken from the
        table's sequence and the rows sent by COPY, built straight from the drafts: a model
        instance per article, and Django's conversion of each value, cost more than the rows'
        writing. Elsewhere bulk_create. (Like bulk_create, no save() and no signals.)"""
        if not drafts:
            return []
        if connection.vendor != "postgresql":
            articles = [Article(**self._values(draft, page)) for draft, page in drafts]
            Article.objects.bulk_create(articles, batch_size=500)
            return [article.pk for article in articles]
        rows = [self._values(draft, page) for draft, page in drafts]
        meta = Article._meta
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        _insert_rows(
            Article,
            ["id", *rows[0], "created"],
            [(pk, *values.values(), self.now) for pk, values in zip(ids, rows, strict=True)],
        )
        return ids

    def _write_pages(self) -> dict[str, Page]:
        pages = dict(self.stored.pages)
        moving = [p for p in self.plan.pages if p.page_id and pages[p.label].number != p.number]
        if moving:
            for item in moving:
                pages[item.label].number = TEMPORARY_OFFSET + item.number
            Page.objects.bulk_update([pages[p.label] for p in moving], ["number"])
        new = [
            Page(edition=self.edition, number=p.number, label=p.label, name=p.name, editor=p.editor)
            for p in self.plan.pages
            if p.action == ADDED
        ]
        Page.objects.bulk_create(new)
        pages.update({p.label: p for p in new})
        changed = []
        for item in self.plan.pages:
            page = pages[item.label]
            if item.page_id and (page.number, page.name, page.editor) != (
                item.number,
                item.name,
                item.editor,
            ):
                page.number, page.name, page.editor = item.number, item.name, item.editor
                changed.append(page)
        if changed:
            Page.objects.bulk_update(changed, ["number", "name", "editor"])
        return pages

    def _move_aside(self, plans: list[ArticlePlan]):
        """Stored articles whose position changes step aside first, so no two share a place."""
        by_id = {a.pk: a for page in self.stored.articles.values() for a in page}
        moving = [by_id[p.article_id] for p in plans if by_id[p.article_id].position != p.position]
        for offset, article in enumerate(moving, start=1):
            article.position = TEMPORARY_OFFSET + offset
        if moving:
            Article.objects.bulk_update(moving, ["position"], batch_size=500)
        self._moved = {a.pk for a in moving}

    def _place(self, plans: list[ArticlePlan]):
        by_id = {a.pk: a for page in self.stored.articles.values() for a in page}
        placed = []
        for plan in plans:
            if plan.article_id in self._moved:
                article = by_id[plan.article_id]
                article.position = plan.position
                placed.append(article)
        if placed:
            Article.objects.bulk_update(placed, ["position"], batch_size=500)

    def _content_type(self):
        return ContentType.objects.get_for_model(Article)

    def _contributors(self, drafts: list[ArticleDraft]) -> dict[tuple[str, str], int]:
        """The id of every byline's contributor, matched by name and organisation: one query to
        find the known ones, one insert for the new ones (and one more read when another import
        raced us). Ids only: a byline's row needs no more, and a model instance per contributor
        costs more than the query."""
        wanted = {(b.name, b.organization) for d in drafts for b in d.bylines}
        if not wanted:
            return {}
        names = sorted({name for name, _ in wanted})
        found = {}
        for chunk in _chunks(names, 500):
            found.update(_contributor_ids(chunk))
        self.contributors_reused = len(wanted & set(found))
        missing = sorted(wanted - set(found))
        if missing:
            slugs = self._free_slugs(missing)
            Contributor.objects.bulk_create(
                [Contributor(name=n, organization=o, slug=slugs[(n, o)]) for n, o in missing],
                batch_size=500,
                ignore_conflicts=True,
            )
            for chunk in _chunks(sorted({n for n, _ in missing}), 500):
                for key, pk in _contributor_ids(chunk).items():
                    found.setdefault(key, pk)
            lost = [key for key in missing if key not in found]
            if lost:
                # Only a slug taken by a concurrent import gets here; create those one at a time.
                for name, organization in lost:
                    found[(name, organization)] = _create_contributor(name, organization).pk
            self.contributors_new = len(missing)
        return found

    @staticmethod
    def _free_slugs(keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        bases = {key: Contributor.slug_base(*key) for key in keys}
        taken = set()
        for chunk in _chunks(sorted(set(bases.values())), 500):
            taken |= set(Contributor.objects.filter(slug__in=chunk).values_list("slug", flat=True))
        crowded = {b for b in bases.values() if b in taken}
        for base in crowded:
            taken |= set(
                Contributor.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True)
            )
        slugs = {}
        for key, base in bases.items():
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            slugs[key] = slug
        return slugs

    def _write_content(self, plans: list[ArticlePlan], contributors):
        blocks, byline_rows, photos, tagged = [], [], [], []
        for plan in plans:
            draft, article_id = plan.draft, plan.article_id
            blocks += [(article_id, i, b.type, b.text) for i, b in enumerate(draft.body, start=1)]
            byline_rows += [
                (article_id, contributors[(b.name, b.organization)], b.role, b.label, i)
                for i, b in enumerate(draft.bylines)
            ]
            photos += [
                (article_id, p.caption, p.credit, _image_name(p.image), i) for i, p in enumerate(draft.photos)
            ]
            tagged += [(article_id, name) for name in draft.tags]
        _insert_rows(Block, ["article", "order", "type", "text"], blocks)
        _insert_rows(Byline, ["article", "contributor", "role", "label", "order"], byline_rows)
        _insert_rows(Photo, ["article", "caption", "credit", "image", "order"], photos)
        if tagged:
            names = sorted({name for _, name in tagged})
            tags = {t.name: t for t in Tag.objects.filter(name__in=names)}
            for name in names:
                if name not in tags:
                    tags[name], _ = Tag.objects.get_or_create(name=name)
            content_type = self._content_type()
            _insert_rows(
                TaggedItem,
                ["tag", "content_type", "object_id"],
                [(tags[name].pk, content_type.pk, i) for i, name in tagged],
            )


def _copy(cursor, table: str, columns: str, rows):
    """Send `rows` to PostgreSQL by COPY on Django's `cursor` (quoted table and column names)."""
    # psycopg's own cursor: Django's error wrapping is put back by hand.
    with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _insert_rows(model, fields: list[str], rows: list[tuple]):
    """Insert rows given as tuples of plain values (ids, str, int, datetimes), `fields` named by
    name or attribute name: PostgreSQL's COPY, or one executemany elsewhere.

    An edition has dozens of articles and hundreds of blocks, bylines, photos and tags: building a
    model instance for each, as bulk_create does, costs more than writing it. These rows need
    nothing a model adds: no defaults, no signals, no ids read back. On PostgreSQL an INSERT per
    row costs the server a statement each; COPY streams them all as one."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy(cursor, table, columns, rows)
        else:
            values = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({values})", rows)


def _contributor_ids(names: list[str]) -> dict[tuple[str, str], int]:
    rows = Contributor.objects.filter(name__in=names).values_list("name", "organization", "pk")
    return {(name, organization): pk for name, organization, pk in rows}


def _create_contributor(name: str, organization: str) -> Contributor:
    base = Contributor.slug_base(name, organization)
    taken = set(Contributor.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    contributor, _ = Contributor.objects.get_or_create(
        name=name, organization=organization, defaults={"slug": slug}
    )
    return contributor


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------------------------------------
# Continuations
# ---------------------------------------------------------------------------------------------


def _title_match(first: str, second: str) -> float:
    """How well a continued part's (often shortened) repeated headline matches the first part's."""
    a, b = re.sub(r"\W", "", first), re.sub(r"\W", "", second)
    if not a or not b:
        return 0.0
    if a == b:
        return 2.0
    if a in b or b in a:
        return 1.5
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _link_continuations(edition: Edition) -> tuple[int, bool]:
    """Link each part that goes on (continued_to) to the part that comes from its page
    (continued_from) on the page it names: by repeated headline, else the only candidate. Links
    to pages not imported yet are made when those pages arrive. Returns (links, anything changed)."""
    rows = list(
        Article.objects.filter(page__edition=edition)
        .order_by("page__number", "position")
        .values_list(
            "pk", "page__label", "headline", "continued_to_label", "continued_from_label", "next_part_id"
        )
    )
    current = {pk: next_id for pk, _, _, _, _, next_id in rows}
    seconds = defaultdict(list)
    for pk, label, headline, _, from_label, _ in rows:
        if from_label:
            seconds[label].append((pk, headline, from_label))
    desired, claimed = {}, set()
    for pk, label, headline, to_label, _, _ in rows:
        if not to_label:
            continue
        candidates = [
            c for c in seconds.get(to_label, []) if c[2] == label and c[0] not in claimed and c[0] != pk
        ]
        if not candidates:
            continue
        scored = sorted(((_title_match(headline, c[1]), c[0]) for c in candidates), reverse=True)
        score, best = scored[0]
        if score >= 0.5 or len(candidates) == 1:
            desired[pk] = best
            claimed.add(best)
    changes = {pk: target for pk, target in desired.items() if current.get(pk) != target}
    # A part claimed by another first part is released first (two first parts may swap their
    # parts): next_part is one-to-one, checked row by row. Then every new link's part is free.
    releases = {pk for pk, target in current.items() if target in claimed and desired.get(pk) != target}
    if releases:
        Article.objects.filter(pk__in=releases).update(next_part=None)
    if changes:
        Article.objects.bulk_update(
            [Article(pk=pk, next_part_id=target) for pk, target in changes.items()],
            ["next_part"],
            batch_size=500,
        )
    final = {pk: (None if pk in releases else target) for pk, target in current.items()}
    final.update(changes)
    return sum(1 for target in final.values() if target), final != current
