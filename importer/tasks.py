"""The importer's background jobs (newsroom/jobs.py): scoring a published edition, and tuning a
publication's profile from the admin."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from editions.models import Edition, Publication
from importer.services import learning, scoring
from newsroom import jobs
from newsroom.jobs import job


@job
def score_edition(progress, *, edition_id):
    edition = Edition.objects.select_related("publication").filter(pk=edition_id).first()
    if edition is None:  # deleted since
        return {"score": None}
    progress(0, 1, _("重新解析并评分"))
    row = scoring.score_published(edition)
    return {"score": row.score if row else None}


@job
def tune_publication(progress, *, publication_id, holdout=1, seed=0, user_id=None):
    publication = Publication.objects.get(pk=publication_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    lessons = learning.lessons(publication)
    if not lessons:
        raise ValueError(_("没有可供学习的已发布期次（需由版面原文导入并发布）。"))

    def report(message, done):
        progress(min(99, round(100 * done)), 100, message)

    tuning, row = learning.tune_publication(
        publication, lessons, holdout=holdout, seed=seed, user=user, progress=report
    )
    return {**tuning.to_dict(), "stored": row is not None}


def score_when_published(sender, edition, **kwargs):
    """An edition imported from page dumps was published: score its import in the background."""
    if scoring.has_dumps(edition):
        jobs.enqueue(
            score_edition, title=_("导入评分：%(edition)s") % {"edition": edition}, edition_id=edition.pk
        )
