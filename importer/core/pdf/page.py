"""A page PDF's layout as a `PageDraft`: each block an article whose title parts come from the
sizes (the largest lines the headline, the smaller ones above the kicker, below the
subheadline), whose text the dump parser reads (datelines, bylines, editor's notes, subheads,
captions, continuation markers), and whose area is where the block is printed. Pure Python."""

from __future__ import annotations

import re

from newsroom.text import normalise_label

from ..draft import ArticleDraft, ArticleKind, BlockDraft, BlockType, DoubtKind, PageDraft, PhotoDraft
from ..parser import parse_page
from .areas import block_polygons
from .layout import CAPTION_SIZE, Block, PageLayout, TitleGroup, column_of
from .lines import Line

HEADLINE_STEP = 0.5  # points: lines this close to the largest size are the headline
BODY_STEP = 0.5  # points: lines this close in size are one paragraph's
PAGE_NAME = re.compile(r"第?\s*([A-Za-z]?\d{1,3})\s*版\s*[：:]?\s*([\u4e00-\u9fff·]{2,8})?")
SUBHEAD_MAX = 24


def _joined(parts: list[str]) -> str:
    """Lines of one paragraph or title part as one string (a space only between Latin words)."""
    text = ""
    for part in parts:
        if text and re.match(r"[A-Za-z0-9]", part[:1]) and re.search(r"[A-Za-z0-9,.]$", text):
            text += " "
        text += part
    return text


def title_roles(group: TitleGroup | None) -> tuple[str, str, str]:
    """(kicker, headline, subheadline) of a title group, by size; a vertical headline is one line."""
    if group is None:
        return "", "", ""
    lines = sorted(group.lines, key=lambda line: (line.top, line.x0))
    largest = max(line.size for line in lines)
    big = [i for i, line in enumerate(lines) if line.size >= largest - HEADLINE_STEP]
    first, last = big[0], big[-1]
    kicker = _joined([line.text for line in lines[:first]])
    headline = _joined([line.text for line in lines[first : last + 1]])
    subheadline = _joined([line.text for line in lines[last + 1 :]]).lstrip("—－-").strip()
    return kicker, headline, subheadline


def _boxed_titles(block: Block, body: float) -> TitleGroup | None:
    """A framed block's title: its first lines, when set larger than the rest."""
    big = []
    for line in block.lines:
        if line.size < 1.3 * body:
            break
        big.append(line)
    if not big:
        return None
    block.lines = block.lines[len(big) :]
    return TitleGroup(big)


def paragraphs(block: Block, grid, body: float) -> list[tuple[bool, str]]:
    """(is a caption, text) in reading order: a line indented from its column's edge, or after a
    line that stops short of it, opens a paragraph; a caption's lines are one paragraph."""
    out: list[tuple[bool, list[str]]] = []
    previous: Line | None = None
    short = True
    captions = [line for line in block.lines if line.size < CAPTION_SIZE * body]
    # Captions are set across their photo, not in the grid's columns.
    caption_edges = (min(c.x0 for c in captions), max(c.x1 for c in captions)) if captions else None
    for line in block.lines:
        caption = line.size < CAPTION_SIZE * body
        if caption:
            left, right = caption_edges
        elif grid and block.box is None:
            left, right = grid[column_of(line.x0, grid)]
        else:
            left, right = line.x0, line.x1
        indented = line.x0 - left > 1.2 * line.size
        # A line set in another size (a subhead in the text) is a paragraph of its own.
        resized = previous is not None and abs(line.size - previous.size) > BODY_STEP
        opens = previous is None or short or indented or resized or caption != out[-1][0]
        if opens:
            out.append((caption, [line.text]))
        else:
            out[-1][1].append(line.text)
        short = line.x1 < right - 1.5 * line.size
        previous = line
    return [(caption, _joined(parts)) for caption, parts in out]


def _merge(parsed: list[ArticleDraft], titles: tuple[str, str, str]) -> ArticleDraft:
    """The parser's reading of one block as one article: the parts it cut off go back into the
    body (a title it saw inside the text is a subhead there)."""
    article = parsed[0]
    for other in parsed[1:]:
        for text in (other.kicker, other.headline, other.subheadline):
            if text and text not in titles:
                kind = BlockType.SUBHEAD if len(text) <= SUBHEAD_MAX else BlockType.PARAGRAPH
                article.body.append(BlockDraft(kind, text))
        article.body += other.body
        article.bylines += [b for b in other.bylines if b not in article.bylines]
        article.photos += other.photos
        article.editor_note += other.editor_note
        article.continued_to = article.continued_to or other.continued_to
        article.continued_from = article.continued_from or other.continued_from
        article.dateline = article.dateline or other.dateline
    return article


def _photos_and_kind(article: ArticleDraft, block: Block, texts):
    """A photo's caption with a story beside it is the photo's; a photo news item's caption is its
    text. A framed block without a dateline or byline is an advertisement."""
    captions = [text for caption, text in texts if caption]
    if block.images and captions and not article.photos and len(captions) < len(texts):
        article.photos = [PhotoDraft(caption=" ".join(captions))]
        captioned = set(captions)
        article.body = [b for b in article.body if b.text not in captioned]
    if (
        block.box is not None
        and article.kind == ArticleKind.NEWS
        and not article.dateline
        and not article.bylines
    ):
        article.kind = ArticleKind.ADVERTISEMENT


def block_article(block: Block, layout: PageLayout, profile=None, texts=None) -> ArticleDraft:
    """The block as an article; `texts` ((is a caption, text) in order) in place of the PDF's own
    text when the page's dump gives it."""
    group = block.titles or (_boxed_titles(block, layout.body) if block.box else None)
    kicker, headline, subheadline = title_roles(group)
    if texts is None:
        texts = paragraphs(block, layout.grid, layout.body)
    lines = ([headline] if headline else []) + [text for _caption, text in texts]
    parsed = parse_page("\n\n".join(lines), profile=profile).articles if lines else []
    article = _merge(parsed, (kicker, headline, subheadline)) if parsed else ArticleDraft(headline=headline)
    if headline:
        # What the parser read as a title part the sizes do not make one is text, kept.
        kept = [
            t for t in (article.kicker, article.subheadline) if t and t not in (kicker, headline, subheadline)
        ]
        article.body[:0] = [BlockDraft(BlockType.PARAGRAPH, text) for text in kept]
        article.kicker, article.headline, article.subheadline = kicker, headline, subheadline
        # The sizes settled which title line is which.
        article.doubts = [d for d in article.doubts if d.kind != DoubtKind.TITLE_SPLIT]
        if group is not None and len(parsed) > 1:
            article.column = article.column if article.column not in (kicker, subheadline) else ""
    _photos_and_kind(article, block, texts)
    article.areas = block_polygons(block, layout.grid, layout.width, layout.height)
    return article


def page_name(layout: PageLayout, label: str) -> str:
    for line in layout.furniture:
        for found in PAGE_NAME.finditer(line.text):
            if found.group(2) and normalise_label(found.group(1)) == normalise_label(label):
                return found.group(2)
    return ""


def layout_page(layout: PageLayout, *, label: str, number: int, profile=None) -> PageDraft:
    articles = []
    for block in layout.blocks:
        article = block_article(block, layout, profile)
        if not article.headline and not article.body:
            continue
        article.position = len(articles) + 1
        articles.append(article)
    return PageDraft(
        number=number,
        label=label,
        name=page_name(layout, label),
        articles=articles,
        size=(round(layout.width, 2), round(layout.height, 2)),
    )
