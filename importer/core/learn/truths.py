"""A People's Daily corpus truth (``tests/fixtures/corpus/<date>/truth.json``) as the edition JSON
its editors would have published, the counterpart of the shared tools' truth_to_edition.py
(``tests/fixtures/parser/truth_to_edition.py``, its copy) for 都市快报. Pure Python.

The truth gives each article's kicker, headline, subheadline, paragraphs (the dateline and the
bracketed byline left in the first, as printed) and the pages its parts continue to and from; the
pages are numbered ``01``… in print order.
"""

from __future__ import annotations

from ..draft import SCHEMA, ArticleKind, BlockType


def _ref(page: int | None):
    return None if page is None else {"page": page, "label": f"{page:02d}"}


def _article(position: int, truth: dict) -> dict:
    return {
        "position": position,
        "kind": ArticleKind.NEWS,
        "kicker": truth.get("kicker", ""),
        "headline": truth["headline"],
        "subheadline": truth.get("subheadline", ""),
        "column": "",
        "dateline": "",
        "bylines": [],
        "editor_note": [],
        "body": [{"type": BlockType.PARAGRAPH, "text": text} for text in truth["paragraphs"] if text.strip()],
        "photos": [],
        "continued_to": _ref(truth.get("continued_to")),
        "continued_from": _ref(truth.get("continued_from")),
        "tags": [],
    }


def peoples_daily_edition(truth: dict, *, slug: str = "peoples-daily", name: str = "人民日报") -> dict:
    pages = [
        {
            "number": page["number"],
            "label": page.get("label") or f"{page['number']:02d}",
            "name": page.get("name", ""),
            "editor": "",
            "articles": [_article(i, a) for i, a in enumerate(page["articles"], start=1)],
        }
        for page in truth["pages"]
    ]
    return {
        "schema": SCHEMA,
        "publication": {"slug": slug, "name": name},
        "date": truth["date"],
        "number": None,
        "pages": pages,
    }
