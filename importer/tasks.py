"""The importer's background jobs (newsroom/jobs.py): scoring a published edition, and tuning a
publication's profile from the admin; and the receivers that queue the scoring."""

import threading

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from articles.models import Article
from editions.models import Edition, Page, Publication
from importer.core.errors import say
from importer.services import learning, scoring
from newsroom.jobs import job

# What an editor's change to a published edition touched, until its transaction commits.
_edited = threading.local()


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

    def report(message, done):  # the core's English Phrase, stored in the editors' words
        progress(min(99, round(100 * done)), 100, say(message, _))

    tuning, row = learning.tune_publication(
        publication, lessons, holdout=holdout, seed=seed, user=user, progress=report
    )
    return {**tuning.to_dict(), "stored": row is not None}


def score_when_published(sender, edition, **kwargs):
    """An edition imported from page dumps was published: score its import in the background."""
    scoring.rescore_later([edition.pk])


def rescore_when_edited(sender, instance, **kwargs):
    """An article or a part of one (body block, byline, photo) changed, its history recorded: once
    the change is committed, the edition's score is queued again if it is published. Only ids are
    noted here; the editions are looked up once per commit, after it (not in the change's own
    queries), and `scoring.rescore_later` keeps it to one waiting job per edition."""
    if isinstance(instance, Article):
        _edited.__dict__.setdefault("pages", set()).add(instance.page_id)
    elif getattr(instance, "article_id", None) is not None:
        _edited.__dict__.setdefault("articles", set()).add(instance.article_id)
    else:
        return
    transaction.on_commit(_rescore_edited)


def _rescore_edited():
    # The first callback of a commit takes every id noted; the others find nothing left. Ids
    # noted in a change rolled back since (a revision proposed) go with it: a score more, never
    # one missed, and a score reads the edition as it is.
    pages, articles = _edited.__dict__.pop("pages", set()), _edited.__dict__.pop("articles", set())
    if not pages and not articles:
        return
    editions = Page.objects.filter(Q(pk__in=pages) | Q(articles__pk__in=articles)).values_list(
        "edition_id", flat=True
    )
    scoring.rescore_later(set(editions))
