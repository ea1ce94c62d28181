"""Plain-text ingest: decode, normalize, split into blocks, find headings, segment.

``read_text(data, name)`` requires the bytes of a plain-text paper and
returns a :class:`~kapextract.model.Document` with ``kind="text"``:

* decoding is UTF-8 (a byte-order mark is dropped); text that is not valid
  UTF-8 is decoded as cp1252, or latin-1, with a warning;
* newlines are normalized to "\\n" (a form feed becomes a blank line) and
  characters through :func:`kapextract.ingest.textnorm.normalize`; LaTeX
  and Markdown markup left by a preprint's sources is rendered as text
  (:func:`kapextract.ingest.markup.plain_markup`); the
  line numbers of a manuscript are dropped
  (:func:`kapextract.ingest.line_numbers.drop_line_numbers`); page
  numbers and running heads left by a PDF are dropped, so a sentence split
  by a page break runs on
  (:func:`kapextract.ingest.page_furniture.drop_page_furniture`); a
  word split by a hyphen at a line end is joined
  (:func:`kapextract.ingest.hyphenation.join_wrapped_words`: "keta-" over
  "mine" becomes "ketamine" and the line break follows it; a compound keeps
  its hyphen); this string is ``doc.text``, which every offset indexes;
* blocks are the runs of lines between blank lines; a heading line glued
  to its paragraph is split off (the first line when numbered or known to
  the heading lexicon, a later line when known to the lexicon), a line
  opening with a run-in heading ("Results: ...") starts a new block, text
  with one whole paragraph per line is split at every line, and hard-wrapped
  text without blank lines is split after a short line ending a sentence;
* a block is a table when two in five of its lines (at least two) have
  tab- or space-aligned columns, or, right under a "Table N" caption, when
  any line has columns or its lines are short; a caption when it starts
  "Table 1"/"Figure 2"; a list when every line is a bullet or numbered
  item; a heading when it is one heading-like line (``level`` from its
  number); a short first block is the title (the second when the first is a
  journal or author line);
* :func:`kapextract.sections.assign_sections` labels every block.

Text that is empty after decoding raises :class:`~kapextract.errors.IngestError`.
"""

from __future__ import annotations

import re

from kapextract.errors import IngestError
from kapextract.ingest.hyphenation import join_wrapped_words
from kapextract.ingest.line_numbers import drop_line_numbers
from kapextract.ingest.markup import plain_markup
from kapextract.ingest.page_furniture import drop_page_furniture, is_head_line
from kapextract.ingest.textnorm import normalize
from kapextract.model import Block, Document, sha256_bytes
from kapextract.sections import assign_sections
from kapextract.sections.headings import (
    heading_level,
    is_caption,
    is_table_caption,
    looks_like_heading,
)
from kapextract.sections.lexicon import lexicon
from kapextract.sections.runin import run_in_heading

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BLANK = re.compile(r"\n[ \t]*\n\s*")
_COLUMNS = re.compile(r"\S(?:\t+| {3,}|(?<![.?!:;]) {2})\S|^\t+\S")
_BULLET = re.compile(r"^\s*(?:[-\u2022*\u25cf\u25aa\u2013]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)")

#: the type of an article, printed above its title: "RESEARCH LETTER", "Original Article", "Brief report",
#: "SERVICE AUDIT", "Case series", "Study protocol"
_ARTICLE_TYPE = re.compile(
    r"\s*(?:(?:original|research|brief|short|clinical|rapid|review|special|service|case|study|trial)\s+)?"
    r"(?:article|report|communication|letter|paper|research|investigation|contribution|audit|evaluation|series|protocol)s?"
    r"(?:\s+to\s+the\s+editors?)?\s*"
    r"|\s*(?:secondary|post[- ]hoc)\s+analysis\s*", re.IGNORECASE)

#: a line that opens with a label in brackets: "[Abstract] Objective ...", "[Key words] ..."
_LABEL_LINE = re.compile(r"^\s*[\[\u3010]")
#: a line that opens a keyword list: "Keywords: ...", "[Key words] ...", "Key words ketamine; ..."
_KEYWORDS_LINE = re.compile(r"^\s*[\[\u3010]?\s*key\s*-?\s*words?\s*[\]\u3011:.]?\s", re.IGNORECASE)

_RUN_IN_LINE = re.compile(r"^[A-Z][A-Za-z'\u2019/&\- ]{2,60}:")
#: a line that opens with a label in capitals and no colon: "INTERVENTIONS Three infusions ..."
_CAPS_RUN_IN_LINE = re.compile(r"^[A-Z][A-Z'\u2019/&,\- ]{3,60} [A-Z]")

#: A line longer than this is a whole paragraph, not a hard-wrapped line.
UNWRAPPED_LINE = 250
#: Hard-wrapped text needs this many lines in a run before paragraphs are rebuilt in it.
WRAPPED_MIN_LINES = 12
#: ... and a paragraph's last line is shorter than this share of a full line.
SHORT_LAST_LINE = 0.7
#: Lines shorter than this on median, right under a table caption, are table rows.
SHORT_LINE = 60
#: A side heading is shorter than this share of a full line.
SHORT_TITLE_SHARE = 0.6
#: A title is at most this many lines.
TITLE_MAX_LINES = 4
#: an author line: degrees, or affiliation marks after names ("Okonkwo-Reyes1,", "ZHANG Wei(1)", "MSc (1,2)")
_AUTHOR_LINE = re.compile(r"\b(?:MD|PhD|MSc|MPH|BSc|MBBS|PsyD|DPhil|RN|FRCPC?)\b|[A-Za-z]\s?\(\d(?:\s?,\s?\d)*\)"
                          r"|[a-z]\d(?:,\d)*,\s+[A-Z]")
#: A first block longer than this is not taken as the title.
TITLE_MAX_CHARS = 300


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8, falling back to cp1252 then latin-1 (with a warning)."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ["text is not valid UTF-8; decoded as cp1252"]
    except UnicodeDecodeError:
        return data.decode("latin-1"), ["text is not valid UTF-8; decoded as latin-1"]


def clean(text: str) -> str:
    """Normalize newlines, drop control characters and normalize characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _CONTROL.sub("", text)
    return normalize(text)


def _chunks(text: str) -> list[tuple[int, int]]:
    """Spans of the runs of lines between blank lines (trimmed of surrounding whitespace)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in list(_BLANK.finditer(text)) + [None]:
        end = m.start() if m is not None else len(text)
        seg = text[pos:end]
        lead = len(seg) - len(seg.lstrip())
        s, e = pos + lead, pos + len(seg.rstrip())
        if e > s:
            spans.append((s, e))
        if m is not None:
            pos = m.end()
    return spans


def _kind(chunk: str, alone: bool, after_table_caption: bool = False) -> str:
    lines = [ln for ln in chunk.split("\n") if ln.strip()]
    columns = sum(1 for ln in lines if _COLUMNS.search(ln))
    if len(lines) >= 2 and columns >= max(2, 0.4 * len(lines)):
        return "table"
    if after_table_caption and not is_caption(lines[0]):
        short_lines = len(lines) >= 2 and sorted(len(ln) for ln in lines)[len(lines) // 2] < SHORT_LINE
        if columns or short_lines:
            return "table"  # right under "Table 2 ...": a table even with few aligned rows
    if is_caption(lines[0]):
        return "caption"
    if len(lines) == 1 and looks_like_heading(lines[0], strict=not alone):
        return "heading"
    if len(lines) >= 2 and all(_BULLET.match(ln) for ln in lines):
        return "list"
    return "paragraph"


def _lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text[s:e]``, trimmed."""
    out: list[tuple[int, int]] = []
    pos = s
    for line in text[s:e].split("\n"):
        a = pos + len(line) - len(line.lstrip())
        b = pos + len(line.rstrip())
        if b > a:
            out.append((a, b))
        pos += len(line) + 1
    return out


def _pieces(text: str, s: int, e: int, under_caption: bool) -> list[tuple[int, int, bool]]:
    """Split a run of lines into ``(start, end, is_heading)`` pieces.

    A heading line glued to the text under it (numbered or known to the
    lexicon as the first line; known to the lexicon further down) is its
    own piece; a line that opens with a run-in heading and a colon ("Methods:
    We ...") starts a new piece; when the lines are whole paragraphs (one
    per line: the lines other than headings are longer than 150 characters
    on median, or lines longer than 250 characters hold half the text), each
    line is a piece (but the rows of a table stay together); in a long run of hard-wrapped lines
    (no blank lines between paragraphs), a line that ends a sentence and is
    shorter than 70% of a full line ends a piece.
    """
    lines = _lines(text, s, e)
    # a caption line after a line that ends a sentence starts its own run ("... by 41 patients." /
    # "Table 1 Ketamine dose ..."): the paragraph before it is text, however many table rows follow
    # (in hard-wrapped text only: the two lines before the caption are wrapped lines of a paragraph)
    for k in range(2, len(lines)):
        a = lines[k][0]
        before = [text[x:y] for x, y in lines[k - 2 : k]]
        if (is_caption(text[a : lines[k][1]]) and before[1].rstrip().endswith((".", "?", "!"))
                and all(40 <= len(x) <= UNWRAPPED_LINE and not _COLUMNS.search(x) for x in before)):
            return _pieces(text, s, lines[k - 1][1], under_caption) + _pieces(text, a, e, False)
    # (a run of whole paragraphs on lines with tables between them is no table: two prose lines
    # too long to be hard-wrapped make it text)
    prose = sum(1 for a, b in lines if b - a > UNWRAPPED_LINE and not _COLUMNS.search(text[a:b]))
    if len(lines) < 2 or (prose < 2 and _kind(text[s:e], alone=True, after_table_caption=under_caption) == "table"):
        return [(s, e, False)]
    lex = lexicon()
    lengths = sorted(b - a for a, b in lines if lex.lookup(text[a:b]) is None) or [0]
    # whole paragraphs on lines: long lines on median, or most of the text on lines too long
    # to be hard-wrapped (short title, author and table lines between them)
    long_chars = sum(n for n in lengths if n > UNWRAPPED_LINE)
    unwrapped = lengths[len(lengths) // 2] > 150 or long_chars >= 0.5 * sum(lengths)
    # hard-wrapped text without blank lines: a paragraph ends on a short line ending a sentence
    full = lengths[int(len(lengths) * 0.8)] if len(lengths) >= WRAPPED_MIN_LINES else 0
    pieces: list[tuple[int, int, bool]] = []
    cur: tuple[int, int] | None = None
    ends_paragraph = False
    in_keywords = False  # inside a keyword list ("Keywords: ketamine; ...")
    front = not text[:s].strip()  # the first lines of the document
    title_from = -1 if front else None  # the title's first line, while the authors may follow it
    for k, (a, b) in enumerate(lines):
        line = text[a:b]
        if front and (is_head_line(line) or _ARTICLE_TYPE.fullmatch(line)):
            # "Asian J Affect Disord 2023, 9(4): 301-307", "Clinical Research" above the title
            if cur:
                pieces.append((cur[0], cur[1], False))
                cur = None
            pieces.append((a, b, False))
            continue
        front = False
        if title_from == -1:
            title_from = k
        elif title_from is not None:
            if k - title_from > TITLE_MAX_LINES:
                title_from = None
            elif cur and _AUTHOR_LINE.search(line):
                # the authors right under a title of a few lines ("... an open-label trial" /
                # "Femke de Groot, MSc (1,2), Arjun Malhotra, MD (1)")
                pieces.append((cur[0], cur[1], False))
                cur, title_from = None, None
        hit = lex.lookup(line)
        known = hit is not None and hit.exact
        glued_first = k == 0 and heading_level(line) is not None
        if ((known or glued_first) and not _COLUMNS.search(line) and not is_caption(line) and (
            looks_like_heading(line, strict=True)
        )) or (full and _side_heading(text, lines, k, full)):
            if cur:
                pieces.append((cur[0], cur[1], False))
                cur = None
            pieces.append((a, b, True))
        elif (unwrapped and not (k > 0 and _table_row(line) and _table_row(text[lines[k - 1][0] : lines[k - 1][1]]))) \
                or ends_paragraph or (k > 0 and _RUN_IN_LINE.match(line) and run_in_heading(line, lex)) or (
                k > 0 and _LABEL_LINE.match(line) and run_in_heading(line, lex)) or (
                k > 0 and _CAPS_RUN_IN_LINE.match(line) and run_in_heading(line, lex)):
            # a new paragraph: every line of unwrapped text, the line after a paragraph's
            # short last line, or a line that opens with "Methods: ..."
            if cur:
                pieces.append((cur[0], cur[1], False))
            cur = (a, b)
        else:
            cur = (cur[0], b) if cur else (a, b)
        ends_paragraph = bool(full) and b - a < SHORT_LAST_LINE * full and line.endswith((".", "?", "!", ":"))
        in_keywords = in_keywords or _KEYWORDS_LINE.match(line) is not None
        if in_keywords and not line.endswith((";", ",")):
            ends_paragraph, in_keywords = True, False  # the keyword list ends with a line without a separator
    if cur:
        pieces.append((cur[0], cur[1], False))
    return pieces


#: the most words of a side heading on its own line in hard-wrapped text
SIDE_HEADING_WORDS = 8


def _table_row(line: str) -> bool:
    """Does a line read as a table row (cells split by pipes, tabs or wide gaps)?"""
    return line.count("|") >= 2 or " | " in line or bool(_COLUMNS.search(line))


def _side_heading(text: str, lines: list[tuple[int, int]], k: int, full: int) -> bool:
    """Is line ``k`` of a hard-wrapped run a sub-heading on a line of its own ("Double-blind
    phase (weeks 1-4)" between two paragraphs)? Short (under 60% of a full line and
    ``SIDE_HEADING_WORDS`` words), opening with a capital or a heading's number and ending without punctuation, after a
    line that ends a sentence and before a line that opens with a capital."""
    if k == 0 or k + 1 >= len(lines):
        return False
    a, b = lines[k]
    line = text[a:b]
    before = text[lines[k - 1][0] : lines[k - 1][1]]
    after = text[lines[k + 1][0] : lines[k + 1][1]]
    return (
        b - a < SHORT_TITLE_SHARE * full
        and len(line.split()) <= SIDE_HEADING_WORDS
        and (line[:1].isupper() or (line[:1].isdigit() and heading_level(line) is not None))  # ("2. STUDY 1: OPEN PILOT")
        and (line[-1:].isalnum() or line.endswith(")"))
        and before.endswith((".", "?", "!"))
        and (after[:1].isupper() or after[:1].isdigit())
        and not _COLUMNS.search(line)
        and not is_caption(line)
    )


def split_blocks(text: str) -> list[Block]:
    """Blocks of a normalized plain text, kinds set, sections not yet assigned."""
    blocks: list[Block] = []
    for s0, e0 in _chunks(text):
        prev = blocks[-1] if blocks else None
        under = prev is not None and prev.kind == "caption" and is_table_caption(text[prev.start:prev.end])
        for s, e, heading in _pieces(text, s0, e0, under):
            chunk = text[s:e]
            if heading:
                blocks.append(Block(s, e, "heading", level=heading_level(chunk)))
                continue
            prev = blocks[-1] if blocks else None
            under_caption = (
                prev is not None and prev.kind == "caption" and is_table_caption(text[prev.start:prev.end])
            )
            kind = _kind(chunk, alone=True, after_table_caption=under_caption)
            level = heading_level(chunk) if kind == "heading" else None
            blocks.append(Block(s, e, kind, level=level))
    return blocks


def _mark_title(text: str, blocks: list[Block]) -> str | None:
    if not blocks:
        return None
    k = 0
    while k + 2 < len(blocks) and k < 2 and "\n" not in (t := text[blocks[k].start:blocks[k].end]) and (
            is_head_line(t) or _ARTICLE_TYPE.fullmatch(t)):
        # a journal line or the article's type above the title ("Addict Pharmacother Rep 2024;
        # 9: e0412   ORIGINAL ARTICLE", "RESEARCH LETTER")
        k += 1
    b = blocks[k]
    t = text[b.start:b.end]
    if (
        b.kind in ("paragraph", "heading")
        and len(t) <= TITLE_MAX_CHARS
        and t.count("\n") < TITLE_MAX_LINES
        and lexicon().lookup(t.split("\n")[0]) is None
        and len(blocks) > 1
    ):
        b.kind = "title"
        b.level = None
        return " ".join(t.split())
    return None


def read_text(data: bytes, name: str = "<text>") -> Document:
    """Read a plain-text paper (see the module docstring)."""
    raw, warnings = decode(data)
    text = join_wrapped_words(drop_page_furniture(drop_line_numbers(plain_markup(clean(raw)))))
    if not text.strip():
        raise IngestError(f"{name}: file is empty (no text)")
    blocks = split_blocks(text)
    title = _mark_title(text, blocks)
    doc = Document(
        id=sha256_bytes(data),
        source=name,
        text=text,
        kind="text",
        title=title,
        blocks=blocks,
        warnings=warnings,
    )
    assign_sections(doc)
    return doc
