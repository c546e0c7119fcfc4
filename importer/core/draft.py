"""The one structure in the middle: an edition as plain dataclasses.

Mirrors the edition JSON (`newsroom.edition/1`, see ../shared/docs/edition-json.md) field for
field. The parser produces it, the import service writes it, export and the public JSON read it.
Pure Python: no Django import.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

SCHEMA = "newsroom.edition/1"

ARTICLE_KINDS = ("news", "commentary", "photo", "advertisement", "notice")
BYLINE_ROLES = ("reporter", "correspondent", "intern", "author", "photographer", "editor")
BLOCK_TYPES = ("paragraph", "subhead")


class EditionImportError(ValueError):
    """Input that cannot become an edition. The message is one line an editor can act on."""


@dataclass
class BylineDraft:
    name: str
    role: str = "reporter"
    label: str = ""
    organization: str = ""


@dataclass
class BlockDraft:
    type: str  # "paragraph" or "subhead"
    text: str


@dataclass
class PhotoDraft:
    caption: str = ""
    credit: str = ""
    image: str | None = None


@dataclass
class PageRef:
    """Where a continued story goes on or comes from: the printed label and, when known, the
    page's sequence number in the edition."""

    label: str
    page: int | None = None


@dataclass
class ArticleDraft:
    position: int = 0
    kind: str = "news"
    kicker: str = ""
    headline: str = ""
    subheadline: str = ""
    column: str = ""
    dateline: str = ""
    bylines: list[BylineDraft] = field(default_factory=list)
    editor_note: list[str] = field(default_factory=list)
    body: list[BlockDraft] = field(default_factory=list)
    photos: list[PhotoDraft] = field(default_factory=list)
    continued_to: PageRef | None = None
    continued_from: PageRef | None = None
    tags: list[str] = field(default_factory=list)
    # Not part of the edition JSON: the lines the parser read for this article, and what it
    # was unsure of (shown in the dry-run outline and the admin's import preview).
    source_text: str = ""
    doubts: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.body if block.type == "paragraph"]


@dataclass
class PageDraft:
    number: int
    label: str
    name: str = ""
    editor: str = ""
    articles: list[ArticleDraft] = field(default_factory=list)


@dataclass
class PublicationDraft:
    slug: str
    name: str


@dataclass
class EditionDraft:
    publication: PublicationDraft
    date: datetime.date
    number: int | None = None
    pages: list[PageDraft] = field(default_factory=list)

    def articles(self):
        for page in self.pages:
            yield from page.articles
