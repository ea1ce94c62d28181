"""Run-in headings: a section name that opens a paragraph, e.g. "Methods: We ...".

``run_in_heading(text)`` returns the heading part ("Methods") when the
paragraph starts with at most six words that the lexicon knows, followed by

* a colon or a full stop (any lexicon heading: "Participants: Forty adults ...",
  "Objective. To examine ...", as structured abstracts print their parts),
* a dash (major headings: "RESULTS — Of 40 ..."; inside an abstract, its minor parts too:
  "Purpose — People facing death ..."), or
* nothing but a space, then a capitalised word (major headings, as PDFs
  print bold run-in headings: "Competing interests The authors ...", and
  minor ones set in capitals, as JAMA prints its abstract's parts:
  "OBJECTIVE To determine ...", "DESIGN, SETTING, AND PARTICIPANTS This ...")
  or, for references and back matter, a number ("References 1. Smith J"); inside an
  abstract, a minor part's name in title case too ("Objective In Germany, ...").

A label in brackets that the lexicon knows ("[Abstract] Objective ...", "[Key words]
ketamine; ...") is one too.

"Tables" is never a run-in heading ("Tables 1 and 2 show ...").

Otherwise it returns None.
"""

from __future__ import annotations

import re

from kapextract.sections.lexicon import HeadingLexicon, lexicon

_RUN_IN = re.compile(
    r"^\s*((?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-Z][A-Za-z'\u2019/&,\- ]{1,60}?)\s*([:.]|\s[\u2013\u2014-])\s+\S"
)
_BRACKETED = re.compile(r"^\s*[\[\u3010]\s*([A-Za-z][A-Za-z ]{1,30}?)\s*[\]\u3011]")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'\u2019/&\-]*")
#: the sections whose minor headings name an abstract's parts ("Objective", "Method", "Design")
_ABSTRACT_PART_LABELS = ("introduction", "methods", "results", "discussion", "conclusion")
_NEXT = re.compile(r"\s+(?=[A-Z0-9\[(])")


def run_in_heading(text: str, lex: HeadingLexicon | None = None, abstract_part: bool = False) -> str | None:
    """The lexicon heading that opens ``text`` as a run-in heading, or None. With
    ``abstract_part`` (a paragraph of an abstract), a minor heading followed only by a space
    and a capitalised word is one too, as some journals print their abstracts' parts in bold
    ("Objective In Germany, ...", "Method Prospective, ...")."""
    lex = lex or lexicon()
    head = text[:120]
    label = _BRACKETED.match(head)
    if label:
        # "[Abstract] Objective ...", "【Key words】 ...": a label in brackets (as some journals print
        # their abstracts' parts)
        hit = lex.lookup(label.group(1))
        return label.group(1) if hit is not None and hit.exact and hit.label != "tables" else None
    m = _RUN_IN.match(head)
    if m:
        cand = m.group(1).strip()
        if len(cand.split()) <= 6:
            hit = lex.lookup(cand)
            if (
                hit is not None
                and hit.exact
                and hit.label != "tables"
                # (inside an abstract, a minor part's name with a dash too: "Purpose — People ...")
                and (m.group(2) in ":." or hit.tier == "major" or (abstract_part and hit.label in _ABSTRACT_PART_LABELS))
            ):
                return cand
    return _bare_run_in(head, lex, abstract_part)


def _bare_run_in(head: str, lex: HeadingLexicon, abstract_part: bool = False) -> str | None:
    """A major heading followed only by a space and a capitalised word or a number."""
    words = list(_WORDS.finditer(head))[:5]
    if not words or words[0].start() != len(head) - len(head.lstrip()):
        return None
    for n in range(len(words), 0, -1):
        end = words[n - 1].end()
        cand = head[:end].strip()
        rest = head[end:]
        nxt = _NEXT.match(rest)
        if not nxt:
            continue
        hit = lex.lookup(cand)
        if hit is None or not hit.exact or not cand[0].isupper():
            continue
        if hit.tier != "major" and not (cand.isupper() and sum(ch.isalpha() for ch in cand) >= 5) and not (
                abstract_part and hit.label in _ABSTRACT_PART_LABELS and len(words) > n):
            continue  # a minor heading only in capitals: "OBJECTIVE To ...", "DESIGN, SETTING, AND PARTICIPANTS This ..."
        if hit.label == "tables":
            return None  # "Tables 1 and 2 show ..." is a sentence
        if rest[nxt.end():nxt.end() + 1].isdigit() and hit.label not in ("references", "other"):
            return None  # "Results 3 ..." is not a heading; "References 1. Smith" is
        return cand
    return None
