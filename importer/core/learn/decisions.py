"""The parser's opening decisions, recorded and refitted: how the tuner learns the `Weights`.

A run of title lines opens an article when the points of its signals reach ``weights.opening``
(`importer.core.parser.opening`). To see which weights made each decision, the parse runs once
with every weight a `Tracked` number: a float that remembers which weights it is the sum of.
Each decision is labelled from the edition as the editors published it (the run is the title of a
published article of the page: it should open one; it is text inside a published article: it
should not), and the weights are fitted to those decisions by coordinate descent over a grid,
each weight keeping its sign, staying near where it was unless that wins decisions, in an order
shuffled by the seed. Seconds for thousands of decisions: no parse in the loop. The tuner then
parses again with the fitted weights and keeps them only if the edition scores better.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from ..profile import Profile, Weights
from .match import pages_by_label
from .texts import all_text, norm, page_key, title_of

STEPS = (0.5, 1, 1.5, 2, 3, 4)
MARGIN = 0.5  # a decision this close to the threshold counts as a quarter of a wrong one
NEAR = 0.01  # the cost of a point of change: among equal fits, the least change wins
ROUNDS = 6


class Tracked(float):
    """A number that is a sum of weights: ``terms`` maps each weight's name to how often it is in."""

    def __new__(cls, value: float, terms: dict[str, float]):
        number = super().__new__(cls, value)
        number.terms = terms
        return number

    @staticmethod
    def _terms(value) -> dict[str, float]:
        return getattr(value, "terms", {})

    def _combined(self, other, sign: float) -> dict[str, float]:
        out = dict(self.terms)
        for name, count in self._terms(other).items():
            out[name] = out.get(name, 0) + sign * count
        return out

    def __add__(self, other):
        return Tracked(float(self) + float(other), self._combined(other, 1))

    __radd__ = __add__

    def __sub__(self, other):
        return Tracked(float(self) - float(other), self._combined(other, -1))

    def __rsub__(self, other):
        terms = {name: -count for name, count in self.terms.items()}
        for name, count in self._terms(other).items():
            terms[name] = terms.get(name, 0) + count
        return Tracked(float(other) - float(self), terms)

    def __neg__(self):
        return Tracked(-float(self), {name: -count for name, count in self.terms.items()})

    def __hash__(self):
        return float.__hash__(self)


def tracked(profile: Profile) -> Profile:
    """The profile with each weight a `Tracked` number of itself."""
    weights = profile.weights
    values = {item.name: Tracked(getattr(weights, item.name), {item.name: 1}) for item in fields(Weights)}
    return replace(profile, weights=Weights(**values))


@dataclass(frozen=True)
class Decision:
    page: str
    text: str  # the run's lines, folded
    terms: tuple[tuple[str, float], ...]  # the weights its points are the sum of
    should_open: bool


def should_open(text: str, published_page: dict) -> bool | None:
    """Whether the run ``text`` (folded) opens an article of the published page: True when it is
    (the start of) a published title, False when it is text inside a published article, None when
    the page does not tell."""
    if not text:
        return None
    for article in published_page.get("articles", []):
        title, column = title_of(article), norm(article.get("column"))
        for whole in (title, column + title, title + column):
            if whole and (whole.startswith(text) or (text.startswith(whole) and len(whole) >= 4)):
                return True
    for article in published_page.get("articles", []):
        if text in all_text(article) or text in title_of(article):
            return False
    return None


class Recorder:
    """Collects the decisions of one parse (``observe`` of `parse_edition`) against the published
    edition's pages."""

    def __init__(self, published: dict):
        self.pages = pages_by_label(published)
        self.decisions: list[Decision] = []

    def __call__(self, label: str, run, points) -> None:
        page = self.pages.get(page_key(label))
        if page is None:
            return
        text = norm("".join(line.text for line in run))
        wanted = should_open(text, page)
        terms = getattr(points, "terms", None)
        if wanted is None or not terms:
            return
        self.decisions.append(Decision(label, text, tuple(sorted(terms.items())), wanted))


def _loss(decision: Decision, points: float, threshold: float) -> float:
    margin = points - threshold if decision.should_open else threshold - points - 1e-9
    return 1.0 if margin < 0 else 0.25 if margin < MARGIN else 0.0


class _Fit:
    """The decisions' points under the current weights, so that a trial value of one weight costs
    only the decisions it is in (every decision, for the threshold ``opening``)."""

    def __init__(self, decisions: list[Decision], weights: dict[str, float]):
        self.decisions, self.weights = decisions, dict(weights)
        self.points = [sum(count * weights[name] for name, count in d.terms) for d in decisions]
        self.losses = [_loss(d, p, weights["opening"]) for d, p in zip(decisions, self.points, strict=True)]
        self.using: dict[str, list[tuple[int, float]]] = {}
        for index, decision in enumerate(decisions):
            for name, count in decision.terms:
                self.using.setdefault(name, []).append((index, count))

    def trial(self, name: str, value: float) -> tuple[float, list[tuple[int, float, float]]]:
        """The change of the decisions' cost, and their new (index, points, loss)."""
        change, updates = 0.0, []
        delta = value - self.weights[name]
        threshold = value if name == "opening" else self.weights["opening"]
        indices = range(len(self.decisions)) if name == "opening" else ()
        counts = dict(self.using.get(name, []))
        for index in set(indices) | set(counts):
            points = self.points[index] + counts.get(index, 0) * delta
            loss = _loss(self.decisions[index], points, threshold)
            change += loss - self.losses[index]
            updates.append((index, points, loss))
        return change, updates

    def take(self, name: str, value: float, updates) -> None:
        self.weights[name] = value
        for index, points, loss in updates:
            self.points[index], self.losses[index] = points, loss


def _grid(value: float, default: float) -> list[float]:
    """Values a weight may take: near its own, never crossing zero from its default's side."""
    out = {value}
    for step in STEPS:
        out.update((value + step, value - step))
    if default > 0:
        return sorted(v for v in out if v > 0)
    if default < 0:
        return sorted(v for v in out if v < 0)
    return sorted(out)


def fit(decisions: Iterable[Decision], weights: Weights, *, seed: int = 0) -> Weights:
    """Weights that get the decisions right, changed as little as that allows."""
    decisions = list(decisions)
    start = {item.name: float(getattr(weights, item.name)) for item in fields(Weights)}
    defaults = {item.name: float(item.default) for item in fields(Weights)}
    used = sorted({name for decision in decisions for name, _ in decision.terms} | {"opening"})
    state = _Fit(decisions, start)
    order = random.Random(seed)
    for _ in range(ROUNDS):
        improved = False
        names = list(used)
        order.shuffle(names)
        for name in names:
            best, chosen = 0.0, None
            for value in _grid(state.weights[name], defaults[name]):
                change, updates = state.trial(name, value)
                change += NEAR * (abs(value - start[name]) - abs(state.weights[name] - start[name]))
                if change < best - 1e-9:
                    best, chosen = change, (value, updates)
            if chosen is not None:
                state.take(name, *chosen)
                improved = True
        if not improved:
            break
    return Weights(**state.weights)
