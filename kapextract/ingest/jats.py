"""PMC JATS/NXML ingest: sections from the markup, tables from ``<table-wrap>``.

``read_jats(data, name)`` requires the bytes of a JATS ``<article>`` and
returns a :class:`~kapextract.model.Document` with ``kind="jats"``,
``pages=None`` and ``layout=None``, the title and DOI, and in ``metadata``
the article type, PMC id, PMID, journal and year where the XML gives them. The text is built block by block,
blocks separated by a blank line ("\\n\\n"):

* the article title (``kind="title"``), then the abstract(s) under an
  "Abstract" heading, then the body, then back matter (acknowledgements,
  notes, appendices, one block per reference under "References");
* ``<sec>`` titles become heading blocks whose ``level`` is the nesting
  depth; paragraphs, lists (one block, one item a line), display formulas;
* a ``<table-wrap>`` becomes a caption block ("Table 1 ...") and one table
  block whose rows are lines and whose cells are tab-separated, in reading
  order, plus its footnotes; ``<fig>`` captions are ``kind="caption"``.

Sections come from the markup: a top-level ``<sec>``'s ``sec-type``
(``resources/jats_sec_types.tsv``), else its title through the heading
lexicon; sub-sections inherit; body text before the first ``<sec>`` is the
introduction. Tables and their captions are ``tables``; figure captions
keep the section they sit in. Characters go through
:func:`kapextract.ingest.textnorm.normalize`; ``<sup>``/``<sub>`` are joined
to their base ("mg kg<sup>-1</sup>" -> "mg kg-1", "10<sup>6</sup>" ->
"10^6", citation superscripts -> "[3]", table-footnote marks dropped).

``paragraphs(data, name)`` gives every ``<p>`` of the article in document order as
``(section, text)`` — the corpus' passage unit (``scripts/passages.py``): section is
``abstract``, ``tables``, the label of the outermost classified ``<sec>``, or ``other``;
text is the paragraph's characters normalized, whitespace collapsed ("" for an empty one).

Malformed XML, XML that is not a JATS article, and an article without text
raise :class:`~kapextract.errors.IngestError` with a one-line message.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from lxml import etree

from kapextract.errors import IngestError
from kapextract.ingest.textnorm import normalize
from kapextract.model import SECTION_LABELS, Block, Document, sha256_bytes
from kapextract.sections.lexicon import lexicon
from kapextract.sections.spans import build_sections

#: A function giving the canonical label of a top-level body ``<sec>`` (None = unknown).
SecClassifier = Callable[[etree._Element], str | None]

_WS = re.compile(r"\s+")
_BODY = frozenset({"introduction", "methods", "results", "discussion", "conclusion"})
_FN_MARK = re.compile(r"^(?:[a-h](?:\s*,\s*[a-h])*|[*\u2020\u2021\u00a7\u00b6#]{1,3})$")
_CITE_SUP = re.compile(r"^[\d\s,\u2013\u2014\-]+$")

#: Elements that are blocks even when nested inside a paragraph.
_NESTED_BLOCKS = frozenset(
    {"table-wrap", "table-wrap-group", "fig", "fig-group", "list", "def-list", "disp-quote",
     "boxed-text", "supplementary-material", "statement", "preformat", "code"}
)
#: Elements whose content is never text of the paper.
_SKIP = frozenset(
    {"graphic", "inline-graphic", "media", "object-id", "alt-text", "long-desc", "permissions",
     "uri", "ext-link-placeholder", "processing-meta", "tex-math", "annotation"}
)


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


@lru_cache(maxsize=1)
def sec_types() -> dict[str, str]:
    """``sec-type`` value -> canonical label, from ``resources/jats_sec_types.tsv``."""
    table: dict[str, str] = {}
    text = resources.files("kapextract.resources").joinpath("jats_sec_types.tsv").read_text("utf-8")
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 2 or not parts[0] or "|" in parts[0]:
            raise ValueError(f"jats_sec_types.tsv line {lineno}: expected sec-type<TAB>label")
        if parts[1] not in SECTION_LABELS:
            raise ValueError(f"jats_sec_types.tsv line {lineno}: unknown section label {parts[1]!r}")
        table[parts[0].lower()] = parts[1]
    return table


def label_from_sec_type(sec_type: str | None) -> str | None:
    """Canonical label of a ``sec-type`` attribute ("materials|methods" -> methods), or None."""
    if not sec_type:
        return None
    table = sec_types()
    whole = sec_type.strip().lower()
    if whole in table:
        return table[whole]
    for part in re.split(r"[|;,\s]+", whole):
        if part in table:
            return table[part]
    return None


def classify_sec(sec: etree._Element) -> str | None:
    """Default top-level classifier: ``sec-type`` first, then the title via the lexicon.

    One exception: when the title is a major lexicon heading of another body
    section, the title wins (PLOS tags its "Discussion" sections
    ``sec-type="conclusions"``). In back matter only major headings count
    ("Ethical approval" there is a statement, not the methods): else other.
    """
    label = label_from_sec_type(sec.get("sec-type"))
    title = sec.find("title")
    hit = lexicon().lookup(_plain(title)) if title is not None else None
    if label:
        if hit is not None and hit.exact and hit.tier == "major" and hit.label in _BODY and label in _BODY:
            return hit.label
        return label
    if any(_local(a.tag) == "back" for a in sec.iterancestors()):
        return hit.label if hit is not None and hit.tier == "major" else "other"
    return hit.label if hit else None


def _plain(el: etree._Element) -> str:
    return _WS.sub(" ", normalize("".join(el.itertext()))).strip()


# --------------------------------------------------------------------------- inline text


def _inline(el: etree._Element, out: list[str], nested: list[etree._Element], in_table: bool) -> None:
    """Append the inline text of ``el``'s content to ``out``; collect nested blocks."""
    if el.text:
        out.append(el.text)
    for ch in el:
        tag = _local(ch.tag)
        if not tag:  # comment or processing instruction
            pass
        elif tag in _NESTED_BLOCKS:
            nested.append(ch)
        elif tag in _SKIP:
            pass
        elif tag == "sup":
            _sup(ch, out, nested, in_table)
        elif tag == "xref" and ch.get("ref-type") in ("table-fn", "fn") and _FN_MARK.match(
            "".join(ch.itertext()).strip()
        ):
            pass
        elif tag in ("break", "hr"):
            out.append(" ")
        elif tag == "alternatives":
            _alternatives(ch, out, nested, in_table)
        else:
            _inline(ch, out, nested, in_table)
            if (
                tag == "bold"
                and ch.tail
                and ch.tail[0].isalnum()
                and not "".join(out[:-1]).strip()
                and out[-1:]
                and out[-1][-1:].isalnum()
            ):
                out.append(" ")  # "<bold>Background</bold>We ..." opens a paragraph: keep a space
        if ch.tail:
            out.append(ch.tail)


def _alternatives(el: etree._Element, out: list[str], nested: list[etree._Element], in_table: bool) -> None:
    """Render the first textual alternative (MathML before TeX, never a graphic)."""
    for ch in el:
        if _local(ch.tag) in ("math", "mml:math") or _local(ch.tag) not in _SKIP | {"tex-math"}:
            _inline_el(ch, out, nested, in_table)
            return
    for ch in el:
        if _local(ch.tag) == "tex-math":
            out.append("".join(ch.itertext()))
            return


def _inline_el(el: etree._Element, out: list[str], nested: list[etree._Element], in_table: bool) -> None:
    sub: list[str] = []
    _inline(el, sub, nested, in_table)
    out.append("".join(sub))


def _sup(el: etree._Element, out: list[str], nested: list[etree._Element], in_table: bool) -> None:
    sub: list[str] = []
    _inline(el, sub, nested, in_table)
    raw = "".join(sub)
    s = _WS.sub(" ", raw).strip()
    if not s:
        return
    # a space the superscript ends with still separates it from what follows
    # ("400 mg/m<sup>2 </sup>as an infusion" -> "400 mg/m2 as an infusion")
    space_after = " " if raw[-1:].isspace() and el.tail and not el.tail[:1].isspace() else ""
    xrefs = [x for x in el.iter() if _local(x.tag) == "xref"]
    if xrefs and all(x.get("ref-type") == "bibr" for x in xrefs) or (
        xrefs and _CITE_SUP.match(s) and not in_table
    ):
        out.append(f" [{s}]")
        return
    before = "".join(out)
    prev = before[-1:]
    if not before.strip():  # a superscript that opens a note is its mark: keep it
        out.append(s + " ")
    elif _FN_MARK.match(s):
        return  # a footnote mark inside the text
    elif prev.isdigit() and (s[0].isdigit() or s[0] in "-\u2212+"):
        out.append("^" + s + space_after)
    else:
        out.append(s + space_after)


def _cell(cell: etree._Element) -> str:
    """Text of a table cell, including lists or paragraphs nested in it, on one line."""
    text, nested = _text_of(cell, in_table=True)
    extra = [_plain(n) for n in nested]
    return " ".join(t for t in [text, *extra] if t).replace("\t", " ")


def _text_of(el: etree._Element, in_table: bool = False) -> tuple[str, list[etree._Element]]:
    out: list[str] = []
    nested: list[etree._Element] = []
    _inline(el, out, nested, in_table)
    return _WS.sub(" ", normalize("".join(out))).strip(), nested


# --------------------------------------------------------------------------- builder


class _Builder:
    """Accumulates blocks and the document text (blocks separated by a blank line)."""

    def __init__(self, classify: SecClassifier) -> None:
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.pos = 0
        self.classify = classify
        self.in_back = False

    def add(self, text: str, kind: str, section: str, level: int | None = None) -> None:
        text = text.strip("\n ")
        if not text:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.pos += 2
        self.blocks.append(Block(self.pos, self.pos + len(text), kind, section, None, level))
        self.parts.append(text)
        self.pos += len(text)

    def text(self) -> str:
        return "".join(self.parts)

    # -- elements -------------------------------------------------------------

    def children(self, el: etree._Element, label: str, depth: int) -> None:
        for ch in el:
            self.element(ch, label, depth)

    def element(self, el: etree._Element, label: str, depth: int) -> None:
        tag = _local(el.tag)
        if not tag or tag in _SKIP or tag in ("label", "sec-meta", "object-id"):
            return
        if tag == "sec":
            self.sec(el, label, depth + 1)
        elif tag in ("p", "disp-formula", "speech", "verse-group", "preformat", "code", "attrib"):
            text, nested = _text_of(el)
            self.add(text, "paragraph", label)
            for n in nested:
                self.element(n, label, depth)
        elif tag == "title":
            text, _ = _text_of(el)
            self.add(text, "heading", label, depth + 1)
        elif tag == "list":
            self.list_(el, label)
        elif tag == "def-list":
            self.def_list(el, label)
        elif tag == "table-wrap":
            self.table_wrap(el)
        elif tag in ("fig", "supplementary-material"):
            self.caption(el, label)
        elif tag in ("fn-group", "table-wrap-foot"):
            self.children(el, label, depth)
        elif tag == "fn":
            text = self.joined(el)
            self.add(text, "footnote", label)
        elif tag == "ref-list":
            self.ref_list(el, depth)
        else:  # containers: boxed-text, disp-quote, statement, fig-group, app, glossary, notes ...
            for ch in el:
                if _local(ch.tag) == "title":
                    text, _ = _text_of(ch)
                    self.add(text, "heading", label, depth + 1)
                else:
                    self.element(ch, label, depth)
            if len(el) == 0 and el.text and el.text.strip():
                self.add(_text_of(el)[0], "paragraph", label)

    def joined(self, el: etree._Element) -> str:
        """Text of an element made of several paragraphs, on one line each."""
        lines: list[str] = []
        label = el.find("label")
        lab = _text_of(label)[0] if label is not None else ""
        ps = [c for c in el if _local(c.tag) not in ("label",)]
        if not ps:
            t = _text_of(el)[0]
            return t
        for p in ps:
            t = _text_of(p)[0]
            if t:
                lines.append(t)
        text = " ".join(lines)
        return f"{lab} {text}".strip() if lab else text

    def sec(self, sec: etree._Element, label: str, depth: int) -> str:
        """Emit a ``<sec>`` at nesting ``depth``; returns the label it was given."""
        if depth == 1:
            own = self.classify(sec)
            if own == "abstract":
                own = "conclusion"  # a summary section in the body closes it
            if own is not None:
                label = own
            elif not self.in_back and label not in _BODY:
                label = "introduction"
        head_parts = []
        lab = sec.find("label")
        if lab is not None:
            head_parts.append(_text_of(lab)[0])
        title = sec.find("title")
        if title is not None:
            head_parts.append(_text_of(title)[0])
        heading = " ".join(p for p in head_parts if p)
        if heading:
            self.add(heading, "heading", label, depth)
        for ch in sec:
            if _local(ch.tag) in ("title", "label"):
                continue
            self.element(ch, label, depth)
        return label

    def list_(self, el: etree._Element, label: str) -> None:
        lines: list[str] = []
        nested_all: list[etree._Element] = []
        for item in el:
            if _local(item.tag) != "list-item":
                if _local(item.tag) == "title":
                    self.add(_text_of(item)[0], "heading", label)
                continue
            lab = item.find("label")
            prefix = _text_of(lab)[0] if lab is not None else "-"
            texts: list[str] = []
            for ch in item:
                tag = _local(ch.tag)
                if tag == "label":
                    continue
                if tag == "list":
                    nested_all.append(ch)
                    continue
                t, nested = _text_of(ch)
                nested_all.extend(nested)
                if t:
                    texts.append(t)
            if not len(item) and item.text:
                texts.append(_text_of(item)[0])
            if texts:
                lines.append(f"{prefix} {' '.join(texts)}")
        self.add("\n".join(lines), "list", label)
        for n in nested_all:
            self.element(n, label, 0)

    def def_list(self, el: etree._Element, label: str) -> None:
        lines = []
        for item in el.iter():
            if _local(item.tag) != "def-item":
                continue
            term = item.find("term")
            d = item.find("def")
            t = _text_of(term)[0] if term is not None else ""
            v = _text_of(d)[0] if d is not None else ""
            if t or v:
                lines.append(f"{t}: {v}" if t and v else t or v)
        self.add("\n".join(lines), "list", label)

    def caption(self, el: etree._Element, label: str) -> None:
        lab = el.find("label")
        cap = el.find("caption")
        parts = []
        if lab is not None:
            parts.append(_text_of(lab)[0])
        if cap is not None:
            for ch in cap:
                t = _text_of(ch)[0]
                if t:
                    parts.append(t)
        text = " ".join(p for p in parts if p)
        self.add(text, "caption", label)

    def table_wrap(self, el: etree._Element) -> None:
        self.caption(el, "tables")
        rows: list[str] = []
        for table in el.iter():
            if _local(table.tag) != "table":
                continue
            for tr in table.iter():
                if _local(tr.tag) != "tr":
                    continue
                cells = [_cell(c) for c in tr if _local(c.tag) in ("td", "th")]
                if any(cells):
                    rows.append("\t".join(cells))
        self.add("\n".join(rows), "table", "tables")
        for foot in el:
            if _local(foot.tag) == "table-wrap-foot":
                for ch in foot.iter():
                    tag = _local(ch.tag)
                    if tag == "fn" or (tag == "p" and _local(ch.getparent().tag) == "table-wrap-foot"):
                        self.add(self.joined(ch) if tag == "fn" else _text_of(ch)[0], "footnote", "tables")

    def ref_list(self, el: etree._Element, depth: int) -> None:
        title = el.find("title")
        heading = _text_of(title)[0] if title is not None else "References"
        self.add(heading or "References", "heading", "references", max(1, depth))
        for ch in el:
            tag = _local(ch.tag)
            if tag == "ref":
                self.add(_reference(ch), "paragraph", "references")
            elif tag == "ref-list":
                self.ref_list(ch, depth + 1)
            elif tag == "p":
                self.add(_text_of(ch)[0], "paragraph", "references")


# --------------------------------------------------------------------------- references


def _name(el: etree._Element) -> str:
    sur = el.find("surname")
    given = el.find("given-names")
    parts = [_plain(x) for x in (sur, given) if x is not None]
    return " ".join(p for p in parts if p) or _plain(el)


def _element_citation(c: etree._Element) -> str:
    """Render a structured ``<element-citation>`` as "Authors. Title. Source. Year;Vol:pages."."""
    names: list[str] = []
    for pg in c.iter():
        tag = _local(pg.tag)
        if tag in ("name", "string-name"):
            names.append(_name(pg))
        elif tag == "collab":
            names.append(_plain(pg))
        elif tag == "etal":
            names.append("et al")
    out: list[str] = []
    if names:
        out.append(", ".join(names).rstrip(".") + ".")
    for tag in ("article-title", "chapter-title", "source", "publisher-name"):
        x = c.find(tag)
        if x is not None:
            t = _text_of(x)[0]
            if t:
                out.append(t if t.endswith((".", "?", "!")) else t + ".")
    year = c.findtext("year") or ""
    vol = c.findtext("volume") or ""
    issue = c.findtext("issue") or ""
    fpage = c.findtext("fpage") or c.findtext("elocation-id") or ""
    lpage = c.findtext("lpage") or ""
    pub = year.strip()
    if vol.strip():
        pub += f";{vol.strip()}" + (f"({issue.strip()})" if issue.strip() else "")
    if fpage.strip():
        pub += f":{fpage.strip()}" + (f"-{lpage.strip()}" if lpage.strip() else "")
    if pub:
        out.append(pub + ".")
    for pid in c.findall("pub-id"):
        if pid.get("pub-id-type") == "doi" and pid.text:
            out.append(f"doi:{pid.text.strip()}")
    return normalize(_WS.sub(" ", " ".join(out))).strip()


def _is_structured(c: etree._Element) -> bool:
    """True when a citation is bare fields (no punctuation between its elements)."""
    between = (c.text or "") + "".join(ch.tail or "" for ch in c)
    return not between.strip()


def _reference(ref: etree._Element) -> str:
    lab = ref.find("label")
    prefix = _text_of(lab)[0] if lab is not None else ""
    texts: list[str] = []
    for c in ref:
        tag = _local(c.tag)
        if tag == "element-citation" or (tag in ("citation", "mixed-citation") and _is_structured(c)):
            texts.append(_element_citation(c))
        elif tag in ("mixed-citation", "citation", "note"):
            # mixed citations carry their own punctuation; names still need a space
            for n in c.iter():
                if _local(n.tag) in ("name", "string-name"):
                    sur = n.find("surname")
                    if sur is not None and sur.tail is None and n.find("given-names") is not None:
                        sur.tail = " "
            texts.append(_text_of(c)[0])
    text = " ".join(t for t in texts if t)
    if prefix and not text.startswith(prefix):
        text = f"{prefix.rstrip('.')}. {text}" if prefix[-1:].isalnum() else f"{prefix} {text}"
    return text


# --------------------------------------------------------------------------- reader


_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def _entity(m: re.Match[bytes]) -> bytes:
    name = m.group(1)
    if name in _XML_ENTITIES:
        return m.group(0)
    cp = html.entities.name2codepoint.get(name.decode("ascii"))
    return f"&#{cp};".encode() if cp is not None else m.group(0)


def _parse(data: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            if "Entity '" not in str(exc):
                raise
            # named character entities (&ndash; &nbsp;) declared only in the external
            # JATS DTD, which is never loaded: replace them by their characters
            root = etree.fromstring(_NAMED_ENTITY.sub(_entity, data), parser)
    except etree.XMLSyntaxError as exc:
        msg = (getattr(exc, "msg", None) or str(exc) or "syntax error").splitlines()[0]
        where = f" (line {exc.lineno})" if getattr(exc, "lineno", None) and "line" not in msg else ""
        raise IngestError(f"{name}: malformed XML: {msg}{where}") from None
    except ValueError as exc:
        raise IngestError(f"{name}: unreadable XML: {exc}") from None
    if root is None or _local(root.tag) != "article":
        tag = _local(root.tag) if root is not None else "nothing"
        raise IngestError(f"{name}: XML is not a JATS article (root element <{tag}>, expected <article>)")
    return root


def paragraphs(data: bytes, name: str = "<jats>") -> list[tuple[str, str]]:
    """Every ``<p>`` of the article in document order as ``(section, text)`` (see the module docstring)."""
    root = _parse(data, name)
    return [(_paragraph_section(p), _plain(p)) for p in root.iter() if _local(p.tag) == "p"]


def _paragraph_section(p: etree._Element) -> str:
    chain = list(p.iterancestors())
    if any(_local(a.tag) == "abstract" for a in chain):
        return "abstract"
    if any(_local(a.tag) in {"table-wrap", "fig"} for a in chain):
        return "tables"
    for sec in reversed([a for a in chain if _local(a.tag) == "sec"]):  # outermost first
        label = classify_sec(sec)
        if label:
            return label
    return "other"


def read_jats(data: bytes, name: str = "<jats>", classify: SecClassifier | None = None) -> Document:
    """Read a PMC JATS/NXML article (see the module docstring).

    ``classify`` replaces the labelling of top-level body sections (used by
    the section evaluation to put gold labels on the same text).
    """
    root = _parse(data, name)
    meta = root.find("front/article-meta")
    b = _Builder(classify or classify_sec)
    title = None
    doi = None
    metadata: dict[str, object] = {}
    if root.get("article-type"):
        metadata["article_type"] = root.get("article-type")
    if meta is not None:
        t = meta.find("title-group/article-title")
        if t is not None:
            title = _text_of(t)[0] or None
            sub = meta.find("title-group/subtitle")
            if title and sub is not None and _text_of(sub)[0]:
                title = f"{title}: {_text_of(sub)[0]}"
        for aid in meta.findall("article-id"):
            kind = aid.get("pub-id-type")
            if aid.text and aid.text.strip() and kind in ("doi", "pmc", "pmid"):
                if kind == "doi" and doi is None:
                    doi = aid.text.strip()
                elif kind != "doi":
                    metadata[kind] = aid.text.strip()
        journal = root.findtext("front/journal-meta/journal-title-group/journal-title") or root.findtext(
            "front/journal-meta/journal-title"
        )
        if journal and journal.strip():
            metadata["journal"] = _WS.sub(" ", journal).strip()
        year = meta.findtext("pub-date/year")
        if year and year.strip().isdigit():
            metadata["year"] = int(year.strip())
    if title:
        b.add(title, "title", "title")
    if meta is not None:
        for ab in meta.findall("abstract"):
            if ab.get("abstract-type") in ("toc", "teaser"):
                continue
            head = ab.find("title")
            heading = _text_of(head)[0] if head is not None else "Abstract"
            b.add(heading or "Abstract", "heading", "abstract", 1)
            for ch in ab:
                if _local(ch.tag) == "title":
                    continue
                if _local(ch.tag) == "sec":
                    _abstract_sec(b, ch, 2)
                else:
                    b.element(ch, "abstract", 1)
    body = root.find("body")
    if body is not None:
        has_sec = body.find("sec") is not None
        label = "introduction" if has_sec else "other"
        for ch in body:
            if _local(ch.tag) == "sec":
                label = b.sec(ch, label, 1)
            else:
                b.element(ch, label, 0)
    back = root.find("back")
    b.in_back = True
    if back is not None:
        for ch in back:
            tag = _local(ch.tag)
            if tag == "ref-list":
                b.ref_list(ch, 1)
            elif tag == "sec":
                _back_sec(b, ch, b.classify(ch) or "other")
            elif tag == "ack":
                if ch.find("title") is None:
                    b.add("Acknowledgements", "heading", "other", 1)
                b.element(ch, "other", 0)
            else:
                b.element(ch, "other", 0)
    floats = root.find("floats-group")
    if floats is not None:
        b.element(floats, "other", 0)
    text = b.text()
    if not any(bl.kind != "title" for bl in b.blocks):
        raise IngestError(f"{name}: the article is empty (no abstract, body or references text)")
    doc = Document(
        id=sha256_bytes(data),
        source=name,
        text=text,
        kind="jats",
        title=title,
        doi=doi,
        pages=None,
        blocks=b.blocks,
        layout=None,
        metadata=metadata,
    )
    build_sections(doc)
    return doc


def _abstract_sec(b: _Builder, sec: etree._Element, depth: int) -> None:
    for ch in sec:
        tag = _local(ch.tag)
        if tag == "title":
            lab = sec.find("label")
            text = _text_of(ch)[0]
            if lab is not None:
                text = f"{_text_of(lab)[0]} {text}".strip()
            b.add(text, "heading", "abstract", depth)
        elif tag == "sec":
            _abstract_sec(b, ch, depth + 1)
        elif tag != "label":
            b.element(ch, "abstract", depth)


def _back_sec(b: _Builder, sec: etree._Element, label: str, depth: int = 1) -> None:
    """A ``<sec>`` in back matter keeps its own label (funding, competing interests ...: other)."""
    head = " ".join(_text_of(x)[0] for x in (sec.find("label"), sec.find("title")) if x is not None)
    if head.strip():
        b.add(head.strip(), "heading", label, depth)
    for ch in sec:
        tag = _local(ch.tag)
        if tag in ("title", "label"):
            continue
        if tag == "sec":
            _back_sec(b, ch, label, depth + 1)
        else:
            b.element(ch, label, depth)
