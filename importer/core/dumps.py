"""An EditionDraft written back as page dumps in the flat printed-page format. Pure Python.

The inverse of the parser for what it reads: page header, title block, editor's note, bylines,
dateline, body, captions and continuation markers, one block per paragraph with blank lines
between, as a print system hands them over. `export_edition --format text` and the benchmark
archive use it.
"""

from __future__ import annotations

from .draft import ArticleDraft, BylineDraft, BylineRole, EditionDraft, PageDraft


def _byline_text(byline: BylineDraft) -> str:
    if byline.role == BylineRole.AUTHOR and not byline.label:
        return byline.name
    return f"{byline.organization}{byline.label}/{byline.name}"


def _grouped_bylines(bylines: list[BylineDraft]) -> str:
    """`全媒体记者/陈正明 通讯员/彭梦笔 吴明`: names after one printed role share it."""
    parts, previous = [], None
    for byline in bylines:
        key = (byline.organization, byline.label, byline.role)
        if key == previous and byline.label:
            parts.append(byline.name)
        else:
            parts.append(_byline_text(byline))
        previous = key
    return " ".join(parts)


def article_to_dump(article: ArticleDraft) -> str:
    blocks: list[str] = []
    if article.column:
        blocks.append(f"【{article.column}】")
    if article.kicker:
        blocks.append(article.kicker)
    blocks.append(article.headline)
    if article.subheadline:
        blocks.append(f"——{article.subheadline}")
    if article.editor_note:
        blocks.append("编者按")
        blocks.extend(article.editor_note)
    body = [block.text for block in article.body]
    if article.continued_from:
        blocks.append(f"上接{article.continued_from.label}版")
    if article.dateline:
        lead = article.dateline
        if article.bylines:
            lead += f"({_grouped_bylines(article.bylines)})"
        body = [f"{lead} {body[0]}" if body else lead, *body[1:]]
    elif article.bylines:
        blocks.append(_grouped_bylines(article.bylines))
    blocks.extend(body)
    for photo in article.photos:
        if photo.caption and photo.credit:
            blocks.append(f"{photo.caption}。{photo.credit}")
        else:
            blocks.append(photo.caption or photo.credit)
    if article.continued_to:
        marker = f"▶▶下转{article.continued_to.label}版"
        if blocks and not article.photos:
            blocks[-1] += marker
        else:
            blocks.append(marker)
    return "\n\n".join(block for block in blocks if block)


def page_to_dump(page: PageDraft, date=None) -> str:
    header = []
    if date is not None:
        weekday = "一二三四五六日"[date.weekday()]
        header.append(f"{date.year}年{date.month}月{date.day}日 星期{weekday}")
    header.append(f"第{page.label}版：{page.name}" if page.name else f"第{page.label}版")
    if page.editor:
        header.append(f"责任编辑：{page.editor}")
    articles = [article_to_dump(article) for article in page.articles]
    return "\n\n".join(["\n".join(header), *articles]) + "\n"


def edition_to_dumps(edition: EditionDraft) -> list[tuple[str, str]]:
    """(label, dump text) for every page, in page order."""
    return [(page.label, page_to_dump(page, edition.date)) for page in edition.pages]
