"""The shared section segmenter: a canonical section for every block.

:func:`assign_sections` requires ``doc.blocks`` sorted by ``start`` with
``kind`` set (``title``, ``heading``, ``paragraph``, ``table``, ``caption``,
``list``, ``footnote``) and, where the ingester knows it, ``level`` for
headings (1 = top). It sets every block's ``section`` and ``doc.sections``
(contiguous spans covering the text). It is used for PDF and plain text;
JATS takes its sections from the markup instead.

The rules (general typographic conventions of research papers, with the
thresholds named as constants below):

Blocks
  * the title block is ``title``; text before the first section (authors,
    affiliations) stays with the title; in a paper where no heading opens a
    section at all, the body is ``other`` (an abstract taken from a long
    first paragraph stays ``abstract``); a letter ("Dear Editor,") opens
    with its introduction, and without a heading after it its second
    paragraph starts the body, ``other``; after a "Research letter" label
    the first long paragraph is the introduction, not an abstract;
  * table blocks, table captions ("Table 2 ...") and the notes right after
    a table (up to six footnote blocks, or paragraphs that read like table
    notes) are ``tables``; figure captions stay in the section around them.

Headings
  * a heading, or a run-in heading ("Methods: ...", a bold "Competing
    interests The ..."), that the lexicon knows opens a section when it is
    top level: numbered "2." / "II.", level 1 from layout, or, without
    numbering or level, a *major* lexicon heading. Sub-headings ("2.1
    Participants", "Statistical analysis") and unknown headings inherit
    the enclosing section; a methods sub-heading right after the
    introduction starts the methods;
  * a run-in back-matter heading ("Funding: ...", "Abbreviations: ...")
    labels its own paragraph ``other`` without closing the section, except
    after the discussion or conclusion, where it starts the back matter;
  * the body does not go back to the introduction: an unnumbered
    "Background" heading inside the methods or later is a sub-heading
    (unless it may be the restart after an unlabelled abstract);
  * headings keep to a style: once two or more top-level body headings
    were all in ALL CAPS (or all numbered), a body heading in mixed case
    (or without a number) is a sub-heading ("Conclusion" inside
    "DISCUSSION"), and one in ALL CAPS is top level even if the lexicon
    calls it minor ("STATISTICAL ANALYSIS", "PILOT TRIAL DISCUSSION");
  * inside the references only major headings open a section, so neither
    a numbered entry such as "19. Randomization." nor a wrapped line that
    starts "Method Validation, ..." does (run-in section names there need a
    colon; back-matter ones such as "Funding The study ..." do not).

Abstract
  * inside the abstract, section names are its own parts for as long as
    they move forward (Background, Methods, Results, Conclusions; minor
    parts such as Design, Setting, Participants may share a step); a
    numbered heading, a back-matter heading, or a name that goes back or
    repeats a major one ends the abstract;
  * the abstract also ends after "Keywords", at the first long paragraph
    after the paragraph of its Discussion/Conclusions part, after the
    paragraph that takes an abstract without parts past 1200 characters,
    or at 5000 characters;
  * without an "Abstract" heading: a long first paragraph is the abstract;
    run-in parts ("Objective: ...") before any section are its parts; and
    a first run of unnumbered section headings that moves forward and then
    goes back (or meets an abstract heading such as "Author summary")
    within 6000 characters was an unlabelled structured abstract and is
    relabelled ``abstract``;
  * an "Abstract" heading opens the abstract even after blocks that looked
    like body text, which become front matter; after 6000 characters of
    body, or after an explicit abstract, an "Abstract"/"Summary" heading is
    a closing summary (``conclusion``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kapextract.model import Block, Document
from kapextract.sections.headings import is_table_caption
from kapextract.sections.lexicon import HeadingLexicon, lexicon, normalize_heading
from kapextract.sections.notes import is_table_note
from kapextract.sections.numbering import split_numbering
from kapextract.sections.runin import run_in_heading
from kapextract.sections.spans import build_sections

#: the label of a research letter, which has no abstract ("Correspondence" is left alone: it also
#: heads an author's address above an abstract)
_LETTER_LABEL = re.compile(r"\s*(?:research\s+letters?|letters?\s+to\s+the\s+editors?)\s*", re.IGNORECASE)

#: the gap between a running header's cells (a journal's name and its article type)
_WIDE_GAP = re.compile(r"\s{3,}|\t")

#: a part of a structured abstract named inside a paragraph: "... offered. Methods: We reviewed ..."
_INLINE_PART = re.compile(r"(?:^|(?<=[.\s]))([A-Z][A-Za-z]+(?: [a-z]+)?)\s*:\s")

#: the salutation that opens a letter to the editor
_SALUTATION = re.compile(r"\s*(?:to\s+the\s+editors?|dear\s+(?:editors?|sirs?|madam)|sirs?|madam)\s*[:,.]?\s*", re.IGNORECASE)

#: Order of the body sections in a paper (abstract parts follow it too).
ORDER = {"introduction": 0, "methods": 1, "results": 2, "discussion": 3, "conclusion": 4}
BODY = frozenset(ORDER)
#: Sections after which a run-in back-matter heading starts the back matter.
LATE = frozenset({"discussion", "conclusion", "references", "other"})

#: An abstract longer than this (characters) is over; what follows is body
#: (99% of the abstracts in the project's PMC corpus are shorter).
ABSTRACT_MAX_CHARS = 5000
#: The longest leading run of section names taken as an unlabelled abstract.
UNLABELLED_ABSTRACT_MAX_CHARS = 6000
#: After the Conclusions part, shorter paragraphs still belong to the abstract.
ABSTRACT_TAIL_CHARS = 300
#: An abstract without parts ends with the paragraph that takes it past this length.
UNSTRUCTURED_ABSTRACT_CHARS = 1200
#: At most this many notes follow one table.
MAX_TABLE_NOTES = 6
#: A paragraph at least this long before any heading is taken as an unlabelled abstract.
UNLABELLED_ABSTRACT_MIN_CHARS = 500


@dataclass
class _State:
    current: str = "other"
    in_abstract: bool = False
    abstract_headed: bool = False
    abstract_explicit: bool = False  # an "Abstract" heading was seen
    abstract_structured: bool = False
    abstract_order: int = -1
    abstract_chars: int = 0
    after_keywords: bool = False
    part_paragraphs: int = 0  # paragraphs since the abstract's last part heading
    body_started: bool = False
    after_table: bool = False
    notes: int = 0  # notes taken since the last table
    pos: int = 0  # start of the block being labelled
    first_body_pos: int | None = None  # start of the first body section
    top_caps: int = 0  # top-level body headings written in ALL CAPS
    top_plain: int = 0  # ... and not
    top_numbered: int = 0
    top_unnumbered: int = 0
    letter_paragraphs: int = -1  # paragraphs since a letter's salutation, while no heading came (-1: none)
    body_headed: bool = False  # a body section was opened by a heading of its own (not a run-in part)
    chapter: str | None = None  # the number every numbered heading opens with, in a book's chapter ("4" of "4.1 Introduction")


def _chapter_number(text: str, blocks: list[Block], lex: HeadingLexicon) -> str | None:
    """The number of a book chapter or thesis chapter ("4"), when every numbered heading is a
    sub-number of it ("4.1 Introduction", "4.2 Methods", "4.2.1 Design", ...) and they name at
    least two of the paper's major sections (not "2.1 Participants" and "2.2 Procedure" under an
    unnumbered "METHODS"); else None."""
    firsts, majors = set(), set()
    for b in blocks:
        if b.kind != "heading":
            continue
        m = _DOTTED_NUMBER.match(text, b.start, b.end)
        if m is None:
            if split_numbering(text[b.start : b.end].strip())[0] is not None:
                return None  # a "2." or "II." heading: the paper numbers its own top level
            continue
        firsts.add(m.group(1))
        hit = lex.lookup(text[m.end() : b.end])
        if hit is not None and hit.tier == "major":
            majors.add(hit.label)
    return next(iter(firsts)) if len(firsts) == 1 and len(majors) >= 2 else None


#: a dotted section number: "4.1 ", "4.2.1. "
_DOTTED_NUMBER = re.compile(r"\s*(\d{1,2})\.\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\S)")


class Segmenter:
    """Labels blocks with canonical sections; see the module docstring for the rules."""

    def __init__(self, lex: HeadingLexicon | None = None) -> None:
        self.lex = lex or lexicon()

    # -- public ---------------------------------------------------------------

    def label_blocks(self, text: str, blocks: list[Block]) -> list[str]:
        """One label per block (blocks in reading order)."""
        st = _State()
        st.chapter = _chapter_number(text, blocks, self.lex)
        labels: list[str] = []
        events: list[tuple[int, str]] = []  # (block index, label) where a top-level heading opened a section
        for i, b in enumerate(blocks):
            t = text[b.start:b.end]
            st.pos = b.start
            label = self._block(st, b, t, i, events)
            labels.append(label)
        self._relabel_unlabelled_abstract(labels, blocks, text, events)
        self._relabel_front_matter(labels, blocks, text)
        if not events:
            self._relabel_headingless(labels, blocks)
        return labels

    @staticmethod
    def _relabel_headingless(labels: list[str], blocks: list[Block]) -> None:
        """No heading opened a section: the body after the title (and after an abstract taken
        from a long first paragraph) is of unknown section, ``other`` - not the title's front
        matter, and not an introduction guessed from the abstract's end."""
        for k, b in enumerate(blocks):
            if b.kind != "title" and labels[k] in ("title", "introduction"):
                labels[k] = "other"

    # -- one block ------------------------------------------------------------

    def _block(self, st: _State, b: Block, t: str, i: int, events: list[tuple[int, str]]) -> str:
        kind = b.kind
        if not st.body_started and not st.in_abstract and any(
                _LETTER_LABEL.fullmatch(cell) for cell in _WIDE_GAP.split(t.split("\n", 1)[0])):
            # "RESEARCH LETTER" above the title (alone, or as a running header's cell after a wide
            # gap: "J Clin Mood Disord. 2025;9(2):140-143      RESEARCH LETTER"): no abstract; the
            # first long paragraph is the introduction
            st.abstract_headed = True
        if kind == "title":
            st.current = "title"
            st.after_table = False
            return "title"
        if kind == "table":
            st.after_table = True
            st.notes = 0
            return "tables"
        if kind == "caption":
            if is_table_caption(t):
                st.after_table = True
                st.notes = 0
                return "tables"
            st.after_table = False
            return st.current
        if st.after_table and st.notes < MAX_TABLE_NOTES and (
            kind == "footnote" or (kind == "paragraph" and is_table_note(t, first=st.notes < 2))
        ):
            st.notes += 1
            return "tables"
        st.after_table = False
        if not st.body_started and not st.in_abstract and _SALUTATION.fullmatch(t):
            # "To the Editor:" (a paragraph of text, or a heading in a PDF's layout): a letter,
            # whose first paragraph is its introduction, not an abstract
            self._open(st, "introduction", i, events)
            st.abstract_headed = True
            st.letter_paragraphs = 0
            return st.current
        if kind == "heading":
            st.letter_paragraphs = -1
            self._heading(st, t, b.level, i, events, run_in=False)
            return st.current
        # paragraphs, lists, footnotes
        head = run_in_heading(t, self.lex, abstract_part=st.in_abstract)
        if (
            head is not None
            and st.current == "references"
            and not t[len(head):].lstrip().startswith(":")
            and self.lex.lookup(head).label != "other"
        ):
            head = None  # a reference's wrapped line may start with any word ("Method validation ...")
        if head is not None:
            hit = self.lex.lookup(head)
            if hit is not None and hit.label == "other" and not st.in_abstract:
                if st.current not in LATE:
                    return "other"  # "Funding: ...", "Abbreviations: ...": this paragraph only
                self._open(st, "other", i, events)  # back matter after the discussion
                return "other"
            st.letter_paragraphs = -1
            self._heading(st, head, None, i, events, run_in=True)
            if st.in_abstract:
                st.abstract_chars += len(t)
                st.part_paragraphs = 1
                self._inline_parts(st, t)
                if hit is not None and hit.label == "abstract":
                    self._first_part(st, t[len(head) :])
            return st.current
        if st.letter_paragraphs >= 0 and st.current == "introduction":
            # a letter without headings: its first paragraph introduces, the rest is the report
            st.letter_paragraphs += 1
            if st.letter_paragraphs > 1:
                st.letter_paragraphs = -1
                self._open(st, "other", i, events)
                return st.current
        return self._paragraph(st, t)

    def _first_part(self, st: _State, rest: str) -> None:
        """The abstract heading run into its first part ("ABSTRACT Introduction Demoralisation
        ...", as BMJ Open's PDFs print it): the abstract is structured, and its next part
        ("Methods and analysis ...") goes on with it rather than ending it."""
        part = run_in_heading(rest.lstrip(" :.\n"), self.lex)
        hit = self.lex.lookup(part) if part is not None else None
        if hit is not None and hit.label in ORDER:
            st.abstract_structured = True
            st.abstract_order = max(st.abstract_order, ORDER[hit.label])

    def _inline_parts(self, st: _State, t: str) -> None:
        """A paragraph of the abstract that runs its parts together ("ABSTRACT Background: ...
        Methods: ..."): the abstract is structured, and its next part must come after the last
        one named here ("Results: ..." on the next line goes on, it does not end it)."""
        orders = []
        for m in _INLINE_PART.finditer(t):
            hit = self.lex.lookup(m.group(1))
            if hit is not None and hit.exact and hit.label in ORDER:
                orders.append(ORDER[hit.label])
        if orders:
            st.abstract_structured = True
            st.abstract_order = max(st.abstract_order, max(orders))

    def _paragraph(self, st: _State, t: str) -> str:
        if st.in_abstract:
            closed = (
                st.after_keywords
                or st.abstract_chars > ABSTRACT_MAX_CHARS
                # the conclusions part has had its paragraph
                # (short lines after it: registration, "see related article" ... stay)
                or (
                    st.abstract_structured
                    and st.abstract_order >= ORDER["discussion"]
                    and st.part_paragraphs
                    and len(t) >= ABSTRACT_TAIL_CHARS
                )
                # an unstructured abstract is one paragraph, or a few short ones
                or (not st.abstract_structured and st.abstract_chars >= UNSTRUCTURED_ABSTRACT_CHARS)
            )
            if closed:
                self._leave_abstract(st, "introduction")
                return st.current
            st.abstract_chars += len(t)
            st.part_paragraphs += 1
            return "abstract"
        if (
            not st.body_started
            and st.current in ("title", "other")
            and len(t) >= UNLABELLED_ABSTRACT_MIN_CHARS
        ):
            if st.abstract_headed:  # an abstract was already had: this is the body
                st.current = "introduction"
                st.body_started = True
            else:
                self._enter_abstract(st)
                st.abstract_chars = len(t)
                if len(_INLINE_PART.findall(t)) >= 2:
                    # "Hollis T. Graymark ... ABSTRACT. Objective: ... Method: ...": the authors' lines
                    # ran into a structured abstract, whose next part ("Results: ...") goes on with it
                    self._inline_parts(st, t)
            return st.current
        return st.current

    # -- headings -------------------------------------------------------------

    def _heading(
        self,
        st: _State,
        t: str,
        layout_level: int | None,
        i: int,
        events: list[tuple[int, str]],
        run_in: bool,
    ) -> None:
        num_level, rest = split_numbering(t.strip())
        hit = self.lex.lookup(rest)
        if num_level is not None and st.chapter is not None:
            num_level -= 1  # a chapter's "4.1 Introduction" is its top level
        if num_level is not None:
            top: bool | None = num_level == 1
        elif layout_level == 1:
            top = True
        else:
            top = None  # unknown: the lexicon tier decides
        if hit is None:
            if st.in_abstract and (num_level is not None or st.abstract_chars > ABSTRACT_MAX_CHARS):
                self._leave_abstract(st, "introduction")
            return
        label = hit.label
        if top is None and label in BODY and self._caps_style(st) and self._is_caps(t):
            top = True  # in a paper whose top-level headings are in capitals, "PILOT TRIAL DISCUSSION" is one
        if top is None:
            top = hit.tier == "major"
        elif st.current == "references" and hit.tier != "major":
            top = False  # numbered reference entries are not sections
        if st.in_abstract:
            self._abstract_heading(st, label, hit.tier, num_level is not None, i, events)
            if not st.in_abstract and label in BODY:
                self._note_style(st, t, num_level is not None)
                st.body_headed = st.body_headed or not run_in
            return
        if run_in and label in BODY and not st.body_started and not st.abstract_headed:
            # "Objective: ...", "Design: ..." before any section: an abstract without its heading
            self._enter_abstract(st)
            st.abstract_structured = True
            st.abstract_order = ORDER[label]
            st.abstract_chars = 0
            return
        if top and label in BODY and not run_in and layout_level is None and self._off_style(st, t, num_level):
            top = False
        if (
            top
            and label == "introduction"
            and num_level is None
            and st.current in BODY
            and st.current != "introduction"
            # (the body's first heading of its own is no sub-heading: "Introduction" after a box of
            # run-in parts, "Design: ... Participants: ... Interventions: ...", under the abstract)
            and st.body_headed
            and (
                st.abstract_headed
                or (st.first_body_pos is not None and st.pos - st.first_body_pos > UNLABELLED_ABSTRACT_MAX_CHARS)
            )
        ):
            top = False  # "Background" inside the methods is a sub-heading
        if not top:
            # a sub-heading: inherits, except that a methods sub-heading
            # right after the introduction means the methods have begun
            if label == "methods" and st.current == "introduction":
                self._open(st, label, i, events)
            return
        if label == "abstract":
            late = st.first_body_pos is not None and st.pos - st.first_body_pos > UNLABELLED_ABSTRACT_MAX_CHARS
            if st.body_started and (st.abstract_explicit or late):
                self._open(st, "conclusion", i, events)
            else:
                # the abstract, after front matter that looked like body text
                self._enter_abstract(st)
                st.abstract_headed = True
                st.abstract_explicit = True
                st.body_started = False
                st.first_body_pos = None
            return
        if label in BODY and not run_in:
            self._note_style(st, t, num_level is not None)
            st.body_headed = True
        self._open(st, label, i, events)

    # -- heading style --------------------------------------------------------

    @staticmethod
    def _is_caps(t: str) -> bool:
        letters = [c for c in t if c.isalpha()]
        return len(letters) >= 3 and all(c.isupper() for c in letters)

    def _note_style(self, st: _State, t: str, numbered: bool) -> None:
        if self._is_caps(t):
            st.top_caps += 1
        else:
            st.top_plain += 1
        if numbered:
            st.top_numbered += 1
        else:
            st.top_unnumbered += 1

    @staticmethod
    def _caps_style(st: _State) -> bool:
        return st.top_caps >= 2 and st.top_plain == 0

    def _off_style(self, st: _State, t: str, num_level: int | None) -> bool:
        """True when a body heading breaks the style of the paper's top-level headings.

        After two or more top-level body headings all in ALL CAPS (or all
        numbered), a heading in mixed case (or without a number) is a
        sub-heading, e.g. "Conclusion" inside "DISCUSSION".
        """
        if self._caps_style(st) and not self._is_caps(t):
            return True
        return st.top_numbered >= 2 and st.top_unnumbered == 0 and num_level is None

    def _abstract_heading(
        self, st: _State, label: str, tier: str, numbered: bool, i: int, events: list[tuple[int, str]]
    ) -> None:
        st.part_paragraphs = 0
        if numbered or label == "references" or (label == "other" and tier == "major"):
            self._leave_abstract(st, label, i, events)
            return
        if label == "abstract":
            if tier == "minor":  # keywords, highlights
                st.after_keywords = True
            elif not st.abstract_explicit:
                # "Abstract" after a long front paragraph taken for an unlabelled abstract:
                # the abstract starts here (the paragraph is relabelled afterwards)
                self._enter_abstract(st)
                st.abstract_headed = True
                st.abstract_explicit = True
            return
        order = ORDER.get(label)
        if order is None:  # trial registration and the like: still the abstract
            return
        unstructured = st.abstract_chars > 0 and not st.abstract_structured
        back = order < st.abstract_order or (order == st.abstract_order and tier == "major")
        if back or unstructured or st.abstract_chars > ABSTRACT_MAX_CHARS:
            self._leave_abstract(st, label, i, events)
            return
        st.abstract_structured = True
        st.abstract_order = order

    # -- state changes --------------------------------------------------------

    def _open(self, st: _State, label: str, i: int, events: list[tuple[int, str]]) -> None:
        st.current = label
        if label in BODY:
            st.body_started = True
            if st.first_body_pos is None:
                st.first_body_pos = st.pos
        events.append((i, label))

    def _enter_abstract(self, st: _State) -> None:
        st.in_abstract = True
        st.current = "abstract"
        st.abstract_structured = False
        st.abstract_order = -1
        st.abstract_chars = 0
        st.after_keywords = False

    def _leave_abstract(
        self, st: _State, label: str, i: int | None = None, events: list[tuple[int, str]] | None = None
    ) -> None:
        st.in_abstract = False
        st.abstract_headed = True
        st.current = label
        if label in BODY:
            st.body_started = True
        if events is not None and i is not None:
            events.append((i, label))

    # -- post-passes ----------------------------------------------------------

    def _relabel_front_matter(self, labels: list[str], blocks: list[Block], text: str) -> None:
        """Everything before an "Abstract" heading that opens the abstract is front matter (title, or other)."""
        for j, b in enumerate(blocks):
            if b.kind != "heading" or labels[j] != "abstract":
                continue
            if normalize_heading(text[b.start:b.end]) != "abstract":
                return  # the abstract began with one of its parts, or this is a second one ("Author summary")
            front = "title" if "title" in labels[:j] else "other"
            for m in range(j):
                if labels[m] not in ("title", "tables"):
                    labels[m] = front
            return

    def _relabel_unlabelled_abstract(
        self, labels: list[str], blocks: list[Block], text: str, events: list[tuple[int, str]]
    ) -> None:
        """Relabel a leading forward run of section names that restarts soon after as ``abstract``.

        The run restarts when a section name goes back, or when an abstract
        heading follows it ("Author summary" after an unlabelled abstract).
        """
        limit = labels.index("abstract") if "abstract" in labels else len(labels)
        events = [e for e in events if e[0] < limit]
        if not events:
            return
        first_i, first_label = events[0]
        if first_label not in BODY:
            return
        best = ORDER[first_label]
        seen = 1
        restart: int | None = None
        for k in range(len(events)):
            i, label = events[k]
            if split_numbering(text[blocks[i].start:blocks[i].end])[0] is not None:
                return  # abstracts' parts are never numbered
            if k == 0:
                continue
            order = ORDER.get(label)
            if order is None:
                if label == "other":
                    continue  # "Trial registration", "Supplementary material" inside the abstract
                return
            if order < best:
                restart = i
                break
            best = order
            seen += 1
        if restart is None:
            if limit == len(labels):
                return
            restart = limit
        if seen < 2 or blocks[restart].start - blocks[first_i].start > UNLABELLED_ABSTRACT_MAX_CHARS:
            return
        for j in range(first_i, restart):
            if labels[j] in BODY or labels[j] == "other":
                labels[j] = "abstract"


def assign_sections(doc: Document, lex: HeadingLexicon | None = None) -> None:
    """Set every block's ``section`` and ``doc.sections`` (see the module docstring)."""
    blocks = sorted(doc.blocks, key=lambda b: b.start)
    labels = Segmenter(lex).label_blocks(doc.text, blocks)
    for b, label in zip(blocks, labels, strict=True):
        b.section = label
    doc.blocks = blocks
    build_sections(doc)
