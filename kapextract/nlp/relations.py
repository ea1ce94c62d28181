"""Rule relation stage: ``kap_relation_rules``.

Requires: ``doc.ents`` (rule or trained NER) and sentence boundaries. Sets:
``doc._.kap_relations`` – ``{(head_ent.start, child_ent.start): {label: score}}`` with
DESIGN.md's direction:

* DOSE_OF / ROUTE_OF / FREQUENCY_OF / DURATION_OF: attribute -> the DRUG it belongs to.
  The drug is the nearest DRUG mention of the same sentence, where a drug that precedes the
  attribute ("ketamine 0.71 mg/kg") beats one that follows at the same distance, and a
  drug is passed over when an attribute of the same kind or a ";" lies between them
  ("ketamine 0.71 mg/kg or midazolam 0.025 mg/kg" links each dose to its own drug).
  Without a drug in the sentence, the nearest preceding DRUG of the Doc is taken with a
  lower score (0.75 when it is in the sentence right before, else 0.6). An amount followed
  by "of" or a route and then a drug ("4 g/day of oral curcumin") is that drug's; a schedule
  or route right after a dose ("formoterol 4.5 µg bid"), and a dose that continues one
  ("a 0.1 mg/kg loading dose ... followed by 0.5 mg/kg"), belong to the dose's drug; a route stated once for a list of drugs links to each of them,
  unless it stands right before one drug ("sublingual asenapine, placebo, or oral olanzapine"). A FREQUENCY touching a therapy name ("weekly integration sessions" next to
  THERAPY), or in a sentence that names a therapy and no drug ("MET consisted of five
  sessions"), counts therapy sessions and is not linked – unless the therapy names the drug
  ("four sessions of ketamine-assisted psychotherapy", "KAP").
* COMBINED_WITH: THERAPY -> each DRUG of its sentence (nearest highest; higher with a
  combination cue such as "plus", "combined with", "-assisted").
* SIZE_OF: SAMPLE_SIZE -> the DRUG or THERAPY naming the arm, when an arm cue ("group",
  "received", "assigned to") joins them in one clause or the count is in a bracket right
  after the name ("ketamine (n = 15) or placebo (n = 14)": the name before the bracket);
  whole-study counts get none, and neither does "24 participants received ketamine" in a
  sentence that names only one drug, nor a total randomized to a list of arms. A count
  written after its arm ("placebo n = 208", "IPT: n=620") links to that arm.

Pairs already present (from a trained component) are not overwritten.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

import kapextract.nlp.extensions  # noqa: F401
from kapextract.nlp.abbreviations import abbreviation_map
from kapextract.normalize.frequency import drug_session_opener, names_drug_administration
from kapextract.vocab import alternation, load_drugs, load_lexicon, load_therapies

#: what names the vehicle a drug is given in, written right before it: "diluted in 100 ml
#: normal saline", "(infused) in 100 ml saline" (a bare "in" needs the volume)
_VOLUME = r"(?:a\s+(?:total\s+)?volume\s+of\s+)?[\d.,]+\s*(?:ml|mL|l|L|cc)\s+(?:of\s+)?"
VEHICLE_BEFORE = re.compile(
    rf"(?:\b(?:diluted|dissolved|reconstituted|suspended|made\s+up)\s+(?:\w+\s+)?(?:in|with)\s+(?:{_VOLUME})?"
    rf"|\b(?:in|into)\s+{_VOLUME})(?:\d[\d.,]*\s?%\s+)?$", re.IGNORECASE)

#: what joins a dose to the one that continues it: "a 0.1 mg/kg bolus followed by (an infusion of)
#: 0.5 mg/kg", "..., then 0.5 mg/kg"
_FOLLOWED_BY = re.compile(r"\b(?:followed\s+by|then)\s+(?:an?\s+)?(?:(?:continuous\s+)?infusion\s+of\s+)?$", re.IGNORECASE)

ATTRIBUTE_LABELS = {"DOSE": "DOSE_OF", "ROUTE": "ROUTE_OF", "FREQUENCY": "FREQUENCY_OF", "DURATION": "DURATION_OF"}


@lru_cache(maxsize=1)
def course_of_therapy() -> re.Pattern[str]:
    """The words between a schedule and the therapy it belongs to: "a 20-session [course of
    enhanced] cognitive behaviour therapy", "weekly [sessions of] problem-solving therapy"
    (lexicon ``therapy_container_nouns``; at most two modifiers)."""
    nouns = alternation(load_lexicon().therapy_container_nouns)
    return re.compile(rf"[\s-]*(?:{nouns})\s+of\s+(?:(?:the|an?|[a-z][\w-]*)\s+){{0,2}}", re.IGNORECASE)


@Language.factory("kap_relation_rules")
def make_relation_rules(nlp: Language, name: str) -> KapRelationRules:
    """Rule relations between the KAP entities (see the module docstring)."""
    return KapRelationRules()


def _between(doc: Doc, a: Span, b: Span) -> Span:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return doc[lo.end : hi.start]


#: the words that join two drugs' statements: "0.5 mg/kg and midazolam ...", "..., or saline ..."
_COORDINATORS = frozenset({"and", "or", ",", "versus", "vs", "vs.", "while", "whereas"})


def _outside_brackets(gap: Span) -> int:
    """The length of ``gap`` in tokens, a closed bracket counting as one: an aside ("(with a
    weekly dose escalation as instructed by the SPC)") does not part a value from its drug."""
    n = depth = 0
    for t in gap:
        if t.text in ("(", "["):
            depth += 1
            n += depth == 1
        elif t.text in (")", "]") and depth:
            depth -= 1
        elif not depth:
            n += 1
    return n if not depth else len(gap)


#: a solution's strength between an amount and its drug: "8 ml of (0.9 %) saline"
_STRENGTH_TOKEN = re.compile(r"\d+(?:[.,]\d+)?%?|%")


#: the words that set one arm against another: "... as a subcutaneous injection or metformin ..."
_ALTERNATIVES = frozenset({"or", "versus", "vs", "vs."})


def _is_vehicle(doc: Doc, drug: Span) -> bool:
    """Is ``drug`` named as a vehicle ("in 100 ml normal saline", "diluted in saline")?"""
    return bool(VEHICLE_BEFORE.search(doc.text[max(drug.sent.start_char, drug.start_char - 45) : drug.start_char]))


#: the cost of linking a value to the vehicle it is diluted in ("0.5 mg/kg in 100 ml saline")
VEHICLE_COST = 100.0


class KapRelationRules:
    def __init__(self) -> None:
        lex = load_lexicon()
        self.combo = re.compile(
            r"(?:" + "|".join(re.escape(c) for c in sorted(lex.combination_cues, key=len, reverse=True)) + r")",
            re.IGNORECASE)
        self.arm = re.compile(
            r"\b(?:" + "|".join(re.escape(c) for c in sorted(lex.arm_cues, key=len, reverse=True)) + r")\b",
            re.IGNORECASE)
        # a word between a schedule and a therapy that joins two treatments ("three times over two
        # weeks alongside MBCT"): the schedule is not the therapy's
        self.schedule_joiners = frozenset(lex.schedule_therapy_joiners)
        self.course_of = course_of_therapy()

    def _cost(self, doc: Doc, attr: Span, drug: Span, ents: list[Span], asides: bool = True) -> float:
        """How unlikely ``drug`` is the drug of ``attr``; with ``asides``, a closed bracket
        between a drug and its later value counts as one token (for choosing the drug; the
        link's score reads the whole distance)."""
        gap = _between(doc, attr, drug)
        # (only an aside after the drug: "liraglutide once daily (with ...) as a subcutaneous
        # injection"; a bracket after the value may name an arm instead: "0.13 µg/d (mean ± SD) in
        # the cinacalcet group")
        dist = _outside_brackets(gap) if asides and drug.start < attr.start else len(gap)
        cost = float(dist)
        route_toks = {i for e in ents if e.label_ == "ROUTE" for i in range(e.start, e.end)}
        if drug.start > attr.start and dist and all(t.text in ("(", "[") for t in gap) and drug.end < len(doc) \
                and doc[drug.end].text in (")", "]"):
            # "0.5 mg/kg (ketamine) or 0.045 mg/kg (midazolam)": the drug named in brackets
            # right after a value is the value's
            return 0.1 * dist
        if drug.start > attr.start and all(t.lower_ in ("of", "the") or t.i in route_toks or _STRENGTH_TOKEN.fullmatch(t.text)
                                           for t in gap):
            # "4 grams/day of oral curcumin", "0.13 µg/d oral vitamin D", "8 ml of 0.9% saline": the
            # drug the amount is of
            return 0.1 * dist
        if drug.start > attr.start:
            # a value usually follows its drug ("ketamine 0.5 mg/kg") unless it directly
            # precedes it ("600 mcg misoprostol")
            cost += 0.25 if dist == 0 else 1.0
            if "," in gap.text:
                cost += 2.0  # "lumiracoxib 400 mg once daily, celecoxib ..."
            if attr.label_ == "ROUTE" and any(t.lower_ in _ALTERNATIVES for t in gap):
                # "liraglutide once daily as a subcutaneous injection or matching metformin":
                # the arm before "or" is the route's
                cost += 3.0
            if dist and all(t.lower_ in _COORDINATORS for t in gap) and self._own_value_after(attr, drug, ents):
                # "ketamine was given at 0.5 mg/kg and midazolam at 0.045 mg/kg": the next drug
                # has its own amount; this one is the drug's before it
                cost += 3.0
        if _is_vehicle(doc, drug):
            # "0.5 mg/kg in 100 ml normal saline", "diluted in saline ..., three times a week":
            # the vehicle, not the drug that is dosed (taken only when no other drug is named)
            cost += VEHICLE_COST
        for e in ents:
            if e.start >= gap.start and e.end <= gap.end and gap.end > gap.start:
                if e.label_ == attr.label_:
                    cost += 3
                elif e.label_ == "DRUG" and not _is_vehicle(doc, e):
                    cost += 4  # (but not a vehicle on the way: "esketamine 0.2 mg/kg (diluted with
                    # normal saline to 20 ml) pumped intravenously")
        if ";" in gap.text:
            cost += 6
        return cost

    @staticmethod
    def _own_value_after(attr: Span, drug: Span, ents: list[Span]) -> bool:
        """Does an entity of ``attr``'s label follow ``drug`` in its sentence, before any other drug?"""
        for e in ents:
            if e.start < drug.end or e.sent.start != drug.sent.start:
                continue
            if e.label_ == "DRUG":
                return False
            if e.label_ == attr.label_:
                return True
        return False

    @staticmethod
    def _paired(doc: Doc, attr: Span, ents: list[Span], sent_drugs: list[Span]) -> Span | None:
        """"ketamine/xylazine (91.0/9.1 mg/kg)": the n-th amount of a slash pair belongs to
        the n-th drug of the nearest preceding slash pair."""
        by_start = {e.start: e for e in ents}
        pos = None
        if attr.end < len(doc) and doc[attr.end].text == "/" and attr.end + 1 in by_start:
            pos = 0
        elif attr.start >= 2 and doc[attr.start - 1].text == "/" and any(
            e.end == attr.start - 1 and e.label_ == attr.label_ for e in ents
        ):
            pos = 1
        if pos is None:
            return None
        for d in sorted((d for d in sent_drugs if d.end <= attr.start), key=lambda d: -d.start):
            if d.end < len(doc) and doc[d.end].text == "/" and d.end + 1 in by_start and by_start[d.end + 1].label_ == "DRUG":
                return d if pos == 0 else by_start[d.end + 1]
            if d.start >= 2 and doc[d.start - 1].text == "/" and any(e.end == d.start - 1 and e.label_ == "DRUG" for e in ents):
                first = next(e for e in ents if e.end == d.start - 1 and e.label_ == "DRUG")
                return first if pos == 0 else d
        return None

    def _link_attribute(self, doc, attr, sent_drugs, prev_drugs, ents, rels) -> None:
        label = ATTRIBUTE_LABELS[attr.label_]
        paired = self._paired(doc, attr, ents, sent_drugs) if attr.label_ == "DOSE" else None
        if paired is not None:
            rels.setdefault((attr.start, paired.start), {}).setdefault(label, 0.9)
            return
        carried = self._after_dose(doc, attr, ents, rels) if attr.label_ != "DOSE" else self._dose_followed(doc, attr, ents, rels)
        if carried is not None:
            # "formoterol 4.5 µg bid ... placebo": a schedule or route right after a dose
            # belongs to that dose's drug
            rels.setdefault((attr.start, carried.start), {}).setdefault(label, 0.9)
            return
        # the cheapest drug of the sentence, each cost computed once (the first of equal costs)
        best, cost = min(((d, self._cost(doc, attr, d, ents)) for d in sent_drugs), key=lambda dc: dc[1],
                         default=(None, 0.0))
        if best is not None and not (cost >= VEHICLE_COST and prev_drugs):
            cost = self._cost(doc, attr, best, ents, asides=False)
            score = 0.95 if cost <= 4 else 0.85 if cost <= 10 else 0.7
        elif prev_drugs:
            # no drug in the sentence, or only the vehicle ("The first two infusions were given
            # at 0.5 mg/kg over 40 minutes in 100 mL saline"):
            # the last drug named before the sentence; the one of the sentence right before is
            # what "Doses ranged from 100-300 mg per session" refers to
            best = next((d for d in reversed(prev_drugs) if not _is_vehicle(doc, d)), prev_drugs[-1])
            score = 0.75 if best.sent.end == attr.sent.start else 0.6
        else:
            return
        rels.setdefault((attr.start, best.start), {}).setdefault(label, score)
        if attr.label_ == "ROUTE" and best in sent_drugs and best.start != attr.end:
            # a route stated once for a list of drugs ("ketamine/xylazine (91.0/9.1 mg/kg, i.p.)",
            # "20 mg/kg ketamine and 0.25 mg/kg midazolam intramuscularly", "intravenous
            # sedation using fentanyl, midazolam and ketamine") is the route of each of them -
            # unless it stands right before one drug ("sublingual asenapine, placebo, or oral
            # olanzapine"), or a listed drug has a route of its own next to it
            own = {e.end for e in ents if e.label_ == "ROUTE" and e is not attr} | {
                e.start for e in ents if e.label_ == "ROUTE" and e is not attr}
            for d in self._coordinated(doc, best, sent_drugs, ents):
                if d.start in own or d.end in own:
                    continue
                rels.setdefault((attr.start, d.start), {}).setdefault(label, min(score, 0.75))

    @staticmethod
    def _in_bracket_after(doc: Doc, therapy: Span, attr: Span, ents: list[Span]) -> bool:
        """Is ``attr`` inside a bracket that opens right after ``therapy``, with no drug before it
        in the bracket ("preparatory psychotherapy (about 5 hours over two sessions ...)")?"""
        if therapy.end > attr.start or re.fullmatch(r"\s*\([^()]*", doc.text[therapy.end_char : attr.start_char]) is None:
            return False
        return not any(x.label_ == "DRUG" and therapy.end <= x.start < attr.start for x in ents)

    @staticmethod
    def _after_dose(doc: Doc, attr: Span, ents: list[Span], rels: dict) -> Span | None:
        """The drug of the DOSE that ``attr`` directly follows (at most two tokens apart, no
        drug, bracket or ";" between), or None."""
        doses = [e for e in ents if e.label_ == "DOSE" and e.end <= attr.start and attr.start - e.end <= 2]
        if not doses:
            return None
        dose = doses[-1]
        if dose.start > 0 and doc[dose.start - 1].text == "/":
            return None  # "(91.0/9.1 mg/kg, i.p.)": the route of both drugs of the pair
        gap = doc[dose.end : attr.start]
        if len(gap) and gap[0].text == ")" and dose.start > 0 and doc[dose.start - 1].text == "(":
            gap = gap[1:]  # "AZD5069 (40 mg) administered orally": the dose's own bracket closes
        if any(t.text in (";", "(", ")", "[", "]") for t in gap) or any(
                e.label_ == "DRUG" and e.start >= dose.end and e.end <= attr.start for e in ents):
            return None
        return KapRelationRules._drug_of(dose, ents, rels)

    @staticmethod
    def _drug_of(dose: Span, ents: list[Span], rels: dict) -> Span | None:
        """The drug the DOSE ``dose`` is already linked to (its best DOSE_OF), or None."""
        by_start = {e.start: e for e in ents}
        linked = [(c, labs["DOSE_OF"]) for (h, c), labs in rels.items() if h == dose.start and "DOSE_OF" in labs]
        if not linked:
            return None
        return by_start.get(max(linked, key=lambda x: x[1])[0])

    @staticmethod
    def _dose_followed(doc: Doc, attr: Span, ents: list[Span], rels: dict) -> Span | None:
        """The drug of the DOSE that the dose ``attr`` follows on ("0.1 mg/kg loading dose i.v.
        over 1 minute followed by 0.5 mg/kg over 40 minutes": a bolus and the infusion after it,
        one drug), or None: "followed by" or "then" stands right before ``attr``, and no drug
        or ";" lies between the two doses."""
        before = doc.text[max(attr.sent.start_char, attr.start_char - 30) : attr.start_char]
        if not _FOLLOWED_BY.search(before):
            return None
        doses = [e for e in ents if e.label_ == "DOSE" and e.end <= attr.start and e.start >= attr.sent.start]
        if not doses:
            return None
        dose = doses[-1]
        if any(t.text == ";" for t in doc[dose.end : attr.start]) or any(
                e.label_ == "DRUG" and e.start >= dose.end and e.end <= attr.start for e in ents):
            return None
        if any(e.label_ == "DRUG" and attr.end <= e.start <= attr.end + 1 for e in ents):
            return None  # "followed by 0.5 mg/kg progesterone": the drug named with it
        return KapRelationRules._drug_of(dose, ents, rels)

    @staticmethod
    def _listed_arm(doc: Doc, count: Span, arms: list[Span]) -> Span | None:
        """The arm of a count written "name (details) n = 20" or "name: n = 20": the nearest
        preceding DRUG/THERAPY of its bracket or list item; an item holding only a dose
        ("; 9 µg n = 199") takes the name of the item before it."""
        i = count.start
        if not (i >= 2 and doc[i - 1].text in ("=", ":") and doc[i - 2].lower_ == "n") and not (
                i >= 1 and doc[i - 1].text == ":"):
            return None
        if any(a.start == count.end or (a.start == count.end + 1 and not doc[count.end].is_punct) for a in arms):
            return None  # "(n = 20 ketamine; n = 20 midazolam)": the arm follows the count
        before = [a for a in arms if a.end <= count.start and count.start - a.end <= 14]
        if not before:
            return None
        arm = before[-1]
        gap = doc[arm.end : count.start]
        if any(t.text in ("(", ")", "[", "]") for t in gap) and not any(t.text == "(" for t in doc[arm.end : arm.end + 1]):
            return None
        # crossing ";" or "," is fine only when no other name stands between
        return arm if not any(a.start >= arm.end and a.end <= count.start for a in arms if a is not arm) else None

    @staticmethod
    def _arm_list_follows(doc: Doc, arm: Span, arms: list[Span]) -> bool:
        """Is ``arm`` the first of a list of arms ("asenapine (...), placebo, or olanzapine")?"""
        nxt = [a for a in arms if a.start >= arm.end and a.start - arm.end <= 25 and a.text.lower() != arm.text.lower()]
        if not nxt:
            return False
        gap = doc[arm.end : nxt[0].start]
        depth = 0
        for t in gap:
            depth += t.text in ("(", "[")
            depth -= t.text in (")", "]")
            if depth <= 0 and t.lower_ in (",", "or", "and", "versus", "vs", "vs."):
                return True
        return False

    _JOINERS = {",", "and", "or", "/", "+", "plus", "&", "as", "well",
                # "ketamine or matching placebo": the placebo made to look like the drug
                "matched", "matching", "identical",
                # salt names that follow a drug name ("fentanyl citrate")
                "citrate", "hydrochloride", "hcl", "sulfate", "sulphate", "maleate", "sodium", "tartrate",
                "bromide", "acetate", "phosphate", "mesylate", "besylate"}

    def _coordinated(self, doc: Doc, best: Span, sent_drugs: list[Span], ents: list[Span]) -> list[Span]:
        """Drugs listed together with ``best`` (joined by commas, and/or, slashes; doses and
        parenthesised details in between are allowed)."""
        covered = set()
        # (from a placebo, across the active drug's schedule too: "etanercept 50 mg weekly or
        # placebo administered subcutaneously" - a placebo is given as the drug it mimics)
        placebo = load_drugs().is_control(best.text)
        for e in ents:
            if e.label_ in ("DOSE", "DRUG", "ROUTE", "DURATION") or (placebo and e.label_ == "FREQUENCY"):
                covered.update(range(e.start, e.end))
        drugs = sorted(sent_drugs, key=lambda d: d.start)
        k = drugs.index(best)
        out = []
        for step in (-1, 1):
            j, cur = k + step, best
            while 0 <= j < len(drugs):
                nxt = drugs[j]
                lo, hi = (nxt.end, cur.start) if step < 0 else (cur.end, nxt.start)
                depth, ok = 0, True
                for t in doc[lo:hi]:
                    if t.text == "(":
                        depth += 1
                    elif t.text == ")":
                        depth -= 1
                    elif depth <= 0 and t.i not in covered and t.lower_ not in self._JOINERS and not t.is_punct:
                        ok = False
                        break
                if not ok:
                    break
                out.append(nxt)
                cur, j = nxt, j + step
        return out

    @staticmethod
    def _names_drug(doc: Doc, therapy: Span) -> bool:
        """Does a therapy name a drug ("ketamine-assisted psychotherapy", "KAP" defined so)?
        Its sessions are drug sessions. The drug names are the call's (``kap_context``)."""
        ctx = doc._.kap_context or {}
        names = [n.lower() for n in ctx.get("drugs") or []]
        if not names:
            return False
        low = therapy.text.lower()
        long = abbreviation_map(doc).get(therapy.text)
        if long:
            low += " " + long.lower()
        else:
            term = load_therapies().abbreviation(therapy.text)
            if term is not None and term.label == "psychedelic psychotherapy" and "ketamine" in names:
                return True  # KAP, KPT: ketamine-assisted psychotherapy
        return any(n in low for n in names)

    def __call__(self, doc: Doc) -> Doc:
        rels = doc._.kap_relations
        ents = list(doc.ents)
        drugs_so_far: list[Span] = []
        for sent in doc.sents:
            s_ents = [e for e in ents if e.start >= sent.start and e.end <= sent.end]
            s_drugs = [e for e in s_ents if e.label_ == "DRUG"]
            therapies = [e for e in s_ents if e.label_ == "THERAPY"]
            for e in s_ents:
                if e.label_ in ATTRIBUTE_LABELS:
                    plain = [t for t in therapies if not self._names_drug(doc, t)]
                    at_each = e.label_ == "FREQUENCY" and drug_session_opener(
                        doc.text[max(0, e.start_char - 60) : e.start_char], e.text)
                    if e.label_ == "FREQUENCY" and not at_each and any(
                            t.start == e.end or (t.start == e.end + 1 and doc[e.end].lower_ not in self.schedule_joiners)
                            or self.course_of.fullmatch(doc.text[e.end_char : t.start_char])
                            or self._in_bracket_after(doc, t, e, s_ents)
                            for t in plain):
                        continue  # "weekly integration sessions", "eight sessions of CBT", "a 20-session
                        # course of CBT-E": the therapy's (but "three times over two weeks alongside
                        # MBCT" is the drug's)
                    if (e.label_ == "FREQUENCY" and plain and not s_drugs and len(plain) == len(therapies)
                            and not names_drug_administration(e.text)):
                        continue  # "MBRP consisted of eight weekly sessions": the therapy's schedule (but
                        # "three weekly infusions, each on the day before the PE session" are the drug's)
                    self._link_attribute(doc, e, s_drugs, drugs_so_far, s_ents, rels)
                elif e.label_ == "THERAPY" and s_drugs:
                    ranked = sorted(s_drugs, key=lambda d: len(_between(doc, e, d)))
                    for k, d in enumerate(ranked):
                        cue = bool(self.combo.search(_between(doc, e, d).text)) or "assisted" in e.text.lower()
                        score = (0.85 if cue else 0.6) - 0.1 * (k > 0)
                        rels.setdefault((e.start, d.start), {}).setdefault("COMBINED_WITH", round(score, 2))
                elif e.label_ == "SAMPLE_SIZE":
                    arms = [a for a in s_ents if a.label_ in ("DRUG", "THERAPY")]
                    lead = doc[max(e.start - 4, 0) : e.start].text
                    in_paren = "(" in lead and ")" not in lead.rsplit("(", 1)[-1]
                    listed = self._listed_arm(doc, e, arms)
                    if listed is not None:
                        # "(formoterol 4.5 µg n = 206; 9 µg n = 199; placebo n = 208)", "IPT: n=620"
                        rels.setdefault((e.start, listed.start), {}).setdefault("SIZE_OF", 0.75)
                        continue
                    best, best_cost = None, None
                    for a in arms:
                        gap = _between(doc, e, a)
                        if len(gap) > 8 or ";" in gap.text:
                            continue
                        window = doc[min(e.start, a.start) : max(e.end, a.end) + (2 if a.start > e.start else 0)].text
                        if not self.arm.search(window) and not in_paren:
                            continue
                        cost = len(gap)
                        if in_paren and a.start > e.start:
                            cost += 3  # "ketamine (n = 15) or placebo (n = 14)": the name before the bracket
                        if best is None or cost < best_cost:
                            best, best_cost = a, cost
                    if best is not None and best.start > e.start and not in_paren and best.label_ == "DRUG" and len(
                        {d.text.lower() for d in s_drugs}
                    ) == 1 and re.match(r"\s*(?:[A-Za-z-]+\s+){0,2}(?:received|receiving)\b", doc[e.end : best.start].text):
                        best = None  # "24 participants received ketamine": the whole sample, no arm named
                    if best is not None and best.start > e.start and not in_paren and self._arm_list_follows(doc, best, arms):
                        best = None  # "977 patients were randomized to asenapine, placebo, or olanzapine": the total
                    if best is not None:
                        rels.setdefault((e.start, best.start), {}).setdefault("SIZE_OF", 0.7)
            drugs_so_far.extend(s_drugs)
        doc._.kap_relations = rels
        return doc
