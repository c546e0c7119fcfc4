"""An article's area on its page: the columns its lines, titles and photos take, as rectilinear
polygons (an L-shaped story is one polygon of six points), in fractions of the page. Pure Python."""

from __future__ import annotations

from .layout import Block


def _columns_of(x0: float, x1: float, grid) -> list[int]:
    hit = [i for i, (left, right) in enumerate(grid) if x0 < right - 1 and x1 > left + 1]
    if hit:
        return hit
    middle = (x0 + x1) / 2
    return [min(range(len(grid)), key=lambda i: abs((grid[i][0] + grid[i][1]) / 2 - middle))]


def _outline(run: list[tuple[float, float, float, float]]) -> list[tuple[float, float]]:
    """Columns side by side (x0, x1, top, bottom), gutters filled: along the tops, back along the
    bottoms, without points in the middle of a straight edge."""
    points = []
    for i, (x0, x1, top, _bottom) in enumerate(run):
        right = run[i + 1][0] if i + 1 < len(run) else x1
        points += [(x0, top), (right, top)]
    for i in range(len(run) - 1, -1, -1):
        x0, x1, _top, bottom = run[i]
        right = run[i + 1][0] if i + 1 < len(run) else x1
        points += [(right, bottom), (x0, bottom)]
    return _simplified(points)


def _simplified(points):
    out = []
    for point in points:
        if out and out[-1] == point:
            continue
        out.append(point)
    changed = True
    while changed and len(out) > 4:
        changed = False
        for i in range(len(out)):
            a, b, c = out[i - 1], out[i], out[(i + 1) % len(out)]
            if (a[0] == b[0] == c[0]) or (a[1] == b[1] == c[1]):
                del out[i]
                changed = True
                break
    return out


def block_polygons(block: Block, grid, width: float, height: float) -> list[list[tuple[float, float]]]:
    """The block's area as polygons of (x, y) fractions of the page."""
    if block.box is not None:
        b = block.box
        rects = [[(b.x0, b.top), (b.x1, b.top), (b.x1, b.bottom), (b.x0, b.bottom)]]
    elif not grid:
        items = block.elements()
        x0, x1 = min(i[0] for i in items), max(i[2] for i in items)
        top, bottom = min(i[1] for i in items), max(i[3] for i in items)
        rects = [[(x0, top), (x1, top), (x1, bottom), (x0, bottom)]]
    else:
        spans: dict[int, list[float]] = {}
        for x0, top, x1, bottom in block.elements():
            columns = _columns_of(x0, x1, grid)
            for column in columns:
                span = spans.setdefault(column, [top, bottom, *grid[column][:2]])
                span[0], span[1] = min(span[0], top), max(span[1], bottom)
            # A photo or headline reaching past the grid (beyond the last column that holds body
            # text) widens the columns it starts and ends in.
            spans[columns[0]][2] = min(spans[columns[0]][2], x0)
            spans[columns[-1]][3] = max(spans[columns[-1]][3], x1)
        runs, run = [], []
        for column in sorted(spans):
            if run and column != run[-1][0] + 1:
                runs.append(run)
                run = []
            run.append((column, spans[column]))
        runs.append(run)
        rects = [_outline([(x0, x1, top, bottom) for _c, (top, bottom, x0, x1) in r]) for r in runs if r]
    return [
        [(min(1.0, max(0.0, x / width)), min(1.0, max(0.0, y / height))) for x, y in polygon]
        for polygon in rects
    ]
