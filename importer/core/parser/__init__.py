"""Page dump text to `PageDraft` / `EditionDraft`. Pure Python: no Django import.

A dump is the flat text of a printed page: blocks separated by blank lines, each block one or
more lines. The parser reads it in passes, each in its own module:

1. `lines`: every non-blank line becomes a `Line`, judged on its own by the line rules
   (`importer.core.rules`): page furniture, continuation markers, editor's note label, photo
   credit or caption, standalone byline, dateline, title-like line, prose, advertisement.
2. `reader`: the page walk cuts the lines into articles. A run of title lines opens a new
   article or is a subhead of the current one by the points of its signals (`opening`, with the
   topic-change signal in `cohesion`); paragraphs cut by column breaks are joined back.
3. `titles`: an article's title lines become kicker, headline, subheadline and column.
4. `finish`: each article's kind and doubts; `link`: the parts of continued stories are linked
   across the edition's pages.

What differs between papers comes from a `Profile` (`importer.core.profile`): the words of the
line rules, the weights of the signals and the lengths and thresholds; the default profile covers
the common Chinese conventions. The parser is deterministic, and every pass costs time linear in
the input. It returns a structure or raises `EditionImportError`.
"""

from __future__ import annotations

import datetime
import gc
from contextlib import contextmanager
from functools import partial

from newsroom.text import clean_text, normalise_label

from ..draft import EditionDraft, PageDraft, PublicationDraft
from ..errors import EditionImportError, gettext_noop
from ..profile import DEFAULT, Profile
from ..rules import rules_for
from .finish import finish
from .lines import Furniture, read_lines
from .link import link_parts
from .reader import PageReader

# Far above any real page; a hostile dump is refused before it costs minutes.
MAX_PAGE_CHARS = 60_000_000


@contextmanager
def collector_paused():
    """The cyclic garbage collector paused while a page is parsed. The parse makes no reference
    cycles (a test holds it to that), so a pause frees nothing later; but its hundreds of thousands
    of lines and blocks would each be walked by the collector several times as they grow the heap
    (12% of the time on a 5 MB page of tiny lines). Left as it was found, so nested or concurrent
    parses and a program that keeps the collector off stay as they were."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_page(
    text: str, *, label: str = "01", number: int = 1, profile: Profile | None = None, observe=None
) -> PageDraft:
    """Parse one page dump into a PageDraft (see the module docstring). `observe(run, points)`, if
    given, sees each run of title lines and the points it got towards opening an article."""
    if not isinstance(text, str):
        raise EditionImportError(gettext_noop("a page dump must be text"))
    if len(text) > MAX_PAGE_CHARS:
        raise EditionImportError(
            gettext_noop("page %(page)s is too large to be a page dump (%(size)d characters)"),
            page=label,
            size=len(text),
        )
    profile = profile or DEFAULT
    rules = rules_for(profile)
    furniture = Furniture()
    with collector_paused():
        lines = read_lines(clean_text(text), furniture, rules)
        articles = PageReader(lines, rules, profile, observe).read()
        drafts = [finish(article, position, profile) for position, article in enumerate(articles, start=1)]
    return PageDraft(
        number=number, label=label, name=furniture.name, editor=furniture.editor, articles=drafts
    )


def parse_edition(
    pages: list[tuple[str, str]],
    *,
    publication: PublicationDraft,
    date: datetime.date,
    number: int | None = None,
    profile: Profile | None = None,
    observe=None,
) -> EditionDraft:
    """Parse an edition's page dumps, given as (label, text) in page order, and link continuations.
    `observe(label, run, points)`, if given, sees each run of title lines weighed (`parse_page`)."""
    profile = profile or DEFAULT
    edition = EditionDraft(publication=publication, date=date, number=number)
    seen: set[str] = set()
    for position, (label, text) in enumerate(pages, start=1):
        label = normalise_label(label)
        if label in seen:
            raise EditionImportError(gettext_noop("page %(page)s appears twice in the edition"), page=label)
        seen.add(label)
        seen_by = None if observe is None else partial(observe, label)
        edition.pages.append(parse_page(text, label=label, number=position, profile=profile, observe=seen_by))
    link_parts(edition, profile.limits)
    return edition


__all__ = ["parse_edition", "parse_page"]
