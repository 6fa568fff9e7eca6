"""A pdfplumber page whose objects come from PDFium instead of pdfminer.

pdfminer interprets content streams in Python, which is most of the PDF reader's time.
PDFium (through pypdfium2, which pdfplumber already depends on) does it in C. This module
builds the same char, rect, line and curve dicts that pdfplumber would (the keys the
reader and pdfplumber's TableFinder use), so everything downstream, table finding
included, runs unchanged:

- `PdfiumPage` is a real `pdfplumber.page.Page` built on pdfminer's page object (so page
  size, rotation, bbox and `find_tables` are pdfplumber's own); only `objects` is
  replaced, so no content stream is ever interpreted by pdfminer.
- chars are laid out as pdfminer lays them out (LTChar): x from PDFium's loose box (the
  advance width), y from the baseline, the font's descent and the font size, with
  pdfminer's descent rules (standard-14 fonts take the AFM metrics).
- paths are split into subpaths and classified as pdfminer's paint_path does
  (line / rect / curve), in PDFium's float precision.

Known differences: PDFium converts CMYK fills to RGB with Adobe's tables, pdfminer with
the naive formula (so a CMYK green is #00a650-ish, not #00ff00: same hue class);
PDFium drops a text object that exactly repeats the previous one (fake bold), which the
reader drops anyway.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.fontmetrics import FONT_METRICS
from pdfplumber.page import Page

Obj = dict[str, Any]
Affine = tuple[float, float, float, float, float, float]  # a b c d e f, PDF row-vector convention


class PdfiumPage(Page):
    """pdfplumber's Page (geometry, table finding, words) over PDFium's objects."""

    def __init__(self, pdf: Any, page_obj: Any, page_number: int, initial_doctop: float, doc: pdfium.PdfDocument):
        super().__init__(pdf, page_obj, page_number=page_number, initial_doctop=initial_doctop)
        self._doc = doc

    @property
    def objects(self) -> dict[str, list[Obj]]:
        if not hasattr(self, "_objects"):
            self._objects = parse_page(self._doc, self.page_number - 1, self.to_plumber(), self.initial_doctop)
        return self._objects

    @property
    def layout(self) -> Any:
        raise AssertionError("PdfiumPage never asks pdfminer to lay out a page")

    def to_plumber(self) -> Affine:
        """PDF user space -> pdfplumber's (x, top): pdfminer's page CTM, then pdfplumber's flip."""
        x0, y0, x1, y1 = self.page_obj.mediabox
        rotate = self.page_obj.rotate % 360
        ctm: Affine
        if rotate == 90:
            ctm = (0, -1, 1, 0, -y0, x1)
        elif rotate == 180:
            ctm = (-1, 0, 0, -1, x1, y1)
        elif rotate == 270:
            ctm = (0, 1, -1, 0, y1, -x0)
        else:
            ctm = (1, 0, 0, 1, -x0, -y0)
        # pdfplumber: x += mediabox x0, top = height - y + mediabox top
        flip: Affine = (1, 0, 0, -1, float(self.mediabox[0]), float(self.height) + float(self.mediabox[1]))
        return multiply(ctm, flip)


def multiply(m: Affine, n: Affine) -> Affine:
    """m then n (PDF's row-vector order: [x y 1] m n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def apply(m: Affine, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def parse_page(doc: pdfium.PdfDocument, index: int, to_plumber: Affine, doctop: float) -> dict[str, list[Obj]]:
    page = pdfium_c.FPDF_LoadPage(doc.raw, index)
    if not page:
        raise PdfiumPageError(f"PDFium cannot load page {index + 1}")
    try:
        graphics, paint_order = read_graphics(page, to_plumber, doctop)
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise PdfiumPageError(f"PDFium cannot read the text of page {index + 1}")
        try:
            graphics["char"] = read_chars(textpage, to_plumber, doctop, paint_order)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
        return graphics
    finally:
        pdfium_c.FPDF_ClosePage(page)


class PdfiumPageError(Exception):
    pass


# ---------------------------------------------------------------- chars


@dataclass(slots=True)
class _Run:
    """What the chars of one text object share (PDFium makes one per show-text operator)."""

    loose_bottom: float  # PDFium's loose box bottom: equal for every char on the object's baseline
    fontname: str
    fontsize: float
    descent: float  # pdfminer's, in text space units (negative)
    matrix: tuple[float, float, float, float]  # text matrix x CTM, linear part
    upright: bool
    plain: bool = False  # no rotation or skew in the text matrix
    top: float = 0.0  # pdfplumber top/bottom/size of a char on the baseline (upright text)
    bottom: float = 0.0
    size: float = 0.0


def _fast(name: str, restype: Any, *argtypes: Any) -> Any:
    """A PDFium function re-typed with plain pointers: handles come back as ints (cheap dict
    keys) and arguments skip pypdfium2's struct-pointer conversions. Called per glyph."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_TEXT_OBJECT = _fast("FPDFText_GetTextObject", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_LOOSE_BOX = _fast("FPDFText_GetLooseCharBox", ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)


def read_chars(textpage: Any, to_plumber: Affine, doctop: float, paint_order: dict[int, int] | None = None) -> list[Obj]:
    """The page's glyphs as pdfplumber char dicts, in content-stream order as pdfminer gives them.

    PDFium orders a rotated page's text its own way; `paint_order` (text object -> its
    place in the content stream) restores pdfminer's order, which the reader takes as the
    reading order of rotated text.

    Two ctypes calls per glyph (loose box, text object); everything shared by a text
    object (font, size, baseline) is read once per object.
    """
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = page_text(textpage, count)
    handle = ctypes.cast(textpage, ctypes.c_void_p).value
    rect = pdfium_c.FS_RECTF()
    rect_address = ctypes.addressof(rect)
    loose_box, text_object = _LOOSE_BOX, _TEXT_OBJECT
    runs: dict[int, _Run] = {}
    fonts: dict[int, tuple[str, float]] = {}
    chars: list[Obj] = []
    ranks: list[int] = []
    paint_order = paint_order or {}
    pa, pb, pc, pd, pe, pf = to_plumber
    axis_aligned = pb == 0 and pc == 0 and pa > 0
    for index in range(count):
        key = text_object(handle, index)
        if not key:
            continue  # a space or line break PDFium generated: pdfminer has no such char
        ranks.append(paint_order.get(key, -1))
        loose_box(handle, index, rect_address)
        run = runs.get(key)
        if run is None or run.loose_bottom != rect.bottom:
            obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
            run = runs[key] = _make_run(textpage, index, obj, rect.bottom, fonts, to_plumber)
        char = text[index] if text is not None else chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if char == "\ufffe":
            char = "-"  # PDFium's mark for a hyphen that ends a line; pdfminer keeps the hyphen
        if run.plain and axis_aligned:
            # upright, unrotated text (nearly all of it): x from the loose box, y from the baseline
            x0 = pa * rect.left + pe
            x1 = pa * rect.right + pe
            top = run.top
            chars.append({
                "text": char, "x0": x0, "x1": x1, "top": top, "bottom": run.bottom,
                "doctop": doctop + top, "size": run.size, "fontname": run.fontname, "upright": run.upright,
                "width": x1 - x0, "height": run.size,
            })
        else:
            chars.append(_general_char(textpage, index, char, run, rect, to_plumber, doctop))
    if any(a > b for a, b in zip(ranks, ranks[1:], strict=False)):
        order = sorted(range(len(chars)), key=ranks.__getitem__)  # stable: glyphs of one object keep their order
        chars = [chars[i] for i in order]
    return chars


def page_text(textpage: Any, count: int) -> str | None:
    """All glyphs' text in one call; None when it does not map one to one (astral chars)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    return text if len(text) == count else None


def _make_run(textpage: Any, index: int, obj: Any, loose_bottom: float, fonts: dict[int, tuple[str, float]],
              to_plumber: Affine) -> _Run:
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, index, matrix)
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(obj, size)
    fontsize = _decimal(size.value)
    fontname, descent = _font(pdfium_c.FPDFTextObj_GetFont(obj), fonts)
    # pdfminer's upright: on the full matrix, page rotation included
    full = multiply((matrix.a, matrix.b, matrix.c, matrix.d, 0, 0), (*to_plumber[:4], 0, 0))
    a, b, c, d = full[0], -full[1], full[2], -full[3]  # undo the top-down flip for the sign test
    run = _Run(
        loose_bottom=loose_bottom, fontname=fontname, fontsize=fontsize, descent=descent,
        matrix=(matrix.a, matrix.b, matrix.c, matrix.d), upright=a * d > 0 and b * c <= 0,
    )
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
    # pdfminer's box: glyph space (0, descent) .. (adv, descent + size), origin includes the rise
    low = y.value + descent * fontsize * matrix.d
    high = low + fontsize * matrix.d
    pa, pd, pf = to_plumber[0], to_plumber[3], to_plumber[5]
    run.plain = matrix.b == 0 and matrix.c == 0
    if pa and pd:
        top, bottom = sorted((pd * low + pf, pd * high + pf))
        run.top, run.bottom, run.size = top, bottom, bottom - top
    return run


def _general_char(textpage: Any, index: int, char: str, run: _Run, rect: Any, to_plumber: Affine,
                  doctop: float) -> Obj:
    """Rotated or skewed text, or a rotated page: pdfminer's two-corner box through the full matrix."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
    a, b, c, d = run.matrix
    scale = (a * a + b * b) ** 0.5 or 1.0
    # the loose box spans the advance along the baseline direction
    adv = max(rect.right - rect.left, rect.top - rect.bottom) / scale if (b or c) else (rect.right - rect.left) / (a or 1.0)
    low = run.descent * run.fontsize
    corners = [(0.0, low), (adv, low + run.fontsize)]
    points = [apply(to_plumber, x.value + gx * a + gy * c, y.value + gx * b + gy * d) for gx, gy in corners]
    (px0, py0), (px1, py1) = points
    x0, x1 = sorted((px0, px1))
    top, bottom = sorted((py0, py1))
    return {
        "text": char, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": doctop + top,
        "size": bottom - top, "fontname": run.fontname, "upright": run.upright, "width": x1 - x0,
        "height": bottom - top,
    }


def _font(font: Any, fonts: dict[int, tuple[str, float]]) -> tuple[str, float]:
    """Base font name (with subset prefix, as pdfminer) and pdfminer's descent (negative, text units)."""
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if key not in fonts:
        fonts[key] = _font_info(font)
    return fonts[key]


def _font_info(font: Any) -> tuple[str, float]:
    if not font:
        return "unknown", 0.0
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(max(size, 1))
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
    name = buffer.value.decode("latin-1") or "unknown"
    if name in FONT_METRICS:  # pdfminer always uses the AFM metrics for these names
        return name, -abs(float(FONT_METRICS[name][0].get("Descent", 0))) / 1000
    descent = ctypes.c_float()
    if not pdfium_c.FPDFFont_GetDescent(font, 1.0, descent):
        return name, 0.0
    return name, -abs(descent.value)


def _decimal(value: float) -> float:
    """PDFium keeps numbers as float32: 7.2 comes back 7.19999981. Recover the written decimal."""
    return float(f"{value:.7g}")


# ---------------------------------------------------------------- graphics


def read_graphics(page: Any, to_plumber: Affine, doctop: float) -> tuple[dict[str, list[Obj]], dict[int, int]]:
    """Paths as pdfplumber rect / line / curve dicts, and image placeholders, in paint order;
    and each text object's place in that order."""
    out: dict[str, list[Obj]] = {"rect": [], "line": [], "curve": [], "image": []}
    texts: dict[int, int] = {}
    count = pdfium_c.FPDFPage_CountObjects(page)
    for index in range(count):
        _visit(pdfium_c.FPDFPage_GetObject(page, index), to_plumber, doctop, out, texts, depth=0)
    return out, texts


def _visit(obj: Any, parent: Affine, doctop: float, out: dict[str, list[Obj]], texts: dict[int, int], depth: int) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        texts[ctypes.cast(obj, ctypes.c_void_p).value or 0] = len(texts)
    elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
        _add_path(obj, multiply(_matrix(obj), parent), doctop, out)
    elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
        out["image"].append({"object_type": "image"})
    elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 16:
        # a form XObject's children are in its own space: compose with the form's matrix
        matrix = multiply(_matrix(obj), parent)
        for index in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _visit(pdfium_c.FPDFFormObj_GetObject(obj, index), matrix, doctop, out, texts, depth + 1)


def _matrix(obj: Any) -> Affine:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    # back to the decimals written in the file, so the arithmetic below is pdfminer's (doubles)
    return (_decimal(m.a), _decimal(m.b), _decimal(m.c), _decimal(m.d), _decimal(m.e), _decimal(m.f))


def _add_path(obj: Any, matrix: Affine, doctop: float, out: dict[str, list[Obj]]) -> None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    style = {
        "fill": fill_mode.value != 0, "stroke": bool(stroke.value),
        "non_stroking_color": _colour(pdfium_c.FPDFPageObj_GetFillColor, obj),
        "stroking_color": _colour(pdfium_c.FPDFPageObj_GetStrokeColor, obj),
    }
    for shape, points in subpaths(obj, matrix):
        _classify(shape, points, style, doctop, out)


def _colour(getter: Any, obj: Any) -> tuple[float, ...] | None:
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, red, green, blue, alpha):
        return None  # a pattern or no colour: color_to_hex gives None, as for pdfminer's pattern names
    return (red.value / 255, green.value / 255, blue.value / 255)


def subpaths(obj: Any, matrix: Affine) -> list[tuple[str, list[tuple[float, float]]]]:
    """A path's subpaths as pdfminer sees them: ops 'm', 'l', 'c', 'h' and one end point per op.

    PDFium stores a Bezier as three points and a close as a flag on the last point (adding
    a line back to the start first when needed); pdfminer records 'h' at the start point.
    """
    out: list[tuple[str, list[tuple[float, float]]]] = []
    ops: list[str] = []
    points: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    bezier = 0
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = apply(matrix, _decimal(x.value), _decimal(y.value))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if ops:
                out.append(("".join(ops), points))
            ops, points, bezier = ["m"], [point], 0
            continue
        if not ops:
            continue  # a path must open with a move; pdfminer ignores the rest too
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # control points: pdfminer keeps only a curve's end point
            ops.append("c")
        else:
            ops.append("l")
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            if point == points[0] and ops[-1] == "l" and len(ops) > 2:
                ops[-1] = "h"  # PDFium's closing line back to the start is pdfminer's 'h'
            else:
                ops.append("h")
                points.append(points[0])
    if ops:
        out.append(("".join(ops), points))
    return out


def _classify(shape: str, points: list[tuple[float, float]], style: Obj, doctop: float, out: dict[str, list[Obj]]) -> None:
    """pdfminer's paint_path: a two-point subpath is a line, a closed axis-aligned quad a rect, else a curve."""
    if shape in ("ml", "mlh"):
        out["line"].append(_boxed("line", points[:2], style, doctop))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
        closed = points[0] == last
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            out["rect"].append(_boxed("rect", [points[0], points[2]], style, doctop))
            return
    if len(points) < 2:
        return
    curve = _boxed("curve", points, style, doctop)
    curve["pts"] = points
    out["curve"].append(curve)


def _boxed(kind: str, points: list[tuple[float, float]], style: Obj, doctop: float) -> Obj:
    xs = [p[0] for p in points]
    tops = [p[1] for p in points]
    x0, x1, top, bottom = min(xs), max(xs), min(tops), max(tops)
    return {
        "object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": doctop + top,
        "y0": -bottom, "y1": -top,  # only differences of these are used (rect edges)
        "width": x1 - x0, "height": bottom - top, **style,
    }
