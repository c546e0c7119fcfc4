"""A readable outline of an edition draft, for an editor to check a dry run at a glance.

    2023-08-09 株洲日报 (zhuzhou-daily): 1 page, 8 articles
    01版 要闻: 8 articles
      1. news          我市2村入选省级美丽乡村示范
                     副题: 分别是茶陵县桃坑乡双元村、攸县酒埠江镇酒仙湖村
                     株洲日报讯 · 全媒体记者/李军, 通讯员/尹照 · 6 paragraphs
                     from 我市2村入选省级美丽乡村示范
                       to 下一步，我市将继续……
      2. news        引题: 湖南株洲市着力构建……新格局
                     党建赋能治理 共建幸福家园
                     ... · ▶ 下转08版
                     from 湖南株洲市着力构建……新格局——
                       to ……▶▶下转08版
                     ? title_split: 两行标题：已把“……”作引题、“……”作主题，请核对

Each article shows the first and last lines the parser read for it, so that an editor sees where
a story was cut, and what the parser doubts (its kind, then the message editors read).

Pure Python: no Django import.
"""

from __future__ import annotations

from .draft import ArticleDraft, BlockType, EditionDraft

INDENT = " " * 20
# The first and last lines are shown this long, at most.
LINE_SHOWN = 60


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _article_lines(article: ArticleDraft) -> list[str]:
    lines = []
    titles = []
    if article.column:
        titles.append(f"栏目: {article.column}")
    if article.kicker:
        titles.append(f"引题: {article.kicker}")
    titles.append(article.headline)
    if article.subheadline:
        titles.append(f"副题: {article.subheadline}")
    lines.append(f"  {article.position:>2}. {article.kind:<14}{titles[0]}")
    lines.extend(INDENT + t for t in titles[1:])
    facts = []
    if article.dateline:
        facts.append(article.dateline)
    if article.bylines:
        facts.append(", ".join(f"{b.organization}{b.label or b.role}/{b.name}" for b in article.bylines))
    if article.editor_note:
        facts.append(f"编者按 {plural(len(article.editor_note), 'paragraph')}")
    subheads = sum(1 for b in article.body if b.type == BlockType.SUBHEAD)
    facts.append(plural(len(article.paragraphs), "paragraph"))
    if subheads:
        facts.append(plural(subheads, "subhead"))
    if article.photos:
        facts.append(plural(len(article.photos), "photo"))
    if article.continued_from:
        facts.append(f"◀ 上接{article.continued_from.label}版")
    if article.continued_to:
        facts.append(f"▶ 下转{article.continued_to.label}版")
    if article.areas:
        facts.append(f"area {plural(len(article.areas), 'polygon')}")
    lines.append(INDENT + " · ".join(facts))
    if article.source_text:
        lines.append(f"{INDENT}from {_shown(article.first_line)}")
        if article.last_line != article.first_line:
            lines.append(f"{INDENT}  to {_shown(article.last_line)}")
    lines.extend(f"{INDENT}? {doubt.kind}: {doubt.message}" for doubt in article.doubts)
    return lines


def _shown(line: str) -> str:
    return line if len(line) <= LINE_SHOWN else line[: LINE_SHOWN - 1] + "…"


def outline(edition: EditionDraft) -> str:
    articles = list(edition.articles())
    number = f" 第{edition.number}期" if edition.number else ""
    lines = [
        f"{edition.date.isoformat()}{number} {edition.publication.name} ({edition.publication.slug}): "
        f"{plural(len(edition.pages), 'page')}, {plural(len(articles), 'article')}"
    ]
    for page in edition.pages:
        name = f" {page.name}" if page.name else ""
        editor = f" (责任编辑 {page.editor})" if page.editor else ""
        size = f" [PDF {page.size[0]:.0f}×{page.size[1]:.0f} pt]" if page.size else ""
        lines.append(f"{page.label}版{name}{editor}{size}: {plural(len(page.articles), 'article')}")
        for article in page.articles:
            lines.extend(_article_lines(article))
    return "\n".join(lines)
