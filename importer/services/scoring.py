"""Each published edition's import score, kept (issue 16): computed by a background job when the
edition is published (`editions.signals.published`, `import_edition --publish`) and again after
editors change it once published (`rescore_later`), read by the desk chiefs' page."""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from editions.models import Edition
from importer.core.learn.corrections import tally
from importer.models import CorrectionCount, EditionScore, PageDump, PageScore
from importer.services import learning
from importer.services.profiles import profile_for
from newsroom import jobs
from newsroom.models import Job
from newsroom.text import label_key


def rescore_later(edition_ids) -> list[Job]:
    """Queue the score of each published edition of ``edition_ids`` that kept its dumps, unless
    one is already waiting for it: a waiting job reads the edition as it is when it runs, so a
    night of corrections makes one job, not one per save. Returns the jobs queued."""
    from importer.tasks import score_edition  # the job module imports this one

    editions = list(
        Edition.objects.filter(pk__in=list(edition_ids), status=Edition.Status.PUBLISHED)
        .filter(Exists(PageDump.objects.filter(edition=OuterRef("pk"))))
        .select_related("publication")
        .order_by("pk")
    )
    if not editions:
        return []
    waiting = {
        record.arguments.get("edition_id")
        for record in Job.objects.filter(
            task=score_edition.job_path,
            status=Job.Status.QUEUED,
            arguments__edition_id__in=[edition.pk for edition in editions],
        ).only("arguments")
    }
    return [
        jobs.enqueue(
            score_edition, title=_("导入评分：%(edition)s") % {"edition": edition}, edition_id=edition.pk
        )
        for edition in editions
        if edition.pk not in waiting
    ]


def score_published(edition: Edition) -> EditionScore | None:
    """Measure the edition and store its score, pages and corrections in place of the old ones;
    None (and nothing stored) when it kept no page dumps."""
    found = learning.measure(edition, profile_for(edition.publication.slug))
    if found is None:
        return None
    score = found.score
    per_page = Counter(label_key(c.page) for c in found.corrections)
    with transaction.atomic():
        row, _created = EditionScore.objects.update_or_create(
            edition=edition,
            defaults={
                "publication": edition.publication,
                "date": edition.date,
                "score": round(score.value, 4),
                "passed": score.passed,
                "checks_total": score.total,
                "checks": score.checks,
                "corrections": len(found.corrections),
            },
        )
        row.pages.all().delete()
        row.kinds.all().delete()
        PageScore.objects.bulk_create(
            PageScore(
                edition_score=row,
                publication=edition.publication,
                label=label,
                score=round(page.value, 4),
                passed=page.passed,
                checks_total=page.total,
                doubts=found.doubts.get(label, 0),
                corrections=per_page.get(label_key(label), 0),
            )
            for label, page in found.page_scores.items()
        )
        CorrectionCount.objects.bulk_create(
            CorrectionCount(
                edition_score=row,
                publication=edition.publication,
                kind=kind[:80],
                count=count,
                page=example.page[:10],
                position=example.position,
                example=example.example[:200],
                link=found.link(example)[:200],
            )
            for kind, count, example in tally(found.corrections)
        )
    return row
