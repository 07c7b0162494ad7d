"""Ruled tables from pdfium's path objects, found as pdfplumber's table finder finds them.

speclint used to hand each page that might hold a ruled table to pdfplumber: a copy of
the page with its text removed, written out by pdfium and read back by pdfminer. That
cost a few milliseconds a page and the import of pdfplumber. :func:`ruled_tables` does
the same work on the path objects pdfium has already parsed, in three steps that
mirror the old route:

1. what pdfminer would have read: pdfium writes each path's points as the shortest
   decimals that give back its single-precision numbers (a rectangle as ``re``, from
   its first and third points), with the object's matrix as ``cm``; pdfminer splits a
   path at each ``m``, reads a segment or a closed four-sided box as a line or a
   rectangle and anything else as a curve through its end points
   (:func:`_objects`);
2. their edges, as pdfplumber takes them from lines, rectangles and curves, in the
   page's top-down coordinates;
3. pdfplumber's "lines" strategy with its default settings: edges of a point or more,
   snapped and joined within 3 points, edges of 3 points or more, intersections within
   3 points, the smallest cells between them, and cells that share a corner grouped
   into tables of two cells or more, each read as rows of cell boxes.

Every sort and sum is done in the order pdfplumber does it, so the cells are the same
numbers. A page outside what this reads the same way (rotated, a media box that does
not start at the origin, paths inside form XObjects, a Bézier run pdfium would cut
short, too many points) gets ``None`` and goes to pdfplumber as before.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import struct
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, Literal

import pypdfium2.raw as pdfium_c

from speclint.parsers.pdf_layout import TableGeom
from speclint.parsers.pdf_raw import COUNT_OBJECTS as _COUNT_OBJECTS
from speclint.parsers.pdf_raw import DRAW_MODE as _DRAW_MODE
from speclint.parsers.pdf_raw import FORM_COUNT_OBJECTS as _FORM_COUNT_OBJECTS
from speclint.parsers.pdf_raw import FORM_GET_OBJECT as _FORM_GET_OBJECT
from speclint.parsers.pdf_raw import GET_OBJECT as _GET_OBJECT
from speclint.parsers.pdf_raw import GET_SEGMENT as _GET_SEGMENT
from speclint.parsers.pdf_raw import OBJECT_MATRIX as _OBJECT_MATRIX
from speclint.parsers.pdf_raw import OBJECT_TYPE as _OBJECT_TYPE
from speclint.parsers.pdf_raw import SEGMENT_CLOSE as _SEGMENT_CLOSE
from speclint.parsers.pdf_raw import SEGMENT_COUNT as _SEGMENT_COUNT
from speclint.parsers.pdf_raw import SEGMENT_POINT as _SEGMENT_POINT
from speclint.parsers.pdf_raw import SEGMENT_TYPE as _SEGMENT_TYPE

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
# An edge: x0, top, x1, bottom, width, height, orientation ("h", "v" or "").
Edge = tuple[float, float, float, float, float, float, str]
Matrix = tuple[float, float, float, float, float, float]

#: pdfplumber's defaults: snap, join and intersection tolerances; shortest edges kept.
_SNAP = 3
_JOIN = 3
_MEET = 3
_MIN_PREFILTER = 1
_MIN_EDGE = 3


_MOVE = pdfium_c.FPDF_SEGMENT_MOVETO
_LINE = pdfium_c.FPDF_SEGMENT_LINETO
_BEZIER = pdfium_c.FPDF_SEGMENT_BEZIERTO
_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM

_FLOAT32 = struct.Struct("<f")
_SUBPATH = re.compile(r"m[^m]+")


class _Unsupported(Exception):
    """The page holds something this module does not read as pdfminer would."""


def ruled_tables(
    page: Any, mediabox: Sequence[float], rotation: int, max_points: int
) -> list[TableGeom] | None:
    """Return the ruled tables of two columns or more on a pdfium page, as cell boxes.

    ``None`` means the page is outside what this reads as pdfplumber does (see the
    module docstring), or has more than ``max_points`` path points.
    """
    left, bottom, _right, top = mediabox
    if rotation % 360 or left != 0 or bottom != 0:
        return None
    height = _decimal(top)
    try:
        lines, rects, curves = _objects(page.raw, height, max_points)
    except _Unsupported:
        return None
    edges = [_line_edge(line, height) for line in lines]
    for rect in rects:
        edges.extend(_rect_edges(rect, height))
    for curve in curves:
        edges.extend(_curve_edges(curve))
    out: list[TableGeom] = []
    for cells in _cells_to_tables(_cells(_intersections(_table_edges(edges)))):
        rows = _rows(cells)
        if max((sum(1 for cell in row if cell is not None) for row in rows), default=0) < 2:
            continue  # a box or a frame of boxes (one column) is not a table
        bbox = (
            float(min(c[0] for c in cells)),
            float(min(c[1] for c in cells)),
            float(max(c[2] for c in cells)),
            float(max(c[3] for c in cells)),
        )
        out.append(TableGeom(bbox=bbox, rows=rows))
    return out


# --------------------------------------------------------------------------- what pdfminer reads


def _decimal(value: float) -> float:
    """The number pdfminer reads where pdfium writes a single-precision ``value``.

    pdfium writes the shortest decimal that reads back as the same single-precision
    number; pdfminer reads that decimal in double precision.
    """
    single: float = _FLOAT32.unpack(_FLOAT32.pack(value))[0]
    if single.is_integer() and -16777216.0 < single < 16777216.0:
        return single + 0.0  # written as the integer, exactly ("-0" is written "0")
    known = _DECIMALS.get(single)
    if known is not None:
        return known
    if single != single:
        return 0.0
    # Enough digits to read back is monotonic in the digits: bisect 1 to 9.
    low, high = 1, 9
    while low < high:
        middle = (low + high) // 2
        if _FLOAT32.unpack(_FLOAT32.pack(float(f"{single:.{middle}g}")))[0] == single:
            high = middle
        else:
            low = middle + 1
    result = float(f"{single:.{low}g}")
    if len(_DECIMALS) < 65536:
        _DECIMALS[single] = result
    return result


_DECIMALS: dict[float, float] = {}


# (line, rectangle or curve): bounding box x0, y0, x1, y1 and, for a curve, its points.
_Object = tuple[float, float, float, float, list[Point]]


def _objects(
    raw_page: Any, height: float, max_points: int
) -> tuple[list[_Object], list[_Object], list[_Object]]:
    """The lines, rectangles and curves pdfminer would read from the page's paths."""
    lines: list[_Object] = []
    rects: list[_Object] = []
    curves: list[_Object] = []
    matrix = pdfium_c.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    budget = max_points
    for j in range(_COUNT_OBJECTS(raw_page)):
        obj = _GET_OBJECT(raw_page, j)
        kind = _OBJECT_TYPE(obj)
        if kind == _FORM:
            if _form_has_paths(obj, 0):
                raise _Unsupported  # pdfminer reads a form's own stream, not pdfium's numbers
            continue
        if kind != _PATH:
            continue
        if not _DRAW_MODE(obj, ctypes.byref(fill), ctypes.byref(stroke)):
            raise _Unsupported
        if fill.value == pdfium_c.FPDF_FILLMODE_NONE and not stroke.value:
            continue  # written with "n": nothing painted
        count = _SEGMENT_COUNT(obj)
        budget -= count
        if budget < 0 or count <= 0:
            raise _Unsupported
        if not _OBJECT_MATRIX(obj, ctypes.byref(matrix)):
            raise _Unsupported
        points: list[tuple[int, float, float, bool]] = []
        for k in range(count):
            segment = _GET_SEGMENT(obj, k)
            _SEGMENT_POINT(segment, ctypes.byref(x), ctypes.byref(y))
            points.append((_SEGMENT_TYPE(segment), x.value, y.value, bool(_SEGMENT_CLOSE(segment))))
        m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        ctm = None if m == (1.0, 0.0, 0.0, 1.0, 0.0, 0.0) else tuple(_decimal(v) for v in m)
        _paint(_written(points), ctm, height, lines, rects, curves)  # type: ignore[arg-type]
    return lines, rects, curves


def _form_has_paths(form: Any, depth: int) -> bool:
    if depth > 8:
        return True
    for j in range(_FORM_COUNT_OBJECTS(form)):
        obj = _FORM_GET_OBJECT(form, j)
        kind = _OBJECT_TYPE(obj)
        if kind == _PATH or (kind == _FORM and _form_has_paths(obj, depth + 1)):
            return True
    return False


def _written(points: list[tuple[int, float, float, bool]]) -> list[tuple[Any, ...]]:
    """The path as pdfium writes it and pdfminer's interpreter collects it."""
    if _is_rect(points):
        _t, x0, y0, _c = points[0]
        _t, x2, y2, _c = points[2]
        dx = _FLOAT32.unpack(_FLOAT32.pack(x2 - x0))[0]
        dy = _FLOAT32.unpack(_FLOAT32.pack(y2 - y0))[0]
        rx, ry, rw, rh = _decimal(x0), _decimal(y0), _decimal(dx), _decimal(dy)
        return [
            ("m", rx, ry),
            ("l", rx + rw, ry),
            ("l", rx + rw, ry + rh),
            ("l", rx, ry + rh),
            ("h",),
        ]
    ops: list[tuple[Any, ...]] = []
    i = 0
    while i < len(points):
        kind, px, py, close = points[i]
        if kind == _MOVE:
            ops.append(("m", _decimal(px), _decimal(py)))
        elif kind == _LINE:
            ops.append(("l", _decimal(px), _decimal(py)))
        elif kind == _BEZIER:
            if (
                i + 2 >= len(points)
                or close
                or points[i + 1][0] != _BEZIER
                or points[i + 1][3]
                or points[i + 2][0] != _BEZIER
            ):
                raise _Unsupported  # pdfium would close the path here and drop the rest
            _k, x1, y1, _c = points[i + 1]
            _k, x2, y2, close = points[i + 2]
            ops.append(
                (
                    "c",
                    _decimal(px),
                    _decimal(py),
                    _decimal(x1),
                    _decimal(y1),
                    _decimal(x2),
                    _decimal(y2),
                )
            )
            i += 2
        else:
            raise _Unsupported
        if close:
            ops.append(("h",))
        i += 1
    return ops


def _is_rect(points: list[tuple[int, float, float, bool]]) -> bool:
    """Tell whether pdfium writes the path as ``re`` (its ``CFX_Path::IsRect``).

    Five points, the last back at the first, joined by lines that are each level or
    upright, make a rectangle. pdfium's versions differ on four points (a box left
    open on one side) and on longer closed paths of level and upright lines (which
    some reduce to five points first): those raise :class:`_Unsupported`, and
    pdfplumber reads the page.
    """
    if any(p[0] != _LINE for p in points[1:]):
        return False
    xy = [(p[1], p[2]) for p in points]
    if len(points) == 4 and _box_shaped(xy):
        raise _Unsupported
    if len(points) > 5 and xy[0] == xy[-1]:
        # Dropping points (repeated or in line with their neighbours) cannot turn a
        # path with a slanting side into a rectangle.
        if all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(xy)):
            raise _Unsupported
        return False
    return len(points) == 5 and xy[0] == xy[4] and _box_shaped(xy[:4])


def _box_shaped(xy: list[Point]) -> bool:
    if len(xy) < 4 or xy[0] == xy[2] or xy[1] == xy[3]:
        return False
    return all(
        xy[a][0] == xy[b][0] or xy[a][1] == xy[b][1] for a, b in ((1, 0), (2, 1), (3, 2), (0, 3))
    )


def _apply(ctm: Matrix | None, x: float, y: float) -> Point:
    if ctm is None:
        return x, y
    a, b, c, d, e, f = ctm
    return a * x + c * y + e, b * x + d * y + f


def _bound(pts: Iterable[Point]) -> tuple[float, float, float, float]:
    x0 = y0 = float("inf")
    x1 = y1 = -float("inf")
    for x, y in pts:
        x0 = min(x0, x)
        y0 = min(y0, y)
        x1 = max(x1, x)
        y1 = max(y1, y)
    return x0, y0, x1, y1


def _paint(
    path: list[tuple[Any, ...]],
    ctm: Matrix | None,
    height: float,
    lines: list[_Object],
    rects: list[_Object],
    curves: list[_Object],
) -> None:
    """Read the path's subpaths as lines, rectangles or curves (pdfminer's ``paint_path``)."""
    shape = "".join(op[0] for op in path)
    if shape[:1] != "m":
        return
    if shape.count("m") > 1:
        for m in _SUBPATH.finditer(shape):
            _paint(path[m.start(0) : m.end(0)], ctm, height, lines, rects, curves)
        return
    raw = [op[-2:] if op[0] != "h" else path[0][-2:] for op in path]
    pts = [_apply(ctm, px, py) for px, py in raw]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        x0, y0, x1, y1 = _bound(pts[:2])
        lines.append((x0, y0, x1, y1, []))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            a, b = pts[0], pts[2]
            bx0, by0, bx1, by1 = _bound([(a[0], a[1]), (b[0], a[1]), (b[0], b[1]), (a[0], b[1])])
            rects.append((bx0, by0, bx1, by1, []))
            return
    bx0, by0, bx1, by1 = _bound(pts)
    # pdfplumber turns a curve's points to top-down coordinates.
    curves.append((bx0, by0, bx1, by1, [(0 + px, 0.0 + (height - py)) for px, py in pts]))


# --------------------------------------------------------------------------- edges


def _top_bottom(obj: _Object, height: float) -> tuple[float, float]:
    return (height - obj[3]) + 0.0, (height - obj[1]) + 0.0


def _line_edge(line: _Object, page_height: float) -> Edge:
    x0, y0, x1, y1, _pts = line
    top, bottom = _top_bottom(line, page_height)
    return (x0, top, x1, bottom, x1 - x0, y1 - y0, "h" if top == bottom else "v")


def _rect_edges(rect: _Object, page_height: float) -> list[Edge]:
    x0, y0, x1, y1, _pts = rect
    top, bottom = _top_bottom(rect, page_height)
    width, height = x1 - x0, y1 - y0
    return [
        (x0, top, x1, top, width, 0, "h"),
        (x0, top + height, x1, bottom, width, 0, "h"),
        (x0, top, x0, bottom, 0, height, "v"),
        (x1, top, x1, bottom, 0, height, "v"),
    ]


def _curve_edges(curve: _Object) -> list[Edge]:
    pts = curve[4]
    out: list[Edge] = []
    for p0, p1 in itertools.pairwise(pts):
        orientation = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else "")
        out.append(
            (
                min(p0[0], p1[0]),
                min(p0[1], p1[1]),
                max(p0[0], p1[0]),
                max(p0[1], p1[1]),
                abs(p0[0] - p1[0]),
                abs(p0[1] - p1[1]),
                orientation,
            )
        )
    return out


# --------------------------------------------------------------------------- tables

X0: Final = 0
TOP: Final = 1
X1: Final = 2
BOTTOM: Final = 3
WIDTH: Final = 4
HEIGHT: Final = 5
ORIENTATION: Final = 6


def _long_enough(edge: Edge, orientation: str | None, min_length: float) -> bool:
    if orientation is not None and edge[ORIENTATION] != orientation:
        return False
    return (edge[HEIGHT] if edge[ORIENTATION] == "v" else edge[WIDTH]) >= min_length


def _table_edges(edges: list[Edge]) -> list[Edge]:
    """Return the edges the table finder uses (``TableFinder.get_edges``, "lines")."""
    upright = [e for e in edges if _long_enough(e, "v", _MIN_PREFILTER)]
    level = [e for e in edges if _long_enough(e, "h", _MIN_PREFILTER)]
    merged = _merge([*upright, *level])
    return [e for e in merged if _long_enough(e, None, _MIN_EDGE)]


def _cluster(objs: list[Edge], key: Callable[[Edge], float], tolerance: float) -> list[list[Edge]]:
    """Group edges whose values lie within ``tolerance`` of the last (``cluster_objects``)."""
    values = sorted(set(map(key, objs)))
    index: dict[float, int] = {}
    group = -1
    last = 0.0
    for n, value in enumerate(values):
        if n == 0 or value > last + tolerance:
            group += 1
        index[value] = group
        last = value
    ordered = sorted(((obj, index[key(obj)]) for obj in objs), key=lambda t: t[1])
    return [[obj for obj, _g in items] for _g, items in itertools.groupby(ordered, lambda t: t[1])]


def _snap(objs: list[Edge], attr: Literal[0, 1], tolerance: float) -> list[Edge]:
    """Move each cluster of edges to its mean ``attr``, X0 or TOP (``snap_objects``)."""
    out: list[Edge] = []
    for cluster in _cluster(objs, lambda e: e[attr], tolerance):
        mean = sum(e[attr] for e in cluster) / len(cluster)
        for e in cluster:
            shift = mean - e[attr]
            if attr == X0:
                out.append((e[0] + shift, e[1], e[2] + shift, e[3], e[4], e[5], e[6]))
            else:
                out.append((e[0], e[1] + shift, e[2], e[3] + shift, e[4], e[5], e[6]))
    return out


def _join(edges: Iterable[Edge], orientation: str, tolerance: float) -> list[Edge]:
    """Join the edges on one line that touch or nearly touch (``join_edge_group``)."""
    lo: Literal[0, 1] = X0 if orientation == "h" else TOP
    hi: Literal[2, 3] = X1 if orientation == "h" else BOTTOM
    ordered = sorted(edges, key=lambda e: e[lo])
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + tolerance:
            if e[hi] > last[hi]:
                if orientation == "h":
                    joined[-1] = (
                        last[0], last[1], e[X1], last[3], e[X1] - last[X0], last[5], last[6]
                    )  # fmt: skip
                else:
                    grown = last[HEIGHT] + (e[BOTTOM] - last[BOTTOM])
                    joined[-1] = (last[0], last[1], last[2], e[BOTTOM], last[4], grown, last[6])
        else:
            joined.append(e)
    return joined


def _merge(edges: list[Edge]) -> list[Edge]:
    """Snap the edges, then join each line's edges (``merge_edges``)."""
    snapped = _snap([e for e in edges if e[ORIENTATION] == "v"], X0, _SNAP) + _snap(
        [e for e in edges if e[ORIENTATION] == "h"], TOP, _SNAP
    )

    def group(e: Edge) -> tuple[str, float]:
        return ("h", e[TOP]) if e[ORIENTATION] == "h" else ("v", e[X0])

    out: list[Edge] = []
    for key, items in itertools.groupby(sorted(snapped, key=group), key=group):
        out.extend(_join(items, key[0], _JOIN))
    return out


_Meeting = dict[Point, tuple[list[Edge], list[Edge]]]


def _intersections(edges: list[Edge]) -> _Meeting:
    """Find where an upright and a level edge meet (``edges_to_intersections``)."""
    upright = sorted((e for e in edges if e[ORIENTATION] == "v"), key=lambda e: (e[X0], e[TOP]))
    level = sorted((e for e in edges if e[ORIENTATION] == "h"), key=lambda e: (e[TOP], e[X0]))
    out: _Meeting = {}
    for v in upright:
        for h in level:
            if (
                v[TOP] <= h[TOP] + _MEET
                and v[BOTTOM] >= h[TOP] - _MEET
                and v[X0] >= h[X0] - _MEET
                and v[X0] <= h[X1] + _MEET
            ):
                vertex = (v[X0], h[TOP])
                if vertex not in out:
                    out[vertex] = ([], [])
                out[vertex][0].append(v)
                out[vertex][1].append(h)
    return out


def _cells(meeting: _Meeting) -> list[Box]:
    """Find the smallest box from each corner (``intersections_to_cells``)."""
    boxes = {
        point: (
            {(e[0], e[1], e[2], e[3]) for e in ups},
            {(e[0], e[1], e[2], e[3]) for e in levels},
        )
        for point, (ups, levels) in meeting.items()
    }

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and boxes[p1][0] & boxes[p2][0]:
            return True
        return p1[1] == p2[1] and bool(boxes[p1][1] & boxes[p2][1])

    points = sorted(meeting)
    cells: list[Box] = []
    for i, pt in enumerate(points[:-1]):
        rest = points[i + 1 :]
        below = [p for p in rest if p[0] == pt[0]]
        right = [p for p in rest if p[1] == pt[1]]
        found = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in meeting and connects(corner, right_pt) and connects(corner, below_pt):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found is not None:
                break
        if found is not None:
            cells.append(found)
    return cells


def _corners(cell: Box) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = cell
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))


def _cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """Group cells that share corners; two or more make a table (``cells_to_tables``)."""
    remaining = list(cells)
    corners: set[Point] = set()
    current: list[Box] = []
    tables: list[list[Box]] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            cell_corners = _corners(cell)
            if not current or any(c in corners for c in cell_corners):
                corners |= set(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    ordered = sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in ordered if len(t) > 1]


def _rows(cells: list[Box]) -> list[list[Box | None]]:
    """Put cells in rows by their top, in columns by their left edge (``Table.rows``)."""
    ordered = sorted(cells, key=lambda c: (c[1], c[0]))
    xs = sorted({c[0] for c in cells})
    rows: list[list[Box | None]] = []
    for _top, row_cells in itertools.groupby(ordered, key=lambda c: c[1]):
        by_x = {cell[0]: cell for cell in row_cells}
        rows.append([by_x.get(x) for x in xs])
    return rows
