"""An article as the page walk builds it: its draft, the lines it came from, and the state of its
last paragraph while column breaks are joined back. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from .. import rules as forms
from ..draft import ArticleDraft, BlockDraft, BlockType, BylineDraft
from .opening import LABELLED

# Read from its class, an enum member costs ten times a global (Python 3.11): once a line here.
PARAGRAPH = BlockType.PARAGRAPH


@dataclass
class Article:
    draft: ArticleDraft = field(default_factory=ArticleDraft)
    sources: list[str] = field(default_factory=list)
    closed: bool = False  # ended by a 下转 marker, a closing credit or a photo credit
    note_left: int = 0  # paragraphs still to go to the editor's note
    # The pieces of the last paragraph while column breaks are joined back (joined once, at the end).
    pieces: list[str] = field(default_factory=list)
    joinable: bool = True  # whether the last paragraph may take the next prose line
    source_end: bool = False  # the last paragraph ends with a source (……。据新华社)
    # Opened with a byline line of its own (记者 张三 / 寄思人：某某): the page prints leads so.
    byline_line: bool = False
    # A bare name that closed the title run, taken for the author (see `PageReader._byline`).
    title_name: BylineDraft | None = None
    # How many subheads it printed so far, and the fewest lines one of them took (a story prints
    # its subheads alike): counted as they come, not kept as a list read again at every run.
    subheads: int = 0
    shortest_subhead: int = 0
    # Telephone numbers in its text since its lead (byline or dateline); those under the title,
    # before the lead, are the title's (a doctor's clinic, an event's office).
    contacts: int = 0

    def add_subhead(self, lines: int) -> None:
        """A subhead of ``lines`` title lines was printed."""
        if not self.subheads or lines < self.shortest_subhead:
            self.shortest_subhead = lines
        self.subheads += 1

    @property
    def ended(self) -> bool:
        """Whether the story has ended: a marker, a closing credit or a source line closed it."""
        return self.closed or self.source_end

    @property
    def last_paragraph_end(self) -> str | None:
        """The end of the last body block when it is a paragraph (what tells a finished sentence)."""
        body = self.draft.body
        if not body or body[-1].type != PARAGRAPH:
            return None
        return self.pieces[-1] if self.pieces else body[-1].text

    def append(self, block: BlockDraft) -> None:
        pieces = self.pieces  # `flush`, without its call: a block is appended per line
        if len(pieces) > 1:
            self.draft.body[-1].text = join_pieces(pieces)
        self.draft.body.append(block)
        self.pieces = [block.text] if block.type == PARAGRAPH else []

    def flush(self) -> None:
        if len(self.pieces) > 1:
            self.draft.body[-1].text = join_pieces(self.pieces)
        self.pieces = []


def join_pieces(pieces: list[str]) -> str:
    """Glue the parts of a paragraph cut by column breaks (a space between two Latin words)."""
    out = [pieces[0]]
    for previous, piece in pairwise(pieces):
        if (
            previous[-1:].isascii()
            and previous[-1:].isalnum()
            and piece[:1].isascii()
            and piece[:1].isalnum()
        ):
            out.append(" ")
        out.append(piece)
    return "".join(out)


def opens_an_item(end: str, text: str) -> bool:
    """``参与:`` over ``1.下载……``, ``分层责任框架——`` over ``第一层：……``: an item of the list a
    paragraph introduces is a paragraph of its own."""
    return (end[-1:] in ":：" or end.endswith("——")) and (
        forms.is_numbered(text) or LABELLED.match(text) is not None
    )
