"""An article's last touches once the page is read: its kind and what the parser doubts. Pure Python.

The kind: an advertisement stays one; a short headline holding one of the profile's
`notice_words` without a dateline is a notice (公告, 声明); an author's byline, a bracketed label
with one of `commentary_words` (``（钟声）``) or a title with one of `commentary_title_words` is
commentary; a story of at most three paragraphs with a photo credit and neither dateline nor byline
is photo news.
"""

from __future__ import annotations

import re

from .. import rules as forms
from ..draft import ArticleDraft, ArticleKind, BylineRole, DoubtKind


def kind_of(draft: ArticleDraft, conventions) -> ArticleKind:
    if draft.kind == ArticleKind.ADVERTISEMENT:
        return draft.kind
    titles = " ".join((draft.headline, draft.subheadline, draft.column))
    if (
        any(word in draft.headline for word in conventions.notice_words)
        and not draft.dateline
        and len(draft.headline) <= 12
    ):
        return ArticleKind.NOTICE
    if any(byline.role == BylineRole.AUTHOR for byline in draft.bylines):
        return ArticleKind.COMMENTARY
    label = forms.bracket_label(draft.headline) or ""
    if any(word in label for word in conventions.commentary_words):
        return ArticleKind.COMMENTARY
    if any(word in titles for word in conventions.commentary_title_words) or draft.subheadline.startswith(
        "论"
    ):
        return ArticleKind.COMMENTARY
    photo_news = not draft.dateline and not draft.bylines and len(draft.paragraphs) <= 3
    if photo_news and any(photo.credit for photo in draft.photos):
        return ArticleKind.PHOTO
    return ArticleKind.NEWS


def finish(article, position: int, profile) -> ArticleDraft:
    draft = article.draft
    draft.position = position
    draft.kind = kind_of(draft, profile.conventions)
    draft.source_text = "\n".join(article.sources)
    first = article.sources[:1]
    if not draft.headline:
        draft.headline = first_words(draft, first, profile.limits.fallback_headline)
        if position == 1 and not draft.continued_from:
            message = "本版开头的文字没有标题，可能是上一版稿件的后续或版面杂项：标题取自开头几个字，请核对"
            draft.doubt(DoubtKind.UNPLACED, message, first)
        elif draft.kind == ArticleKind.PHOTO:
            draft.doubt(DoubtKind.NO_TITLE, "图片新闻没有标题：标题取自图片说明的开头，请核对", first)
        else:
            draft.doubt(
                DoubtKind.NO_TITLE, "没有找到标题：标题取自开头几个字，这段文字也可能属于上一篇稿件", first
            )
    if draft.editor_note and not draft.bylines and not draft.dateline:
        draft.doubt(
            DoubtKind.EDITOR_NOTE, "编者按之后没有署名：请核对编者按到哪里结束", draft.editor_note[:1]
        )
    return draft


# Where the first words of an untitled article end: its first clause or sentence.
CLAUSE = re.compile(r"[，,。．.！!？?；;：:（(“\"]")


def first_words(draft: ArticleDraft, sources: list[str], longest: int) -> str:
    """A headline for an article printed without one: its first words, up to the first clause's
    end and at most ``longest`` characters (``…`` marks a cut), from its text, its captions or its
    first line as printed (a line of markers only)."""
    texts = [block.text for block in draft.body] + draft.editor_note
    texts += [photo.caption or photo.credit for photo in draft.photos]
    texts += [byline.name for byline in draft.bylines] + sources
    text = next((text.strip() for text in texts if text.strip()), "")
    cut = CLAUSE.search(text, 4)
    words = text[: cut.start()] if cut else text
    return words if len(words) <= longest else words[: longest - 1].rstrip() + "…"
