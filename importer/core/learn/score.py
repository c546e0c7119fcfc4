"""How well a parse reads an edition: the shared scorers' measures against the edition as published.

`score_edition(parsed, published)` takes two edition JSON documents (`newsroom.edition/1`): what
the importer read from the page dumps, and what the editors published (or a corpus truth made
into one). It checks what the shared scorer checks (``tests/fixtures/parser/score_pages.py``, its
copy), read from the published edition instead of a truth file:

* per page: ``page present`` (by printed label), ``page number``, ``article count`` (every
  article, advertisements too), ``no false continuation`` (no parsed article links a page the
  editors did not link);
* per published article: ``article found`` (one parsed article at most, matched on the title),
  ``headline exact`` (where the split is known: the editors printed a kicker or a subheadline, or
  a headline of one line; a headline of several lines alone may hold a kicker the editors kept in
  it), ``title lines`` (kicker + headline + subheadline, a column before or after accepted),
  ``text kept`` (98 % of its text found, pieces out of order too), ``no foreign text`` (at most
  3 % + 10 characters more), ``paragraphs whole`` (every paragraph over 30 characters inside one
  block; the first only by its middle, where a dateline may be cut off), ``no paragraphs merged``,
  ``bylines`` (every published name, and no name that the article does not print), ``dateline``,
  ``continued_to`` and ``continued_from`` where the editors linked the parts.

The result counts each check (passed / total) and lists every failure with its page and the
published article, so that a report can show an example an editor can open. All pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .match import assign, page_pairs
from .texts import all_text, byline_text, norm, page_key, printed_blocks, recall, title_of

KEPT = 0.98
FOREIGN_SHARE, FOREIGN_CHARS = 1.03, 10
WHOLE_FROM = 30  # paragraphs this short are not checked
SEAM = 8  # characters each side of the seam between two paragraphs


@dataclass
class Failure:
    check: str
    page: str  # the published page's label
    position: int | None  # the published article's position on its page, None for a page check
    detail: str

    def to_dict(self) -> dict:
        return {"check": self.check, "page": self.page, "position": self.position, "detail": self.detail}


@dataclass
class Score:
    checks: dict[str, list[int]] = field(default_factory=dict)  # name: [passed, total]
    failures: list[Failure] = field(default_factory=list)

    def check(self, name: str, ok: bool, page: str, position: int | None, detail: str = "") -> None:
        counts = self.checks.setdefault(name, [0, 0])
        counts[0] += bool(ok)
        counts[1] += 1
        if not ok:
            self.failures.append(Failure(name, page, position, detail))

    @property
    def passed(self) -> int:
        return sum(passed for passed, _ in self.checks.values())

    @property
    def total(self) -> int:
        return sum(total for _, total in self.checks.values())

    @property
    def value(self) -> float:
        return self.passed / max(1, self.total)

    def rate(self, name: str) -> float | None:
        passed, total = self.checks.get(name, (0, 0))
        return passed / total if total else None

    def __add__(self, other: Score) -> Score:
        out = Score({name: list(counts) for name, counts in self.checks.items()}, [*self.failures])
        for name, (passed, total) in other.checks.items():
            counts = out.checks.setdefault(name, [0, 0])
            counts[0] += passed
            counts[1] += total
        out.failures += other.failures
        return out

    def to_dict(self) -> dict:
        return {
            "score": round(self.value, 4),
            "checks": {name: {"passed": p, "total": t} for name, (p, t) in self.checks.items()},
        }

    def lines(self) -> list[str]:
        """``name: passed/total`` per check, then ``score: X`` (the shared scorers' last lines)."""
        out = [f"{name}: {p}/{t}" for name, (p, t) in self.checks.items()]
        return [*out, f"score: {self.value:.3f}"]


def headline_split_known(article: dict) -> bool:
    return bool(article.get("kicker") or article.get("subheadline")) or not any(
        char.isspace() for char in article.get("headline", "").strip()
    )


def _title_ok(parsed: dict, published: dict) -> bool:
    got, want, column = title_of(parsed), title_of(published), norm(parsed.get("column"))
    return bool(got) and want in (got, column + got, got + column)


def _link_ok(link, want) -> bool:
    link = link or {}
    if link.get("label") and want.get("label"):
        return page_key(link["label"]) == page_key(want["label"])
    return link.get("page") == want.get("page")


def _names(article: dict) -> set[str]:
    return {norm(byline.get("name")) for byline in article.get("bylines", [])}


# complexity: one guarded check per measure of the shared scorer, in its order (they compare line by line)
def score_article(score: Score, label: str, published: dict, parsed: dict | None) -> None:
    position = published.get("position")
    where = (label, position)
    score.check("article found", parsed is not None, *where, title_of(published)[:40])
    parsed = parsed or {}
    if headline_split_known(published):
        score.check(
            "headline exact",
            norm(parsed.get("headline")) == norm(published.get("headline")),
            *where,
            f"got {parsed.get('headline', '')[:40]!r}",
        )
    score.check("title lines", _title_ok(parsed, published), *where, f"got {title_of(parsed)[:60]!r}")
    want, got = all_text(published), all_text(parsed)
    kept = recall(want, got)
    score.check("text kept", kept >= KEPT, *where, f"recall {kept:.3f}")
    score.check(
        "no foreign text",
        len(got) <= len(want) * FOREIGN_SHARE + FOREIGN_CHARS,
        *where,
        f"{len(got)} characters, published {len(want)}",
    )
    paragraphs = printed_blocks(published)
    blocks = printed_blocks(parsed)
    lead = len(published.get("editor_note", []))
    for index, text in enumerate(paragraphs):
        if len(text) <= WHOLE_FROM:
            continue
        if index == lead:
            text = text[40:] if len(text) > 70 else text[-30:]
        score.check("paragraphs whole", any(text in block for block in blocks), *where, f"paragraph {index}")
    if parsed:
        body = paragraphs[: len(paragraphs) - len(published.get("photos", []))]
        merged = [
            k
            for k in range(len(body) - 1)
            if any((seam := body[k][-SEAM:] + body[k + 1][:SEAM]) in block for block in blocks)
            and not any(seam in text for text in body)
        ]
        score.check("no paragraphs merged", not merged, *where, f"paragraphs {merged[:3]}")
    if published.get("bylines"):
        want_names, have = _names(published), _names(parsed)
        # A name printed elsewhere in the article (a photo credit, 制图 …) may be read as a byline.
        allowed = want_names | {name for name in have if name and name in all_text(published)}
        score.check(
            "bylines",
            want_names <= have <= allowed,
            *where,
            f"got {byline_text(parsed.get('bylines', []))!r}, "
            f"published {byline_text(published['bylines'])!r}",
        )
    if published.get("dateline"):
        score.check(
            "dateline",
            norm(parsed.get("dateline")) == norm(published.get("dateline")),
            *where,
            f"got {parsed.get('dateline', '')!r}",
        )
    for key in ("continued_to", "continued_from"):
        if published.get(key):
            score.check(key, _link_ok(parsed.get(key), published[key]), *where, f"got {parsed.get(key)}")


def score_edition(parsed: dict, published: dict) -> Score:
    """The parse (edition JSON) scored against the published edition (edition JSON)."""
    score = Score()
    for page, got in page_pairs(published, parsed):
        label = page.get("label", "")
        score.check("page present", got is not None, label, None)
        score.check(
            "page number",
            got is not None and got.get("number") == page.get("number"),
            label,
            None,
            f"number {(got or {}).get('number')}, published {page.get('number')}",
        )
        want, arts = page.get("articles", []), (got or {}).get("articles", [])
        score.check(
            "article count", len(arts) == len(want), label, None, f"{len(arts)}, published {len(want)}"
        )
        matched = assign(want, arts)
        for index, article in enumerate(want):
            score_article(score, label, article, arts[matched[index]] if index in matched else None)
        linked = {
            matched[i]
            for i, a in enumerate(want)
            if i in matched and (a.get("continued_to") or a.get("continued_from"))
        }
        spurious = [
            a.get("headline", "")[:20]
            for j, a in enumerate(arts)
            if (a.get("continued_to") or a.get("continued_from")) and j not in linked
        ]
        score.check("no false continuation", not spurious, label, None, "; ".join(spurious))
    return score
