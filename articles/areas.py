"""The articles' areas on their page image (热区), as an editor draws them in the admin's area
editor: checked, then saved article by article, each change in the article's history. On a
published edition an editor's change waits for a desk chief like any other change to the article
(articles.approvals.propose); a desk chief's goes live at once.

Areas are polygons of [x, y] points in fractions of the page's width and height (0–1, origin top
left), as Article.areas stores them and edition JSON carries them.
"""

import json
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from editions.services import lock_edition

from . import approvals
from .models import Article

# The importer's bounds for edition JSON (importer.core.areas; tests/articles/test_areas.py holds
# them equal): a story printed in several blocks has a few polygons of a few corners each.
MAX_POLYGONS = 16
MAX_POINTS = 64
PLACES = 4
# The form's whole text: a page's articles with the most polygons and points fit well within it.
MAX_FORM_CHARS = 500_000

CHANGE = "articles.change_article"
REASON = _("修改版面区域")


class AreasRefused(Exception):
    """Areas that cannot be saved; the message says why, in the editor's words."""


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def check_areas(value, headline=""):
    """`value` as stored areas (points rounded to PLACES), or AreasRefused naming what is wrong:
    each polygon three to MAX_POINTS points on the page, at most MAX_POLYGONS of them."""
    named = {"headline": headline}
    if not isinstance(value, list):
        raise AreasRefused(_("《%(headline)s》的区域格式不对：应为多边形的列表。") % named)
    if len(value) > MAX_POLYGONS:
        raise AreasRefused(
            _("《%(headline)s》有 %(count)d 个区域，最多 %(max)d 个。")
            % {**named, "count": len(value), "max": MAX_POLYGONS}
        )
    polygons = []
    for polygon in value:
        if not isinstance(polygon, list) or not 3 <= len(polygon) <= MAX_POINTS:
            raise AreasRefused(
                _("《%(headline)s》的每个区域要有 3 到 %(max)d 个顶点。") % {**named, "max": MAX_POINTS}
            )
        points = []
        for point in polygon:
            if not (isinstance(point, list) and len(point) == 2 and all(_number(v) for v in point)):
                raise AreasRefused(_("《%(headline)s》的区域顶点格式不对：应为 [x, y] 两个数。") % named)
            if not all(0 <= v <= 1 for v in point):
                raise AreasRefused(_("《%(headline)s》的区域超出了版面：顶点须在版面之内。") % named)
            points.append([round(float(v), PLACES) for v in point])
        polygons.append(points)
    return polygons


@dataclass
class AreasSaved:
    """What a save did: the articles whose areas changed for readers, and those held for review."""

    changed: list = field(default_factory=list)
    held: list = field(default_factory=list)


def read_form(text):
    """The areas editor's form value, {article id: areas}, or AreasRefused."""
    if len(text) > MAX_FORM_CHARS:
        raise AreasRefused(_("区域数据太大，无法保存。"))
    try:
        value = json.loads(text or "{}")
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise AreasRefused(_("区域数据无法读取，请重新打开热区页面。")) from None
    # ASCII digits only: "²" and "١" are digits to str.isdigit, not to int().
    if not isinstance(value, dict) or not all(key.isascii() and key.isdigit() for key in value):
        raise AreasRefused(_("区域数据无法读取，请重新打开热区页面。"))
    return {int(key): areas for key, areas in value.items()}


def save_page_areas(page, areas, *, user, base=None):
    """Give the articles of `page` the areas `areas` ({article id: polygons}); articles not named
    keep theirs. `base` ({article id: polygons}): the areas the editor started from; an article
    whose areas were changed by someone else since is refused rather than overwritten. All or
    nothing, behind the edition's lock. Returns AreasSaved."""
    if not user.has_perm(CHANGE):
        raise PermissionDenied
    with transaction.atomic():
        lock_edition(page.edition.publication.slug, page.edition.date)
        articles = {article.pk: article for article in Article.objects.filter(page=page).order_by("position")}
        unknown = set(areas) - set(articles)
        if unknown:
            raise AreasRefused(_("有区域指定的稿件不在本版上，请重新打开热区页面。"))
        wanted = {pk: check_areas(value, articles[pk].headline) for pk, value in areas.items()}
        saved = AreasSaved()
        for pk, polygons in wanted.items():
            article = articles[pk]
            if polygons == article.areas:
                continue
            if base is not None and base.get(pk, []) != article.areas:
                raise AreasRefused(
                    _(
                        "《%(headline)s》的区域在你打开热区页面后已被别人修改，没有保存。下面仍是你画的"
                        "区域：再次保存会替换别人的修改；重新打开热区页面可以看到别人的修改。"
                    )
                    % {"headline": article.headline}
                )
            if approvals.needs_approval(article, user):
                # Written to a copy: propose undoes the write, and `article` stays as stored.
                change = lambda pk=pk, polygons=polygons: _write(Article.objects.get(pk=pk), polygons, user)  # noqa: E731
                if approvals.propose(article, change, user=user, reason=str(REASON)) is not None:
                    saved.held.append(article)
            else:
                _write(article, polygons, user)
                saved.changed.append(article)
    return saved


def _write(article, polygons, user):
    article.areas = polygons
    article._history_user = user
    article._change_reason = str(REASON)
    article.save(update_fields=["areas", "updated"])
