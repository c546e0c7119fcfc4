"""The import of one edition: its plan carried out in one transaction, behind the writers' lock of
the edition (see the package docstring)."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from editions.models import Edition, Publication
from editions.pdfs import make_edition_pdf
from editions.services import lock_edition, publish_edition
from importer.core.draft import DoubtKind, EditionDraft
from importer.core.errors import EditionImportError, Phrase, gettext_noop
from importer.models import ArticleDoubt, DoubtConfirmation

from .continuations import link_continuations
from .doubts import write_doubts
from .dumps import store_dumps
from .normalise import PreparedEdition, prepare_edition
from .pagefiles import PageFiles, storage_reason
from .plan import (
    ADDED,
    CHANGED,
    ArticlePlan,
    ImportPlan,
    Outcome,
    Stored,
    make_plan,
    stored_edition,
)
from .profiles import same_story
from .rights import check_import
from .writer import Writer

logger = logging.getLogger(__name__)


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
    doubts: int = 0  # the edition's open doubts after the import
    unplaced: int = 0  # of them, text the parser could not place
    edition_pdf_refused: Phrase | None = None  # why the storage refused the merged edition PDF

    @property
    def kept(self) -> list[ArticlePlan]:
        return self.plan.kept


class DoubtsUnconfirmed(EditionImportError):
    """Publishing with the import an edition whose doubts no desk chief has confirmed."""

    def __init__(self, *, count):
        super().__init__(
            gettext_noop(
                "the edition has %(count)d doubts to check: import it without --publish and let a desk"
                " chief confirm them in the admin, or name the desk chief who confirms them"
                " with --confirm-doubts USERNAME"
            ),
            count=count,
        )


class PublicationRefused(EditionImportError):
    """Publishing with the import an edition the publication checks refuse, as they refuse the
    admin's 发布 (editions.services: a photo without its caption or credit …); the message is
    the check's, in the editors' language."""


def import_edition(
    draft: EditionDraft | PreparedEdition,
    *,
    replace: bool = False,
    publish: bool = False,
    dumps=(),
    user=None,
    progress=None,
    confirmed_by=None,
    operator_confirms="",
) -> ImportResult:
    """Write `draft` (or an edition `prepare_edition` made of it) in one transaction, with the
    parser's doubts of the articles it writes and the page dumps it was parsed from (`dumps`:
    `importer.core.sources.PageSource`s), as `user` (None: the operator) may
    (importer.services.rights: ImportNotAllowed, nothing written); `progress` hears of each
    page's files stored. Published with the import (`publish`), an edition with open doubts needs
    `confirmed_by`, the desk chief whose confirmation is recorded as the admin's 确认核对 records
    it, or `operator_confirms`, the reason the operator gives for confirming them on their own
    word (a demo edition, editions moved from another system), recorded as its note; without
    either it is refused (DoubtsUnconfirmed, nothing written). It is published once its articles
    are written, through `editions.services.publish_edition`, which asks the publication checks
    every way of publishing asks: one they refuse refuses the import (PublicationRefused, nothing
    written)."""
    prepared = draft if isinstance(draft, PreparedEdition) else prepare_edition(draft)
    draft = prepared.draft
    # The pages' PDFs and images are files, which no rollback undoes: stored behind the edition's
    # lock, named by their content, and those this import made removed when it fails (at the
    # commit too).
    files = PageFiles()
    try:
        with transaction.atomic():
            lock_edition(draft.publication.slug, draft.date)
            files.store(draft, prepared.rendered, progress)
            edition = stored_edition(draft.publication, draft.date)
            stored = Stored(edition)
            plan = make_plan(prepared, edition, stored, replace)
            check_import(plan, edition, user=user, publish=publish)
            was_published = edition is not None and edition.status == Edition.Status.PUBLISHED
            publication, _ = Publication.objects.get_or_create(
                slug=draft.publication.slug, defaults={"name": draft.publication.name}
            )
            edition = _save_edition(edition, publication, draft, plan, publish)
            writer = Writer(edition, stored, plan, prepared)
            writer.write()
            write_doubts([a for a in plan.articles if a.action in (ADDED, CHANGED)])
            store_dumps(edition, dumps)
            linked, relinked = link_continuations(edition, lambda: same_story(draft.publication.slug))
            writer.record_history(relinked)
            if relinked and plan.status == Outcome.UNCHANGED:
                plan.status = Outcome.UPDATED
                edition.save(update_fields=["updated"])
            counts = _open_doubts(edition)
            if publish and counts["doubts"]:
                _confirm_doubts(edition, counts["doubts"], confirmed_by, operator_confirms)
            if publish and not was_published:
                _publish(edition, user)
    except BaseException:
        files.remove_made()
        raise
    edition_pdf_refused = None
    if prepared.rendered:
        try:
            make_edition_pdf(edition)
        except OSError as error:
            # After the commit: the edition stands without its merged PDF, which the same import
            # run again makes (the operator or editor is told, in the import's summary).
            logger.error("the edition PDF of %s could not be stored: %s", edition, error, exc_info=True)
            edition_pdf_refused = storage_reason(error)
    if was_published and plan.status != Outcome.UNCHANGED:
        _score_again(edition)
    return ImportResult(
        edition=edition,
        status=plan.status,
        pages=len(draft.pages),
        kinds=Counter(a.kind for page in draft.pages for a in page.articles),
        contributors_new=writer.contributors_new,
        contributors_reused=writer.contributors_reused,
        continuations_linked=linked,
        plan=plan,
        edition_pdf_refused=edition_pdf_refused,
        **counts,
    )


def _confirm_doubts(edition, count, confirmed_by, operator_confirms) -> None:
    """The confirmation of the open doubts of an edition published with its import, by the desk
    chief named or on the operator's word; without either, DoubtsUnconfirmed."""
    if confirmed_by is None and not operator_confirms:
        raise DoubtsUnconfirmed(count=count)
    DoubtConfirmation.objects.update_or_create(
        edition=edition,
        defaults={
            "confirmed_at": timezone.now(),
            "confirmed_by": confirmed_by,
            "open_doubts": count,
            "note": operator_confirms if confirmed_by is None else "",
        },
    )


def _publish(edition, user) -> None:
    """Publishing with the import is publishing: the same checks, and `signals.published` (the
    job that scores it, as the admin's 发布 queues)."""
    try:
        publish_edition(edition, user=user)
    except ValidationError as refusal:
        raise PublicationRefused(refusal.messages[0]) from None


def _score_again(edition) -> None:
    """A published edition imported again, and changed, is scored again."""
    from .scoring import rescore_later  # scoring reads the edition through the export

    rescore_later([edition.pk])


def _open_doubts(edition) -> dict[str, int]:
    counts = dict(
        ArticleDoubt.objects.open()
        .filter(article__page__edition=edition)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {"doubts": sum(counts.values()), "unplaced": counts.get(DoubtKind.UNPLACED, 0)}


def _save_edition(edition, publication, draft, plan, publish) -> Edition:
    """The edition row, created or brought up to date (number, publication). Saving it also
    forgets its cached pages (newsroom.pagecache): the writer's bulk writes send no signals. A
    stored draft the import publishes is saved when it is published (`_publish`), after the
    writer."""
    if edition is None:
        edition = Edition(publication=publication, date=draft.date, number=draft.number)
        edition.save()
        return edition
    changed = False
    if draft.number is not None and draft.number != edition.number:
        edition.number, changed = draft.number, True
    publishing = publish and edition.status != Edition.Status.PUBLISHED
    if publishing:
        plan.status = Outcome.UPDATED
    if (changed or plan.status == Outcome.UPDATED) and not publishing:
        edition.save()
    return edition
