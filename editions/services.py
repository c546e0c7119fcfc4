"""Editorial writes on editions: publish now, schedule, unpublish; and the lock that serialises
the writers of one edition.

Each takes the acting user, so the permission check has one place to live whichever interface
(admin action, form, the history's revert, an import, a command) calls it: whether and when
readers see an edition changes only for a user with `editions.publish_edition`
(`check_may_publish`). `user=None` is the operator at the server (a management command), who may
do anything. Saving an edition records its history and, through the page cache's receivers
(newsroom.pagecache.receivers), forgets the cached pages of the edition and its neighbours.
"""

import zlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editions import signals
from editions.models import Edition, Page

# What must hold before an edition may be published, as the apps above know it (articles: every
# photo captioned and credited): each check takes an edition and says why not, or "".
_publication_checks = []


def register_publication_check(check):
    """Add `check(edition) -> str` to what `publication_problem` asks (from an AppConfig.ready)."""
    if check not in _publication_checks:
        _publication_checks.append(check)


def publication_problem(edition):
    """Why the edition may not be published, or "" when it may."""
    for check in _publication_checks:
        problem = check(edition)
        if problem:
            return problem
    return ""


PUBLISH_PERMISSION = "editions.publish_edition"


def may_publish(user):
    """Whether `user` may change whether or when readers see an edition (None: the operator)."""
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def check_may_publish(user):
    if not may_publish(user):
        raise PermissionDenied(_("只有值班主任可以发布、定时发布或撤回期次。"))


def _stored_publication(edition):
    """The stored edition's status and publication time; a new one's as a draft's."""
    stored = None
    if edition.pk is not None:
        stored = Edition.objects.filter(pk=edition.pk).values_list("status", "published_at").first()
    return stored or (Edition.Status.DRAFT, None)


def check_page_move(page, *, user):
    """Refuse moving a stored page to another edition where either is published, unless `user`
    may publish: its articles would go live, or be withdrawn, with it."""
    if may_publish(user) or page.pk is None:
        return
    before = Page.objects.filter(pk=page.pk).values_list("edition_id", flat=True).first()
    if before is not None and before != page.edition_id:
        published = Edition.objects.filter(pk__in=[before, page.edition_id], status=Edition.Status.PUBLISHED)
        if published.exists():
            check_may_publish(user)


def save_edition(edition, *, user):
    """Save `edition` as `user` changed it (the admin's form, a revert from its history). One
    that changes whether or when readers see it is refused (PermissionDenied) unless `user` may
    publish: an editor's form, or their revert to a published version, never publishes or
    withdraws. One that publishes or schedules a draft is publishing, as `publish` is: refused
    while the edition has a `publication_problem`, and `signals.published` sent."""
    status, published_at = _stored_publication(edition)
    if (edition.status, edition.published_at) != (status, published_at):
        check_may_publish(user)
    publishing = edition.status == Edition.Status.PUBLISHED and status != Edition.Status.PUBLISHED
    if publishing and edition.pk is not None:
        problem = publication_problem(edition)
        if problem:
            raise ValidationError(problem, code="publication_problem")
    edition.save()
    if publishing:
        signals.published.send(sender=Edition, edition=edition)


def _locked(editions):
    """The editions, locked until the transaction ends (a counted changelist queryset cannot be
    locked: FOR UPDATE does not go with GROUP BY)."""
    pks = list(editions.values_list("pk", flat=True))
    return Edition.objects.filter(pk__in=pks).select_related("publication").select_for_update(of=("self",))


def _go_live(edition, at):
    """Publish the locked `edition` now, or from `at` on, unless it has a `publication_problem`:
    the problem, or "" once it is published and `signals.published` sent."""
    problem = publication_problem(edition)
    if problem:
        return problem
    edition.publish(at=at)
    edition.save()
    signals.published.send(sender=Edition, edition=edition)
    return ""


def publish(editions, *, user, at=None):
    """Publish `editions` now, or from `at` on; returns (how many were published, the refusals as
    "edition：problem" lines). An edition with a `publication_problem` is left as it was."""
    check_may_publish(user)
    published, refused = 0, []
    with transaction.atomic():
        for edition in _locked(editions):
            problem = _go_live(edition, at)
            if problem:
                refused.append(f"{edition}：{problem}")
                continue
            published += 1
    return published, refused


def publish_edition(edition, *, user):
    """Publish `edition` now inside the caller's transaction, which holds its lock (the import's
    --publish, behind `lock_edition`), as `publish` does: refused (ValidationError) while it has
    a `publication_problem`, the caller's transaction to roll back; `signals.published` sent."""
    check_may_publish(user)
    problem = _go_live(edition, None)
    if problem:
        raise ValidationError(problem, code="publication_problem")


def check_schedule(at):
    """A scheduled publication time must be in the future (now is "publish now")."""
    if at <= timezone.now():
        raise ValidationError(
            _("定时发布的时间必须晚于现在；要立即发布请用“立即发布”。"), code="schedule_in_the_past"
        )


def schedule(editions, at, *, user):
    """Publish `editions` from `at` on (visibility follows the time; no job needed). See
    `publish` for what it returns."""
    check_schedule(at)
    return publish(editions, user=user, at=at)


def unpublish(editions, *, user):
    """Make `editions` drafts again; returns how many."""
    check_may_publish(user)
    count = 0
    with transaction.atomic():
        for edition in _locked(editions):
            edition.unpublish()
            edition.save()
            count += 1
    return count


def lock_edition(publication_slug, date):
    """Serialise writers of one edition until the current transaction ends: imports, and editors'
    saves (so an import never reads an article while an editor's save of it is under way, and an
    editor's save never lands in the middle of an import). PostgreSQL: a transaction-level
    advisory lock keyed on publication and date. SQLite's IMMEDIATE transactions already let one
    writer in at a time."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(f"newsroom.import:{publication_slug}:{date.isoformat()}".encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x6E657773, key - (1 << 31)])
