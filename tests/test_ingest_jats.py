"""JATS/NXML ingest: sections from the markup, tables as cells, errors as one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from kapextract.errors import IngestError
from kapextract.ingest import load_document
from kapextract.ingest.jats import paragraphs, read_jats

NXML = Path(__file__).parent / "fixtures" / "nxml"


def _article(body: str, front: str = "", back: str = "") -> bytes:
    return (
        '<?xml version="1.0"?><article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta>'
        '<title-group><article-title>A trial</article-title></title-group>'
        f"{front}</article-meta></front><body>{body}</body><back>{back}</back></article>"
    ).encode()


@pytest.fixture(scope="module")
def lixisenatide():
    return load_document(NXML / "PMC3637243.nxml")


def test_real_article_metadata(lixisenatide):
    doc = lixisenatide
    assert doc.kind == "jats" and doc.pages is None and doc.layout is None
    assert doc.title.startswith("Cardioprotective effects of lixisenatide")
    assert doc.doi == "10.1186/1479-5876-11-84"
    assert doc.metadata["journal"] == "Journal of Translational Medicine"
    assert doc.metadata["pmc"] == "3637243" and doc.metadata["year"] == 2013
    assert doc.text.startswith(doc.title)


def test_real_article_sections_in_order(lixisenatide):
    doc = lixisenatide
    body: list[str] = []
    for s in doc.sections:
        if s.label != "tables" and (not body or body[-1] != s.label):
            body.append(s.label)
    assert body[:6] == ["title", "abstract", "introduction", "methods", "results", "discussion"]
    assert body[-1] == "references"
    heads = {s.label: s.heading for s in doc.sections if s.heading}
    assert heads["methods"] == "Methods" and heads["introduction"] == "Background"


def test_sections_cover_text_and_agree_with_blocks(lixisenatide):
    doc = lixisenatide
    assert doc.sections[0].start == 0 and doc.sections[-1].end == len(doc.text)
    for a, b in zip(doc.sections, doc.sections[1:], strict=False):
        assert a.end == b.start and a.label != b.label
    for blk in doc.blocks:
        assert doc.section_at(blk.start) == blk.section
        assert blk.end > blk.start and not doc.text[blk.end - 1].isspace()
    assert all(doc.text[b.end:b2.start] == "\n\n" for b, b2 in zip(doc.blocks, doc.blocks[1:], strict=False))


def test_subsections_inherit_and_are_levelled(lixisenatide):
    doc = lixisenatide
    sub = [b for b in doc.blocks if b.kind == "heading" and b.level == 2]
    assert sub, "nested <sec> titles are level-2 headings"
    stats = [b for b in sub if doc.text[b.start:b.end] == "Overall data analysis and statistics"]
    assert stats and all(b.section == "methods" for b in stats)


def test_tables_are_table_blocks_with_cells():
    doc = load_document(NXML / "PMC4540107.nxml")
    tables = [b for b in doc.blocks if b.kind == "table"]
    root = etree.parse(str(NXML / "PMC4540107.nxml")).getroot()
    assert len(tables) == len(root.findall(".//table-wrap"))
    for t in tables:
        assert t.section == "tables"
        text = doc.text[t.start:t.end]
        assert "\t" in text and "\n" in text
    captions = [b for b in doc.blocks if b.kind == "caption" and doc.text[b.start:b.end].startswith("Table")]
    assert captions and all(c.section == "tables" for c in captions)


def test_one_block_per_reference():
    doc = load_document(NXML / "PMC4540107.nxml")
    root = etree.parse(str(NXML / "PMC4540107.nxml")).getroot()
    refs = [b for b in doc.blocks if b.section == "references" and b.kind == "paragraph"]
    assert len(refs) == len(root.findall(".//ref-list/ref"))
    assert all(len(doc.text[b.start:b.end]) > 20 for b in refs)


def test_sup_sub_and_characters():
    body = (
        '<sec sec-type="methods"><title>Methods</title><p>Ketamine 0.5 mg kg<sup>\u22121</sup> in '
        "10<sup>6</sup> cells, CO<sub>2</sub> and C<sub>max</sub> were ef\ufb01cient"
        '<sup><xref ref-type="bibr" rid="b1">3</xref></sup>.</p></sec>'
    )
    doc = read_jats(_article(body), "t.nxml")
    assert "0.5 mg kg-1 in 10^6 cells, CO2 and Cmax were efficient [3]." in doc.text
    # PMC1524801: the space at the end of a superscript separates it from the next word
    doc = read_jats(_article('<p>A dose of 400 mg/m<sup>2 </sup>as an infusion, then 250 mg/m<sup>2</sup>.</p>'), "t.nxml")
    assert "400 mg/m2 as an infusion, then 250 mg/m2." in doc.text


def test_bold_run_in_heading_keeps_a_space():
    front = "<abstract><p><bold>Background</bold>We tested it.</p></abstract>"
    doc = read_jats(_article("<p>Body.</p>", front), "t.nxml")
    assert "Background We tested it." in doc.text


def test_sec_type_wins_and_title_lexicon_fallback():
    body = (
        '<sec sec-type="methods"><title>Study protocol</title><p>We gave ketamine.</p>'
        "<sec><title>Weird sub-heading</title><p>Sub text.</p></sec></sec>"
        "<sec><title>3. Findings</title><p>It worked.</p>"
        "<sec><title>Statistical analysis</title><p>Inherits results.</p></sec></sec>"
        '<sec sec-type="conclusions"><title>Discussion</title><p>PLOS tags discussions this way.</p></sec>'
    )
    doc = read_jats(_article(body), "t.nxml")
    label = {doc.text[b.start:b.end]: b.section for b in doc.blocks}
    assert label["We gave ketamine."] == "methods"
    assert label["Sub text."] == "methods"
    assert label["It worked."] == "results"
    assert label["Inherits results."] == "results"
    assert label["PLOS tags discussions this way."] == "discussion"


def test_body_text_before_first_sec_is_introduction_and_figures_stay():
    body = (
        "<p>Opening paragraph.</p><sec><title>Results</title><p>Numbers.</p>"
        '<fig id="f1"><label>Figure 1</label><caption><p>Flow of participants.</p></caption></fig></sec>'
    )
    doc = read_jats(_article(body), "t.nxml")
    label = {doc.text[b.start:b.end]: (b.kind, b.section) for b in doc.blocks}
    assert label["Opening paragraph."] == ("paragraph", "introduction")
    assert label["Figure 1 Flow of participants."] == ("caption", "results")


def test_abstract_and_back_matter():
    front = (
        "<article-id pub-id-type='doi'>10.1/xyz</article-id><abstract><sec><title>Background</title>"
        "<p>Why.</p></sec><sec><title>Results</title><p>What.</p></sec></abstract>"
    )
    back = (
        "<ack><p>Thanks.</p></ack><ref-list><ref id='r1'><mixed-citation>Smith J. A paper. "
        "J Things. 2001;1:1-2.</mixed-citation></ref></ref-list>"
    )
    doc = read_jats(_article("<sec><title>Introduction</title><p>Intro.</p></sec>", front, back), "t")
    label = {doc.text[b.start:b.end]: b.section for b in doc.blocks}
    assert doc.doi == "10.1/xyz"
    assert label["Why."] == label["What."] == label["Background"] == "abstract"
    assert label["Intro."] == "introduction"
    assert label["Thanks."] == "other"
    assert label["References"] == "references"
    assert label["Smith J. A paper. J Things. 2001;1:1-2."] == "references"


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"<?xml version='1.0'?><article><front>", "malformed XML"),
        (b"<?xml version='1.0'?><html><body>hi</body></html>", "not a JATS article"),
        (b"<?xml version='1.0'?><article><front><article-meta/></front><body/></article>", "empty"),
    ],
)
def test_bad_xml_is_one_line_ingest_error(data, needle):
    with pytest.raises(IngestError) as exc:
        read_jats(data, "bad.nxml")
    msg = str(exc.value)
    assert needle in msg and "\n" not in msg and msg.startswith("bad.nxml")


def test_entities_are_not_expanded():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x "EXPANDED">]>'
        b"<article><front><article-meta><title-group><article-title>T &x;</article-title>"
        b"</title-group></article-meta></front><body><p>Body.</p></body></article>"
    )
    doc = read_jats(data, "e.nxml")
    assert "EXPANDED" not in doc.text


def test_html_named_entities_are_read():
    data = _article("<p>Doses 0.5&ndash;1&nbsp;mg/kg &amp; more.</p>").replace(b"A trial", b"A &ldquo;trial&rdquo;")
    doc = read_jats(data, "n.nxml")
    assert "Doses 0.5\u20131 mg/kg & more." in doc.text
    assert doc.title == 'A "trial"'  # curly quotes normalized


def test_body_less_abstract():
    doc = load_document(NXML / "PMC5888649.nxml")
    assert {s.label for s in doc.sections} <= {"title", "abstract", "other", "references"}
    assert any(s.label == "abstract" for s in doc.sections)


def test_paragraphs_in_document_order_with_their_sections():
    body = ('<sec sec-type="methods"><title>Methods</title><p>Ketamine  0.5 mg/kg.</p><p/>'
            '<table-wrap><caption><p>Table 1</p></caption></table-wrap></sec>'
            '<sec><title>Discussion</title><sec><title>Limits</title><p>Small.</p></sec></sec>')
    front = '<abstract><p>We tested ketamine.</p></abstract>'
    assert paragraphs(_article(body, front=front), "t.nxml") == [
        ("abstract", "We tested ketamine."), ("methods", "Ketamine 0.5 mg/kg."), ("methods", ""),
        ("tables", "Table 1"), ("discussion", "Small.")]
    with pytest.raises(IngestError, match="malformed XML"):
        paragraphs(b"<article><p>", "bad.nxml")
