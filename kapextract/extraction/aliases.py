"""Other names a paper gives the target drug: in brackets beside one of its names, and the
components of a fixed combination.

``target_aliases(text, names)`` finds

* a short form after a name (two capitals, a digit or a slash), that the abbreviation
  detector misses: "salmeterol/fluticasone propionate (SAL/FP)" -> "sal/fp";
* a name the paper uses for the target, with the target's own name in brackets after it:
  "G-CSF (lenograstim)", "Tylenol (acetaminophen)", "Decapeptyl® (triptorelin)";
* a short form in a list of abbreviations: "KET, ketamine; MDZ, midazolam";
* a generic name the paper says it will use for the target: "ketamine hydrochloride (10 mg/ml),
  referred to below as the study drug", "ketamine (hereafter, the IMP)".

``species_short_forms(names)`` gives the abbreviated binomial of a plant or microbial
target ("A. paniculata" for "andrographis paniculata").

``combination_parts(drug)`` gives the lexicon names of each component of a combination
target ("sulfadoxine-pyrimethamine", "salmeterol/fluticasone propionate"): a paper writes
"25 mg/kg sulphadoxine/1.25 mg/kg pyrimethamine", and both are the combination's doses.
Every part must be a lexicon drug of at least four letters ("co-trimoxazole",
"N-acetylcysteine" and "l-dopa" are no combinations).

An alias is a drug-like token: capitals, digits or a hyphen in it, or a lexicon drug name;
never a route ("ketamine (IV)"), a therapy, a number or a plain lower-case word ("were
given (ketamine)"). The record assembler counts an alias's mentions as the target's, and
the entity rules label them DRUG (they travel with the caller's names).
"""

from __future__ import annotations

import re

from kapextract.vocab import alternation, load_drugs, load_routes, load_therapies

_SHORT = r"[A-Za-z][\w/+-]{0,14}"
#: the generic names a paper may define for its drug: "(referred to below as the) study drug"
_GENERIC_NAMES = (r"(?:study\s+(?:drug|medication|medicine|treatment)|investigational\s+(?:medicinal\s+)?product|IMP|"
                  r"active\s+(?:drug|agent|treatment|medication)|test\s+drug)")
_WORD = r"[A-Za-z][\w/+-]{1,30}"
#: a word that makes a bracket's short form an arm's name: "(CCC, study group)"
_ARM_WORD = re.compile(r"\b(?:group|arm|cohort|condition)s?\b", re.IGNORECASE)


def _names_arm(text: str, start: int) -> bool:
    """Does the rest of a bracket, from ``start`` to its ")" (within 80 characters), call what
    it follows an arm ("(CCC, study group)")?"""
    end = text.find(")", start, start + 80)
    return end >= 0 and _ARM_WORD.search(text, start, end) is not None


def _drug_like(token: str) -> bool:
    if load_routes().lookup(token) is not None or load_therapies().lookup(token) is not None:
        return False
    if token.lower() in load_drugs().entries:
        return True
    return bool(re.search(r"[A-Z].*[A-Z]|\d|-", token)) or (token[:1].isupper() and len(token) >= 5)


def target_aliases(text: str, names: set[str] | list[str]) -> set[str]:
    """Lower-case aliases of the target (one of ``names``) that ``text`` defines in brackets."""
    if not names:
        return set()
    name = alternation(sorted(names, key=len, reverse=True))
    found: set[str] = set()
    # (the short form may lead a bracket of details: "salmeterol/fluticasone propionate (SFC, Seretide, GSK)")
    after = re.compile(rf"(?<![\w-])(?:{name})\s*\(\s*(?P<a>{_SHORT})\s*(?P<end>[);,])", re.IGNORECASE)
    before = re.compile(rf"(?<![\w/+-])(?P<a>{_WORD})\s*[®™]?\s*\(\s*(?:{name})\s*\)", re.IGNORECASE)
    # a list of abbreviations under a table or in a footnote: "KET, ketamine; MDZ, midazolam."
    glossary = re.compile(rf"(?:^|(?<=[;:.]\s)|(?<=\n))(?P<a>[A-Z][A-Z0-9-]{{1,9}}),\s*(?i:{name})(?=\s*;|\s*\.(?!\w)|\s*$)",
                          re.MULTILINE)
    lower = {n.lower() for n in names}
    found |= {m.group("a").lower() for m in re.finditer(
        rf"(?<![\w-])(?:{name})\b[^.;]{{0,60}}?\b(?:referred\s+to\s+(?:below\s+|hereafter\s+|henceforth\s+)?as|hereafter|henceforth|"
        rf"(?:below|hereafter)\s+called)\s*,?\s*(?:the\s+)?[\"'\u201c\u2018]?(?P<a>{_GENERIC_NAMES})\b", text, re.IGNORECASE)}
    for rx in (after, before, glossary):
        for m in rx.finditer(text):
            alias = m.group("a")
            if alias.lower() in lower:
                continue
            if rx is after and not re.search(r"[A-Z].*[A-Z]|[/\d]", alias):
                continue  # a short form has capitals: not "ketamine (racemic)", nor a maker's name ("(Pfizer)")
            if rx is after and m.group("end") == "," and (not re.fullmatch(r"[A-Z0-9/+-]+", alias) or _names_arm(text, m.end())):
                # "(SFC, Seretide ...)" leads with its short form, "(Sigma-Tau, Rome, Italy)" with a
                # maker, and "calcitriol and cholecalciferol (CCC, study group)" with the arm's name
                continue
            if rx is after and alias.lower() in load_drugs().entries:
                continue  # a name of the lexicon: the target's own, or another drug's
            if rx is after and (load_routes().lookup(alias) is not None or alias.replace(".", "") == "IN"):
                # "esketamine (IN)" (intranasal; the vocabulary leaves "IN" out, being the word "in"),
                # "ketamine (IM)": the route, not another name
                continue
            if re.match(r"(?:group|arm|cohort)\b", alias, re.IGNORECASE):
                continue  # "group A (ketamine)": an arm
            if _drug_like(alias):
                found.add(alias.lower())
    return found


def species_short_forms(names: set[str] | list[str]) -> set[str]:
    """The abbreviated binomials of plant or microbial targets: "andrographis paniculata" ->
    "a. paniculata" (papers write the genus in full once, then by its initial). A name of the
    drug lexicon ("zoledronic acid") or a drug and its salt ("fluticasone propionate") is no
    binomial."""
    drugs = load_drugs().entries
    out = set()
    for n in names:
        m = re.fullmatch(r"(([a-z])[a-z]{2,})\s+([a-z]{4,})", n.strip().lower())
        if m and not any(w in drugs for w in (n.strip().lower(), m.group(1), m.group(3))):
            out.add(f"{m.group(2)}. {m.group(3)}")
    return out


def combination_parts(drug: str) -> set[str]:
    """Lower-case lexicon names of the components of a combination target, or an empty set."""
    drugs = load_drugs()
    parts = [p.strip() for p in re.split(r"\s*(?:/|-|\+|\band\b|\bplus\b)\s*", drug.lower()) if p.strip()]
    # a part may carry its salt ("fluticasone propionate"): its first word names it
    parts = [p if p in drugs.entries else p.split()[0] for p in parts]
    if len(parts) < 2 or any(len(p) < 4 or p not in drugs.entries for p in parts):
        return set()
    names: set[str] = set()
    for p in parts:
        names |= drugs.names_of(p)
    return names
