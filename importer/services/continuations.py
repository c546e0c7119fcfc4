"""Linking the stored parts of continued stories after an import: each part that goes on
(continued_to) to the part that comes from its page (continued_from) on the page it names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cache

from articles.models import Article
from editions.models import Edition
from importer.core.headlines import SAME_STORY, similarity


def link_continuations(
    edition: Edition, same_story: Callable[[], float] = lambda: SAME_STORY
) -> tuple[int, set[int]]:
    """Link the edition's parts: by repeated headline (`importer.core.headlines`, from the
    publication's threshold on, as its parser links them: `same_story()`, asked only when several
    parts compete), else the only candidate. Links to pages not imported yet are made when those
    pages arrive. Returns (links, the articles whose link changed)."""
    rows = list(
        Article.objects.filter(page__edition=edition)
        .order_by("page__number", "position")
        .values_list(
            "pk", "page__label", "headline", "continued_to_label", "continued_from_label", "next_part_id"
        )
    )
    current = {pk: next_id for pk, _, _, _, _, next_id in rows}
    desired = _desired_links(rows, cache(same_story))
    final = _save_links(current, desired)
    relinked = {pk for pk, target in final.items() if current.get(pk) != target}
    return sum(1 for target in final.values() if target), relinked


def _desired_links(rows, same_story: Callable[[], float]) -> dict[int, int]:
    """First part -> second part, as the markers and headlines say."""
    seconds = defaultdict(list)
    for pk, label, headline, _, from_label, _ in rows:
        if from_label:
            seconds[label].append((pk, headline, from_label))
    desired, claimed = {}, set()
    for pk, label, headline, to_label, _, _ in rows:
        if not to_label:
            continue
        candidates = [
            (other_pk, other)
            for other_pk, other, from_label in seconds.get(to_label, [])
            if from_label == label and other_pk not in claimed and other_pk != pk
        ]
        if not candidates:
            continue
        score, best = max((similarity(headline, other), other_pk) for other_pk, other in candidates)
        if len(candidates) == 1 or score >= same_story():
            desired[pk] = best
            claimed.add(best)
    return desired


def _save_links(current: dict[int, int | None], desired: dict[int, int]) -> dict[int, int | None]:
    """Store the desired links; the links as they are afterwards."""
    claimed = set(desired.values())
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
    return final
