"""Pass 4: the two parts of a continued story, linked across the edition's pages. Pure Python.

A ``下转08版`` marker names the page of the second part, which starts with ``上接01版``; the parts
are paired by page and by headline (the second part repeats it, sometimes shortened: the same
story from the profile's ``limits.same_story`` similarity on). A part whose partner carries no
marker is linked by its headline alone, with a doubt; a marker whose page is missing, or whose
page holds no such part, leaves a doubt too. Each page's articles are indexed once, and a part is
compared with at most ``MAX_CANDIDATES`` others, so linking costs time linear in the edition.
"""

from __future__ import annotations

from .. import headlines
from ..draft import ArticleDraft, DoubtKind, EditionDraft, PageRef

# No printed page holds more parts of continued stories than this.
MAX_CANDIDATES = 64


def same_story(first: ArticleDraft, second: ArticleDraft, ratio: float) -> bool:
    """The second part repeats the headline, sometimes shortened (importer.core.headlines)."""
    return headlines.same_story(first.headline, second.headline, ratio)


class _Page:
    """A page's articles by the page their continuation markers name."""

    def __init__(self, page):
        self.page = page
        self.from_page: dict[str, list[ArticleDraft]] = {}
        self.to_page: dict[str, list[ArticleDraft]] = {}
        self.unmarked_from: list[ArticleDraft] = []
        self.unmarked_to: list[ArticleDraft] = []
        for article in page.articles:
            if article.continued_from is None:
                self.unmarked_from.append(article)
            else:
                self.from_page.setdefault(article.continued_from.label, []).append(article)
            if article.continued_to is None:
                self.unmarked_to.append(article)
            else:
                self.to_page.setdefault(article.continued_to.label, []).append(article)


def _first(candidates, test):
    return next((a for a in candidates[:MAX_CANDIDATES] if test(a)), None)


# complexity: both directions of a continuation (下转, then 上接) and their doubts in one pass
def link_parts(edition: EditionDraft, limits) -> None:
    numbers = {page.label: page.number for page in edition.pages}
    for page in edition.pages:
        for article in page.articles:
            for ref in (article.continued_to, article.continued_from):
                if ref is not None:
                    ref.page = numbers.get(ref.label)
    ratio = limits.same_story
    pages = {page.label: _Page(page) for page in edition.pages}
    for page in edition.pages:
        for article in page.articles:
            if article.continued_to is None:
                continue
            label = article.continued_to.label
            if label not in pages:
                article.doubt(DoubtKind.CONTINUATION_MISSING, f"下转{label}版：这一期没有{label}版")
                continue
            other = pages[label]

            def same(candidate, article=article):
                return same_story(article, candidate, ratio)

            partner = _first(other.from_page.get(page.label, []), same) or _first(other.unmarked_from, same)
            if partner is None:
                article.doubt(DoubtKind.CONTINUATION_NOT_FOUND, f"下转{label}版：在{label}版没有找到后续部分")
            elif partner.continued_from is None:
                partner.continued_from = PageRef(label=page.label, page=page.number)
                partner.doubt(
                    DoubtKind.CONTINUATION_GUESSED, f"上接{page.label}版：按标题与前一部分相连，请核对"
                )
    for page in edition.pages:
        for article in page.articles:
            ref = article.continued_from
            if ref is None or ref.label not in pages:
                if ref is not None:
                    article.doubt(
                        DoubtKind.CONTINUATION_MISSING, f"上接{ref.label}版：这一期没有{ref.label}版"
                    )
                continue
            other = pages[ref.label]
            if other.to_page.get(page.label):
                continue
            partner = _first(
                other.unmarked_to,
                lambda a, article=article: a.continued_to is None and same_story(a, article, ratio),
            )
            if partner is not None:
                partner.continued_to = PageRef(label=page.label, page=page.number)
                other.to_page.setdefault(page.label, []).append(partner)
                partner.doubt(
                    DoubtKind.CONTINUATION_GUESSED, f"下转{page.label}版：按标题与后续部分相连，请核对"
                )
            else:
                article.doubt(
                    DoubtKind.CONTINUATION_NOT_FOUND, f"上接{ref.label}版：在{ref.label}版没有找到前一部分"
                )
