"""LaTeX and Markdown left in plain text: "$0.71~\\mathrm{mg\\,kg^{-1}}$", "## 2 Methods {#sec:methods}".

Preprints and manuscripts converted from LaTeX or Markdown sources (pandoc, an
HTML-to-text copy of a preprint server's page) keep their markup: inline math
around doses and statistics, commands for units and symbols, Markdown heading
marks and bold run-in labels. :func:`plain_markup` requires normalized text
and returns it as the rendered paper would read:

* **LaTeX** (only in a text with at least :data:`MIN_LATEX` LaTeX commands or
  math spans): ``\\mathrm{mg}``, ``\\text{...}`` and the like become their
  content; ``\\label{...}``, ``\\ref{...}`` and ``\\cite{...}`` nothing; ``^{-1}`` and
  ``_{max}`` their script; ``\\,``, ``\\;`` and ``~`` a
  space; ``\\pm``, ``\\times``, ``\\mu``, ``\\le``, ``\\ge``, ``\\%`` their
  characters; ``--`` between numbers an en dash; the ``$`` around math is
  dropped. "($0.71~\\mathrm{mg\\,kg^{-1}}$ over 52~min)" reads "(0.71 mg kg-1
  over 52 min)".
* **Markdown** (only in a text with at least :data:`MIN_MARKDOWN_HEADINGS`
  heading lines): the ``#`` marks of a heading and its attribute block
  (``{#sec:methods}``, ``{.unnumbered}``) are dropped, and ``**bold**`` run-in
  labels lose their stars.

Other text is returned unchanged. The result is the text that every offset
indexes (``Document.text``).
"""

from __future__ import annotations

import re

#: A text is LaTeX-marked when it holds at least this many commands or math spans.
MIN_LATEX = 3
#: A text is Markdown when at least this many of its lines are "#" headings.
MIN_MARKDOWN_HEADINGS = 3

_COMMANDS = r"mathrm|mathit|mathbf|mathsf|text|textrm|textit|textbf|operatorname|mbox"
_LATEX_MARK = re.compile(rf"\\(?:{_COMMANDS}|label|ref|cite)\{{|\\(?:pm|times|mu|alpha|beta|le|ge|leq|geq|approx|cdot|%)(?![A-Za-z])")
#: cross-reference commands, which render as a label's number or nothing: "2. Methods \\label{sec:methods}"
_REFERENCE = re.compile(r"[ \t]*\\(?:label|ref|eqref|autoref|cref|cite|citep|citet)\{[^{}\n]*\}")
_WRAPPED = re.compile(rf"\\(?:{_COMMANDS})\{{([^{{}}]*)\}}")
_SCRIPT = re.compile(r"[\^_]\{([^{}]*)\}")
_SYMBOLS = {
    "pm": "\u00b1", "times": "\u00d7", "mu": "\u00b5", "alpha": "\u03b1", "beta": "\u03b2", "le": "\u2264",
    "leq": "\u2264", "ge": "\u2265", "geq": "\u2265", "approx": "\u2248", "cdot": "\u00b7",
}
_SYMBOL = re.compile(r"\\(" + "|".join(sorted(_SYMBOLS, key=len, reverse=True)) + r")(?![A-Za-z])")
_THIN_SPACE = re.compile(r"\\[,;:! ]")
_MATH = re.compile(r"\$([^$\n]{1,120})\$")
#: what math holds: a command, a script, a relation or a tie ("$n=20$", "$\\alpha = 0.05$"), or a number
#: alone ("$3.84$"); not prices ("cost $689 and a full course $5,469")
_MATH_CONTENT = re.compile(r"(?=.*[\\^_=~<>\u00b1\u00d7\u00b5\u03b1\u03b2\u2264\u2265\u2248\u00b7])|[\d.,\s+\-\u2212]+$|[A-Za-z]$")
_TIE = re.compile(r"(?<=\S)~(?=\S)")
_EN_DASH = re.compile(r"(?<=\d)--(?=\d)")

_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(?=\S[^\n]{0,100}$)", re.MULTILINE)
_MD_ATTRIBUTES = re.compile(r"[ \t]*\{[#.][^{}\n]*\}[ \t]*$", re.MULTILINE)
_MD_BOLD = re.compile(r"\*\*(?=\S)([^*\n]{1,200}?)(?<=\S)\*\*")


def _plain_latex(text: str) -> str:
    text = _REFERENCE.sub("", text)
    text = _SCRIPT.sub(r"\1", text)
    text = _THIN_SPACE.sub(" ", text)
    for _ in range(3):  # nested wrappers: \mathrm{\text{mg}}
        text = _WRAPPED.sub(r"\1", text)
    text = _SYMBOL.sub(lambda m: _SYMBOLS[m.group(1)], text)
    text = text.replace("\\%", "%")
    text = _MATH.sub(lambda m: m.group(1) if _MATH_CONTENT.match(m.group(1)) else m.group(0), text)
    text = _TIE.sub(" ", text)
    return _EN_DASH.sub("\u2013", text)


def plain_markup(text: str) -> str:
    """``text`` without its LaTeX and Markdown markup (see the module docstring)."""
    math = sum(1 for m in _MATH.finditer(text) if _MATH_CONTENT.match(m.group(1)))
    if len(_LATEX_MARK.findall(text)) + math >= MIN_LATEX:
        text = _plain_latex(text)
    if len(_MD_HEADING.findall(text)) >= MIN_MARKDOWN_HEADINGS:
        text = _MD_ATTRIBUTES.sub("", _MD_HEADING.sub("", text))
        text = _MD_BOLD.sub(r"\1", text)
    return text
