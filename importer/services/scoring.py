"""Each published edition's import score, kept (issue 16): computed by a background job when the
edition is published (`editions.signals.published`), read by the desk chiefs' page."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from editions.models import Edition
from importer.core.learn.corrections import tally
from importer.core.text import label_key
from importer.models import CorrectionCount, EditionScore, PageDump, PageScore
from importer.services import learning
from importer.services.profiles import profile_for


def has_dumps(edition) -> bool:
    return PageDump.objects.filter(edition=edition).exists()


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
