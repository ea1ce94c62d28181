#!/usr/bin/env python
"""Measure plain-text section segmentation against gold sections from JATS markup.

What it does
------------
1. Each PMC article (``*.nxml`` in ``--corpus``) with at least one top-level
   body ``<sec>`` is read with :func:`kapextract.ingest.jats.read_jats`,
   but with the *gold* classifier below instead of the reader's own, so every
   block carries a gold canonical label derived from the markup.
2. The blocks are rendered to plain text the way a paper-to-text conversion
   looks: the title, the abstract, headings on their own lines (with their
   numbers), paragraphs separated by blank lines, tables as rows of
   tab- or space-separated cells under their "Table N" caption, references
   one per paragraph. No markup and no label markers are left in the text.
   To test more than one layout, articles are split (by a hash of the file
   name) into eight variants: abstract parts as headings on their own lines
   or run in ("Methods: ..."), with or without an "Abstract" heading,
   top-level headings as written or in ALL CAPS, table cells separated by
   tabs or by runs of spaces, and paragraphs on one line or hard-wrapped
   at 90 characters as text converted from a PDF is.
3. The text is segmented by :func:`kapextract.ingest.text.read_text`, which
   sees only the text, and each non-space character's predicted section is
   compared with its gold section.

How gold is derived
-------------------
* front matter: the article title is ``title``; ``<abstract>`` is ``abstract``;
* a top-level body ``<sec>`` with a ``sec-type`` attribute: the sec-type
  (``intro`` -> introduction, ``materials|methods`` -> methods, ...), except
  that ``sec-type="conclusions"`` on a section whose title has the
  discussion stem is discussion (PLOS tags every Discussion that way);
* a top-level body ``<sec>`` with only a title: the *first* of these
  keyword stems found in the title, a rule written for this script and
  independent of the segmenter's heading lexicon: "introduc"/"background"
  -> introduction; "method"/"material"/"design"/"patients and"/"subjects
  and" -> methods; "result"/"finding" -> results; "discuss"/"comment" ->
  discussion; "conclu" -> conclusion; "acknowledg"/"competing"/"conflict"/
  "funding"/"contribut"/"abbreviation"/"supplement"/"supporting"/
  "additional file"/"availability"/"declaration"/"disclosure"/
  "pre-publication"/"consent" -> other; no stem: the previous top-level
  section's label (introduction for the first);
* sub-sections inherit their top-level section; body text before the first
  ``<sec>`` is introduction; tables and their captions and notes are
  ``tables``; figure captions keep the section around them;
* back matter by element: ``<ref-list>`` references, ``<ack>``, notes,
  footnotes, glossary and appendices other; a back ``<sec>`` its sec-type
  or other.

Because title-derived gold still reads the same headings the segmenter
reads, the figures are also reported for the subset of articles whose
top-level body sections *all* carry a ``sec-type`` (gold from markup only).

Accuracy for a section is the share of its gold characters (non-space) that
the segmenter labels with that section (recall); precision and the overall
share of correctly labelled characters are printed too.

Usage::

    python scripts/eval_sections.py --corpus ../shared/corpus/pmc [--limit N] [--worst 10]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from kapextract.ingest.jats import label_from_sec_type, read_jats
from kapextract.ingest.text import read_text
from kapextract.model import SECTION_LABELS, Document

_GOLD_STEMS: list[tuple[str, str]] = [
    (r"introduc|background", "introduction"),
    (r"method|material|design|patients and|subjects and", "methods"),
    (r"result|finding", "results"),
    (r"discuss|comment", "discussion"),
    (r"conclu", "conclusion"),
    (r"acknowledg|competing|conflict|funding|contribut|abbreviation|supplement|supporting"
     r"|additional file|availability|declaration|disclosure|pre-publication|consent", "other"),
]
_LABEL_ID = {label: i for i, label in enumerate(SECTION_LABELS)}


def gold_classify(sec) -> str | None:
    """Gold label of a top-level ``<sec>`` (see the module docstring)."""
    in_back = any(a.tag == "back" for a in sec.iterancestors())
    label = label_from_sec_type(sec.get("sec-type"))
    title = sec.find("title")
    stem = _title_stem(title) if title is not None else None
    if label:
        if label == "conclusion" and stem == "discussion":
            return "discussion"  # PLOS marks its Discussion sections sec-type="conclusions"
        return label
    if in_back:
        return "other"
    return stem


def _title_stem(title) -> str | None:
    text = " ".join("".join(title.itertext()).lower().split())
    best: tuple[int, str] | None = None
    for pattern, lab in _GOLD_STEMS:
        m = re.search(pattern, text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), lab)
    return best[1] if best else None


def all_top_secs_typed(data: bytes) -> bool:
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    body = root.find("body")
    secs = body.findall("sec") if body is not None else []
    return bool(secs) and all(label_from_sec_type(s.get("sec-type")) for s in secs)


def has_body_secs(data: bytes) -> bool:
    return b"<body" in data and b"<sec" in data.split(b"<body", 1)[1].split(b"</body>", 1)[0]


def wrap(text: str, width: int = 90) -> str:
    """Hard-wrap text at spaces (each break replaces one space: same length).

    A space after a hyphen is no break: plain-text ingest joins a word split by a
    hyphen at a line end, which would change the text and its offsets."""
    chars = list(text)
    line_start = 0
    last_space = -1
    for i, ch in enumerate(chars):
        if ch == "\n":
            line_start, last_space = i + 1, -1
        elif ch == " " and (i == 0 or chars[i - 1] != "-"):
            last_space = i
        if i - line_start >= width and last_space > line_start:
            chars[last_space] = "\n"
            line_start, last_space = last_space + 1, -1
    return "".join(chars)


def render(doc: Document, variant: int, separator: str = ":") -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text of a gold-labelled JATS document and its gold label spans; ``separator``
    ends a run-in abstract part ("Methods: ..." or "Methods. ...")."""
    layout = variant % 4
    run_in = layout in (1, 3)
    drop_abstract_heading = layout in (2, 3)
    caps = layout in (1, 2)
    table_sep = "\t" if layout in (0, 2) else "   "
    wrapped = variant >= 4
    parts: list[str] = []
    gold: list[tuple[int, int, str]] = []
    pos = 0
    pending_run_in: str | None = None

    def emit(text: str, label: str) -> None:
        nonlocal pos
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(text)
        gold.append((pos, pos + len(text), label))
        pos += len(text)

    blocks = doc.blocks
    for i, b in enumerate(blocks):
        t = doc.text[b.start:b.end]
        label = b.section
        if b.kind == "heading" and label == "abstract" and (b.level or 1) == 1 and t.strip().lower() in (
            "abstract", "summary"
        ):
            if drop_abstract_heading:
                continue
            emit(t, label)
            continue
        if b.kind == "heading" and label == "abstract" and run_in:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and nxt.kind == "paragraph" and nxt.section == "abstract":
                pending_run_in = t.rstrip(":. ")
                continue
        if pending_run_in is not None and b.kind == "paragraph":
            t = f"{pending_run_in}{separator} {t}"
            pending_run_in = None
        if b.kind == "table":
            t = t.replace("\t", table_sep)
        elif wrapped and b.kind != "heading" and b.kind != "title":
            t = wrap(t)
        if b.kind == "heading" and caps and (b.level or 1) == 1 and label != "abstract":
            t = t.upper()
        emit(t, label)
    return "".join(parts), gold


def label_array(n: int, spans: list[tuple[int, int, str]]) -> np.ndarray:
    arr = np.full(n, _LABEL_ID["other"], dtype=np.int8)
    for s, e, label in spans:
        arr[s:e] = _LABEL_ID[label]
    return arr


def evaluate_article(path: Path, variant: int | None = None, separator: str = ":") -> dict | None:
    """Score one article in its hashed layout variant (or the one given)."""
    data = path.read_bytes()
    if not has_body_secs(data):
        return None
    gold_doc = read_jats(data, path.name, classify=gold_classify)
    if variant is None:
        variant = int(hashlib.sha256(path.name.encode()).hexdigest(), 16) % 8
    text, gold_spans = render(gold_doc, variant, separator)
    pred_doc = read_text(text.encode("utf-8"), path.name)
    if pred_doc.text != text:
        raise RuntimeError(f"{path.name}: read_text changed the text; offsets would not align")
    gold = label_array(len(text), gold_spans)
    pred = label_array(len(text), [(s.start, s.end, s.label) for s in pred_doc.sections])
    mask = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    mask = ~np.isin(mask, [32, 9, 10, 13])
    return {
        "name": path.name,
        "variant": variant,
        "typed": all_top_secs_typed(data),
        "gold": gold[mask],
        "pred": pred[mask],
    }


_TARGETS = ("methods", "results", "discussion", "references")


def _variant_name(v: int) -> str:
    layout = v % 4
    parts = [
        "parts run-in" if layout in (1, 3) else "parts as headings",
        "no Abstract" if layout in (2, 3) else "Abstract",
        "CAPS" if layout in (1, 2) else "as written",
        "wrapped" if v >= 4 else "one line",
    ]
    return f"{v}: " + ", ".join(parts)


def report(results: list[dict], title: str) -> dict[str, float]:
    print(f"\n{title}: {len({r['name'] for r in results})} articles, {len(results)} renderings")
    if not results:
        return {}
    gold = np.concatenate([r["gold"] for r in results])
    pred = np.concatenate([r["pred"] for r in results])
    print(f"{'section':<14}{'gold chars':>12}{'accuracy':>10}{'precision':>11}{'F1':>8}")
    acc: dict[str, float] = {}
    for label, i in _LABEL_ID.items():
        g = gold == i
        p = pred == i
        n = int(g.sum())
        if n == 0:
            continue
        tp = int((g & p).sum())
        rec = tp / n
        prec = tp / int(p.sum()) if p.sum() else 0.0
        f1 = 2 * rec * prec / (rec + prec) if rec + prec else 0.0
        acc[label] = rec
        print(f"{label:<14}{n:>12}{rec:>10.3f}{prec:>11.3f}{f1:>8.3f}")
    overall = float((gold == pred).mean())
    acc["overall"] = overall
    print(f"{'overall':<14}{len(gold):>12}{overall:>10.3f}")
    return acc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "pmc"),
                    help="folder of PMC .nxml articles (default: ../shared/corpus/pmc)")
    ap.add_argument("--limit", type=int, default=0, help="evaluate at most N articles (0 = all)")
    ap.add_argument("--worst", type=int, default=0, help="list the N articles with the lowest accuracy")
    ap.add_argument("--all-variants", action="store_true",
                    help="segment every article in all eight layouts (8x slower; per-layout figures on the same articles)")
    ap.add_argument("--run-in-separator", choices=[":", "."], default=":",
                    help='what ends a run-in abstract part: "Methods: ..." (default) or "Methods. ..."')
    args = ap.parse_args(argv)
    files = sorted(Path(args.corpus).glob("*.nxml"))
    if not files:
        print(f"eval_sections: no .nxml files in {args.corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    results = []
    n_articles = 0
    for f in files:
        sep = args.run_in_separator
        rs = [evaluate_article(f, v, sep) for v in range(8)] if args.all_variants else [evaluate_article(f, separator=sep)]
        if rs[0] is None:
            continue
        results.extend(rs)
        n_articles += 1
        if args.limit and n_articles >= args.limit:
            break
    dt = time.perf_counter() - t0
    print(f"segmented {n_articles} articles ({len(results)} renderings) in {dt:.1f} s (variants: {dict(Counter(r['variant'] for r in results))})")
    report(results, "all articles (gold from sec-type, else title keywords)")
    report([r for r in results if r["typed"]], "articles whose top-level sections all carry sec-type")
    print("\nper layout variant (accuracy):")
    print(f"{'variant':<56}{'n':>4}" + "".join(f"{x:>12}" for x in _TARGETS) + f"{'overall':>10}")
    for v in range(8):
        sub = [r for r in results if r["variant"] == v]
        if not sub:
            continue
        gold = np.concatenate([r["gold"] for r in sub])
        pred = np.concatenate([r["pred"] for r in sub])
        cells = "".join(
            f"{float((pred[gold == _LABEL_ID[x]] == _LABEL_ID[x]).mean()):>12.3f}" if (gold == _LABEL_ID[x]).any()
            else f"{'-':>12}" for x in _TARGETS
        )
        print(f"{_variant_name(v):<56}{len(sub):>4}{cells}{float((gold == pred).mean()):>10.3f}")
    if args.worst:
        print(f"\n{args.worst} lowest-accuracy articles:")
        scored = sorted(results, key=lambda r: float((r["gold"] == r["pred"]).mean()))
        for r in scored[: args.worst]:
            confusion = Counter(
                (SECTION_LABELS[g], SECTION_LABELS[p]) for g, p in zip(r["gold"], r["pred"], strict=True) if g != p
            )
            print(f"  {r['name']} v{r['variant']} acc={float((r['gold'] == r['pred']).mean()):.3f} "
                  f"{confusion.most_common(3)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
