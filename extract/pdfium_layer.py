"""A pdfplumber page whose objects come from PDFium instead of pdfminer.

pdfminer interprets content streams in Python, which is most of the PDF reader's time.
PDFium (through pypdfium2, which pdfplumber already depends on) does it in C. This module
builds the same char, rect, line and curve dicts that pdfplumber would (the keys the
reader and pdfplumber's TableFinder use), so everything downstream, table finding
included, runs unchanged:

- `PdfiumPage` is a real `pdfplumber.page.Page` built on pdfminer's page object (so page
  size, rotation, bbox and `find_tables` are pdfplumber's own); only `objects` is
  replaced, so no content stream is ever interpreted by pdfminer.
- chars are laid out as pdfminer lays them out (LTChar): x from the glyph's origin and
  advance, y from the baseline, the font's descent and the font size, with pdfminer's
  descent rules (standard-14 fonts take the AFM metrics); in content-stream order; the
  lone spaces PDFium's text page skips are put back.
- paths are split into subpaths and classified as pdfminer's paint_path does
  (line / rect / curve), in PDFium's float precision.

Known differences (measured on the sample packs and on Chromium renders of them in four
page styles, see benchmarks/render_styles.py):
- a device-CMYK fill converts with Adobe's tables, not pdfminer's naive formula: CMYK
  green is #00a54f, not #00ff00 (the same RAG status);
- a ligature glyph reads as its letters ("ff"), where pdfminer keeps the presentation
  form ("\ufb00") when the font maps to it;
- positions and advances are PDFium's float32 ones: glyph edges within about 0.01pt of
  pdfminer's, so a rare line-break decision that sits on its threshold can flip;
- PDFium may leave out a text object that repeats the previous one at the same place
  (fake bold); the reader drops such repeats anyway.
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
TextObject = tuple[int, Any, Affine]  # place in paint order, PDFium handle, its form's matrix to user space


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
        raise NotImplementedError("PdfiumPage never asks pdfminer to lay out a page")

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
        graphics, texts = read_graphics(page, to_plumber, doctop)
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise PdfiumPageError(f"PDFium cannot read the text of page {index + 1}")
        try:
            graphics["char"] = read_chars(textpage, to_plumber, doctop, texts)
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

    baseline: float  # origin y in PDF space: equal for every char of an object's line
    font: int  # PDFium font handle, as a cache key
    font_handle: Any
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
_ORIGIN = _fast("FPDFText_GetCharOrigin", ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def read_chars(textpage: Any, to_plumber: Affine, doctop: float, texts: dict[int, TextObject] | None = None) -> list[Obj]:
    """The page's glyphs as pdfplumber char dicts, in content-stream order as pdfminer gives them.

    Per glyph, two ctypes calls (text object, origin) and a cached advance width; what a
    text object's glyphs share (font, size, baseline) is read once per object. Not PDFium's
    loose box: for italic glyphs it spans the ink (a 'j' starts left of its origin), where
    pdfminer's box is origin to advance.
    PDFium orders a rotated page's text its own way; `texts` (text object -> its place in
    the content stream) restores pdfminer's order, which the reader takes as the reading
    order of rotated text, and names the text objects PDFium left out (see `lost_spaces`).
    """
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = page_text(textpage, count)
    handle = ctypes.cast(textpage, ctypes.c_void_p).value
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_address, oy_address = ctypes.addressof(ox), ctypes.addressof(oy)
    origin, text_object = _ORIGIN, _TEXT_OBJECT
    runs: dict[int, _Run] = {}
    fonts: dict[int, tuple[str, float]] = {}
    widths: dict[tuple[int, str], float] = {}
    chars: list[Obj] = []
    ranks: list[int] = []
    texts = texts or {}
    pa, pb, pc, pd, pe, pf = to_plumber
    axis_aligned = pb == 0 and pc == 0 and pa > 0
    last_key, last_x = 0, 0.0
    for index in range(count):
        key = text_object(handle, index)
        if not key:
            continue  # a space or line break PDFium generated: pdfminer has no such char
        origin(handle, index, ox_address, oy_address)
        if key == last_key and ox.value == last_x and chars:
            _join_ligature(textpage, index, chars[-1], text, to_plumber)
            continue
        last_key, last_x = key, ox.value
        ranks.append(texts[key][0] if key in texts else -1)
        run = runs.get(key)
        if run is None or run.baseline != oy.value:
            run = runs[key] = _make_run(textpage, index, oy.value, fonts, to_plumber)
        char = text[index] if text is not None else chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if char == "\ufffe":
            char = "-"  # PDFium's mark for a hyphen that ends a line; pdfminer keeps the hyphen
        width = widths.get((run.font, char))
        if width is None:
            width = widths[run.font, char] = _advance(textpage, index, run, char, ox.value)
        if run.plain and axis_aligned:
            # upright, unrotated text (nearly all of it): x from origin and advance, y from the baseline
            x0 = pa * ox.value + pe
            x1 = x0 + pa * width * run.fontsize * run.matrix[0]
            if x1 < x0:
                x0, x1 = x1, x0
            top = run.top
            chars.append({
                "text": char, "x0": x0, "x1": x1, "top": top, "bottom": run.bottom,
                "doctop": doctop + top, "size": run.size, "fontname": run.fontname, "upright": run.upright,
                "width": x1 - x0, "height": run.size,
            })
        else:
            chars.append(_general_char(char, run, ox.value, oy.value, width, to_plumber, doctop))
    for rank, char in lost_spaces(texts, runs.keys(), fonts, to_plumber, doctop):
        chars.append(char)
        ranks.append(rank)
    if any(a > b for a, b in zip(ranks, ranks[1:], strict=False)):
        order = sorted(range(len(chars)), key=ranks.__getitem__)  # stable: glyphs of one object keep their order
        chars = [chars[i] for i in order]
    return chars


def _join_ligature(textpage: Any, index: int, char: Obj, text: str | None, to_plumber: Affine) -> None:
    """PDFium spells a ligature glyph ("ﬀ") as several chars at one origin; pdfminer has one
    glyph one advance wide. Join them, keeping PDFium's plain letters ("ff"), and take the
    advance from the loose box (no width is known for a glyph made of two letters)."""
    char["text"] += text[index] if text is not None else chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
    if not char["upright"] or to_plumber[1] or to_plumber[2]:
        return
    rect = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect)
    right = to_plumber[0] * rect.right + to_plumber[4]
    if right > char["x1"]:
        char["x1"], char["width"] = right, right - char["x0"]


def lost_spaces(texts: dict[int, TextObject], seen: Any, fonts: dict[int, tuple[str, float]], to_plumber: Affine,
                doctop: float) -> list[tuple[int, Obj]]:
    """Spaces PDFium's text page leaves out, as pdfminer's chars (with their paint-order place).

    PDFium skips a text object whose glyphs have no ink (its bounds are empty), e.g. a space
    shown on its own, as Chromium writes them; pdfminer keeps it as a " " char one advance
    wide. The reader uses such spaces (word breaks, line ends), so they are put back.
    """
    out: list[tuple[int, Obj]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for key, (rank, obj, form) in texts.items():
        if key in seen or not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        if right.value - left.value > 1e-3:
            continue  # inked text PDFium left out (a fake-bold repeat): the reader drops repeats too
        out.append((rank, _space_char(obj, form, fonts, to_plumber, doctop)))
    return out


def _space_char(obj: Any, form: Affine, fonts: dict[int, tuple[str, float]], to_plumber: Affine,
                doctop: float) -> Obj:
    a, b, c, d, e, f = multiply(_matrix(obj), form)
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(obj, size)
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    font_key = ctypes.cast(font, ctypes.c_void_p).value or 0
    fontname, descent = _font(font, font_key, fonts)
    full = multiply((a, b, c, d, 0, 0), (*to_plumber[:4], 0, 0))
    run = _Run(baseline=f, font=font_key, font_handle=font, fontname=fontname, fontsize=_decimal(size.value),
               descent=descent, matrix=(a, b, c, d), upright=full[0] * -full[3] > 0 and -full[1] * full[2] <= 0)
    width = ctypes.c_float()
    advance = float(width.value) if font and pdfium_c.FPDFFont_GetGlyphWidth(font, 0x20, 1.0, width) else 0.25
    return _general_char(" ", run, e, f, advance, to_plumber, doctop)


def _advance(textpage: Any, index: int, run: _Run, char: str, x: float) -> float:
    """A glyph's advance in ems (text space units per unit of font size), as pdfminer's width.

    PDFium maps the character back to its code in the font; failing that (no reverse
    mapping), the loose box's right edge is the next best thing."""
    width = ctypes.c_float()
    if len(char) == 1 and run.font_handle and pdfium_c.FPDFFont_GetGlyphWidth(run.font_handle, ord(char), 1.0, width):
        return float(width.value)
    rect = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect)
    scale = run.fontsize * (run.matrix[0] or 1.0)
    return (rect.right - x) / scale if scale else 0.0


def page_text(textpage: Any, count: int) -> str | None:
    """All glyphs' text in one call; None when it does not map one to one (astral chars)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    return text if len(text) == count else None


def _make_run(textpage: Any, index: int, baseline: float, fonts: dict[int, tuple[str, float]],
              to_plumber: Affine) -> _Run:
    obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, index, matrix)
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(obj, size)
    fontsize = _decimal(size.value)
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    font_key = ctypes.cast(font, ctypes.c_void_p).value or 0
    fontname, descent = _font(font, font_key, fonts)
    # pdfminer's upright: on the full matrix, page rotation included
    full = multiply((matrix.a, matrix.b, matrix.c, matrix.d, 0, 0), (*to_plumber[:4], 0, 0))
    a, b, c, d = full[0], -full[1], full[2], -full[3]  # undo the top-down flip for the sign test
    run = _Run(
        baseline=baseline, font=font_key, font_handle=font, fontname=fontname, fontsize=fontsize, descent=descent,
        matrix=(matrix.a, matrix.b, matrix.c, matrix.d), upright=a * d > 0 and b * c <= 0,
    )
    # pdfminer's box: glyph space (0, descent) .. (adv, descent + size); PDFium's origin includes the rise
    low = baseline + descent * fontsize * matrix.d
    high = low + fontsize * matrix.d
    run.plain = matrix.b == 0 and matrix.c == 0
    pa, pd, pf = to_plumber[0], to_plumber[3], to_plumber[5]
    if pa and pd:
        top, bottom = sorted((pd * low + pf, pd * high + pf))
        run.top, run.bottom, run.size = top, bottom, bottom - top
    return run


def _general_char(char: str, run: _Run, x: float, y: float, width: float, to_plumber: Affine,
                  doctop: float) -> Obj:
    """Rotated or skewed text, or a rotated page: pdfminer's two-corner box through the full matrix."""
    a, b, c, d = run.matrix
    low = run.descent * run.fontsize
    corners = [(0.0, low), (width * run.fontsize, low + run.fontsize)]
    (px0, py0), (px1, py1) = [apply(to_plumber, x + gx * a + gy * c, y + gx * b + gy * d) for gx, gy in corners]
    x0, x1 = sorted((px0, px1))
    top, bottom = sorted((py0, py1))
    return {
        "text": char, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": doctop + top,
        "size": bottom - top, "fontname": run.fontname, "upright": run.upright, "width": x1 - x0,
        "height": bottom - top,
    }


def _font(font: Any, key: int, fonts: dict[int, tuple[str, float]]) -> tuple[str, float]:
    """Base font name (with subset prefix, as pdfminer) and pdfminer's descent (negative, text units)."""
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


IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(slots=True)
class _Walk:
    """What a walk over a page's objects fills in."""

    to_plumber: Affine
    doctop: float
    out: dict[str, list[Obj]]
    texts: dict[int, TextObject]


def read_graphics(page: Any, to_plumber: Affine, doctop: float) -> tuple[dict[str, list[Obj]], dict[int, TextObject]]:
    """Paths as pdfplumber rect / line / curve dicts, and image placeholders, in paint order;
    and each text object's place in that order."""
    walk = _Walk(to_plumber, doctop, {"rect": [], "line": [], "curve": [], "image": []}, {})
    for index in range(pdfium_c.FPDFPage_CountObjects(page)):
        _visit(pdfium_c.FPDFPage_GetObject(page, index), IDENTITY, walk, depth=0)
    return walk.out, walk.texts


def _visit(obj: Any, form: Affine, walk: _Walk, depth: int) -> None:
    """One object; `form` maps the space it sits in (a form XObject's) to PDF user space."""
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        walk.texts[ctypes.cast(obj, ctypes.c_void_p).value or 0] = (len(walk.texts), obj, form)
    elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
        _add_path(obj, multiply(multiply(_matrix(obj), form), walk.to_plumber), walk.doctop, walk.out)
    elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
        walk.out["image"].append({"object_type": "image"})
    elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 16:
        # a form XObject's children are in its own space: compose with the form's matrix
        inner = multiply(_matrix(obj), form)
        for index in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _visit(pdfium_c.FPDFFormObj_GetObject(obj, index), inner, walk, depth + 1)


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
