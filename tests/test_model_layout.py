"""Properties of the offset -> page / bbox mapping (``kapextract.model.Layout``)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapextract.model import Document, Layout

TOL = 0.006  # locate() rounds box edges to 2 decimals


@st.composite
def layouts(draw, max_chars: int = 60):
    """A layout of 0..max_chars characters: pages 1..4 or 0 (synthesized), boxes inside a page."""
    n = draw(st.integers(0, max_chars))
    pages = draw(st.lists(st.sampled_from([0, 0, 1, 1, 2, 3, 4]), min_size=n, max_size=n))
    boxes = []
    for p in pages:
        if p == 0:
            boxes.append([math.nan] * 4)
            continue
        x0 = draw(st.floats(0, 500, allow_nan=False, width=32))
        y0 = draw(st.floats(0, 700, allow_nan=False, width=32))
        w = draw(st.floats(0, 50, allow_nan=False, width=32))
        h = draw(st.floats(0.5, 20, allow_nan=False, width=32))
        boxes.append([x0, y0, x0 + w, y0 + h])
    arr = np.array(boxes, dtype=np.float32).reshape(n, 4)
    return Layout(np.array(pages, dtype=np.int32), arr, [(612.0, 792.0)] * 4)


spans = st.tuples(st.integers(-5, 70), st.integers(-5, 70))


@settings(max_examples=300, deadline=None)
@given(layouts(), spans)
def test_locate_box_contains_every_real_char_of_the_span_on_its_first_page(lay, span):
    start, end = span
    page, box = lay.locate(start, end)
    s, e = max(0, start), min(len(lay), end)
    if e <= s:
        assert (page, box) == (None, None)
        return
    real = [i for i in range(s, e) if lay.pages[i] > 0]
    if not real:
        assert box is None
        assert page == lay.page_at(s)
        return
    first = int(lay.pages[real[0]])
    assert page == first
    assert box is not None and all(math.isfinite(v) for v in box)
    on_page = [i for i in real if lay.pages[i] == first]
    for i in on_page:
        x0, y0, x1, y1 = (float(v) for v in lay.boxes[i])
        assert box[0] <= x0 + TOL and box[1] <= y0 + TOL
        assert box[2] >= x1 - TOL and box[3] >= y1 - TOL
    # and it is the tightest such box: every edge is attained by some character
    b = lay.boxes[on_page].astype(float)
    assert abs(box[0] - b[:, 0].min()) <= TOL and abs(box[1] - b[:, 1].min()) <= TOL
    assert abs(box[2] - b[:, 2].max()) <= TOL and abs(box[3] - b[:, 3].max()) <= TOL


@settings(max_examples=300, deadline=None)
@given(layouts(), st.integers(-5, 70))
def test_page_at_real_char_is_its_page_and_synthesized_looks_outward(lay, offset):
    got = lay.page_at(offset)
    n = len(lay)
    if not 0 <= offset < n:
        assert got is None
        return
    if lay.pages[offset] > 0:
        assert got == int(lay.pages[offset])
        return
    after = [int(p) for p in lay.pages[offset:] if p > 0]
    before = [int(p) for p in lay.pages[:offset] if p > 0]
    if after:
        assert got == after[0]
    elif before:
        assert got == before[-1]
    else:
        assert got is None


@settings(max_examples=200, deadline=None)
@given(layouts(), spans)
def test_synthesized_chars_never_change_the_box(lay, span):
    """Whatever box a synthesized character carries, locate() ignores it."""
    start, end = span
    page, box = lay.locate(start, end)
    boxes = lay.boxes.copy()
    boxes[lay.pages == 0] = np.float32(1e6)  # garbage where there is no position
    other = Layout(lay.pages, boxes, lay.page_sizes)
    assert other.locate(start, end) == (page, box)


@settings(max_examples=200, deadline=None)
@given(layouts())
def test_words_cover_real_characters_only(lay):
    n = len(lay)
    text = "".join("a" if lay.pages[i] else " " for i in range(n))
    words = lay.words(text)
    covered = set()
    for w in words:
        assert 0 <= w["start"] < w["end"] <= n
        assert text[w["start"] : w["end"]].strip() == text[w["start"] : w["end"]]
        assert len({int(p) for p in lay.pages[w["start"] : w["end"]]}) == 1
        assert w["page"] == int(lay.pages[w["start"]])
        covered.update(range(w["start"], w["end"]))
    assert covered == {i for i in range(n) if lay.pages[i]}


def test_layout_rejects_mismatched_arrays():
    with pytest.raises(ValueError):
        Layout(np.array([1, 1]), np.zeros((3, 4)))
    with pytest.raises(ValueError):
        Layout(np.array([1]), np.zeros((1, 3)))


def test_document_evidence_uses_layout():
    text = "Dose 0.5 mg/kg"
    pages = np.array([1, 1, 1, 1, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2], dtype=np.int32)
    boxes = np.array([[i * 5.0, 10.0, i * 5.0 + 5.0, 20.0] for i in range(len(text))], dtype=np.float32)
    boxes[4] = np.nan
    doc = Document.from_text(text, layout=Layout(pages, boxes, [(600.0, 800.0)] * 2))
    ev = doc.evidence(5, 14)
    assert ev.page == 2 and ev.bbox == [25.0, 10.0, 70.0, 20.0]
    ev = doc.evidence(0, 7)  # spans two pages: the first page's characters only
    assert ev.page == 1 and ev.bbox == [0.0, 10.0, 20.0, 20.0]
    assert doc.evidence(4, 5).bbox is None and doc.evidence(4, 5).page == 2
