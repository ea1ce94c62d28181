"""brat standoff export/import: one ``.txt`` + ``.ann`` pair per passage.

Requires: nothing beyond the standard library. Export writes, in a folder:

* ``<name>.txt`` (the passage text) and ``<name>.ann`` with ``T`` lines
  (``T3<TAB>DOSE 146 154<TAB>20 mg/kg``) and ``R`` lines
  (``R1<TAB>DOSE_OF Arg1:T3 Arg2:T4``; Arg1 is the head);
* ``annotation.conf`` declaring the entity and relation types with their
  argument types, so brat enforces the schema;
* ``kapextract_meta.jsonl`` mapping each file name to the passage id and
  ``meta`` (brat has no place for them; without this file import uses the
  file name as id and leaves ``meta`` empty, which the validator reports).

Import reads every ``.ann`` with its ``.txt``. Discontinuous ``T`` spans
(``0 5;9 12``), relations to unknown or skipped spans, and other line kinds
(events, attributes, notes) cannot be held and are reported and skipped.
Whitespace at span edges is trimmed, and reported.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from kapextract.annotations.converters import Conversion
from kapextract.annotations.examples import make_example, trim_span
from kapextract.annotations.schema import load_schema
from kapextract.errors import AnnotationError

META_FILE = "kapextract_meta.jsonl"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(pid: str) -> str:
    """A portable file name for a passage id (``PMC1:p007`` -> ``PMC1_p007``)."""
    return _UNSAFE.sub("_", pid).strip("._") or "passage"


def annotation_conf() -> str:
    """brat's ``annotation.conf`` for the project's schema."""
    schema = load_schema()
    lines = ["[entities]", *schema.entities, "", "[relations]"]
    for label, (heads, childs) in schema.relations.items():
        lines.append(f"{label}\tArg1:{'|'.join(sorted(heads))}, Arg2:{'|'.join(sorted(childs))}")
    lines += ["", "[events]", "", "[attributes]", ""]
    return "\n".join(lines)


def ann_lines(ex: dict[str, Any]) -> list[str]:
    """The ``.ann`` lines of one passage (T ids follow span order, from T1)."""
    text = ex["text"]
    out = [f"T{i + 1}\t{s['label']} {s['start']} {s['end']}\t{text[s['start']:s['end']]}" for i, s in enumerate(ex["spans"])]
    out += [f"R{j + 1}\t{r['label']} Arg1:T{r['head'] + 1} Arg2:T{r['child'] + 1}" for j, r in enumerate(ex.get("relations", []))]
    return out


def export_brat(examples: list[dict[str, Any]], output: str | os.PathLike[str]) -> Conversion:
    """Write a brat collection folder at ``output``."""
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise AnnotationError(f"{out}: brat output must be a folder")
    out.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    with (out / META_FILE).open("w", encoding="utf-8") as meta_fh:
        for ex in examples:
            name = base = safe_name(ex["id"])
            k = 1
            while name in used:
                k += 1
                name = f"{base}-{k}"
            used.add(name)
            (out / f"{name}.txt").write_text(ex["text"], encoding="utf-8")
            (out / f"{name}.ann").write_text("\n".join(ann_lines(ex)) + "\n", encoding="utf-8")
            meta_fh.write(json.dumps({"file": name, "id": ex["id"], "meta": ex.get("meta") or {}}, ensure_ascii=False) + "\n")
    (out / "annotation.conf").write_text(annotation_conf(), encoding="utf-8")
    return Conversion(count=len(examples))


_T = re.compile(r"^(T\d+)\t(\S+) (\d+(?: \d+)?(?:;\d+ \d+)*)\t?(.*)$")
_R = re.compile(r"^(R\d+)\t(\S+) Arg1:(T\d+) Arg2:(T\d+)\s*$")


def parse_ann(ann_path: Path, text: str, notes: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Spans and relations (by span index) of one ``.ann`` file; problems go to ``notes``."""
    spans: list[dict[str, Any]] = []
    ids: dict[str, int] = {}
    rel_lines: list[tuple[int, re.Match[str]]] = []
    for lineno, line in enumerate(ann_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{ann_path}:{lineno}"
        if line.startswith("T"):
            m = _T.match(line)
            if not m:
                notes.append(f"{where}: unreadable T line skipped")
                continue
            if ";" in m.group(3):
                notes.append(f"{where}: discontinuous span {m.group(1)} cannot be held; skipped")
                continue
            a, b = (int(x) for x in m.group(3).split())
            if not 0 <= a < b <= len(text):
                notes.append(f"{where}: offsets {a} {b} outside the text; skipped")
                continue
            ta, tb = trim_span(text, a, b)
            if (ta, tb) != (a, b):
                notes.append(f"{where}: whitespace trimmed from span {m.group(1)}")
            if m.group(4) and m.group(4) != text[a:b]:
                notes.append(f"{where}: span text {m.group(4)!r} differs from the .txt at {a}-{b}; offsets kept")
            ids[m.group(1)] = len(spans)
            spans.append({"start": ta, "end": tb, "label": m.group(2)})
        elif line.startswith("R"):
            m = _R.match(line)
            if not m:
                notes.append(f"{where}: unreadable R line skipped")
                continue
            rel_lines.append((lineno, m))
        else:
            notes.append(f"{where}: {line.split(chr(9), 1)[0][:1]} lines (events, attributes, notes) are not kept")
    relations = []
    for lineno, m in rel_lines:
        if m.group(3) not in ids or m.group(4) not in ids:
            notes.append(f"{ann_path}:{lineno}: relation {m.group(1)} refers to a missing or skipped span; skipped")
            continue
        relations.append({"head": ids[m.group(3)], "child": ids[m.group(4)], "label": m.group(2)})
    return spans, relations


def import_brat(source: str | os.PathLike[str]) -> Conversion:
    """Read a brat folder (every ``*.ann`` below it with its ``.txt``)."""
    src = Path(source)
    if not src.is_dir():
        raise AnnotationError(f"{src}: brat input must be a folder of .txt/.ann files")
    meta: dict[str, dict[str, Any]] = {}
    mf = src / META_FILE
    if mf.is_file():
        for line in mf.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                meta[row["file"]] = row
    conv = Conversion()
    anns = sorted(src.rglob("*.ann"))
    if not anns:
        raise AnnotationError(f"{src}: no .ann files")
    missing_meta = 0
    for ann in anns:
        txt = ann.with_suffix(".txt")
        if not txt.is_file():
            conv.notes.append(f"{ann}: no matching .txt; skipped")
            continue
        text = txt.read_text(encoding="utf-8")
        spans, relations = parse_ann(ann, text, conv.notes)
        row = meta.get(ann.stem)
        if row is None:
            missing_meta += 1
        conv.examples.append(make_example(row["id"] if row else ann.stem, text, row["meta"] if row else {}, spans, relations))
    if missing_meta:
        conv.notes.append(f"{missing_meta} passage(s) have no entry in {META_FILE}: id = file name, meta empty")
    conv.count = len(conv.examples)
    return conv
