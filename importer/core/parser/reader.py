"""Pass 2: the page walk that cuts the lines into articles. Pure Python.

Walking the lines in order, a run of title lines either opens a new article or is a subhead of
the current one (`opening.weigh` decides); every other line goes to the current article by its
kind: a dateline, a byline, an editor's note, a caption or a credit, a paragraph. Paragraphs cut
by column breaks are joined back: a paragraph that does not end a sentence continues with the
next prose line (but an item of a list after a colon or a dash, ``参与:`` over ``1.下载……``, is
a paragraph of its own); titles, subheads, captions, bylines and markers never join (`article`).
Closing credits such as ``（综合本报记者倪光辉、毕京津报道）`` stay the last body paragraph.
"""

from __future__ import annotations

from .. import rules as forms
from ..draft import ArticleKind, BlockDraft, BlockType, PhotoDraft
from ..rules import TitleForm
from .article import Article, opens_an_item
from .cohesion import Cohesion
from .lines import TEXT_KINDS, Line, LineKind, look_aheads
from .opening import LEAD_KINDS, text_signal_range, weigh
from .titles import assign_title, closing_column

# Enum members the walk reads several times a line, as module names: read from its class, a
# member costs ten times a global (Python 3.11 looks it up through the enum's metaclass).
ADVERTISEMENT, FACT, PARAGRAPH = LineKind.ADVERTISEMENT, LineKind.FACT, LineKind.PARAGRAPH
SUBHEAD, WEAK = TitleForm.SUBHEAD, TitleForm.WEAK
PARAGRAPH_BLOCK, SUBHEAD_BLOCK = BlockType.PARAGRAPH, BlockType.SUBHEAD
DECK_KINDS = (LineKind.PARAGRAPH,)
DECK_KINDS_IN_BOX = (LineKind.PARAGRAPH, LineKind.TITLE)  # among a box's facts (see `lead_ahead`)
DECK_FOLLOWERS = (LineKind.DATELINE, LineKind.BYLINE)


class PageReader:
    def __init__(self, lines: list[Line], rules, profile, observe=None):
        self.lines = lines
        # Called with each run of title lines and its points (the tuner learns the weights so).
        self.observe = observe
        self.rules = rules
        self.weights = profile.weights
        self.limits = profile.limits
        self.text_signals = text_signal_range(profile.weights)
        self.articles: list[Article] = []
        self.current: Article | None = None
        self.story: Article | None = None  # the story an advertisement interrupted
        self.title_end = -1  # where the last title run that opened an article ended
        self.cohesion = Cohesion(lines, profile.weights, profile.limits)
        self.last_text, self.last_ended = None, False  # see `_source_at_end`
        (
            self.next_title,
            self.next_byline,
            self.next_not_box,
            self.next_not_photo,
            self.next_stop,
            self.next_not_para,
            self.next_bracketed,
            self.next_contact,
        ) = look_aheads(lines, rules)

    # --- the walk ---------------------------------------------------------------------------

    def read(self) -> list[Article]:
        lines, index, count = self.lines, 0, len(self.lines)
        while index < count:
            line = lines[index]
            # `title_like` asks more only of a candidate.
            if line.title_like or (line.candidate and self.title_like(index)):
                index = self._title_run(index)
            elif line.kind == ADVERTISEMENT:
                index = self._advertisement(index)
            else:
                self._line(index, line)
                index += 1
        for article in self.articles:
            article.flush()
        return self.articles

    def title_like(self, index: int, start: int | None = None) -> bool:
        """A title line in its context (`lines.mark_title_like`), or a candidate (a line shaped
        like a title but for commas, a quote or a question) where a story must begin: at the top
        of the page, after a story that has ended, or before a byline or dateline (past the
        captions of its photos and a line of deck). ``start`` is where the run began."""
        start = index if start is None else start
        line = self.lines[index]
        if line.title_like:
            return True
        if not line.candidate:
            return False
        if self.lead_ahead(index + 1) is not None:
            return True
        # Where a story must begin, candidates open its title block (but never follow a title line).
        current = self.current
        return (current is None or current.ended) and all(
            previous.candidate for previous in self.lines[start:index]
        )

    def lead_ahead(self, index: int, past_facts: bool = False) -> int | None:
        """Where the lead (byline, dateline, note) of a story whose title ends before
        ``lines[index]`` stands, past its photos' captions and credits and one line of deck, and
        ``past_facts``, past the facts of a box under the title too (``扫码关注``)."""
        lines = self.lines
        # A lead is neither prose nor title: none stands past the page's last such line.
        if self.next_stop[index] >= len(lines):
            return None
        skip = self.next_not_box if past_facts else self.next_not_photo
        found = skip[index]
        if found >= len(lines):
            return None
        line = lines[found]
        if line.kind in LEAD_KINDS:
            return found
        # Among the facts of a box, its other lines (扫码关注 / “某某” / 微信公众号) are title-like.
        deck = DECK_KINDS_IN_BOX if past_facts else DECK_KINDS
        if line.kind in deck and len(line.text) <= self.limits.max_deck_length:
            after = skip[found + 1]
            if after < len(lines) and lines[after].kind in LEAD_KINDS:
                return after
        return None

    def _run_end(self, index: int) -> int:
        lines, end, count = self.lines, index, len(self.lines)
        while end < count:
            line = lines[end]
            if line.continued_from or (line.continued_to and end > index):
                break
            # ``退休人员：`` over ``假设退休金5000元，则缴7.5元``: after a heading ending with a
            # colon, a line shaped like a title but for its commas is the heading's second line
            # (a line continued from or to elsewhere has ended the run above).
            second = end > index and lines[end - 1].form == SUBHEAD and line.kind == PARAGRAPH
            if not (
                line.title_like
                or (line.candidate and self.title_like(end, index))
                or (second and line.form == WEAK)
            ):
                break
            end += 1
            if line.continued_to:
                break
        # A deck stands before a dateline or byline: what follows it, the rarest, first.
        following = lines[end + 1] if end + 1 < count else None
        if (
            following
            and (following.kind in DECK_FOLLOWERS or following.continued_from)
            and self._is_deck(lines[end])
        ):
            end += 1
        return end

    def _is_deck(self, line: Line) -> bool:
        """A long summary line under the headline, unfinished like a title (before the dateline)."""
        return (
            line.kind == PARAGRAPH
            and len(line.text) <= self.limits.max_deck_length
            and not forms.ends_sentence(line.text)
            and line.text[-1:] not in forms.CLAUSE_END
            and not line.continued_to
        )

    def _title_run(self, index: int) -> int:
        end = self._run_end(index)
        lines = self.lines
        run = lines[index:end]
        if index and lines[index - 1].kind == FACT and self._inside_box(index, end):
            for line in run:
                line.kind = LineKind.FACT
                self._line(index, line)
            return end
        points = weigh(self, run, end)
        if self.observe is not None:
            self.observe(run, points)
        if points >= self.weights.opening:
            self.title_end = end
            lead = self.lead_ahead(end)
            self._open(run, closing_column(run, self.lines, lead, self.limits))
        elif len(run) == 1 and self._cut_paragraph(run[0], end):
            self._paragraph(run[0].text, run[0])
        else:
            for line in run:
                self._subhead(line)
            self.current.add_subhead(len(run))
        return end

    def _inside_box(self, index: int, end: int) -> bool:
        """Title-like lines between two facts of a box (扫码关注 / “某某” / 微信公众号) are the box's,
        unless the facts before them close a story's text (时间：…, 上城区), or a story's lead stands
        past the box (楼市问答 / 扫码关注 / … / 记者 某某) that is not right under the current title."""
        lines = self.lines
        if not (index > 0 and end < len(lines) and lines[index - 1].kind == lines[end].kind == LineKind.FACT):
            return False
        start = index - 1
        while start > 0 and lines[start - 1].kind == LineKind.FACT:
            start -= 1
        if start > 0 and lines[start - 1].kind == LineKind.PARAGRAPH:
            return False
        return start == self.title_end or self.lead_ahead(end, past_facts=True) is None

    def _cut_paragraph(self, line: Line, end: int) -> bool:
        """The first part of a paragraph cut by a column break, though it looks like a subhead:
        the next line starts mid-sentence (``话。肯雅塔说……``, ``。当今……``: `forms.cut_inside`), or
        the line is long and enumerates (``交流团通过座谈交流、举办……和藏``), which subheads rarely
        do, or the line holds a clause in a story that prints its subheads as two lines."""
        following = self.lines[end] if end < len(self.lines) else None
        if following is None or following.kind != PARAGRAPH or line.continued_to:
            return False
        text, after, mid = line.text, following.text, forms.MID_SENTENCE
        if (
            (len(text) >= self.limits.long_subhead and "、" in text)
            or (after[1:2] in mid and after[:1] not in mid)
            or forms.cut_inside(text, after)
        ):
            return True
        current = self.current
        # A story printing its subheads as two lines or more (at least two of them).
        return (
            current is not None
            and current.subheads >= 2
            and current.shortest_subhead >= 2
            and forms.has_clause(text)
        )

    def _line(self, index: int, line: Line) -> None:
        # Before the page's first title, text goes to an untitled article (text a page opens
        # with, which `finish` marks to check), however the profile weighs that first run.
        article = self.current if self.current is not None else self._open([])
        draft = article.draft
        if line.continued_from:
            if draft.body or draft.continued_from:
                article = self._open([])
                draft = article.draft
            draft.continued_from = line.continued_from
        article.sources.append(line.raw)
        kind = line.kind
        if kind in TEXT_KINDS:  # the common kind first
            self._paragraph(line.text, line)
        elif kind == LineKind.NOTE:
            self._note(index, line)
        elif kind == LineKind.BYLINE:
            self._byline(article, line)
        elif kind == LineKind.DATELINE:
            self._dateline(line)
        elif kind == LineKind.CAPTION:
            caption, credit = line.caption
            draft.photos.append(PhotoDraft(caption=caption, credit=credit))
        elif kind == LineKind.CREDIT:
            draft.photos.append(PhotoDraft(credit=line.text))
            # A credit after the text ends photo news; one under the title credits its photo.
            article.closed = article.closed or bool(draft.body)
        elif kind == LineKind.SOURCE:
            # 据新华社 / 综合新华社等报道: the story's last paragraph, and its end.
            self._paragraph(line.text, line, alone=True)
            article.closed = True
        elif kind == LineKind.FACT:
            self._paragraph(line.text, line, alone=True)
            article.contacts += self.rules.is_contact(line.text)
        if line.continued_to:
            draft.continued_to = draft.continued_to or line.continued_to
            article.closed = True

    # --- article parts ----------------------------------------------------------------------

    def _open(self, run: list[Line], column_last: bool = False) -> Article:
        article = Article()
        self.articles.append(article)
        self.current = article
        if run:
            article.sources.extend(line.raw for line in run)
            assign_title(article.draft, run, self.rules, column_last)
            # What the title block could not hold (a deck, a portrait's caption) is a paragraph
            # of its own each: the prose after it never joins it.
            article.joinable = not article.draft.body
            article.title_name = article.draft.bylines[-1] if article.draft.bylines else None
            for line in run:
                if line.continued_to:
                    article.draft.continued_to = line.continued_to
        self.cohesion.reset(" ".join((article.draft.kicker, article.draft.headline)))
        return article

    def _byline(self, article: Article, line: Line) -> None:
        """A byline line. Under a title run that closed with a bare name, the name was a portrait's
        (the doctor above an advertorial: 何明佳, then the text's 通讯员 甲 记者 乙), not the
        author's: it goes back to the text, as its first paragraph."""
        draft, name = article.draft, article.title_name
        article.byline_line = article.byline_line or not draft.body
        if name is not None and name in draft.bylines:
            draft.bylines.remove(name)
            if draft.body:
                draft.body.insert(0, BlockDraft(type=BlockType.PARAGRAPH, text=name.name))
            else:
                article.append(BlockDraft(type=BlockType.PARAGRAPH, text=name.name))
                article.joinable = False
        article.title_name = None
        article.contacts = 0
        draft.bylines.extend(line.bylines or [])

    def _subhead(self, line: Line) -> None:
        article = self.current if self.current is not None else self._open([])
        article.sources.append(line.raw)
        article.append(BlockDraft(SUBHEAD_BLOCK, line.text))  # (type, text): by keyword, twice the cost
        self.cohesion.add(line.text)
        if line.continued_to:
            article.draft.continued_to = article.draft.continued_to or line.continued_to
            article.closed = True

    def _paragraph(self, text: str, line: Line | None = None, alone: bool = False) -> None:
        """A paragraph, or the rest of one a column break cut; ``alone`` for a line that is a
        paragraph of its own (a fact of a box, a source line), neither joining nor joined."""
        article = self.current if self.current is not None else self._open([])
        if article.note_left > 0:
            article.note_left -= 1
            article.draft.editor_note.append(text)
            return
        self.cohesion.add(text)
        body, pieces = article.draft.body, article.pieces
        joins = not alone and article.joinable and not article.closed
        # The last paragraph's end (`Article.last_paragraph_end`, read in line: once a line).
        if joins and body and body[-1].type == PARAGRAPH_BLOCK:
            end = pieces[-1] if pieces else body[-1].text
            ended = self.last_ended if end is self.last_text else forms.ends_sentence(end)
            if (not ended or forms.cut_inside(end, text)) and not opens_an_item(end, text):
                pieces.append(text)
                self._source_at_end(article, text)
                return
        # A closing credit is in brackets: its first character is a cheap test first.
        if text[:1] in "（(" and forms.CLOSING_CREDIT.match(text):
            article.closed = True
        article.append(BlockDraft(PARAGRAPH_BLOCK, text))  # (type, text), as in `_subhead`
        article.joinable = not alone
        self._source_at_end(article, text)

    def _source_at_end(self, article: Article, text: str) -> None:
        """``……应参尽参。据央视新闻``: a source glued to the last sentence ends the story, unless
        prose goes on after it (a column break cut ``……。据市教育局`` / ``统计，……``)."""
        # Remembered: the last paragraph's end is asked again, by the next run's signals
        # (`opening.weigh`) and by the next paragraph, whether it ends a sentence.
        self.last_text = text
        ended = self.last_ended = forms.ends_sentence(text)
        article.source_end = not ended and self.rules.source_at_end(text) is not None

    def _dateline(self, line: Line) -> None:
        article = self.current
        draft = article.draft
        lead = line.lead
        if draft.dateline or draft.body:
            self._paragraph(line.text)
            return
        article.note_left = 0
        article.contacts = 0
        draft.dateline = lead.dateline
        draft.bylines.extend(lead.bylines)
        if lead.rest:
            self._paragraph(lead.rest)

    def _note(self, index: int, line: Line) -> None:
        """编者按: the note runs up to the byline or dateline that follows it, else one paragraph."""
        article = self.current
        paragraphs = 0
        for following in self.lines[index + 1 : index + 1 + self.limits.note_lookahead]:
            if following.kind in (LineKind.BYLINE, LineKind.DATELINE):
                break
            if following.kind != LineKind.PARAGRAPH:
                paragraphs = -1
                break
            paragraphs += 1
        else:
            paragraphs = -1
        if paragraphs < 0:
            paragraphs = 0 if line.text else 1
        if line.text:
            article.draft.editor_note.append(line.text)
        article.note_left = paragraphs

    def _advertisement(self, index: int) -> int:
        advertisement = self.lines[index].advertisement
        end = index
        while end < len(self.lines) and self.lines[end].advertisement == advertisement:
            end += 1
        group = self.lines[index:end]
        story = (
            self.current
            if self.current and self.current.draft.kind != ArticleKind.ADVERTISEMENT
            else self.story
        )
        article = Article(closed=True)
        article.draft.kind = ArticleKind.ADVERTISEMENT
        article.sources.extend(line.raw for line in group)
        headline = next((line for line in group if not forms.mostly_latin(line.text)), group[0])
        article.draft.headline = headline.text
        article.draft.body = [
            BlockDraft(type=BlockType.PARAGRAPH, text=line.text) for line in group if line is not headline
        ]
        self.articles.append(article)
        # Prose after an advertisement still belongs to the story it interrupted.
        self.story = story
        if story is not None:
            story.closed = True
        self.current = story if story is not None else article
        return end
