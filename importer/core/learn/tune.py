"""Fit a publication's profile to its corrected editions. Pure Python, deterministic for a seed.

A `Lesson` is one corrected edition: its page dumps and the edition JSON the editors published.
`tune(lessons, profile)`:

1. holds back editions to check on (``holdout`` of them, chosen by the seed; with fewer editions
   than that and one to learn from, a quarter of the pages of each edition instead);
2. learns conventions: each proposal of `conventions.proposals` (a source-line form, a byline
   role word, a furniture title or a box's head, a column label, a title-split habit) is kept if
   the pages it concerns (those that print its words) score better with it (a column label: no
   worse);
3. fits the weights of the opening signals to the editors' decisions (`decisions.fit`), parses
   again and keeps them if the edition scores better, a few rounds; then tries the thresholds of
   the title and opening rules (`THRESHOLDS`) a third lower and higher, keeping a change under
   which pages gain checks and none loses one;
4. scores the held-back editions with the default profile, the starting one and the fitted one.
   The fitted profile is `accepted` only if it scores no worse than the defaults there; then the
   same fit runs again on every edition, the held-back ones too (`refitted`), and that profile is
   the one returned unless it reads the held-back editions worse than the checked fit did. The
   scores reported are the checked fit's: on editions it had not seen.

Parses and scores are cached by page, so a proposal costs only the pages it concerns.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..draft import PublicationDraft
from ..errors import gettext_noop
from ..jsonio import edition_to_json
from ..parser import parse_edition
from ..profile import DEFAULT, Profile
from .conventions import Proposal, proposals
from .decisions import Recorder, fit, tracked
from .match import pages_by_label
from .score import Score, score_edition
from .texts import page_key

HELD_PAGES = 0.25  # of one edition's pages, when there are too few editions to hold one back
MAX_PROPOSALS = 40
# A column label moves a line the editors took out of the title into the article's column: the
# scorers read the title with its column either way, so the move itself may gain no check (a title
# of two lines left may then split otherwise); kept unless the pages it concerns read worse.
KEPT_UNLESS_WORSE = ("column_labels",)
WEIGHT_ROUNDS = 3
# The thresholds of the title and opening rules tried, each a third lower and higher: a parse of
# the editions per trial, so only these.
THRESHOLDS = (
    "max_title_length",
    "short_title_with_comma",
    "max_title_lines",
    "long_title_lines",
    "long_subhead",
    "max_deck_length",
    "box_break_blank_lines",
    "cohesion_low",
    "cohesion_fair",
)
FACTORS = (0.7, 1.4)
MIN_GAIN = 2  # checks more passed before a threshold changes
MIN_PAGES = 2  # pages that gain: one is that page's chance
PAGE_PARSES = 600  # pages parsed in all by the threshold trials (seconds, however many editions)


@dataclass(frozen=True, eq=False)
class Lesson:
    """A corrected edition: (label, dump text) in page order, and the edition as published."""

    date: str
    pages: tuple[tuple[str, str], ...]
    published: dict

    def only(self, labels) -> Lesson:
        keys = {page_key(label) for label in labels}
        return Lesson(
            self.date,
            tuple(page for page in self.pages if page_key(page[0]) in keys),
            {
                **self.published,
                "pages": [p for p in self.published.get("pages", []) if page_key(p.get("label")) in keys],
            },
        )

    @property
    def name(self) -> str:
        labels = [label for label, _text in self.pages]
        return f"{self.date} ({', '.join(labels)})" if labels else self.date


def split(lessons: list[Lesson], holdout: int, seed: int = 0) -> tuple[list[Lesson], list[Lesson]]:
    """(to learn from, to check on)."""
    if holdout <= 0 or not lessons:
        return list(lessons), []
    chooser = random.Random(seed)
    if len(lessons) > holdout:
        held = set(chooser.sample(range(len(lessons)), holdout))
        return [x for i, x in enumerate(lessons) if i not in held], [lessons[i] for i in sorted(held)]
    learn, check = [], []
    for lesson in lessons:
        labels = [label for label, _text in lesson.pages]
        if len(labels) < 2:
            learn.append(lesson)
            continue
        count = max(1, round(len(labels) * HELD_PAGES))
        held = set(chooser.sample(labels, count))
        learn.append(lesson.only([x for x in labels if x not in held]))
        check.append(lesson.only([x for x in labels if x in held]))
    return learn, check


class Evaluator:
    """Parses and scores lessons with a profile; a page's score is computed once per parse."""

    def __init__(self):
        self.scores: dict[tuple[str, str], Score] = {}

    @staticmethod
    def parse(lesson: Lesson, profile: Profile, observe=None) -> dict:
        publication = lesson.published.get("publication") or {}
        edition = parse_edition(
            list(lesson.pages),
            publication=PublicationDraft(slug=publication.get("slug", ""), name=publication.get("name", "")),
            date=datetime.date.fromisoformat(lesson.date),
            profile=profile,
            observe=observe,
        )
        return edition_to_json(edition)

    def score_parse(self, parsed: dict, published: dict) -> Score:
        total = Score()
        got = pages_by_label(parsed)
        for page in published.get("pages", []):
            mine = got.get(page_key(page.get("label")))
            key = (json.dumps(page, sort_keys=True), json.dumps(mine, sort_keys=True))
            if key not in self.scores:
                self.scores[key] = score_edition({"pages": [mine] if mine else []}, {"pages": [page]})
            total = total + self.scores[key]
        return total

    def page_passes(self, profile: Profile, lessons: list[Lesson]) -> list[int]:
        """Checks passed on each published page of the lessons, in order."""
        out = []
        for lesson in lessons:
            parsed = self.parse(lesson, profile)
            out += [self.score_parse(parsed, {"pages": [page]}).passed for page in lesson.published["pages"]]
        return out

    def score(self, profile: Profile, lessons: list[Lesson]) -> Score:
        total = Score()
        for lesson in lessons:
            total = total + self.score_parse(self.parse(lesson, profile), lesson.published)
        return total


@dataclass
class Tuning:
    profile: Profile
    accepted: bool
    learned: list[Proposal] = field(default_factory=list)
    # weights.* and limits.* changed: name: (before, after)
    weights: dict[str, tuple[float, float]] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    learned_from: list[str] = field(default_factory=list)
    checked_on: list[str] = field(default_factory=list)
    seed: int = 0
    # The profile was learnt again from every edition once the fit held on the held-back ones.
    refitted: bool = False

    def to_dict(self) -> dict:
        return {
            "accepted": self.accepted,
            "scores": {name: round(value, 4) for name, value in self.scores.items()},
            "learned": [proposal.to_dict() for proposal in self.learned],
            "weights": {name: list(pair) for name, pair in self.weights.items()},
            "learned_from": self.learned_from,
            "checked_on": self.checked_on,
            "seed": self.seed,
            "refitted": self.refitted,
        }


def _learn_conventions(evaluator, learn, profile, report) -> tuple[Profile, list[Proposal]]:
    pairs = [(evaluator.parse(lesson, profile), lesson.published) for lesson in learn]
    found = proposals(pairs, profile)[:MAX_PROPOSALS]
    kept = []
    for number, proposal in enumerate(found, start=1):
        step = gettext_noop(
            "convention %(number)d/%(total)d: %(field)s %(value)s",
            number=number,
            total=len(found),
            field=proposal.field,
            value=str(proposal.value),
        )
        report(step, 0.4 * number / len(found))
        literal = proposal.literal()
        concerned = [
            lesson.only([label for label, text in lesson.pages if literal in text]) for lesson in learn
        ]
        concerned = [lesson for lesson in concerned if lesson.pages]
        if not concerned:
            continue
        trial = proposal.apply(profile)
        before, after = evaluator.score(profile, concerned), evaluator.score(trial, concerned)
        gained = after.passed > before.passed and after.value > before.value
        neutral = after.passed >= before.passed and after.value >= before.value
        if gained or (neutral and proposal.field in KEPT_UNLESS_WORSE):
            profile = trial
            kept.append(proposal)
    return profile, kept


def _fit_weights(evaluator, learn, profile, seed, report) -> Profile:
    best = evaluator.score(profile, learn).value
    for round_number in range(WEIGHT_ROUNDS):
        step = gettext_noop("weights, round %(round)d", round=round_number + 1)
        report(step, 0.4 + 0.2 * round_number / WEIGHT_ROUNDS)
        decisions = []
        for lesson in learn:
            recorder = Recorder(lesson.published)
            evaluator.parse(lesson, tracked(profile), recorder)
            decisions += recorder.decisions
        weights = fit(decisions, profile.weights, seed=seed + round_number)
        if weights == profile.weights:
            break
        trial = replace(profile, weights=weights)
        value = evaluator.score(trial, learn).value
        if value <= best:
            break
        profile, best = trial, value
    return profile


def _nudged(value, factor):
    if isinstance(value, float):
        return round(value * factor, 4)
    nudged = round(value * factor)
    if nudged == value:
        nudged = value + (1 if factor > 1 else -1)
    return max(1, nudged)


def _fit_thresholds(evaluator, learn, profile, report) -> Profile:
    """Each threshold a third lower, then higher: kept when pages gain checks and none loses one
    (a change that helps one page and harms another is the pages' chance, not the paper's habit).
    A trial parses every page learnt from: the trials stop at `PAGE_PARSES` pages parsed."""
    best = evaluator.page_passes(profile, learn)
    trials = max(2, PAGE_PARSES // max(1, len(best)))
    for number, name in enumerate(THRESHOLDS, start=1):
        step = gettext_noop(
            "threshold %(number)d/%(total)d: %(name)s", number=number, total=len(THRESHOLDS), name=name
        )
        report(step, 0.6 + 0.35 * number / len(THRESHOLDS))
        value = getattr(profile.limits, name)
        for factor in FACTORS:
            if trials <= 0:
                return profile
            trials -= 1
            trial = profile.with_numbers({f"limits.{name}": _nudged(value, factor)})
            passes = evaluator.page_passes(trial, learn)
            gains = [after - before for before, after in zip(best, passes, strict=True)]
            if min(gains) >= 0 and sum(gains) >= MIN_GAIN and sum(g > 0 for g in gains) >= MIN_PAGES:
                profile, best = trial, passes
                break
    return profile


def _fit(evaluator, lessons, profile, seed, report) -> tuple[Profile, list[Proposal]]:
    profile, learned = _learn_conventions(evaluator, lessons, profile, report)
    profile = _fit_weights(evaluator, lessons, profile, seed, report)
    return _fit_thresholds(evaluator, lessons, profile, report), learned


def tune(
    lessons: list[Lesson],
    profile: Profile = DEFAULT,
    *,
    holdout: int = 1,
    seed: int = 0,
    progress: Callable[[str, float], None] | None = None,
) -> Tuning:
    """The profile fitted to the lessons, checked on the held-back ones (see the module docstring).
    ``progress(message, done)`` hears what it is doing, a Phrase (English; `say` puts it in the
    reader's words), and how far it got (0 to 1)."""
    report = progress or (lambda message, done: None)
    evaluator = Evaluator()
    learn, check = split(lessons, holdout, seed)
    if not learn:
        raise ValueError("no corrected edition to learn from")
    start = profile
    starting = gettext_noop(
        "learning from %(learn)d edition(s), checking on %(check)d",
        learn=len(learn),
        check=len(check) or len(learn),
    )
    report(starting, 0.0)
    train_before = evaluator.score(start, learn).value
    profile, learned = _fit(evaluator, learn, start, seed, report)
    train_after = evaluator.score(profile, learn).value
    report(gettext_noop("checking on the held-back editions"), 0.95)
    checked = check or learn
    defaults = evaluator.score(DEFAULT, checked).value
    before = evaluator.score(start, checked).value
    after = evaluator.score(profile, checked).value
    refitted = False
    if check and after >= defaults:
        # The fit holds on what it did not see: learn again from everything, the held-back pages
        # too (a column printed only on them is the paper's as much), and keep that unless it
        # reads the held-back pages worse than the checked fit.
        again, relearned = _fit(
            evaluator, lessons, start, seed, lambda message, done: report(message, 0.95 + 0.04 * done)
        )
        if evaluator.score(again, checked).value >= after:
            profile, learned, refitted = again, relearned, True
    before_numbers, after_numbers = start.numbers(), profile.numbers()
    weights = {
        name: (float(before_numbers[name]), float(value))
        for name, value in after_numbers.items()
        if value != before_numbers[name]
    }
    return Tuning(
        profile=profile,
        accepted=after >= defaults,
        learned=learned,
        weights=weights,
        scores={
            "defaults": defaults,
            "before": before,
            "after": after,
            "learned_before": train_before,
            "learned_after": train_after,
        },
        learned_from=[lesson.name for lesson in learn],
        checked_on=[lesson.name for lesson in checked],
        seed=seed,
        refitted=refitted,
    )
