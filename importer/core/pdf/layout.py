"""A page's lines into the page's layout: furniture, the column grid, title groups, and the
articles (blocks) the layout draws, each with its lines in reading order and its area. Pure Python.

Which article a line belongs to is read as a reader's eye reads it: the title group nearest above
it over its column, unless a rule lies between (a story begins below a rule); then the title group
nearest beside it below that rule (a vertical headline at the block's left, a headline narrower
than its block). A story's columns may reach further down than its headline's neighbours: an
L-shaped story stays one article. Text in a framed box is an article of its own (advertisements,
notices); text under or over a photo goes with the photo.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .chars import PageContent, Rect
from .lines import Line, body_size, read_lines

TITLE_SIZE = 1.3  # a title line is at least this much larger than the body
SUBTITLE_SIZE = 1.1  # ... or this much, right above or below one (a kicker, a subheadline)
TITLE_PART_LINES = 2
CAPTION_SIZE = 0.95  # a caption is set smaller than the body
BODY_TOLERANCE = 0.6  # points: the body size, give or take
MASTHEAD_BAND = 0.12  # the masthead and its rule lie in the top of the page
GRID_MIN_LINES = 3
CLUSTER = 1.5  # points: line starts this close are one column's left edge


@dataclass
class TitleGroup:
    lines: list[Line]

    @property
    def x0(self):
        return min(line.x0 for line in self.lines)

    @property
    def x1(self):
        return max(line.x1 for line in self.lines)

    @property
    def top(self):
        return min(line.top for line in self.lines)

    @property
    def bottom(self):
        return max(line.bottom for line in self.lines)


@dataclass
class Block:
    """One article as the layout draws it."""

    titles: TitleGroup | None
    lines: list[Line] = field(default_factory=list)
    images: list[Rect] = field(default_factory=list)
    box: Rect | None = None
    polygons: list[list[tuple[float, float]]] = field(default_factory=list)

    def elements(self):
        """(x0, top, x1, bottom) of everything the block holds."""
        items = [(line.x0, line.top, line.x1, line.bottom) for line in self.lines]
        items += [(r.x0, r.top, r.x1, r.bottom) for r in self.images]
        if self.titles:
            items += [(line.x0, line.top, line.x1, line.bottom) for line in self.titles.lines]
        return items


@dataclass
class PageLayout:
    width: float
    height: float
    body: float
    furniture: list[Line]
    blocks: list[Block]
    grid: list[tuple[float, float]]  # the columns' left and right edges


def _masthead_bottom(content: PageContent) -> float:
    """The masthead's rule, or the band it is printed on: a rule or a tinted box across most of
    the page near its top (0 when there is none)."""
    wide = [
        r
        for r in content.rules + content.boxes
        if r.width >= 0.6 * content.width and r.bottom <= MASTHEAD_BAND * content.height
    ]
    return max((r.bottom for r in wide), default=0.0)


def _grid(lines: list[Line], body: float) -> list[tuple[float, float]]:
    """The body's columns: left edges many body lines start at (indented starts left out), each
    with the right edge its lines reach."""
    starts = sorted(line.x0 for line in lines)
    clusters: list[list[float]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= CLUSTER:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    lefts = [c[0] for c in clusters if len(c) >= GRID_MIN_LINES]
    # A paragraph's first line starts an indent to the right of its column's edge.
    lefts = [x for x in lefts if not any(body * 1.2 <= x - other <= body * 3.2 for other in lefts)]
    grid = []
    for i, left in enumerate(lefts):
        limit = lefts[i + 1] if i + 1 < len(lefts) else float("inf")
        rights = [line.x1 for line in lines if left - CLUSTER <= line.x0 < limit and line.x1 <= limit]
        grid.append((left, max(rights, default=left + body)))
    return grid


def _split_at_gutters(line: Line, grid, body: float) -> list[Line]:
    """Two stories' headlines set side by side on one baseline: split where a gap holds a
    gutter of the column grid."""
    if line.vertical:
        return [line]
    gutters = [(grid[i][1] + grid[i + 1][0]) / 2 for i in range(len(grid) - 1)]
    pieces, piece = [], [line.chars[0]]
    for char in line.chars[1:]:
        gap = (piece[-1].x1, char.x0)
        wide = gap[1] - gap[0] - line.tracking >= 0.5 * body
        if wide and any(gap[0] <= g <= gap[1] for g in gutters):
            pieces.append(Line(piece))
            piece = []
        piece.append(char)
    pieces.append(Line(piece))
    return pieces


def _next_to(line: Line, other: Line) -> bool:
    """One line right above or below the other, overlapping it across."""
    gap = max(line.top - other.bottom, other.top - line.bottom)
    return gap <= max(line.size, other.size) and line.x0 < other.x1 and other.x0 < line.x1


def _run_of(line: Line, candidates: list[Line]) -> list[Line]:
    """The line and the lines of its size one under another with it, up and down."""
    run, grown = [line], True
    while grown and len(run) <= TITLE_PART_LINES:
        grown = False
        for other in candidates:
            if (
                other.size == line.size
                and all(other is not r for r in run)
                and any(_next_to(other, r) for r in run)
            ):
                run.append(other)
                grown = True
    return run


def _title_parts(lines: list[Line], titles: list[Line], body: float) -> list[Line]:
    """Lines set a little larger than the body right above or below a title (a kicker or a
    subheadline at 12 pt over a 10.5 pt body), one or two of them: parts of that title, not the
    story's first text. More such lines together are a paragraph set large (a lead, an editorial
    set in a larger body); such a line further from any title is a subhead in the text."""
    candidates = [
        line for line in lines if SUBTITLE_SIZE * body <= line.size < TITLE_SIZE * body and not line.vertical
    ]
    parts: list[Line] = []
    for line in candidates:
        if any(line is part for part in parts) or not any(_next_to(line, title) for title in titles):
            continue
        run = _run_of(line, candidates)
        if len(run) <= TITLE_PART_LINES:
            parts += run
    return parts


def _title_groups(titles: list[Line]) -> list[TitleGroup]:
    """Title lines one under another, overlapping across, are one title (kicker, headline,
    subheadline); a vertical headline is one by itself."""
    groups: list[TitleGroup] = []
    for line in sorted(titles, key=lambda t: (t.top, t.x0)):
        if line.vertical:
            groups.append(TitleGroup([line]))
            continue
        for group in reversed(groups):
            last = group.lines[-1]
            near = 0 <= line.top - last.bottom <= 1.0 * max(line.size, last.size)
            across = line.x0 < group.x1 and group.x0 < line.x1
            if near and across and not last.vertical:
                group.lines.append(line)
                break
        else:
            groups.append(TitleGroup([line]))
    return groups


class _Owners:
    """Finds the title group an element (line or photo) belongs to."""

    def __init__(self, groups: list[TitleGroup], rules: list[Rect]):
        self.groups = groups
        self.rules = [r for r in rules if r.width > r.height]

    def _rule_between(self, x: float, upper: float, lower: float) -> Rect | None:
        found = [r for r in self.rules if r.x0 <= x <= r.x1 and upper < r.top < lower]
        return max(found, key=lambda r: r.top, default=None)

    def owner(self, x0: float, top: float, x1: float) -> TitleGroup | None:
        middle = (x0 + x1) / 2
        above = [
            g
            for g in self.groups
            if g.top <= top + 1 and g.x0 - 2 <= middle <= g.x1 + 2 and g.bottom <= top + 2
        ]
        nearest = max(above, key=lambda g: g.bottom, default=None)
        rule = self._rule_between(middle, nearest.bottom if nearest else -1.0, top)
        if nearest is not None and rule is None:
            return nearest
        ceiling = rule.top if rule is not None else -1.0
        # A headline beside its text starts level with it (its large characters' boxes a little lower).
        beside = [g for g in self.groups if ceiling - 2 <= g.top <= top + 1 + 0.25 * g.lines[0].size]
        if not beside:
            return None

        def distance(g: TitleGroup):
            across = max(0.0, g.x0 - x1, x0 - g.x1)
            return (across, top - g.top)

        return min(beside, key=distance)


def _inside(line: Line, box: Rect) -> bool:
    return (
        box.x0 - 1 <= line.x0
        and line.x1 <= box.x1 + 1
        and box.top - 1 <= line.top
        and line.bottom <= box.bottom + 1
    )


def _boxed(lines: list[Line], boxes: list[Rect]) -> tuple[list[Block], list[Line]]:
    """Blocks of the lines framed in boxes, and the lines left outside them."""
    blocks = []
    for box in boxes:
        inside = [line for line in lines if _inside(line, box)]
        if inside:
            blocks.append(Block(None, lines=inside, box=box))
            lines = [line for line in lines if not _inside(line, box)]
    return blocks, lines


def _owned(groups: list[TitleGroup], rest: list[Line], content: PageContent) -> list[Block]:
    """Each title group's block with the lines and photos that are its own; what no title claims
    is one block of its own, last."""
    owners = _Owners(groups, content.rules)
    blocks = {id(g): Block(g) for g in groups}
    orphans = Block(None)
    for line in rest:
        group = owners.owner(line.x0, line.top, line.x1)
        (blocks[id(group)] if group else orphans).lines.append(line)
    for image in content.images:
        group = owners.owner(image.x0, image.top, image.x1)
        (blocks[id(group)] if group else orphans).images.append(image)
    return list(blocks.values()) + ([orphans] if orphans.lines else [])


def read_layout(content: PageContent) -> PageLayout:
    body = body_size(content.chars)
    lines = read_lines(content.chars, body)
    masthead = _masthead_bottom(content)
    furniture = [line for line in lines if line.bottom <= masthead + 1]
    lines = [line for line in lines if line.bottom > masthead + 1]
    boxed, lines = _boxed(lines, content.boxes)
    titles = [line for line in lines if line.size >= TITLE_SIZE * body or line.vertical]
    titles += _title_parts(lines, titles, body)
    chosen = set(map(id, titles))
    rest = [line for line in lines if id(line) not in chosen]
    grid = _grid([line for line in rest if abs(line.size - body) <= BODY_TOLERANCE], body)
    titles = [piece for line in titles for piece in _split_at_gutters(line, grid, body)]
    ordered = _owned(_title_groups(titles), rest, content) + boxed
    for block in ordered:
        block.lines.sort(key=lambda line: (column_of(line.x0, grid), line.top, line.x0))
    ordered = [b for b in ordered if b.lines or b.titles]
    ordered.sort(key=lambda b: _first_place(b, grid))
    return PageLayout(content.width, content.height, body, furniture, ordered, grid)


def column_of(x0: float, grid: list[tuple[float, float]]) -> int:
    """The grid column a line starting at `x0` is in (the last whose left edge it reaches)."""
    index = 0
    for i, (left, _right) in enumerate(grid):
        if x0 >= left - CLUSTER:
            index = i
    return index


def _first_place(block: Block, grid) -> tuple:
    """Where a reader meets the block: its top, then its column (articles in printed order)."""
    items = block.elements()
    top = min(t for _x0, t, _x1, _b in items)
    left = min(x0 for x0, _t, _x1, _b in items)
    return (round(top / 40), column_of(left, grid))
