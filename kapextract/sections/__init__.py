"""Section segmentation: the canonical section of every passage.

``assign_sections(doc)`` is the shared segmenter for PDF and plain text (see
:mod:`kapextract.sections.segmenter`); ``build_sections(doc)`` turns block
labels into spans; :func:`lexicon` is the heading lexicon.
"""

from kapextract.sections.lexicon import HeadingLexicon, HeadingMatch, lexicon, normalize_heading
from kapextract.sections.segmenter import Segmenter, assign_sections
from kapextract.sections.spans import build_sections

__all__ = [
    "HeadingLexicon",
    "HeadingMatch",
    "Segmenter",
    "assign_sections",
    "build_sections",
    "lexicon",
    "normalize_heading",
]
