"""The plan of an import: what it adds, changes, moves, removes or keeps, page by page and article
by article, compared with what is stored. Read-only; the writer carries it out."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from articles.models import Article
from editions.models import Edition, Page
from importer.core.draft import ArticleDraft, EditionDraft, PageDraft, PublicationDraft
from importer.core.outline import plural
from newsroom.text import label_key

from .export import article_draft, articles_for_export
from .media import image_name
from .normalise import PreparedEdition, fingerprint, prepare_edition


class Action(StrEnum):
    """What an import does to a page or an article."""

    ADDED = "added"
    CHANGED = "changed"
    MOVED = "moved"
    UNCHANGED = "unchanged"
    REMOVED = "removed"
    KEPT = "kept"  # edited by an editor since the import: left alone


class Outcome(StrEnum):
    """What an import does to the edition as a whole."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


ADDED, CHANGED, MOVED, UNCHANGED, REMOVED, KEPT = Action


@dataclass
class ArticlePlan:
    page: str
    position: int
    headline: str
    action: Action
    article_id: int | None = None
    draft: ArticleDraft | None = field(default=None, repr=False)


@dataclass(frozen=True)
class PageFiles:
    """A page's PDF, image and its renditions (file names in the storage) and size in points."""

    pdf: str = ""
    image: str = ""
    renditions: dict = field(default_factory=dict)
    width: float | None = None
    height: float | None = None
    sample: bool = False

    FIELDS = ("pdf", "image", "renditions", "width", "height", "sample")

    @classmethod
    def of(cls, page: Page | None) -> PageFiles:
        if page is None:
            return cls()
        files = (page.pdf.name or "", page.image.name or "", page.renditions or {})
        return cls(*files, page.width, page.height, page.sample)

    @classmethod
    def planned(cls, draft: PageDraft, existing: Page | None) -> PageFiles:
        """What the page keeps after the import: the draft's files and size where it has them
        (a page PDF's import), else the stored ones (a dump's re-import keeps the image)."""
        stored = cls.of(existing)
        image = image_name(draft.image) or stored.image
        if draft.renditions:
            renditions = {str(w): image_name(url) for w, url in sorted(draft.renditions.items())}
        else:
            renditions = stored.renditions if image == stored.image else {}
        width, height = draft.size or (stored.width, stored.height)
        # The same PDF and image again (an edition JSON names them) keep what the first import
        # read in the PDF; a page's new PDF or image says for itself whether it is a sample.
        pdf = image_name(draft.pdf) or stored.pdf
        sample = draft.sample if (pdf, image) != (stored.pdf, stored.image) else stored.sample
        return cls(pdf, image, renditions, width, height, sample)

    def values(self) -> dict:
        return {name: getattr(self, name) for name in self.FIELDS}


@dataclass
class PagePlan:
    label: str
    number: int
    name: str
    editor: str
    action: Action  # added, changed, unchanged
    page_id: int | None = None
    files: PageFiles = field(default_factory=PageFiles)


@dataclass
class ImportPlan:
    publication: PublicationDraft
    date: object
    status: Outcome
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
        shown = ", ".join(f"{counts[k]} {k}" for k in Action if counts[k])
        pages = plural(len(self.pages), "page")
        return f"{self.date}: would be {self.status} ({pages}; articles: {shown or 'none'})"


class Stored:
    """An edition's pages and articles as stored, read in a fixed number of queries."""

    def __init__(self, edition: Edition | None):
        self.pages = {}
        self.articles = defaultdict(list)
        self.current = {}
        if edition is None:
            return
        self.pages = {p.label: p for p in Page.objects.filter(edition=edition)}
        by_id = {p.pk: p for p in self.pages.values()}
        for article in articles_for_export().filter(page__edition=edition).order_by("position"):
            self.articles[by_id[article.page_id].label].append(article)
            self.current[article.pk] = article_draft(article)

    def edited(self, article: Article) -> bool:
        """Changed since the import (or written by hand in the admin)."""
        return (
            not article.import_fingerprint
            or fingerprint(self.current[article.pk]) != article.import_fingerprint
        )

    def by_id(self) -> dict[int, Article]:
        return {a.pk: a for page in self.articles.values() for a in page}


def _final_page_numbers(draft: EditionDraft, stored: Stored) -> dict[str, int]:
    """Page sequence numbers after the import. A draft that holds every stored page says the order;
    a draft of some pages (page 08 arriving after page 01) is merged in label order."""
    draft_labels = {p.label for p in draft.pages}
    if set(stored.pages) <= draft_labels:
        return {p.label: p.number for p in draft.pages}
    labels = sorted(draft_labels | set(stored.pages), key=label_key)
    return {label: number for number, label in enumerate(labels, start=1)}


def _page_plan(page: PageDraft, stored: Stored, number: int) -> PagePlan:
    existing = stored.pages.get(page.label)
    name = page.name or (existing.name if existing else "")
    editor = page.editor or (existing.editor if existing else "")
    files = PageFiles.planned(page, existing)
    if existing is None:
        action = ADDED
    elif (existing.name, existing.editor, existing.number, PageFiles.of(existing)) != (
        name,
        editor,
        number,
        files,
    ):
        action = CHANGED
    else:
        action = UNCHANGED
    return PagePlan(page.label, number, name, editor, action, existing.pk if existing else None, files)


def _outcome(draft: EditionDraft, edition: Edition | None, pages, articles) -> Outcome:
    if edition is None:
        return Outcome.CREATED
    if (
        any(p.action != UNCHANGED for p in pages)
        or any(a.action not in (UNCHANGED, KEPT) for a in articles)
        or (draft.number is not None and draft.number != edition.number)
    ):
        return Outcome.UPDATED
    return Outcome.UNCHANGED


def make_plan(
    prepared: PreparedEdition, edition: Edition | None, stored: Stored, replace: bool
) -> ImportPlan:
    draft = prepared.draft
    numbers = _final_page_numbers(draft, stored)
    pages, articles = [], []
    for page in draft.pages:
        pages.append(_page_plan(page, stored, numbers[page.label]))
        articles.extend(_plan_page(page, stored, prepared, replace))
    in_draft = {p.label for p in draft.pages}
    for label, page in stored.pages.items():
        if label not in in_draft and page.number != numbers[label]:
            pages.append(
                PagePlan(label, numbers[label], page.name, page.editor, CHANGED, page.pk, PageFiles.of(page))
            )
    status = _outcome(draft, edition, pages, articles)
    return ImportPlan(draft.publication, draft.date, status, pages, articles, draft.number)


def _pair(drafts: list[ArticleDraft], existing: list[Article]) -> tuple[dict[int, Article], list[Article]]:
    """Each draft's stored article (by the draft's id()), and the stored articles left unpaired. A
    moved or renumbered article keeps its headline; a corrected headline keeps its place."""
    unmatched = list(existing)
    pairs = {}
    for same in (
        lambda article, draft: article.headline == draft.headline,
        lambda article, draft: article.position == draft.position,
    ):
        for draft in drafts:
            if id(draft) in pairs:
                continue
            article = next((a for a in unmatched if same(a, draft)), None)
            if article is not None:
                pairs[id(draft)] = article
                unmatched.remove(article)
    return pairs, unmatched


def _article_plan(label, draft, article, stored, prepared, replace) -> ArticlePlan:
    """What becomes of stored `article` that `draft` matched."""
    new = prepared.fingerprint(label, draft)
    in_place = MOVED if article.position != draft.position else UNCHANGED
    edited = stored.edited(article)
    if edited and (new == article.import_fingerprint or not replace):
        # The editor's version stands. Only a different dump is worth reporting.
        action = KEPT if new != article.import_fingerprint else in_place
        return ArticlePlan(label, draft.position, article.headline, action, article.pk, draft)
    action = CHANGED if edited or new != article.import_fingerprint else in_place
    return ArticlePlan(label, draft.position, draft.headline, action, article.pk, draft)


def _plan_page(
    page: PageDraft, stored: Stored, prepared: PreparedEdition, replace: bool
) -> list[ArticlePlan]:
    pairs, unmatched = _pair(page.articles, stored.articles.get(page.label, []))
    plans = []
    for draft in page.articles:
        article = pairs.get(id(draft))
        if article is not None and not draft.areas and article.areas:
            # A dump re-imported after the page's PDF knows no areas: the stored ones stay.
            draft.areas = stored.current[article.pk].areas
            prepared.fingerprints[(page.label, draft.position)] = fingerprint(draft)
        if article is None:
            plans.append(ArticlePlan(page.label, draft.position, draft.headline, ADDED, None, draft))
        else:
            plans.append(_article_plan(page.label, draft, article, stored, prepared, replace))
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


def stored_edition(publication: PublicationDraft, date):
    return (
        Edition.objects.filter(publication__slug=publication.slug, date=date)
        .select_related("publication")
        .first()
    )


def plan_import(draft: EditionDraft, *, replace: bool = False, user=None) -> ImportPlan:
    """What `import_edition` would do with `draft`, read-only (the admin's import preview); an
    import `user` may not carry out is refused here already (rights.ImportNotAllowed)."""
    from .rights import check_import  # rights names this module's actions

    prepared = prepare_edition(draft)
    edition = stored_edition(prepared.draft.publication, prepared.draft.date)
    plan = make_plan(prepared, edition, Stored(edition), replace)
    check_import(plan, edition, user=user)
    return plan
