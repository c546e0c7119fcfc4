"""A page PDF with the page's text dump beside it: the dump's text is what is stored, the PDF says
where each article begins and ends, which title line is which, and where it is printed. Each dump
line goes to the block whose text holds it; where one has what the other lacks, the article says
so (a doubt the import preview shows). Pure Python."""

from __future__ import annotations

from newsroom.text import clean_text

from ..draft import ArticleDraft, DoubtKind, PageDraft
from ..parser import parse_page
from .layout import Block, PageLayout
from .page import block_article, page_name

MATCH = 0.6  # share of a dump line's character pairs found in a block's text
ONLY_IN_DUMP = 40  # characters: an unmatched run this long is an article the PDF lacks
TITLE_MATCH = 0.8


def _pairs(text: str) -> set[str]:
    squeezed = "".join(text.split())
    return {squeezed[i : i + 2] for i in range(len(squeezed) - 1)}


def _block_text(block: Block) -> str:
    lines = (block.titles.lines if block.titles else []) + block.lines
    return "".join(line.text for line in lines)


def _title_text(block: Block) -> str:
    return "".join(line.text for line in block.titles.lines) if block.titles else ""


def _assign(lines: list[str], blocks: list[Block]) -> list[int | None]:
    """The block each dump line belongs to; None for lines no block holds."""
    grams = [_pairs(_block_text(block)) for block in blocks]
    owners = []
    for line in lines:
        mine = _pairs(line)
        if not mine or not grams:
            owners.append(None)
            continue
        scores = [len(mine & theirs) / len(mine) for theirs in grams]
        best = max(range(len(scores)), key=scores.__getitem__)
        owners.append(best if scores[best] >= MATCH else None)
    return owners


def _runs(lines: list[str], owners: list[int | None]):
    """Dump lines grouped: (block index, lines) for each block in dump order, and the runs of
    unmatched lines long enough to be an article (the page's furniture before the first match
    is left out, as the dump's parser leaves it)."""
    by_block: dict[int, list[str]] = {}
    strays: list[list[str]] = []
    current, run = None, []
    for line, owner in zip(lines, owners, strict=True):
        if owner is None:
            if current is not None:
                run.append(line)
            continue
        if run:
            if sum(len(x) for x in run) >= ONLY_IN_DUMP:
                strays.append(run)
            else:
                by_block.setdefault(current, []).extend(run)
            run = []
        current = owner
        by_block.setdefault(owner, []).append(line)
    if run:
        if sum(len(x) for x in run) >= ONLY_IN_DUMP:
            strays.append(run)
        else:
            by_block.setdefault(current, []).extend(run)
    return by_block, strays


def _without_title(block: Block, lines: list[str]) -> list[str]:
    """The block's dump lines but those printing its title (the PDF sets the title parts)."""
    title = _pairs(_title_text(block))
    if not title:
        return lines
    body = []
    for line in lines:
        mine = _pairs(line)
        if mine and len(mine & title) / len(mine) >= TITLE_MATCH:
            continue
        body.append(line)
    return body


def dump_and_layout(layout: PageLayout, dump: str, *, label: str, number: int, profile=None) -> PageDraft:
    text = clean_text(dump)
    dumped = parse_page(text, label=label, number=number, profile=profile)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    by_block, strays = _runs(lines, _assign(lines, layout.blocks))
    articles: list[ArticleDraft] = []
    for index, block in enumerate(layout.blocks):
        mine = by_block.get(index)
        if mine is None:
            article = block_article(block, layout, profile)
            article.doubt(
                DoubtKind.MISMATCH,
                "这篇稿件只在版面 PDF 中，文本中没有：文字取自 PDF，请核对",
                [article.headline],
            )
        else:
            texts = [(False, line) for line in _without_title(block, mine)]
            article = block_article(block, layout, profile, texts=texts)
        articles.append(article)
    for run in strays:
        for article in parse_page("\n\n".join(run), profile=profile).articles:
            article.doubt(
                DoubtKind.MISMATCH, "这段文字只在文本中，版面 PDF 中没有找到：没有版面区域，请核对", run[:1]
            )
            articles.append(article)
    articles = [a for a in articles if a.headline or a.body]
    for position, article in enumerate(articles, start=1):
        article.position = position
    return PageDraft(
        number=number,
        label=label,
        name=dumped.name or page_name(layout, label),
        editor=dumped.editor,
        articles=articles,
        size=(round(layout.width, 2), round(layout.height, 2)),
    )
