"""An article's text and title as the scorers read them. Pure Python.

Everything is compared folded: NFKC (full-width punctuation and digits become half-width), no
white space, no leading dashes, as the shared scorer does (``tests/fixtures/parser/score_pages.py``,
its copy), so that a parse is judged on what it read and not on how the dump printed it. Articles
are edition JSON objects (`importer.core.jsonio.article_to_json`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from newsroom.text import label_key, normalise_label

SPACES = re.compile(r"\s+")
# A page label as editions and truths print it: 08, A3, 第8版.
PAGE_LABEL = re.compile(r"^\s*第?([A-Za-z]?\d+)版?\s*$")
# Truths and parses are compared many times while tuning; most articles read the same each time.
CACHE = 65536


@lru_cache(maxsize=CACHE)
def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return SPACES.sub("", text).lstrip("—-")


def title_of(article: dict) -> str:
    return norm(article.get("kicker")) + norm(article.get("headline")) + norm(article.get("subheadline"))


def byline_text(bylines: list[dict]) -> str:
    """Bylines as printed: organisation and label only where they change (记者 甲 乙 通讯员 丙)."""
    out, last = [], None
    for byline in bylines:
        key = (byline.get("organization", ""), byline.get("label", ""))
        if key != last:
            out += [key[0], key[1]]
            last = key
        out.append(byline.get("name", ""))
    return "".join(out)


def caption_texts(article: dict) -> list[str]:
    return [(photo.get("caption") or "") + (photo.get("credit") or "") for photo in article.get("photos", [])]


def all_text(article: dict) -> str:
    """Everything an article prints but its title, folded."""
    parts = [article.get("dateline", ""), article.get("column", ""), byline_text(article.get("bylines", []))]
    parts += article.get("editor_note", [])
    parts += [block.get("text", "") for block in article.get("body", [])]
    parts += caption_texts(article)
    return norm("".join(parts))


def printed_blocks(article: dict) -> list[str]:
    """The article's printed paragraphs in order, folded: editor's note, body blocks, captions."""
    texts = list(article.get("editor_note", []))
    texts += [block.get("text", "") for block in article.get("body", [])]
    texts += caption_texts(article)
    return [norm(text) for text in texts]


@lru_cache(maxsize=CACHE)
def recall(truth: str, got: str) -> float:
    """Share of ``truth`` found in ``got``: in order, then the missed pieces (3+ characters) anywhere,
    so that a byline exported before the body still counts (as the shared scorer does)."""
    if not truth:
        return 1.0
    matcher = difflib.SequenceMatcher(None, truth, got, autojunk=False)
    found, position = 0, 0
    for block in matcher.get_matching_blocks():
        gap = truth[position : block.a]
        if len(gap) >= 3:
            again = difflib.SequenceMatcher(None, gap, got, autojunk=False)
            found += sum(piece.size for piece in again.get_matching_blocks() if piece.size >= 3)
        found += block.size
        position = block.a + block.size
    return min(1.0, found / len(truth))


@lru_cache(maxsize=CACHE)
def ratio(first: str, second: str) -> float:
    return difflib.SequenceMatcher(None, first, second).ratio()


def page_key(label) -> tuple | None:
    """The page a label names, as the scorers read it: ``A03`` and ``A3`` are one page, ``第8版``
    and ``08`` too (the label normalised and keyed as the import does:
    `newsroom.text.normalise_label`, `label_key`); None for a label naming no page."""
    match = PAGE_LABEL.match(str(label or ""))
    return label_key(normalise_label(match.group(1))) if match else None
