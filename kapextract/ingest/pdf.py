"""PDF ingest: pdfium's text layer -> a :class:`~kapextract.model.Document` with layout.

``read_pdf(data, name)`` requires the raw bytes of a PDF and returns a
Document with ``kind="pdf"``, the text in reading order, one :class:`Block`
per paragraph / heading / title / table / caption (blocks are separated by a
blank line in the text), ``layout`` giving the page and box of every
character, ``title``, ``doi``, ``pages`` and ``warnings``; it then calls
:func:`kapextract.sections.assign_sections` to set sections.

How it works, page by page:

1. pdfium (pypdfium2) gives every character with its *loose* box (advance width x
   font ascent/descent) in one C call per character, written straight into a
   numpy array; the text comes in one call for the whole page.
2. Characters are cut into *segments*: runs on one line with no gap wider
   than about one em. Spaces come from pdfium's space characters or, where a
   producer set words too tightly to carry any, from the glyph gaps.
3. Segments on one line form *rows*; rows with several separated cells are
   table rows. A vertical gutter free of text splits a page into two columns;
   anything that crosses it (titles, wide tables) is full-width and orders
   the page into bands: in each band the left column is read before the right.
4. Lines repeated at the top or bottom of several pages (running headers and
   footers), bare page numbers, and publisher furniture listed in
   ``resources/pdf_boilerplate.tsv`` are dropped.
5. Lines become blocks: paragraphs (joined across column and page breaks when
   the sentence runs on), headings (by font size and weight against the body
   font, and numbering like "2.1"), the title, captions ("Table 2", "Figure
   1") and tables (one line per row, cells separated by tabs).
6. Hyphenated line ends are joined, keeping the hyphen of true compounds
   (decided from the words the document itself uses). Characters go through
   :func:`~kapextract.ingest.textnorm.normalize_char`; each output character
   keeps its glyph's page and box, inserted spaces and newlines get page 0.

Every failure is an :class:`~kapextract.errors.IngestError` with one line:
encrypted, corrupt or truncated files, PDFs with no pages, and scanned PDFs
with no text layer at all. Pages without text become warnings.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from kapextract.errors import IngestError
from kapextract.ingest.hyphenation import HYPHENS, keep_hyphen, line_vocabulary
from kapextract.ingest.textnorm import normalize_char, unicode_map
from kapextract.model import Block, Document, Layout, sha256_bytes

# --------------------------------------------------------------------------- tuning
#: A gap wider than this many line heights (loose box height, ~1.15 em) ends a segment.
SPLIT_GAP = 0.85
#: A left edge that this many lines of a page start at is a column's (see ``_justified``).
COLUMN_EDGE_LINES = 8
#: A gap wider than this many line heights is a space even without a space character.
SPACE_GAP = 0.17
#: Top/bottom share of the page where running headers and footers live.
MARGIN_ZONE = 0.09
#: A heading's font is at least this much larger than the body font (or bold).
HEADING_SCALE = 1.12

_WS = frozenset(" \t\r\n\x0b\x0c\xa0\u2002\u2003\u2009\u200a\u202f\u2007\u2008\x00")
_WS_CODES = np.array(sorted(ord(c) for c in _WS), dtype=np.uint32)
_CAPTION = re.compile(r"^\s*(?:Table|Fig\.?|Figure|Supplementary\s+(?:Table|Figure))\s*[A-Z]?\d+[A-Za-z]?\b")
_NUMBERED = re.compile(r"^\s*((?:\d{1,2}\.)*\d{1,2})(?:\.|\s*\|)?\s+\S")
_ITEM = re.compile(r"^\s*(?:\d{1,3}\.|\[\d{1,3}\]|[a-z][.)]|\([a-z\d]{1,3}\)|[ivx]{1,4}[.)]|[\u2022\u25cf\u25aa\u25b8\u2013-])\s")
_RUN_IN = re.compile(r"^\s*[A-Z][\w ,/&'()-]{1,50}[:.](?:\s|$)")
_PAGE_NO = re.compile(r"^\s*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")


# --------------------------------------------------------------------------- pdfium access


def _pdfium():
    """pypdfium2 and a fast C entry point for loose character boxes."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    global _LOOSE
    if _LOOSE is None:
        addr = ctypes.cast(raw.FPDFText_GetLooseCharBox, ctypes.c_void_p).value
        _LOOSE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)(addr)
    return pdfium, raw


_LOOSE = None


@dataclass(eq=False)
class _Line:
    """A run of glyphs on one line of one page (a segment, or several merged)."""

    page: int
    glyphs: np.ndarray  # global glyph indices, left to right
    space: np.ndarray  # bool: a space precedes this glyph
    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""
    size: float = 0.0  # font size (pt)
    bold: bool = False
    font: str = ""  # font name ("" when the line mixes fonts)
    lead_font: str = ""  # the font the line starts in, when it goes on in another one
    cells: list[_Line] = field(default_factory=list)  # for table rows: the cells
    table: bool = False
    side: int = 0  # 0 full width / single column, 1 left, 2 right

    @property
    def height(self) -> float:
        return self.bottom - self.top


class _Glyphs:
    """All glyphs of the document: char, page, box (top-left origin), font size."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.pages: list[np.ndarray] = []
        self.boxes: list[np.ndarray] = []
        self.n = 0

    def add(self, chars: str, page: int, boxes: np.ndarray) -> int:
        base = self.n
        self.chars.extend(chars)
        self.pages.append(np.full(len(chars), page, dtype=np.int32))
        self.boxes.append(boxes)
        self.n += len(chars)
        return base

    def freeze(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.pages:
            return np.zeros(0, np.int32), np.zeros((0, 4), np.float32)
        return np.concatenate(self.pages), np.concatenate(self.boxes).astype(np.float32)


# --------------------------------------------------------------------------- entry point


def read_pdf(data: bytes, name: str) -> Document:
    """Read PDF bytes into a Document (see the module docstring for what is set)."""
    pdfium, raw = _pdfium()
    tail = data[-4096:]
    if b"%%EOF" not in tail and b"%%EOF" not in data[-65536:]:
        raise IngestError(f"{name}: PDF is truncated or corrupt (no end-of-file marker)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # pdfium's error code can be stale from an earlier document: look at the bytes too
        code = getattr(exc, "err_code", None)
        if re.search(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)", data) and code in (
            raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY, raw.FPDF_ERR_FORMAT, None
        ):
            raise IngestError(f"{name}: PDF is encrypted (password protected); decrypt it first") from None
        if re.search(rb"/Count\s+0\b", data[-65536:]) and not re.search(rb"/Count\s+[1-9]", data):
            raise IngestError(f"{name}: PDF has no pages") from None
        raise IngestError(f"{name}: PDF is corrupt or truncated and cannot be read") from None
    except Exception as exc:  # pdfium may fail in other ways on hostile input
        raise IngestError(f"{name}: PDF cannot be read ({type(exc).__name__})") from None
    try:
        return _read(pdf, raw, data, name)
    except IngestError:
        raise
    except Exception as exc:  # a PDF this reader cannot handle: one line, never a traceback
        raise IngestError(f"{name}: PDF could not be read ({type(exc).__name__}: {exc})") from None
    finally:
        pdf.close()


def _read(pdf, raw, data: bytes, name: str) -> Document:
    n_pages = len(pdf)
    if n_pages == 0:
        raise IngestError(f"{name}: PDF has no pages")
    glyphs = _Glyphs()
    page_sizes: list[tuple[float, float]] = []
    frame_sizes: list[tuple[float, float]] = []
    page_lines: list[list[_Line]] = []
    warnings: list[str] = []
    for pno in range(1, n_pages + 1):
        try:
            lines, size, fsize, rotated = _read_page(pdf, raw, pno, glyphs)
        except IngestError:
            raise
        except Exception as exc:
            warnings.append(f"page {pno} could not be read ({type(exc).__name__})")
            page_sizes.append((0.0, 0.0))
            frame_sizes.append((0.0, 0.0))
            page_lines.append([])
            continue
        page_sizes.append(size)
        frame_sizes.append(fsize)
        page_lines.append(lines)
        if not lines and rotated:
            warnings.append(f"page {pno} has only rotated text ({rotated} characters), which is skipped")
        elif not lines:
            warnings.append(f"page {pno} has no text layer")
        elif rotated > 200:
            warnings.append(f"page {pno}: {rotated} characters of rotated text skipped")
    if not any(page_lines):
        raise IngestError(
            f"{name}: no page has a text layer; it looks scanned (image-only) and needs OCR first"
        )
    gpages, gboxes = glyphs.freeze()
    _drop_margins(page_lines, frame_sizes)
    _drop_boilerplate(page_lines)
    body = _body_style(page_lines)
    ordered = [_order_page(lines, frame_sizes[i][0], body.size) for i, lines in enumerate(page_lines)]
    vocab = line_vocabulary(ln.text for lines in ordered for ln in lines)
    raw_blocks = _make_blocks(ordered, frame_sizes, body)
    text, idx, blocks = _assemble(raw_blocks, glyphs.chars, vocab)
    idx_arr = np.asarray(idx, dtype=np.int64)
    real = idx_arr >= 0
    lay_pages = np.zeros(len(idx_arr), dtype=np.int32)
    lay_boxes = np.full((len(idx_arr), 4), np.nan, dtype=np.float32)
    lay_pages[real] = gpages[idx_arr[real]]
    lay_boxes[real] = gboxes[idx_arr[real]]
    title = next((text[b.start : b.end] for b in blocks if b.kind == "title"), None)
    if not title:
        title = _meta_title(pdf)
    first_page_end = next((b.start for b in blocks if (b.page or 0) > 1), len(text))
    m = _DOI.search(text[:first_page_end])
    doi = m.group(1).rstrip(".,;)]") if m else None
    doc = Document(
        id=sha256_bytes(data),
        source=name,
        text=text,
        kind="pdf",
        title=title,
        doi=doi,
        pages=n_pages,
        blocks=blocks,
        layout=Layout(lay_pages, lay_boxes, page_sizes),
        warnings=warnings,
    )
    _sections(doc)
    return doc


def _sections(doc: Document) -> None:
    from kapextract.sections import assign_sections

    assign_sections(doc)


def _meta_title(pdf) -> str | None:
    try:
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
    except Exception:
        return None
    if len(title) < 8 or re.search(r"\.(pdf|docx?|indd|tex)$|^untitled|^microsoft", title, re.I):
        return None
    return title


# --------------------------------------------------------------------------- one page


def _read_page(pdf, raw, pno: int, glyphs: _Glyphs):
    """Segments of one page as lines (unordered), the page size (unrotated, as the
    boxes are), the size of the reading frame, and the count of skipped rotated glyphs.

    A page whose text mostly runs up or down (a landscape table on a rotated
    page) is read in a frame turned so that its text runs left to right; the
    glyph boxes kept for the layout stay in page coordinates.
    """
    page = pdf[pno - 1]
    try:
        left, bottom, right, top = page.get_cropbox()
        width, height = float(right - left), float(top - bottom)
        tp = page.get_textpage()
        try:
            h = tp.raw
            n = raw.FPDFText_CountChars(h)
            if n <= 0:
                return [], (width, height), (width, height), 0
            buf = ctypes.create_string_buffer(2 * (n + 1))
            raw.FPDFText_GetText(h, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
            chars = buf.raw[: 2 * n].decode("utf-16-le", errors="replace")
            if len(chars) != n:  # surrogate pairs: fall back to one call per char
                chars = "".join(chr(raw.FPDFText_GetUnicode(h, k) or 0xFFFD) for k in range(n))
            # pdfium writes a hyphen that ends a line as U+FFFE and 0x02
            chars = chars.replace("\ufffe", "-").replace("\x02", "-")
            arr = (ctypes.c_float * (4 * n))()
            base = ctypes.addressof(arr)
            hp = ctypes.cast(h, ctypes.c_void_p).value
            list(map(_LOOSE, [hp] * n, range(n), range(base, base + 16 * n, 16)))
            b = np.frombuffer(arr, dtype=np.float32).reshape(n, 4).astype(np.float64)
            # pdfium: left, top, right, bottom, y up -> x0, top, x1, bottom from the top-left
            boxes = np.empty_like(b)
            boxes[:, 0] = b[:, 0] - left
            boxes[:, 1] = top - b[:, 1]
            boxes[:, 2] = b[:, 2] - left
            boxes[:, 3] = top - b[:, 3]
            turn, ref = _page_angle(chars, h, raw)
            if turn == 1:  # text runs bottom to top, lines follow left to right
                frame = np.column_stack((height - boxes[:, 3], boxes[:, 0], height - boxes[:, 1], boxes[:, 2]))
                fsize = (height, width)
            elif turn == 2:  # text runs top to bottom, lines follow right to left
                frame = np.column_stack((boxes[:, 1], width - boxes[:, 2], boxes[:, 3], width - boxes[:, 0]))
                fsize = (height, width)
            else:
                frame, fsize = boxes, (width, height)
            lines, rotated = _segments(chars, boxes, frame, ref, pno, width, height, glyphs, h, raw)
        finally:
            tp.close()
    finally:
        page.close()
    return lines, (width, height), fsize, rotated


def _page_angle(chars: str, h, raw) -> tuple[int, float]:
    """0 for upright text, 1 when most text runs bottom to top, 2 when top to bottom;
    and the text angle (radians, pdfium's convention) of that direction."""
    n = len(chars)
    step = max(1, n // 96)
    sample = [k for k in range(0, n, step) if chars[k] not in _WS][:64]
    if not sample:
        return 0, 0.0
    angles = [raw.FPDFText_GetCharAngle(h, k) for k in sample]
    up = sum(1 for a in angles if abs(a - 1.5 * math.pi) < 0.1)
    down = sum(1 for a in angles if abs(a - 0.5 * math.pi) < 0.1)
    if up >= 0.6 * len(angles):
        return 1, 1.5 * math.pi
    if down >= 0.6 * len(angles):
        return 2, 0.5 * math.pi
    return 0, 0.0


def _segments(chars, boxes, frame, ref_angle, pno, width, height, glyphs: _Glyphs, h, raw):
    n = len(chars)
    codes = np.frombuffer(chars.encode("utf-32-le", errors="replace"), dtype=np.uint32)
    is_ws = np.isin(codes, _WS_CODES) if codes.size == n else np.fromiter((c in _WS for c in chars), bool, n)
    bw = boxes[:, 2] - boxes[:, 0]
    bh = boxes[:, 3] - boxes[:, 1]
    inside = (
        (boxes[:, 0] >= -2) & (boxes[:, 2] <= width + 2) & (boxes[:, 1] >= -2) & (boxes[:, 3] <= height + 2)
    )
    keep = ~is_ws & inside & (bh > 0.5) & (bw >= 0)
    g = np.flatnonzero(keep)
    if g.size == 0:
        return [], 0
    # clip boxes to the page so that every box lies on it
    boxes[:, [0, 2]] = boxes[:, [0, 2]].clip(0, width)
    boxes[:, [1, 3]] = boxes[:, [1, 3]].clip(0, height)
    gbase = glyphs.add("".join(chars[i] for i in g), pno, boxes[g].astype(np.float32))
    x0, top, x1, bot = frame[g, 0], frame[g, 1], frame[g, 2], frame[g, 3]
    hh = bot - top
    cws = np.cumsum(is_ws)
    # consecutive glyph pairs in content order
    a, b = slice(0, -1), slice(1, None)
    hmin = np.minimum(hh[a], hh[b])
    hmax = np.maximum(hh[a], hh[b])
    overlap = np.minimum(bot[a], bot[b]) - np.maximum(top[a], top[b])
    same_line = overlap > 0.5 * hmin
    gap = x0[b] - x1[a]
    brk = ~same_line | (gap < -1.0 * hmax) | (gap > SPLIT_GAP * hmax)
    ws_between = (cws[g[1:] - 1] - cws[g[:-1]]) > 0
    space = np.zeros(g.size, dtype=bool)
    space[1:] = ~brk & (ws_between | (gap > SPACE_GAP * hmax))
    starts = np.concatenate(([0], np.flatnonzero(brk) + 1))
    ends = np.concatenate((starts[1:], [g.size]))
    lines: list[_Line] = []
    rotated = 0
    angle = raw.FPDFText_GetCharAngle
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        if e - s == 1:
            # single glyphs: rotated text (vertical margin notes) comes out this way
            a_ = (angle(h, int(g[s])) - ref_angle) % (2 * math.pi)
            if 0.1 < a_ < 2 * math.pi - 0.1:
                rotated += 1
                continue
        idx = np.arange(gbase + s, gbase + e)
        lines.append(
            _Line(
                page=pno,
                glyphs=idx,
                space=space[s:e].copy(),
                x0=float(x0[s:e].min()),
                top=float(top[s:e].min()),
                x1=float(x1[s:e].max()),
                bottom=float(bot[s:e].max()),
            )
        )
    # font size and weight of each line from a few probe glyphs
    fsize, fweight = raw.FPDFText_GetFontSize, raw.FPDFText_GetFontWeight
    seg_of = {}
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        seg_of[gbase + s] = (s, e)
    out = []
    for ln in lines:
        s, e = seg_of[int(ln.glyphs[0])]
        probes = {int(g[s]), int(g[(s + e) // 2]), int(g[e - 1])}
        sizes = sorted(fsize(h, k) * _scale(h, raw, k) for k in probes)
        ln.size = sizes[len(sizes) // 2]
        weights = [fweight(h, k) for k in probes]
        names = {k: _font_name(h, raw, k) for k in probes}
        fonts = set(names.values())
        ln.font = fonts.pop() if len(fonts) == 1 else ""
        ln.bold = min(weights) >= 600 or bool(_BOLD.search(ln.font))
        first, mid = int(g[s]), int(g[(s + e) // 2])
        if names[first] != names[mid]:
            # a run-in heading ("Results: ...") starts the line in another (bold) font
            ln.lead_font = names[first]
        ln.text = _line_text(glyphs.chars, ln)
        out.append(ln)
    return _merge_segments(out), rotated


_FONTBUF = ctypes.create_string_buffer(256)
_MATRIX = None


def _scale(h, raw, k: int) -> float:
    """Vertical scale of the text matrix of glyph ``k`` (font size x scale = size in points)."""
    global _MATRIX
    if _MATRIX is None:
        _MATRIX = raw.FS_MATRIX()
    if not raw.FPDFText_GetMatrix(h, k, ctypes.byref(_MATRIX)):
        return 1.0
    return math.hypot(_MATRIX.c, _MATRIX.d) or 1.0


_BOLD = re.compile(r"bold|black|heavy|demi|semibold|[.,-](?:b|bd|sb)$", re.I)
_FLAGS = ctypes.c_int()
_ITALIC = re.compile(r"italic|oblique|[.,-](?:i|it)$", re.I)


def _font_name(h, raw, k: int) -> str:
    n = raw.FPDFText_GetFontInfo(h, k, _FONTBUF, 256, ctypes.byref(_FLAGS))
    name = _FONTBUF.raw[: max(0, min(n, 256) - 1)].decode("latin-1", errors="replace")
    return name.split("+", 1)[-1]


def _line_text(chars: list[str], ln: _Line) -> str:
    parts = []
    for gi, sp in zip(ln.glyphs.tolist(), ln.space.tolist(), strict=True):
        if sp:
            parts.append(" ")
        parts.append(chars[gi])
    return "".join(parts)


def _merge_segments(lines: list[_Line]) -> list[_Line]:
    """Join segments that sit side by side on one line with a small gap (out-of-order
    streams, ligatures drawn apart), and the words of a line justified so widely that
    its word gaps look like cell gaps (evenly spaced words on one row)."""
    if len(lines) < 2:
        return lines
    lines.sort(key=lambda ln: ((ln.top + ln.bottom) / 2, ln.x0))
    # the left edges many lines start at (a column's): a run of justified words stops there
    starts: dict[int, int] = {}
    for ln in lines:
        starts[round(ln.x0)] = starts.get(round(ln.x0), 0) + 1
    edges = {x for x, n in starts.items() if n >= COLUMN_EDGE_LINES}
    out: list[_Line] = []
    for row in _rows(lines):
        row.sort(key=lambda ln: ln.x0)
        merged: list[_Line] = []
        cur = row[0]
        for nxt in row[1:]:
            hmax = max(cur.height, nxt.height)
            gap = nxt.x0 - cur.x1
            if -1.0 * hmax <= gap <= SPLIT_GAP * hmax and abs(cur.size - nxt.size) <= 0.35 * max(cur.size, 1):
                cur = _join(cur, nxt, gap > SPACE_GAP * hmax)
            else:
                merged.append(cur)
                cur = nxt
        merged.append(cur)
        out.extend(_justified(merged, edges))
    return out


def _justified(row: list[_Line], edges: set[int] = frozenset()) -> list[_Line]:
    """Merge runs of >= 3 segments on a row whose gaps are even and under 3 line heights; a run
    does not go on to a segment that starts at one of ``edges`` (a column's left edge: the
    first word of the next column's line)."""
    if len(row) < 3:
        return row
    out: list[_Line] = []
    i = 0
    while i < len(row):
        j = i
        gaps: list[float] = []
        while j + 1 < len(row):
            g = row[j + 1].x0 - row[j].x1
            h = max(row[j].height, row[j + 1].height)
            if g > 3 * h or abs(row[j + 1].size - row[i].size) > 0.05 * max(row[i].size, 1):
                break
            if len(row[j].glyphs) > 25 or len(row[j + 1].glyphs) > 25:
                break  # only runs of single words (a column line is no word)
            if any(abs(row[j + 1].x0 - x) <= 1 for x in edges):
                break  # "... an effective" | "KAPE-PTSD is ...": the next column starts here
            if gaps and not (max(gaps + [g]) <= 1.5 * min(gaps + [g])):
                break
            gaps.append(g)
            j += 1
        if j - i >= 2:
            cur = row[i]
            for k in range(i + 1, j + 1):
                cur = _join(cur, row[k], True)
            out.append(cur)
        else:
            out.extend(row[i : j + 1])
        i = j + 1
    return out


def _join(a: _Line, b: _Line, space: bool) -> _Line:
    sp = b.space.copy()
    sp[0] = space
    return _Line(
        page=a.page,
        glyphs=np.concatenate((a.glyphs, b.glyphs)),
        space=np.concatenate((a.space, sp)),
        x0=min(a.x0, b.x0),
        top=min(a.top, b.top),
        x1=max(a.x1, b.x1),
        bottom=max(a.bottom, b.bottom),
        text=a.text + (" " if space else "") + b.text,
        size=a.size if len(a.glyphs) >= len(b.glyphs) else b.size,
        bold=a.bold and b.bold,
        lead_font=a.lead_font,
    )


def _rows(lines: list[_Line]) -> list[list[_Line]]:
    """Group lines sorted by vertical centre into rows of vertically overlapping lines."""
    rows: list[list[_Line]] = []
    ref: _Line | None = None
    for ln in lines:
        if ref is not None:
            ov = min(ref.bottom, ln.bottom) - max(ref.top, ln.top)
            if ov > 0.5 * min(ref.height, ln.height):
                rows[-1].append(ln)
                continue
        rows.append([ln])
        ref = ln
    return rows


# --------------------------------------------------------------------------- running heads


def _norm_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text.lower()))


@lru_cache(maxsize=1)
def boilerplate() -> re.Pattern[str]:
    """Lines to drop anywhere (``resources/pdf_boilerplate.tsv``), as one regex."""
    text = resources.files("kapextract.resources").joinpath("pdf_boilerplate.tsv").read_text("utf-8")
    parts = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        pattern = line.split("\t")[0]
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"pdf_boilerplate.tsv line {lineno}: bad pattern ({exc})") from None
        parts.append(f"(?:{pattern})")
    return re.compile("|".join(parts) or "(?!)", re.I)


def _drop_boilerplate(page_lines: list[list[_Line]]) -> None:
    pattern = boilerplate()
    for i, lines in enumerate(page_lines):
        page_lines[i] = [ln for ln in lines if not pattern.fullmatch(" ".join(ln.text.split()))]


def _drop_margins(page_lines: list[list[_Line]], sizes: list[tuple[float, float]]) -> None:
    """Remove running headers/footers (repeated in the margin zones) and page numbers."""
    n_pages = len(page_lines)
    counts: dict[str, set[int]] = {}
    zone_of: list[list[tuple[_Line, str]]] = []
    for i, lines in enumerate(page_lines):
        height = sizes[i][1] or 792.0
        zl = []
        if lines:
            # the margin zone, widened to the first/last two text rows of the page
            tops = sorted({round(ln.top, 0) for ln in lines})
            top_cut = max(height * MARGIN_ZONE, tops[min(1, len(tops) - 1)] + 1)
            bots = sorted({round(ln.bottom, 0) for ln in lines})
            bot_cut = min(height * (1 - MARGIN_ZONE), bots[max(0, len(bots) - 2)] - 1)
            top_cut = min(top_cut, height * 0.15)
            bot_cut = max(bot_cut, height * 0.85)
            for ln in lines:
                if ln.bottom <= top_cut or ln.top >= bot_cut:
                    key = _norm_key(ln.text)
                    zl.append((ln, key))
                    counts.setdefault(key, set()).add(i)
        zone_of.append(zl)
    need = 2 if n_pages <= 4 else max(2, int(0.25 * n_pages))
    for i, zl in enumerate(zone_of):
        drop = set()
        for ln, key in zl:
            if _PAGE_NO.match(ln.text) or (len(counts[key]) >= need and len(key) >= 2):
                drop.add(id(ln))
        if drop:
            page_lines[i] = [ln for ln in page_lines[i] if id(ln) not in drop]


@dataclass
class _Body:
    """The body text style: the font size and font name that most glyphs use,
    and the fonts that headings are set in (found once headings are known)."""

    size: float
    font: str
    heading_fonts: frozenset[str] = frozenset()


def _body_style(page_lines: list[list[_Line]]) -> _Body:
    sizes: dict[float, int] = {}
    fonts: dict[str, int] = {}
    for lines in page_lines:
        for ln in lines:
            k = round(ln.size * 2) / 2
            sizes[k] = sizes.get(k, 0) + len(ln.glyphs)
            if ln.font:
                fonts[ln.font] = fonts.get(ln.font, 0) + len(ln.glyphs)
    return _Body(
        max(sizes, key=sizes.get) if sizes else 10.0,
        max(fonts, key=fonts.get) if fonts else "",
    )


# --------------------------------------------------------------------------- reading order


def _order_page(lines: list[_Line], width: float, body: float = 0.0) -> list[_Line]:
    """Lines of one page in reading order; table rows become single lines with cells."""
    if not lines:
        return []
    lines.sort(key=lambda ln: ((ln.top + ln.bottom) / 2, ln.x0))
    gutters = _gutters(lines, width, body)
    rows = _rows(lines)
    items: list[_Line] = []
    bounds = [0.0] + [g for pair in gutters for g in pair] + [width]
    col_w = [bounds[2 * i + 1] - bounds[2 * i] for i in range(len(gutters) + 1)]
    # the width the text of each column fills (not the margins)
    if gutters:
        widths: dict[int, list[float]] = {}
        for ln in lines:
            if not any(ln.x0 < g0 and ln.x1 > g1 + 2 for g0, g1 in gutters):
                c = sum(1 for g0, _g1 in gutters if ln.x0 >= g0)
                widths.setdefault(c, []).append(ln.x1 - ln.x0)
        for c, ws in widths.items():
            if len(ws) >= 5:
                col_w[c] = min(col_w[c], float(np.percentile(ws, 90)))
    text_w = float(np.percentile([ln.x1 - ln.x0 for ln in lines], 95))
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        if not gutters:
            items.append(_row_item(_fill_line(row, text_w), 0))
            continue
        if any(ln.x0 < g0 and ln.x1 > g1 + 2 for ln in row for g0, g1 in gutters):
            items.append(_row_item(row, 0))
            continue
        groups: dict[int, list[_Line]] = {}
        for ln in row:
            col = sum(1 for g0, _g1 in gutters if ln.x0 >= g0)
            groups.setdefault(col, []).append(ln)
        groups = {c: _fill_line(_collapse_label(g), col_w[c]) for c, g in groups.items()}
        if len(groups) >= 2 and sum(len(g) for g in groups.values()) >= 3:
            body = [len(g) == 1 and g[0].x1 - g[0].x0 >= 0.55 * col_w[c] for c, g in groups.items()]
            if not any(body):
                items.append(_row_item(row, 0))
                continue
        for c in sorted(groups):
            items.append(_row_item(groups[c], c + 1))
    if gutters:
        items = _smooth_wide_tables(items)
    _smooth_tables(items)
    if not gutters:
        return items
    # bands between full-width items: columns left to right
    out: list[_Line] = []
    band: list[_Line] = []
    for it in items:
        if it.side == 0:
            out.extend(_band(band))
            band = []
            out.append(it)
        else:
            band.append(it)
    out.extend(_band(band))
    return out


def _band(items: list[_Line]) -> list[_Line]:
    return sorted(items, key=lambda it: it.side)  # stable: top to bottom within a column


_LABEL = re.compile(r"^(?:\d{1,3}\.?|\[\d{1,3}\]|\(\d{1,3}\)|[\u2022\u25cf\u25aa*-]|[a-z]\)|[ivx]{1,4}\.)$")


def _collapse_label(cells: list[_Line]) -> list[_Line]:
    """A numbered or bulleted list item with a hanging indent, or a run-in label set apart
    ("Background:   The ..."), is one line, not two cells."""
    first = cells[0].text.strip() if cells else ""
    labelled = _LABEL.match(first) or (_RUN_IN.match(first) and first.endswith(":") and len(first) <= 32)
    if len(cells) == 2 and labelled and len(cells[1].glyphs) > 3:
        item = _join(cells[0], cells[1], True)
        item.size, item.bold, item.font = cells[1].size, cells[1].bold, cells[1].font
        return [item]
    return cells


def _fill_line(cells: list[_Line], width: float) -> list[_Line]:
    """Pieces of one justified prose line: together they fill the column, their gaps are
    under 3 line heights and they are mostly letters -> one line, not table cells."""
    if len(cells) < 2 or width <= 0:
        return cells
    extent = cells[-1].x1 - cells[0].x0
    if extent < 0.9 * width:
        return cells
    for a, b in zip(cells, cells[1:], strict=False):
        if b.x0 - a.x1 > 3 * max(a.height, b.height):
            return cells
    text = "".join(c.text for c in cells)
    if sum(ch.isalpha() for ch in text) < 0.6 * len(text):
        return cells
    cur = cells[0]
    for nxt in cells[1:]:
        cur = _join(cur, nxt, True)
    return [cur]


def _row_item(cells: list[_Line], side: int) -> _Line:
    cells = _collapse_label(cells)
    if len(cells) == 1:
        ln = cells[0]
        ln.side = side
        return ln
    first = cells[0]
    return _Line(
        page=first.page,
        glyphs=np.concatenate([c.glyphs for c in cells]),
        space=np.concatenate([c.space for c in cells]),
        x0=min(c.x0 for c in cells),
        top=min(c.top for c in cells),
        x1=max(c.x1 for c in cells),
        bottom=max(c.bottom for c in cells),
        text="\t".join(c.text for c in cells),
        size=max(cells, key=lambda c: len(c.glyphs)).size,
        bold=all(c.bold for c in cells),
        cells=list(cells),
        table=True,
        side=side,
    )


def _smooth_wide_tables(items: list[_Line]) -> list[_Line]:
    """Rows of a full-width table whose cells happen to sit on both sides of the gutter.

    Between two full-width table rows, a left item and a right item on the same
    row that are not both full column lines are joined into one table row.
    """
    out: list[_Line] = []
    i = 0
    n = len(items)
    wide = [it.side == 0 and it.table for it in items]
    while i < n:
        it = items[i]
        if (
            i + 1 < n
            and it.side >= 1
            and items[i + 1].side > it.side
            and abs(items[i + 1].top - it.top) < 0.5 * it.height
        ):
            before = any(wide[j] for j in range(max(0, i - 2), i))
            after = any(wide[j] for j in range(i + 2, min(n, i + 4)))
            if before and after:
                cells = (it.cells or [it]) + (items[i + 1].cells or [items[i + 1]])
                out.append(_row_item(cells, 0) if len(cells) > 1 else it)
                i += 2
                continue
        out.append(it)
        i += 1
    return out


def _smooth_tables(items: list[_Line]) -> None:
    """A lone short line between table rows of the same side belongs to the table."""
    for i in range(1, len(items) - 1):
        it = items[i]
        if it.table:
            continue
        prev, nxt = items[i - 1], items[i + 1]
        if (
            prev.table
            and nxt.table
            and prev.side in (0, it.side)
            and nxt.side in (0, it.side)
            and (nxt.top - prev.bottom) < 4 * max(it.height, 1)
            and len(it.glyphs) < 60
        ):
            it.table = True
            it.cells = [_Line(it.page, it.glyphs, it.space, it.x0, it.top, it.x1, it.bottom, it.text)]


def _gutters(lines: list[_Line], width: float, body: float = 0.0) -> list[tuple[float, float]]:
    """The x-ranges of the gaps between columns, left to right ([] for one column).

    Text lines that sit side by side on one row vote for the gap between them;
    a gap with at least three votes separates columns unless running text
    crosses it about as often (then it is a gap between table cells). Lines in
    the body font size vote first; then all lines may add a gap that hardly
    any text line crosses (a sidebar in small type). Without votes, a
    strip in the middle that no text line crosses (columns with unaligned
    baselines) also counts.
    """
    text_lines = [
        ln for ln in lines
        if len(ln.glyphs) >= 12 and ln.x1 - ln.x0 >= 0.12 * width
        and sum(map(str.isalpha, ln.text)) >= 0.5 * len(ln.text)  # prose, not figures
    ]
    if len(text_lines) < 6 or width <= 0:
        return []
    in_body = [ln for ln in text_lines if abs(ln.size - body) <= 0.12 * body] if body > 0 else []
    if len(in_body) >= 6:
        gutters = _vote(in_body, in_body, width, 1.5, local=True)
        for g in _vote(text_lines, text_lines, width, 0.2):
            if all(g[1] < h[0] - 5 or g[0] > h[1] + 5 for h in gutters):
                gutters.append(g)
        gutters.sort()
    else:
        gutters = _vote(text_lines, text_lines, width, 1.5, local=True)
    if gutters:
        return gutters
    # no votes: a strip in the middle that no body line crosses, with body lines on both sides
    strip_lines = in_body if len(in_body) >= 5 else text_lines
    w = int(width) + 1
    cover = np.zeros(w + 1, dtype=np.int32)
    for ln in strip_lines:
        cover[max(0, int(ln.x0))] += 1
        cover[min(w, int(math.ceil(ln.x1)))] -= 1
    cover = np.cumsum(cover)[:w]
    lo, hi = width * 0.3, width * 0.7
    mid = cover[int(lo) : int(hi)]
    if mid.size == 0 or mid.min() > 0:
        return []
    zero = np.flatnonzero(mid == 0)
    runs = np.split(zero, np.flatnonzero(np.diff(zero) > 1) + 1)
    run = max(runs, key=len)
    if len(run) < 4:
        return []
    g0, g1 = int(lo) + int(run[0]), int(lo) + int(run[-1]) + 1
    n_left = sum(1 for ln in strip_lines if ln.x1 <= g1 and ln.x0 < g0)
    n_right = sum(1 for ln in strip_lines if ln.x0 >= g0)
    if n_left < 2 or n_right < 2 or n_left + n_right < 5:
        return []
    return [(float(g0), float(g1))]


def _vote(
    voters: list[_Line], crossers: list[_Line], width: float, ratio: float, local: bool = False
) -> list[tuple[float, float]]:
    """Gaps voted for by side-by-side ``voters`` and crossed by at most
    ``ratio`` x votes of the ``crossers`` (with ``local``, only crossers between
    the first and the last voting row count: a page may be two columns at the
    top and one below)."""
    lo, hi = width * 0.15, width * 0.85
    pairs: list[tuple[float, float, float]] = []
    for row in _rows(sorted(voters, key=lambda ln: ((ln.top + ln.bottom) / 2, ln.x0))):
        row.sort(key=lambda ln: ln.x0)
        for a, b in zip(row, row[1:], strict=False):
            if a.x1 < b.x0 and lo <= (a.x1 + b.x0) / 2 <= hi:
                pairs.append((a.x1, b.x0, (a.top + a.bottom) / 2))
    gutters: list[tuple[float, float]] = []
    w = int(width) + 1
    while len(pairs) >= 3 and len(gutters) < 3:
        votes = np.zeros(w + 1, dtype=np.int32)
        for x1, x0, _y in pairs:
            votes[int(x1)] += 1
            votes[min(w, int(x0) + 1)] -= 1
        votes = np.cumsum(votes)[:w]
        best = int(votes.argmax())
        chosen = [p for p in pairs if p[0] <= best + 1 and p[1] >= best - 1]
        if len(chosen) < 3:
            break
        g0 = float(np.percentile([c[0] for c in chosen], 90))
        g1 = float(np.percentile([c[1] for c in chosen], 10))
        if g1 <= g0:
            g0 = g1 = (g0 + g1) / 2
        pairs = [p for p in pairs if not (p[0] <= best + 1 and p[1] >= best - 1)]
        y_lo, y_hi = min(c[2] for c in chosen), max(c[2] for c in chosen)
        crossing = sum(
            1 for ln in crossers
            if ln.x0 < g0 - 2 and ln.x1 > g1 + 2
            and (not local or y_lo <= (ln.top + ln.bottom) / 2 <= y_hi)
        )
        if crossing <= ratio * len(chosen):
            gutters.append((g0, g1))
    return sorted(gutters)


# --------------------------------------------------------------------------- blocks


@dataclass
class _RawBlock:
    kind: str
    lines: list[_Line]
    level: int | None = None


def _make_blocks(pages: list[list[_Line]], sizes, style: _Body) -> list[_RawBlock]:
    body = style.size
    # fonts used only for headings (e.g. small back-matter headings share them)
    glyphs_by_font: dict[str, int] = {}
    heads_by_font: dict[str, int] = {}
    total = 0
    for lines in pages:
        for k, ln in enumerate(lines):
            total += len(ln.glyphs)
            if ln.font:
                glyphs_by_font[ln.font] = glyphs_by_font.get(ln.font, 0) + len(ln.glyphs)
                if _heading_like(ln, style, lines[k + 1] if k + 1 < len(lines) else None):
                    heads_by_font[ln.font] = heads_by_font.get(ln.font, 0) + len(ln.glyphs)
    style.heading_fonts = frozenset(
        f for f, c in heads_by_font.items()
        if f != style.font and c >= 0.6 * glyphs_by_font[f] and glyphs_by_font[f] < 0.05 * max(total, 1)
    )
    blocks: list[_RawBlock] = []
    title_done = False
    # title: the largest text on page 1 (upper part), if clearly above the body size
    first = pages[0] if pages else []
    title_ids: set[int] = set()
    if first:
        height = sizes[0][1] or 792.0
        cands = [
            ln for ln in first
            if ln.top < 0.6 * height and len(ln.text.split()) >= 2 and len(ln.glyphs) >= 8 and not ln.table
        ]
        if cands:
            big = max(ln.size for ln in cands)
            top_bold = all(ln.bold for ln in cands if abs(ln.size - big) < 0.05 * big)
            if big >= 1.3 * body or (big >= 1.1 * body and top_bold):
                run = [ln for ln in cands if abs(ln.size - big) < 0.05 * big]
                # the title is the consecutive run of the largest lines
                i0 = first.index(run[0])
                for ln in first[i0:]:
                    if abs(ln.size - big) < 0.05 * big:
                        title_ids.add(id(ln))
                    else:
                        break
    size_count: dict[float, int] = {}
    for lines in pages:
        for k, ln in enumerate(lines):
            nx = lines[k + 1] if k + 1 < len(lines) else None
            if id(ln) not in title_ids and _heading_like(ln, style, nx):
                size_count[round(ln.size, 1)] = size_count.get(round(ln.size, 1), 0) + 1
    head_sizes = sorted((sz for sz, c in size_count.items() if c >= 2), reverse=True)
    cur: _RawBlock | None = None
    prev: _Line | None = None
    for lines in pages:
        gaps = _line_gaps(lines)
        for k, ln in enumerate(lines):
            nx = lines[k + 1] if k + 1 < len(lines) else None
            if id(ln) in title_ids and not title_done:
                if cur is None or cur.kind != "title":
                    cur = _RawBlock("title", [])
                    blocks.append(cur)
                cur.lines.append(ln)
                prev = ln
                continue
            if cur is not None and cur.kind == "title":
                title_done = True
            kind = "table" if ln.table else "heading" if _heading_like(ln, style, nx, known=True) else "paragraph"
            if (
                kind == "heading"
                and prev is not None
                and cur is not None
                and cur.kind == "paragraph"
                and prev.text.rstrip()[-1:] in ",;-"
                and _near(prev, ln, gaps)
            ):
                kind = "paragraph"  # the last line of a paragraph that happens to be set apart
            if kind == "paragraph" and _CAPTION.match(ln.text):
                kind = "caption"
            start_new = cur is None or _starts_block(cur, prev, ln, kind, gaps, body)
            if start_new:
                level = _heading_level(ln, head_sizes, body) if kind == "heading" else None
                cur = _RawBlock(kind, [ln], level)
                blocks.append(cur)
            else:
                cur.lines.append(ln)
            prev = ln
    return blocks


def _heading_like(ln: _Line, style: _Body, nxt: _Line | None = None, known: bool = False) -> bool:
    """A short line set larger than the body, in bold, or in another (heading) font.

    Style-only cues (bold, another font) need the next line ``nxt`` to be set
    differently, so that a paragraph in its own font is not taken for headings. With
    ``known``, a bold line that is a major heading of the lexicon ("METHODS") is one even
    right above a sub-heading in its font; the font statistics (which font is a heading
    font, which sizes are heading sizes) are taken without it, so that it does not turn
    other bold lines (a table's column heads) into headings.
    """
    text = ln.text.strip()
    if ln.table or len(text) > 150 or not re.search(r"[A-Za-z]{2}", text):
        return False
    if text.endswith((",", ";")) or _CAPTION.match(text):
        return False
    body = style.size
    if ln.size >= HEADING_SCALE * body:
        return True
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if known and (ln.bold or (ln.font and ln.font != style.font)) and _major_heading(text):
        return True  # "2 | METHODS" set right above "2.1 | Participants" in the same bold font
    if nxt is not None and nxt.font == ln.font and abs(nxt.size - ln.size) < 0.05 * body and not nxt.table:
        return False
    if ln.font in style.heading_fonts and len(text) <= 90 and not text.endswith("."):
        return ln.size >= 0.6 * body
    if ln.bold and ln.size >= 0.92 * body and not _BOLD.search(style.font):
        return True
    return (
        bool(ln.font)
        and ln.font != style.font
        and ln.size >= 0.85 * body
        and len(text) <= 90
        and not text.endswith(".")
        and (text[0].isupper() or text[0].isdigit())
        and not _ITALIC.search(ln.font)
    )


@lru_cache(maxsize=4096)
def _major_heading(text: str) -> bool:
    """True when the whole line is a major section heading of the lexicon ("METHODS", "3. Results")."""
    from kapextract.sections.lexicon import lexicon

    hit = lexicon().lookup(text)
    return hit is not None and hit.exact and hit.tier == "major" and len(text.split()) <= 6


def _heading_level(ln: _Line, head_sizes: list[float], body: float) -> int:
    m = _NUMBERED.match(ln.text)
    if m:
        return min(6, m.group(1).count(".") + 1)
    if not head_sizes:
        return 1
    size = round(ln.size, 1)
    nearest = min(range(len(head_sizes)), key=lambda i: abs(head_sizes[i] - size))
    return min(6, nearest + 1)


def _line_gaps(lines: list[_Line]) -> dict[int, float]:
    """Typical vertical gap between consecutive lines of the same side on a page."""
    gaps: dict[int, list[float]] = {}
    last: dict[int, _Line] = {}
    for ln in lines:
        p = last.get(ln.side)
        if p is not None and not p.table and not ln.table:
            g = ln.top - p.bottom
            if -0.5 * ln.height < g < 2 * ln.height:
                gaps.setdefault(ln.side, []).append(g)
        last[ln.side] = ln
    return {k: float(np.median(v)) for k, v in gaps.items() if v}


def _starts_block(cur: _RawBlock, prev: _Line | None, ln: _Line, kind: str, gaps, body: float) -> bool:
    """Whether line ``ln`` (of ``kind``) starts a new block after ``prev`` of block ``cur``."""
    if prev is None or kind == "caption":
        return True
    if kind != cur.kind:
        # a caption runs on into the paragraph-like lines right under it
        return not (cur.kind == "caption" and kind == "paragraph" and _near(prev, ln, gaps))
    if kind == "table":
        same_side = prev.side == ln.side or 0 in (prev.side, ln.side)
        return not (prev.page == ln.page and same_side and -ln.height < ln.top - prev.bottom < 4 * ln.height)
    if kind == "heading":
        if _major_heading(prev.text.strip()) or _major_heading(ln.text.strip()):
            return True  # "METHODS" over "School recruitment": a section and its first sub-heading
        return len(cur.lines) >= 3 or abs(prev.size - ln.size) > 0.1 * body or not _near(prev, ln, gaps)
    if _ITEM.match(ln.text) and prev.text.rstrip()[-1:] in ".;:)]":
        return True
    if ln.lead_font and _RUN_IN.match(ln.text) and prev.text.rstrip()[-1:] in ".;:)]!?":
        return True
    same_flow = prev.page == ln.page and prev.side == ln.side
    hanging = bool(_ITEM.match(cur.lines[0].text)) and ln.x0 > cur.lines[0].x0
    if same_flow:
        if not _near(prev, ln, gaps):
            return True
        # first-line indent
        if ln.x0 > prev.x0 + 0.8 * ln.height and ln.x0 - prev.x0 < 6 * ln.height and not hanging:
            return True
        # a short last line ending a sentence
        if prev.x1 < ln.x1 - 2.5 * ln.height and prev.text.rstrip().endswith((".", ":", "?", "!")):
            return True
        return abs(prev.size - ln.size) > 0.15 * body
    # column or page break: continue the paragraph only when the sentence runs on
    t = prev.text.rstrip()
    if t.endswith((".", ":", "?", "!")) and (ln.text[:1].isupper() or ln.text[:1].isdigit()):
        return True
    return abs(prev.size - ln.size) > 0.15 * body


def _near(a: _Line, b: _Line, gaps, factor: float = 1.0) -> bool:
    if a.page != b.page or a.side != b.side:
        return False
    g = b.top - a.bottom
    typical = gaps.get(b.side, 0.15 * b.height)
    return -b.height < g <= typical + factor * 0.45 * max(b.height, 1.0)


# --------------------------------------------------------------------------- text


class _Out:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.idx: list[int] = []
        self.n = 0
        self.table = unicode_map()

    def synth(self, s: str) -> None:
        self.chars.append(s)
        self.idx.extend([-1] * len(s))
        self.n += len(s)

    def glyphs(self, ln: _Line, chars: list[str], upto: int | None = None) -> None:
        table = self.table
        gl = ln.glyphs.tolist()
        sp = ln.space.tolist()
        if upto is not None:
            gl, sp = gl[:upto], sp[:upto]
        out_c, out_i = self.chars, self.idx
        n = self.n
        for gi, s in zip(gl, sp, strict=True):
            if s:
                out_c.append(" ")
                out_i.append(-1)
                n += 1
            ch = chars[gi]
            if ch in table:
                ch = normalize_char(ch)
                for c in ch:
                    if c.isspace():
                        c = " "
                    out_c.append(c)
                    out_i.append(gi)
                n += len(ch)
            else:
                out_c.append(ch)
                out_i.append(gi)
                n += 1
        self.n = n


def _assemble(raw_blocks: list[_RawBlock], chars: list[str], vocab: set[str]):
    out = _Out()
    blocks: list[Block] = []
    for rb in raw_blocks:
        if not rb.lines:
            continue
        if blocks:
            out.synth("\n\n")
        start = out.n
        if rb.kind == "table":
            for r, ln in enumerate(rb.lines):
                if r:
                    out.synth("\n")
                cells = ln.cells or [ln]
                for c, cell in enumerate(cells):
                    if c:
                        out.synth("\t")
                    out.glyphs(cell, chars)
        else:
            nlines = len(rb.lines)
            for i, ln in enumerate(rb.lines):
                cells = ln.cells or [ln]
                last = i == nlines - 1
                for c, cell in enumerate(cells):
                    if c:
                        out.synth(" ")
                    t = cell.text.rstrip()
                    final = last or c < len(cells) - 1
                    if not final and t[-1:] in HYPHENS and len(t) >= 2:
                        # a line ending in a hyphen: no space; drop the hyphen when it only splits a word
                        nxt = rb.lines[i + 1].text.lstrip()
                        if not t[-2].isalpha() or keep_hyphen(t[:-1], nxt, vocab):
                            out.glyphs(cell, chars)
                            if chars[int(cell.glyphs[-1])] == "\u00ad":
                                out.chars.append("-")  # soft hyphen kept as a hyphen
                                out.idx.append(int(cell.glyphs[-1]))
                                out.n += 1
                        else:
                            out.glyphs(cell, chars, upto=len(cell.glyphs) - 1)
                        continue
                    out.glyphs(cell, chars)
                    if not last and c == len(cells) - 1:
                        out.synth(" ")
        end = out.n
        page = next((ln.page for ln in rb.lines), None)
        blocks.append(Block(start, end, rb.kind, "other", page, rb.level))
    text = "".join(out.chars)
    if len(text) != len(out.idx):  # a normalization produced several chars in one piece
        raise AssertionError("text and layout out of step")
    return text, out.idx, blocks
