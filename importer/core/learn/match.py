"""Which parsed article is which published one. Pure Python.

Pages are matched by printed label (``A03`` = ``A3``). On a page, each published article gets at
most one parsed article and the reverse, best title matches first, as the shared scorer does: the
whole title equal counts 3, the published headline inside the parsed title 2 and a half at most,
else the titles' similarity; below 0.8 nothing is matched.
"""

from __future__ import annotations

from .texts import norm, page_key, ratio, title_of

MATCHED = 0.8


def similarity(published: dict, parsed: dict) -> float:
    want, headline, got = title_of(published), norm(published.get("headline")), title_of(parsed)
    if not got:
        return 0.0
    if want == got:
        return 3.0
    if headline and headline in got:
        return 2.0 + ratio(want, got) / 2
    return ratio(want, got)


def assign(published: list[dict], parsed: list[dict]) -> dict[int, int]:
    """{published index: parsed index}, one to one, best title matches first."""
    pairs = sorted(
        ((similarity(p, a), i, j) for i, p in enumerate(published) for j, a in enumerate(parsed)),
        reverse=True,
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for value, i, j in pairs:
        if value < MATCHED:
            break
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def pages_by_label(edition: dict) -> dict:
    return {page_key(page.get("label")): page for page in edition.get("pages", [])}


def page_pairs(published: dict, parsed: dict):
    """(published page, parsed page or None) in the published edition's order."""
    found = pages_by_label(parsed)
    for page in published.get("pages", []):
        yield page, found.get(page_key(page.get("label")))
