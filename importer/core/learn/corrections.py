"""What the editors changed between the import and the published edition, by kind. Pure Python.

`corrections(parsed, published)` compares two edition JSON documents page by page and names each
change an editor made, with the published article it concerns (page label and position, so that
a report links to it) and a short example:

* where the stories were cut: ``two articles merged`` (the import ran two published stories
  together), a published story split by the import, named by what opened the extra article
  (``subhead → new article``, ``paragraph → new article``, ``source line → new article``,
  ``caption → new article``, ``byline → new article``, ``title line → new article``), ``text moved
  between articles`` (a boundary a few lines off), ``article deleted`` (an article the editors
  removed: page furniture), ``article missed``;
* in the title: ``headline split kicker→headline`` and the other moves between kicker, headline
  and subheadline, text taken into the title (``byline → title``, ``caption → title``,
  ``source line → title``, ``paragraph → title``), ``title line → body``, ``column changed``;
* bylines (``byline missed``, ``false byline``, ``byline role changed``), ``dateline changed``,
  paragraphs (``paragraph cut, not joined``, ``paragraphs joined``), continuations
  (``continuation missed``, ``false continuation``, ``continuation target changed``) and the
  kind (``kind news→commentary``).

Which parsed article holds which published text is read from the text itself (every published
block of 4+ characters looked up in the page's parsed articles), so that a merge or a split is
seen even where the titles no longer match.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from ..draft import BlockType
from .match import assign, page_pairs
from .texts import all_text, byline_text, caption_texts, norm, page_key, printed_blocks, title_of

SHORT_BLOCK = 4  # shorter published blocks (a lone name, a figure) are not looked up
MOVED = 15  # characters of a story found elsewhere before it counts as moved
MERGED_SHARE = 0.5  # share of a story inside another's article that makes a merge
SOURCE_LINE = 24  # a closing line this short (据新华社) is a source line, not a paragraph
WHOLE_FROM = 30
SEAM = 8
EXAMPLE = 40


@dataclass(frozen=True)
class Correction:
    kind: str
    page: str  # the published page's label
    position: int | None  # the published article (None: an article the editors deleted)
    parsed_position: int | None  # the imported article it concerns
    example: str

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "page": self.page,
            "position": self.position,
            "parsed_position": self.parsed_position,
            "example": self.example,
        }


def _short(text: str) -> str:
    return text if len(text) <= EXAMPLE else text[: EXAMPLE - 1] + "…"


def _pieces(article: dict) -> list[tuple[str, str]]:
    """(what, folded text) of every printed piece of a published article, in order."""
    out = [(part, norm(article.get(part))) for part in ("kicker", "headline", "subheadline")]
    out.append(("column", norm(article.get("column"))))
    out.append(("byline", norm(byline_text(article.get("bylines", [])))))
    out.append(("dateline", norm(article.get("dateline"))))
    out += [("paragraph", norm(text)) for text in article.get("editor_note", [])]
    body = article.get("body", [])
    for index, block in enumerate(body):
        text = norm(block.get("text"))
        last = index == len(body) - 1
        what = "subhead" if block.get("type") == BlockType.SUBHEAD else "paragraph"
        if what == "paragraph" and last and index and len(text) <= SOURCE_LINE:
            what = "source line"
        out.append((what, text))
    out += [("caption", norm(text)) for text in caption_texts(article)]
    return [(what, text) for what, text in out if text]


def _full(article: dict) -> str:
    return title_of(article) + all_text(article)


class _Page:
    """Who holds what on one page: share[i][j] = characters of published i inside parsed j."""

    def __init__(self, label: str, published: list[dict], parsed: list[dict]):
        self.label, self.published, self.parsed = label, published, parsed
        self.matched = assign(published, parsed)
        fulls = [_full(a) for a in parsed]
        self.share = [[0] * len(parsed) for _ in published]
        for i, article in enumerate(published):
            own = self.matched.get(i)
            for _what, text in _pieces(article):
                if len(text) < SHORT_BLOCK:
                    continue
                holders = [j for j, full in enumerate(fulls) if text in full]
                if not holders:
                    holders = [j for j, full in enumerate(fulls) if text[:12] in full or text[-12:] in full]
                if holders:
                    j = own if own in holders else holders[0]
                    self.share[i][j] += len(text)
        self.size = [max(1, len(_full(a))) for a in published]
        self.main = {i: self._main(i) for i in range(len(published))}
        self.owners: dict[int, list[int]] = {}
        for i, j in self.main.items():
            if j is not None:
                self.owners.setdefault(j, []).append(i)

    def _main(self, i: int) -> int | None:
        if i in self.matched:
            return self.matched[i]
        row = self.share[i]
        best = max(range(len(row)), key=row.__getitem__, default=None)
        return best if best is not None and row[best] >= MOVED else None

    def pairs(self) -> dict[int, int]:
        """Each published article and the parsed article that is its own: matched by title, or
        holding most of its text and no other story."""
        return {
            i: j
            for i, j in self.main.items()
            if j is not None and (i in self.matched or self.owners[j] == [i])
        }

    def correction(self, kind, i, j, example) -> Correction:
        position = self.published[i].get("position") if i is not None else None
        parsed = self.parsed[j].get("position") if j is not None else None
        return Correction(kind, self.label, position, parsed, _short(example))


def _origin(published: dict, text: str) -> str:
    """What the piece ``text`` was in the published article (the longest piece holding it)."""
    found = [(what, piece) for what, piece in _pieces(published) if text and (text in piece or piece in text)]
    if not found:
        return "paragraph"
    return max(found, key=lambda item: min(len(item[1]), len(text)))[0]


def _page_origin(page: _Page, i: int, text: str) -> str:
    """What ``text`` was: in the published article ``i``, else in another of the page (a source
    line that closes the story before)."""
    for k in (i, *(k for k in range(len(page.published)) if k != i)):
        if any(text in piece for _what, piece in _pieces(page.published[k])):
            return _origin(page.published[k], text)
    return "paragraph"


NEW_ARTICLE = {
    "subhead": "subhead → new article",
    "paragraph": "paragraph → new article",
    "source line": "source line → new article",
    "caption": "caption → new article",
    "byline": "byline → new article",
    "dateline": "paragraph → new article",
    "column": "title line → new article",
    "kicker": "title line → new article",
    "headline": "title line → new article",
    "subheadline": "title line → new article",
}


def _boundaries(page: _Page) -> list[Correction]:
    out = []
    for i, article in enumerate(page.published):
        main = page.main[i]
        if main is None:
            out.append(page.correction("article missed", i, None, title_of(article)))
            continue
        if i not in page.matched and len(page.owners[main]) > 1:
            out.append(page.correction("two articles merged", i, main, title_of(article)))
        for j, chars in enumerate(page.share[i]):
            if j == main or chars < MOVED:
                continue
            other = page.parsed[j]
            owners = [k for k in page.owners.get(j, []) if k != i]
            if not owners:
                origin = _origin(article, title_of(other) or all_text(other)[:20])
                example = title_of(other) or all_text(other)
                out.append(page.correction(NEW_ARTICLE.get(origin, "article split"), i, j, example))
            elif owners:
                kind = (
                    "two articles merged"
                    if chars >= MERGED_SHARE * page.size[i]
                    else "text moved between articles"
                )
                out.append(page.correction(kind, i, j, title_of(article)))
    for j, article in enumerate(page.parsed):
        if j not in page.owners and not any(row[j] >= MOVED for row in page.share):
            out.append(page.correction("article deleted", None, j, title_of(article) or all_text(article)))
    return out


TITLE_PARTS = ("kicker", "headline", "subheadline")


def _split_moves(published: dict, parsed: dict) -> list[str]:
    """``kicker→headline`` etc.: where each title character went, when the title text is the same."""

    def owners(article):
        return [part for part in TITLE_PARTS for _ in norm(article.get(part))]

    moves = Counter(f"{a}→{b}" for a, b in zip(owners(parsed), owners(published), strict=True) if a != b)
    return [move for move, _ in moves.most_common()]


def _title(page: _Page, i: int, j: int) -> list[Correction]:
    published, parsed = page.published[i], page.parsed[j]
    want, got = title_of(published), title_of(parsed)
    column_got, column_want = norm(parsed.get("column")), norm(published.get("column"))
    out = []
    if want == got:
        out += [
            page.correction(f"headline split {move}", i, j, published.get("headline", ""))
            for move in _split_moves(published, parsed)
        ]
    elif want in got:
        extra = got.replace(want, "", 1)
        origin = _page_origin(page, i, extra)
        what = origin if origin in ("byline", "caption", "source line", "column", "dateline") else "paragraph"
        out.append(page.correction(f"{what} → title", i, j, extra))
    elif got in want or any(norm(published.get(p)) in got for p in TITLE_PARTS if published.get(p)):
        out.append(page.correction("title line → body", i, j, want.replace(got, "", 1) or want))
    else:
        out.append(page.correction("title changed", i, j, published.get("headline", "")))
    if column_want != column_got and column_want + want != column_got + got:
        out.append(page.correction("column changed", i, j, published.get("column") or parsed.get("column")))
    return out


def _bylines(page: _Page, i: int, j: int) -> list[Correction]:
    published, parsed = page.published[i], page.parsed[j]

    def by_name(article):
        return {norm(b.get("name")): b for b in article.get("bylines", [])}

    want, got = by_name(published), by_name(parsed)
    out = [page.correction("byline missed", i, j, byline_text([want[n]])) for n in want if n not in got]
    out += [page.correction("false byline", i, j, byline_text([got[n]])) for n in got if n not in want]
    for name in want.keys() & got.keys():
        a, b = want[name], got[name]
        if (a.get("role"), norm(a.get("label"))) != (b.get("role"), norm(b.get("label"))):
            out.append(
                page.correction("byline role changed", i, j, f"{b.get('label')}→{a.get('label')} {name}")
            )
    if norm(published.get("dateline")) != norm(parsed.get("dateline")):
        out.append(
            page.correction("dateline changed", i, j, published.get("dateline") or parsed.get("dateline"))
        )
    return out


def _paragraphs(page: _Page, i: int, j: int) -> list[Correction]:
    published, parsed = page.published[i], page.parsed[j]
    want, got = printed_blocks(published), printed_blocks(parsed)
    out = []
    for text in want:
        if len(text) > WHOLE_FROM and not any(text in block for block in got):
            pieces = [block for block in got if block and block in text]
            if pieces:
                out.append(page.correction("paragraph cut, not joined", i, j, text))
    for first, second in pairwise(want):
        seam = first[-SEAM:] + second[:SEAM]
        if len(first) >= SEAM and any(seam in block for block in got) and not any(seam in t for t in want):
            out.append(
                page.correction("paragraphs joined", i, j, first[-EXAMPLE // 2 :] + second[: EXAMPLE // 2])
            )
    return out


def _links(page: _Page, i: int, j: int) -> list[Correction]:
    published, parsed = page.published[i], page.parsed[j]
    out = []
    for key in ("continued_to", "continued_from"):
        want, got = published.get(key), parsed.get(key)
        if want and not got:
            out.append(page.correction("continuation missed", i, j, f"{key} {want.get('label')}"))
        elif got and not want:
            out.append(page.correction("false continuation", i, j, f"{key} {got.get('label')}"))
        elif want and page_key(want.get("label")) != page_key(got.get("label")):
            out.append(
                page.correction("continuation target changed", i, j, f"{got['label']}→{want['label']}")
            )
    if published.get("kind") != parsed.get("kind"):
        out.append(
            page.correction(f"kind {parsed.get('kind')}→{published.get('kind')}", i, j, title_of(published))
        )
    return out


def corrections(parsed: dict, published: dict) -> list[Correction]:
    """Every change from the import (``parsed``) to the edition as published, page by page."""
    out: list[Correction] = []
    for page, got in page_pairs(published, parsed):
        label = page.get("label", "")
        if got is None:
            out.append(Correction("page missing", label, None, None, label))
            continue
        reading = _Page(label, page.get("articles", []), got.get("articles", []))
        out += _boundaries(reading)
        for i, j in sorted(reading.pairs().items()):
            out += _title(reading, i, j) + _bylines(reading, i, j) + _paragraphs(reading, i, j)
            out += _links(reading, i, j)
    return out


def tally(found: list[Correction]) -> list[tuple[str, int, Correction]]:
    """(kind, how many, the first example) by kind, most frequent first."""
    counts = Counter(c.kind for c in found)
    first: dict[str, Correction] = {}
    for correction in found:
        first.setdefault(correction.kind, correction)
    return [
        (kind, count, first[kind]) for kind, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
