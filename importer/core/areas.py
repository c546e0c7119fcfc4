"""Article areas on a page image: polygons of (x, y) points in fractions of the page's width and
height (0–1, origin top left), as edition JSON carries them. Pure Python.

`check_areas` reads them from edition JSON and refuses what no page holds; `round_areas` gives
the stored form. The admin's area editor checks within the same bounds in the articles' own words
(articles.areas, which cannot import the importer; a test holds the bounds equal).
"""

from __future__ import annotations

from .errors import EditionImportError, gettext_noop

# A story printed in several blocks (an L, a jump around a photo) has a few polygons of a few
# corners each; far more than any page holds is refused before it costs the reader's page.
MAX_POLYGONS = 16
MAX_POINTS = 64
# Stored to a ten-thousandth of the page: a broadsheet's width to a tenth of a millimetre.
PLACES = 4
# The largest page a PDF may have (its user space is at most 14 400 units a side).
MAX_PAGE_POINTS = 14400

Point = tuple[float, float]
Polygon = list[Point]


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _point(item, where: str) -> Point:
    if not isinstance(item, (list, tuple)) or len(item) != 2 or not all(_number(v) for v in item):
        raise EditionImportError(gettext_noop("%(place)s must be a pair [x, y] of numbers"), place=where)
    x, y = item
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise EditionImportError(
            gettext_noop("%(place)s must lie on the page (x and y between 0 and 1)"), place=where
        )
    return (round(float(x), PLACES), round(float(y), PLACES))


def check_areas(value, where: str) -> list[Polygon]:
    """`value` as a list of polygons, or EditionImportError naming the first thing wrong (each
    polygon at least three points on the page, at most MAX_POLYGONS of MAX_POINTS points)."""
    if not isinstance(value, list):
        raise EditionImportError(gettext_noop("%(place)s must be a list of polygons"), place=where)
    if len(value) > MAX_POLYGONS:
        raise EditionImportError(
            gettext_noop("%(place)s has %(count)d polygons, more than %(limit)d"),
            place=where,
            count=len(value),
            limit=MAX_POLYGONS,
        )
    polygons = []
    for i, polygon in enumerate(value):
        here = f"{where}[{i}]"
        if not isinstance(polygon, list):
            raise EditionImportError(gettext_noop("%(place)s must be a list of points"), place=here)
        if not 3 <= len(polygon) <= MAX_POINTS:
            raise EditionImportError(
                gettext_noop("%(place)s must have between 3 and %(limit)d points"),
                place=here,
                limit=MAX_POINTS,
            )
        polygons.append([_point(item, f"{here}[{j}]") for j, item in enumerate(polygon)])
    return polygons


def round_areas(areas) -> list[Polygon]:
    """Areas as stored: each point rounded, inside the page, polygons of fewer than three points
    dropped."""
    polygons = []
    for polygon in areas or []:
        points = [
            (round(min(1.0, max(0.0, float(x))), PLACES), round(min(1.0, max(0.0, float(y))), PLACES))
            for x, y in polygon
        ]
        if len(points) >= 3:
            polygons.append(points[:MAX_POINTS])
    return polygons[:MAX_POLYGONS]


def check_size(value, where: str) -> tuple[float, float] | None:
    """A page's [width, height] in PDF points, or None."""
    if value is None:
        return None
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or not all(_number(v) and 0 < v <= MAX_PAGE_POINTS for v in value)
    ):
        raise EditionImportError(
            gettext_noop(
                "%(place)s must be [width, height] in PDF points (each above 0, at most %(limit)d) or null"
            ),
            place=where,
            limit=MAX_PAGE_POINTS,
        )
    return (round(float(value[0]), 2), round(float(value[1]), 2))


def areas_to_json(areas) -> list[list[list[float]]]:
    return [[[x, y] for x, y in polygon] for polygon in areas]
