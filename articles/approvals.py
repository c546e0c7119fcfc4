"""Changes to published articles: an editor's wait for a desk chief (articles.revisions), who
approves them (written through articles.services, like a restore) or sends them back; a desk
chief's own go live at once, recorded in the history."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.revisions import Revision
from articles.services import MAKE_ROOM, check_room, write_state
from articles.snapshots import EMPTY_STATE, PARTS, RestoreRefused, snapshot
from editions.models import Edition, Page

APPROVE = "articles.approve_article"


def needs_approval(article, user):
    """An editor's change to an article of a published (or scheduled) edition waits for a desk
    chief, and so does a new article there, or one moved there; a desk chief's goes live at once,
    recorded in the history."""
    if user.has_perm(APPROVE):
        return False
    place = Q(pages=article.page_id)  # where it is going
    if article.pk:
        place |= Q(pages__articles=article.pk)  # where it is now
    return Edition.objects.filter(place, status=Edition.Status.PUBLISHED).exists()


def propose(article, change, *, user, reason="", restores=None):
    """Hold `change()` (a function that writes a change to `article` through the usual path): run
    it in a savepoint, read the article's whole state as it leaves it, undo it, and keep that
    state as a Revision for a desk chief. Readers see nothing of it. Returns the revision, or
    None when the change changed nothing. Files it stored stay (the revision names them).

    For a new article (`article` not saved yet), `change()` creates it (into `article`, or returns
    the one it made); the revision names its page, and nothing of it stays until a desk chief
    approves it. `restores`: the id of the deleted article it brings back, which it takes again."""
    new = article.pk is None
    before = EMPTY_STATE if new else snapshot(Article.objects.get(pk=article.pk))
    point = transaction.savepoint()
    try:
        made = change()
        target = made if new and isinstance(made, Article) else article
        proposed = snapshot(Article.objects.get(pk=target.pk))
    finally:
        transaction.savepoint_rollback(point)
    for key in PARTS:
        # Rows the change added get ids again when it is approved (these were rolled back).
        existing = {row["id"] for row in before[key]}
        for row in proposed[key]:
            if row["id"] not in existing:
                row["id"] = None
    if proposed == before:
        return None
    if restores is not None:
        proposed["restores"] = restores
    return Revision.objects.create(
        article_id=None if new else article.pk,
        page_id=proposed["article"]["page_id"] if new else None,
        base=before,
        proposed=proposed,
        author=user,
        reason=reason[:200],
    )


def pending_revision(revision):
    """The revision locked for its review; refused when it was reviewed already."""
    # Only the revision's row is locked: its author may be empty (an outer join).
    locked = Revision.objects.select_for_update(of=("self",)).select_related("article", "author")
    revision = locked.get(pk=revision.pk)
    if revision.status != Revision.Status.PENDING:
        raise RestoreRefused(_("这条修改已经审核过了。"))
    return revision


def approve_revision(revision, *, user):
    """A desk chief approves a held change: the article takes the proposed state (history
    recorded with the chief and who proposed it, search text refreshed, cached pages forgotten).
    Returns the bylines left out because their contributor is gone since."""
    if not user.has_perm(APPROVE):
        raise PermissionDenied
    with transaction.atomic():
        revision = pending_revision(revision)
        reason = _("审核通过：%(author)s 于 %(time)s 提交的修改") % {
            "author": revision.author or "—",
            "time": timezone.localtime(revision.created).strftime("%Y-%m-%d %H:%M"),
        }
        if revision.article_id is None:  # a new article: it is written now
            restores = revision.proposed.get("restores")
            if restores is not None and Article.objects.filter(pk=restores).exists():
                raise RestoreRefused(_("这篇稿件已经恢复过了。"))
            check_room(Page.objects.get(pk=revision.page_id), advice=MAKE_ROOM, refusal=RestoreRefused)
            revision.article = Article(pk=restores, page_id=revision.page_id)
            state = revision.proposed
        else:
            state = revision.effect(snapshot(revision.article))
        skipped = write_state(revision.article, state, user=user, reason=str(reason))
        _reviewed(revision, Revision.Status.APPROVED, user)
    return skipped


def reject_revision(revision, *, user):
    """A desk chief sends a held change back: the article stays as it is."""
    if not user.has_perm(APPROVE):
        raise PermissionDenied
    with transaction.atomic():
        _reviewed(pending_revision(revision), Revision.Status.REJECTED, user)


def _reviewed(revision, status, user):
    revision.status, revision.reviewer, revision.reviewed = status, user, timezone.now()
    revision.save(update_fields=["status", "reviewer", "reviewed", "article"])
