"""The import of one edition: its plan carried out in one transaction, behind the writers' lock of
the edition (see the package docstring)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from editions.models import Edition, Publication
from editions.services import lock_edition
from importer.core.draft import EditionDraft
from importer.core.outline import plural

from .continuations import link_continuations
from .normalise import PreparedEdition, prepare_edition
from .plan import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    ArticlePlan,
    ImportPlan,
    Outcome,
    Stored,
    make_plan,
    stored_edition,
)
from .writer import Writer


@dataclass
class ImportResult:
    edition: Edition
    status: Outcome
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
            if changes[k] and self.status == Outcome.UPDATED
        )
        line = (
            f"{self.edition.publication.slug} {self.edition.date}: {self.status}"
            f"{f' ({detail})' if detail else ''}; {plural(self.pages, 'page')},"
            f" {plural(sum(self.kinds.values()), 'article')}"
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


def import_edition(
    draft: EditionDraft | PreparedEdition, *, replace: bool = False, publish: bool = False
) -> ImportResult:
    """Write `draft` (or an edition `prepare_edition` made of it) in one transaction."""
    prepared = draft if isinstance(draft, PreparedEdition) else prepare_edition(draft)
    draft = prepared.draft
    with transaction.atomic():
        lock_edition(draft.publication.slug, draft.date)
        publication, _ = Publication.objects.get_or_create(
            slug=draft.publication.slug, defaults={"name": draft.publication.name}
        )
        edition = stored_edition(draft.publication, draft.date)
        stored = Stored(edition)
        plan = make_plan(prepared, edition, stored, replace)
        edition = _save_edition(edition, publication, draft, plan, publish)
        writer = Writer(edition, stored, plan, prepared)
        writer.write()
        linked, links_changed = link_continuations(edition)
        if links_changed and plan.status == Outcome.UNCHANGED:
            plan.status = Outcome.UPDATED
            edition.save(update_fields=["updated"])
    return ImportResult(
        edition=edition,
        status=plan.status,
        pages=len(draft.pages),
        kinds=Counter(a.kind for page in draft.pages for a in page.articles),
        contributors_new=writer.contributors_new,
        contributors_reused=writer.contributors_reused,
        continuations_linked=linked,
        plan=plan,
    )


def _save_edition(edition, publication, draft, plan, publish) -> Edition:
    """The edition row, created or brought up to date (number, publication). Saving it also
    forgets its cached pages (newsroom.pagecache): the writer's bulk writes send no signals."""
    if edition is None:
        edition = Edition(publication=publication, date=draft.date, number=draft.number)
        if publish:
            edition.publish()
        edition.save()
        return edition
    changed = False
    if draft.number is not None and draft.number != edition.number:
        edition.number, changed = draft.number, True
    if publish and edition.status != Edition.Status.PUBLISHED:
        edition.publish()
        changed = True
        plan.status = Outcome.UPDATED
    if changed or plan.status == Outcome.UPDATED:
        edition.save()
    return edition
