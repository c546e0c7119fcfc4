"""The importer measured on, and fitted to, what the editors published (issue 16).

Every import keeps the page dumps it read (`PageDump`); a published edition is what the editors
made of them. So each published edition is a lesson (`importer.core.learn.tune.Lesson`): its dumps,
parsed again with the publication's current profile, are scored against the edition as published
(the shared scorers' measures, `importer.core.learn.score`), and what the editors changed is named
by kind (`importer.core.learn.corrections`).

- `lesson_for(edition)`, `lessons(publication, since)`: the lessons the database holds;
- `measure(lesson, profile)`: one edition's score, corrections and the parser's doubts per page;
- `report(publication, since)`: every published edition measured (the `importer_report` command);
- `tune_publication(publication, lessons, …)`: the profile fitted, checked on held-back editions
  and stored as a new version when it reads them no worse than the defaults (`tune_importer`, the
  admin's tuning job).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.urls import reverse

from articles.models import Article
from editions.models import Edition
from importer.core.draft import PublicationDraft
from importer.core.jsonio import edition_to_json
from importer.core.learn.corrections import Correction, corrections, tally
from importer.core.learn.score import Score
from importer.core.learn.tune import Evaluator, Lesson, Tuning, tune
from importer.core.parser import parse_edition
from importer.core.profile import Profile
from importer.models import PageDump
from importer.services.export import export_edition
from importer.services.profiles import profile_for, save_profile
from newsroom.text import label_key


def lesson_for(edition: Edition) -> Lesson | None:
    """The edition's stored dumps and the edition as it is now; None without dumps."""
    dumps = sorted(
        PageDump.objects.filter(edition=edition).values_list("label", "text"),
        key=lambda pair: label_key(pair[0]),
    )
    if not dumps:
        return None
    return Lesson(edition.date.isoformat(), tuple(dumps), edition_to_json(export_edition(edition)))


def published_editions(publication=None, since: datetime.date | None = None):
    editions = Edition.objects.published().select_related("publication").order_by("publication", "date")
    if publication is not None:
        editions = editions.filter(publication=publication)
    if since is not None:
        editions = editions.filter(date__gte=since)
    return editions


# Tuning reads this many of a paper's latest published editions unless told otherwise: a month of
# corrections teaches its habits; ten years would take hours to parse again.
LATEST = 30


def lessons(publication, since=None, latest: int | None = LATEST) -> list[Lesson]:
    """The latest published editions of ``publication`` (from ``since``) that kept their dumps."""
    editions = published_editions(publication, since).filter(page_dumps__isnull=False).distinct()
    if latest:
        editions = editions.order_by("-date")[:latest]
    found = (lesson_for(edition) for edition in sorted(editions, key=lambda edition: edition.date))
    return [lesson for lesson in found if lesson is not None]


@dataclass
class Measure:
    """One edition read again: its score, what the editors changed, the parser's doubts."""

    edition: Edition
    score: Score
    corrections: list[Correction]
    page_scores: dict[str, Score] = field(default_factory=dict)  # by published page label
    doubts: Counter = field(default_factory=Counter)  # the parse's doubts by page label
    links: dict[tuple, str] = field(default_factory=dict)  # (page label, position): admin URL

    def link(self, correction: Correction) -> str:
        return self.links.get((label_key(correction.page), correction.position), "")


def _links(edition: Edition) -> dict[tuple, str]:
    rows = Article.objects.filter(page__edition=edition).values_list("page__label", "position", "pk")
    return {
        (label_key(label), position): reverse("admin:articles_article_change", args=[pk])
        for label, position, pk in rows
    }


def measure(edition: Edition, profile: Profile | None = None, lesson: Lesson | None = None) -> Measure | None:
    """The edition's stored dumps parsed with ``profile`` (the publication's current one) and
    scored against the edition as published; None when no dumps were kept."""
    lesson = lesson or lesson_for(edition)
    if lesson is None:
        return None
    profile = profile or profile_for(edition.publication.slug)
    draft = parse_edition(
        list(lesson.pages),
        publication=PublicationDraft(slug=edition.publication.slug, name=edition.publication.name),
        date=edition.date,
        profile=profile,
    )
    parsed = edition_to_json(draft)
    evaluator = Evaluator()
    pages = {}
    for page in lesson.published.get("pages", []):
        pages[page.get("label", "")] = evaluator.score_parse(parsed, {"pages": [page]})
    total = Score()
    for score in pages.values():
        total = total + score
    doubts = Counter({page.label: sum(len(a.doubts) for a in page.articles) for page in draft.pages})
    return Measure(
        edition=edition,
        score=total,
        corrections=corrections(parsed, lesson.published),
        page_scores=pages,
        doubts=doubts,
        links=_links(edition),
    )


@dataclass
class Report:
    measures: list[Measure]

    @property
    def total(self) -> Score:
        out = Score()
        for item in self.measures:
            out = out + item.score
        return out

    def kinds(self) -> list[tuple[str, int, Correction, str]]:
        """(kind, how many, an example, its admin link), most frequent first."""
        links = {}
        found = []
        for item in self.measures:
            for correction in item.corrections:
                found.append(correction)
                links.setdefault(id(correction), item.link(correction))
        return [(kind, count, example, links[id(example)]) for kind, count, example in tally(found)]


def report(publication=None, since=None, progress=None) -> Report:
    editions = list(published_editions(publication, since))
    measures = []
    profiles: dict[str, Profile] = {}
    for number, edition in enumerate(editions, start=1):
        slug = edition.publication.slug
        if slug not in profiles:
            profiles[slug] = profile_for(slug)
        found = measure(edition, profiles[slug])
        if found is not None:
            measures.append(found)
        if progress:
            progress(number, len(editions), str(edition))
    return Report(measures)


def tune_publication(
    publication,
    lessons: list[Lesson],
    *,
    holdout: int = 1,
    seed: int = 0,
    user=None,
    who: str = "",
    dry_run: bool = False,
    progress=None,
) -> tuple[Tuning, object | None]:
    """The publication's profile fitted to ``lessons``; stored as a new version (``user`` or
    ``who``, when, the scores) unless ``dry_run`` or it reads the held-back editions worse than
    the defaults. Only this publication's profile changes."""
    start = profile_for(publication.slug)
    tuning = tune(lessons, start, holdout=holdout, seed=seed, progress=progress)
    if dry_run or not tuning.accepted:
        return tuning, None
    scores = tuning.scores
    who = who or (user.get_username() if user is not None else "")
    note = (
        f"{who}: tuned on {len(tuning.learned_from)} edition(s); held back: "
        f"defaults {scores['defaults']:.3f}, before {scores['before']:.3f}, after {scores['after']:.3f}"
    )
    profile = Profile.from_dict({**tuning.profile.to_dict(), "name": publication.slug})
    row = save_profile(publication, profile, user=user, note=note[:300], scores=tuning.to_dict())
    return tuning, row
