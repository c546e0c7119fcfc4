"""An article's last touches once the page is read: its kind and what the parser doubts. Pure Python.

The kind: an advertisement stays one; a short headline holding one of the profile's
`notice_words` without a dateline is a notice (公告, 声明); an author's byline, a bracketed label
with one of `commentary_words` (``（钟声）``) or a title with one of `commentary_title_words` is
commentary; a story of at most three paragraphs with a photo credit and neither dateline nor byline
is photo news.
"""

from __future__ import annotations

from .. import rules as forms
from ..draft import ArticleDraft, DoubtKind


def kind_of(draft: ArticleDraft, conventions) -> str:
    if draft.kind == "advertisement":
        return draft.kind
    titles = " ".join((draft.headline, draft.subheadline, draft.column))
    if (
        any(word in draft.headline for word in conventions.notice_words)
        and not draft.dateline
        and len(draft.headline) <= 12
    ):
        return "notice"
    if any(byline.role == "author" for byline in draft.bylines):
        return "commentary"
    label = forms.bracket_label(draft.headline) or ""
    if any(word in label for word in conventions.commentary_words):
        return "commentary"
    if any(word in titles for word in conventions.commentary_title_words) or draft.subheadline.startswith(
        "论"
    ):
        return "commentary"
    photo_news = not draft.dateline and not draft.bylines and len(draft.paragraphs) <= 3
    if photo_news and any(photo.credit for photo in draft.photos):
        return "photo"
    return "news"


def finish(article, position: int, profile) -> ArticleDraft:
    draft = article.draft
    draft.position = position
    draft.kind = kind_of(draft, profile.conventions)
    draft.source_text = "\n".join(article.sources)
    first = article.sources[:1]
    if not draft.headline:
        if draft.kind == "photo" and draft.photos and draft.photos[0].caption:
            draft.doubt(DoubtKind.NO_TITLE, "图片新闻没有标题", first)
        else:
            draft.doubt(DoubtKind.NO_TITLE, "没有找到标题：这段文字可能属于上一篇稿件", first)
    if draft.editor_note and not draft.bylines and not draft.dateline:
        draft.doubt(
            DoubtKind.EDITOR_NOTE, "编者按之后没有署名：请核对编者按到哪里结束", draft.editor_note[:1]
        )
    return draft
