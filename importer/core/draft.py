"""The one structure in the middle: an edition as plain dataclasses.

Mirrors the edition JSON (`newsroom.edition/1`, see docs/edition-json.md) field for
field. The parser produces it, the import service writes it, export and the public JSON read it.
Pure Python: no Django import.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from .errors import EditionImportError  # noqa: F401  (the drafts' refusal, imported from here too)

SCHEMA = "newsroom.edition/1"


class ArticleKind(StrEnum):
    """An article's kind (`articles.models.Article.Kind` stores the same values)."""

    NEWS = "news"
    COMMENTARY = "commentary"
    PHOTO = "photo"
    ADVERTISEMENT = "advertisement"
    NOTICE = "notice"


class BylineRole(StrEnum):
    """A byline's role (`articles.models.Byline.Role`)."""

    REPORTER = "reporter"
    CORRESPONDENT = "correspondent"
    INTERN = "intern"
    AUTHOR = "author"
    PHOTOGRAPHER = "photographer"
    EDITOR = "editor"


class BlockType(StrEnum):
    """A block of an article's body (`articles.models.Block.Type`)."""

    PARAGRAPH = "paragraph"
    SUBHEAD = "subhead"


ARTICLE_KINDS = tuple(ArticleKind)
BYLINE_ROLES = tuple(BylineRole)
BLOCK_TYPES = tuple(BlockType)


@dataclass
class BylineDraft:
    name: str
    role: str = BylineRole.REPORTER
    label: str = ""
    organization: str = ""


@dataclass
class BlockDraft:
    type: str  # a BlockType
    text: str


@dataclass
class PhotoDraft:
    caption: str = ""
    credit: str = ""
    image: str | None = None


class DoubtKind(StrEnum):
    """What the parser was unsure of: stable identifiers, kept as they are in stored doubts."""

    TITLE_SPLIT = "title_split"  # which title line is kicker, headline or subheadline was guessed
    BOUNDARY = "boundary"  # where this article starts or ends was a close call
    NO_TITLE = "no_title"  # no title line: the headline was made from the first words
    UNPLACED = "unplaced"  # text the parser could not place, kept in an article of its own
    BYLINE = "byline"  # a line read as a byline, or a name line, may be something else
    EDITOR_NOTE = "editor_note"  # where the editor's note ends was guessed
    CONTINUATION_MISSING = "continuation_missing"  # the page a marker names is not in the edition
    CONTINUATION_NOT_FOUND = "continuation_not_found"  # that page holds no matching part
    CONTINUATION_GUESSED = "continuation_guessed"  # the parts were linked by their headlines
    TOO_LONG = "too_long"  # a paragraph longer than a page holds was split (newsroom.text)
    MARKUP = "markup"  # the text holds HTML tags or character references, shown as written
    MISMATCH = "mismatch"  # the page's PDF and its text dump disagree about this article


@dataclass
class Doubt:
    """One thing the parser was unsure of in an article: a row an editor checks and clears.

    `kind` is a `DoubtKind` value; `message` says it in the editors' language (zh-hans); `lines`
    are the dump's lines concerned, as printed."""

    kind: str
    message: str
    lines: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


@dataclass
class PageRef:
    """Where a continued story goes on or comes from: the printed label and, when known, the
    page's sequence number in the edition."""

    label: str
    page: int | None = None


@dataclass
class ArticleDraft:
    position: int = 0
    kind: str = ArticleKind.NEWS
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
    # Where the article is printed on its page image: polygons of (x, y) fractions of the page's
    # width and height, origin top left; empty when unknown (see docs/edition-json.md).
    areas: list[list[tuple[float, float]]] = field(default_factory=list)
    # Not part of the edition JSON: the lines the parser read for this article, and what it
    # was unsure of (shown in the dry-run outline and the admin's import preview).
    source_text: str = ""
    doubts: list[Doubt] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.body if block.type == BlockType.PARAGRAPH]

    @property
    def first_line(self) -> str:
        """The first line the parser read for this article (where the editor sees it start)."""
        return self.source_text.split("\n", 1)[0]

    @property
    def last_line(self) -> str:
        """The last line the parser read for this article (where the editor sees it end)."""
        return self.source_text.rsplit("\n", 1)[-1]

    def doubt(self, kind: DoubtKind, message: str, lines=()) -> None:
        self.doubts.append(Doubt(kind=str(kind), message=message, lines=[line for line in lines if line]))


@dataclass
class PageDraft:
    number: int
    label: str
    name: str = ""
    editor: str = ""
    articles: list[ArticleDraft] = field(default_factory=list)
    # URL paths of the stored page PDF and page image (largest rendition), or None; the page's
    # size in PDF points, or None when it came from no PDF.
    pdf: str | None = None
    image: str | None = None
    size: tuple[float, float] | None = None
    # Not part of the edition JSON: the page image at web sizes, width in pixels -> URL path, and
    # whether the PDF says it is a typeset sample rather than the printed page.
    renditions: dict[int, str] = field(default_factory=dict)
    sample: bool = False


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
