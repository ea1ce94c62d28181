"""Frequency: number of administrations (sessions), their interval and the period.

``parse_frequency("three weekly infusions")`` -> sessions 3, interval weekly;
``parse_frequency("twice a week for six weeks")`` -> sessions 12, twice weekly, 6 weeks;
``parse_frequency("a single infusion")`` -> sessions 1, single;
``parse_frequency("once daily for 4 weeks")`` -> sessions None (daily dosing is counted only
when stated), daily, 4 weeks; "twice daily" -> interval ``other`` with ``times_per_day`` 2.
Several FREQUENCY spans of one sentence ("six", "infusions over two weeks") are parsed
together by passing their texts in order.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from kapextract.normalize.dose import fmt_amount
from kapextract.normalize.numbers import (
    number_pattern,
    ordinal_list_pattern,
    parse_number,
    parse_ordinal_list,
)
from kapextract.vocab import alternation, load_lexicon

#: the noun of a count that the entity rules span only after the drug's name ("four IM ketamine
#: visits"), so that a span with it counts administrations
DRUG_VISITS = r"visits?"


def administration_patterns() -> tuple[str, str]:
    """Regex alternations of administration nouns ("infusions", "sessions") and of the
    modifiers that may stand before them, a session length included ("12 weekly
    50-minute sessions"). Shared by this normalizer and the entity rules."""
    lex = load_lexicon()
    nouns = alternation(lex.administration_nouns)
    mods = alternation(lex.administration_modifiers) + r"|\d+[\s-](?:minutes?|min|hours?|hr|h)"
    return nouns, mods


#: the days of the week, in order, as papers write them ("Mondays", "Thurs", "Tue")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: (an abbreviation's full stop only inside a list: "Mon., Wed. and Fri"; the last day's is the sentence's)
_DAY = (r"(?:Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:r|rs|rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)s?"
        r"(?:\.(?=\s*(?:[,/&\u2013-]|and\b|to\b|through\b)))?")


def weekday_pattern() -> str:
    """A regex of the weekdays an administration is given on: "on Mondays and Thursdays",
    "every Tuesday and Friday", "Monday-Wednesday-Friday", "Monday to Friday" (a list or a
    range of days; one day only when it recurs: "on Mondays", "every Monday")."""
    days = rf"{_DAY}(?:(?:\s*,\s*|\s*,?\s+(?:and|&)\s+|\s*[/–-]\s*|\s+(?:to|through)\s+){_DAY})+"
    recurring = r"(?:(?:every|each)\s+(?-i:[MTWFS])[a-z]+day|(?:on\s+)(?-i:[MTWFS])[a-z]+days)\b"
    return rf"(?<![\w-])(?:(?:on\s+|every\s+|each\s+)?(?-i:{days})(?![\w])|{recurring})"


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern[str]]:
    lex = load_lexicon()
    n = number_pattern()
    nouns, mods = administration_patterns()
    return {
        # (but not a rate denied: "TIW (not on consecutive days)")
        "interval": re.compile(rf"(?<![\w-])(?<!\bnot\s)(?:{alternation(lex.interval_words)})(?![\w-])", re.IGNORECASE),
        "every": re.compile(rf"\b(?:every|per|each)\s+(?P<n>{n}|other|second|third)?(?:\s?(?:-|–|to)\s?(?P<n_to>{n}))?\s*(?P<u>minutes?|min|hours?|hrs?|h|days?|weeks?|months?)\b|\bq\.?\s?(?P<qn>\d+)\s?(?P<qu>h)\b|\b(?P<hn>\d+)[\s-]hourly\b", re.IGNORECASE),
        "apart": re.compile(
            rf"\b(?P<n>{n}|a)(?:\s?(?:-|–|to)\s?(?P<n_to_apart>{n}))?[\s-]+(?P<u>weeks?|days?|months?)\s+apart\b|\b(?P<n2>{n})[\s-]+(?P<u2>week|day|month)\s+intervals?\b"
            # "with an interval of 14 days between the sessions", "at intervals of 2 weeks"
            rf"|\bintervals?\s+of\s+(?:(?:about|approximately|roughly|around|at\s+least)\s+)?(?P<n3>{n})[\s-]+(?P<u3>weeks?|days?|months?)\b"
            # "seven days between consecutive sessions": the spacing of the administrations
            rf"|\b(?P<n4>{n})[\s-]+(?P<u4>weeks?|days?|months?)\s+between\s+(?:(?:consecutive|successive|two|the|each)\s+)?"
            r"(?:(?:dosing|drug|ketamine|medicine)\s+)?(?:sessions|doses|infusions|injections|administrations|treatments)\b"
            # "a fortnight apart": two weeks
            r"|\b(?:a|one)\s+(?P<fn>fortnight)\s+apart\b",
            re.IGNORECASE),
        # "3 times a week", "two per week", "two infusions per week" (but not "one each week", "six
        # sessions a week apart")
        # ("on two days each week": twice a week)
        "times": re.compile(rf"\b(?P<n>{n})\s+(?:times\s+(?:a|per|each|every|/)?\s*|(?:(?:{nouns})\s+)?per\s+"
                            r"|days\s+(?:a|per|each|every)\s+(?=week\b))"
                            rf"(?P<u>day|daily|week|weekly|month)\b(?!\s+apart|\s+intervals?\b)", re.IGNORECASE),
        "count": re.compile(
            rf"(?<![\w.])(?P<a>{n})(?:\s?(?:-|–|to|or)\s?(?P<b>{n})|\s+or\s+more)?(?:[\s-]+(?:{mods}))*[\s-]+(?:{nouns}|{DRUG_VISITS})\b",
            re.IGNORECASE,
        ),
        # "three times over two weeks": n administrations in a period ("three times" alone, or
        # "four times at weekly intervals": n)
        "times_over": re.compile(
            rf"(?<![\w.])(?P<a>{n})(?:\s?(?:-|–|to|or)\s?(?P<b>{n}))?\s+times\b(?=\s+(?:over|during|across|within|in)\s|\s*$|\s+(?:at\s+)?[\w-]+\s+intervals?\b)",
            re.IGNORECASE),
        "timepoints": re.compile(
            r"\b(?:days?|weeks?|months?|sessions?)\s+(?P<a>\d+(?:\s*,\s*\d+)*,?\s*(?:and|&)\s*\d+)\b"
            r"|\b(?P<b>\d+(?:\s*,\s*\d+)+,?\s*(?:and|&)\s*\d+)\s+(?P<u>days?|weeks?|months?)\b",
            re.IGNORECASE),
        # "on three consecutive days": one administration a day, counted
        "consecutive_days": re.compile(rf"\bon\s+(?P<n>{n})\s+consecutive\s+days\b", re.IGNORECASE),
        # "one infusion per week", "two infusions a week": a rate, not a count
        "n_per": re.compile(
            rf"(?:^|(?<=[\s,;(]))\s*(?P<n>{n}|a\s+single)\s+(?:(?!(?:{n})\s)[\w-]+\s+){{0,3}}?(?:{nouns})\s+(?:per|a|each|every)\s+(?P<u>day|week|month)\b(?![\s-]+(?:apart|later|after|intervals?)\b)",
            re.IGNORECASE),
        "single": re.compile(rf"\b(?:{alternation(lex.single_words)})\b", re.IGNORECASE),
        "weekdays": re.compile(weekday_pattern(), re.IGNORECASE),
        "once": re.compile(r"\b(?P<w>once|twice|thrice)\b(?!\s*(?:a|per|daily|weekly|every|each|-))", re.IGNORECASE),
        # "during weeks 1 to 4", "in weeks 5-8", "from week 3 to week 8": a run of weeks is the period
        "week_run": re.compile(r"\b(?:weeks\s+(?P<a>\d{1,3})\s*(?:-|–|to|through)|from\s+week\s+(?P<a2>\d{1,3})\s+(?:to|through|until))"
                               r"\s*(?:week\s+)?(?P<b>\d{1,3})\b", re.IGNORECASE),
        "period": re.compile(
            rf"(?P<n>{n})(?:\s?(?:-|–|to)\s?(?P<m>{n}))?[\s-]+(?:consecutive\s+)?(?P<u>{alternation(lex.period_units)})\b",
            re.IGNORECASE,
        ),
    }


@lru_cache(maxsize=1)
def each_session_opener() -> re.Pattern[str]:
    """The words before a count of another treatment's sessions that make it the drug's count:
    "(ketamine was given) before each of (the first) four (CBT sessions)". Matches at the end
    of the text before the count, or before the therapy when the count is included."""
    return re.compile(rf"{EACH_OF}(?:(?:{number_pattern()})\s+)?$", re.IGNORECASE)


def drug_session_opener(before: str, span: str) -> bool:
    """Do the words ``before`` a FREQUENCY span make a count of another treatment's sessions
    the drug's? "before each of four (CBT sessions)", and one session the drug is given in:
    "(ketamine 0.71 mg/kg) during a single session of (MET)"."""
    if each_session_opener().search(before):
        return True
    if not re.search(r"\b(?:during|in|within|at)\s+$", before, re.IGNORECASE):
        return False
    f = parse_frequency(span)
    return f is not None and f["interval"] == "single"


@lru_cache(maxsize=1)
def _drug_administration() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(load_lexicon().drug_administration_nouns)})\b", re.IGNORECASE)


def names_drug_administration(text: str) -> bool:
    """Does a schedule name what is given ("a single infusion", "weekly doses"), so that it
    cannot be a psychotherapy's schedule?"""
    return _drug_administration().search(text) is not None


#: "before each of (the first)", "at the start of each of": the opener of a count of another
#: treatment's sessions
EACH_OF = (r"\b(?:at|during|before|after|in|prior\s+to|following|ahead\s+of)\s+(?:the\s+(?:start|beginning|outset|end)\s+of\s+)?"
           r"each\s+of\s+(?:the\s+)?(?:(?:first|last|final|initial)\s+)?")


def _times_per(k: float, unit: str) -> tuple[str, dict]:
    """Interval and extra attributes of ``k`` administrations per day, week or month ("3
    times a week", "two infusions per week", "twice daily")."""
    u = unit.lower()
    if u.startswith("day") or u == "daily":
        return ("daily", {}) if k == 1 else ("other", {"times_per_day": int(k)})
    if u.startswith("week"):
        if 5 <= k <= 6:
            # "Monday to Friday", "five times a week": a daily course on working days (the week's
            # count stays, so that "for two weeks" is ten sessions, not fourteen)
            return "daily", {"times_per_week": int(k)}
        interval = {1: "weekly", 2: "twice weekly", 7: "daily"}.get(int(k), "other")
        return interval, ({"times_per_week": int(k)} if interval == "other" else {})
    return ("monthly", {}) if k == 1 else ("other", {})


def _interval_from_every_range(a: float, b: float | None, unit: str) -> tuple[str, dict]:
    """The interval of "every 3 to 4 days": the named interval the range's mean falls on
    (3.5 days: twice weekly; 6 to 8 days: weekly), else ``other``."""
    if b is None or b <= a:
        return _interval_from_every(a, unit)
    days = (a + b) / 2 * (7 if unit.lower().startswith("week") else 1)
    if unit.lower().startswith(("day", "week")):
        for lo, hi, interval in ((3, 4, "twice weekly"), (6, 8, "weekly"), (13, 15, "every 2 weeks")):
            if lo <= days <= hi:
                return interval, {}
    return "other", {"every_range": f"{fmt_amount(a)}-{fmt_amount(b)} {unit.lower()}"}


def _interval_from_every(n: float | None, unit: str) -> tuple[str, dict]:
    u = unit.lower().rstrip("s")
    n = 2 if n is None else n  # "every other week"
    if u in ("min", "minute"):
        return "other", {"every_minutes": n}  # "every 6 min": boluses during a procedure
    if u in ("hour", "h"):
        if n == 24:
            return "daily", {}
        if n and 24 % n == 0 and n < 24:
            return "other", {"times_per_day": int(24 // n)}
        return "other", {"every_hours": n}
    if u == "day":
        return ("daily", {}) if n == 1 else ("weekly", {}) if n == 7 else ("every 2 weeks", {}) if n == 14 else ("other", {"every_days": n})
    if u == "week":
        return ("weekly", {}) if n == 1 else ("every 2 weeks", {}) if n == 2 else ("monthly", {}) if n == 4 else ("other", {"every_weeks": n})
    return ("monthly", {}) if n == 1 else ("other", {"every_months": n})


def _weekday_count(text: str) -> int:
    """The number of weekdays a weekday phrase names: 2 for "Mondays and Thursdays", 5 for
    "Monday to Friday", 1 for "every Monday"."""
    days = [WEEKDAYS.index(d.lower()[:3]) for d in re.findall(_DAY, text, re.IGNORECASE)]
    if len(days) == 2 and re.search(rf"{_DAY}(?:\s*[–-]\s*|\s+(?:to|through)\s+){_DAY}", text, re.IGNORECASE):
        return (days[1] - days[0]) % 7 + 1
    return len(set(days))


def _listed(tp: re.Match[str]) -> tuple[list[int], str, set[int]]:
    """The numbers of a list of dosing days or weeks ("on days 1, 3 and 5"), its unit
    ("day", "week", "month", "session") and the steps between the numbers."""
    nums = [int(x) for x in re.findall(r"\d+", tp.group("a") or tp.group("b"))]
    unit = (tp.group("u") or re.match(r"\w+", tp.group(0)).group(0)).lower().rstrip("s")
    return nums, unit, {b - a for a, b in zip(nums, nums[1:], strict=False)}


def _days_per_week(days: list[int]) -> int | None:
    """How many of the listed dosing days fall in each week, when they repeat week on week in
    whole weeks (days 1, 4, 8, 11: 2; days 1, 3, 5, 8, 10, 12: 3), else None."""
    for k in (2, 3):
        if len(days) >= 2 * k and len(days) % k == 0 and all(days[i + k] - days[i] == 7 for i in range(len(days) - k)):
            return k
    return None


#: one administration in each of a number of periods: "in each of the first three weeks"
EACH_OF_PERIODS = re.compile(r"\b(?:in|during|on)\s+each\s+of\s+(?:the\s+)?(?:first\s+|next\s+|last\s+)?"
                             r"(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<unit>week|day|month)s\b",
                             re.IGNORECASE)


@lru_cache(maxsize=1)
def ordinal_sessions() -> re.Pattern[str]:
    """A psychotherapy's numbered sessions written as ordinals, named by one or two words before
    "sessions": "the fifth, seventh, ninth and eleventh group sessions", "the second and fourth
    PE sessions" (but not the drug's own sessions, "the second and third drug sessions", nor
    sessions not named at all: either is a part of a course, not its schedule)."""
    drug_words = r"(?:drug|dosing|ketamine|esketamine|medicine|medication|infusion|injection|treatment|study|dose)"
    return re.compile(rf"\bthe\s+(?P<o>{ordinal_list_pattern()})\s+(?!{drug_words}\b)[\w-]+\s+(?:(?!{drug_words}\b)[\w-]+\s+)?sessions\b",
                      re.IGNORECASE)


def _digit_list(nums: list[int]) -> str:
    """[5, 7, 9, 11] -> "5, 7, 9 and 11"."""
    return ", ".join(map(str, nums[:-1])) + f" and {nums[-1]}"


_SLASH_UNITS = {"day": "day", "d": "day", "week": "week", "wk": "week", "month": "month"}
_SLASH_TIMES = re.compile(r"\b(?P<t>once|twice|thrice|\w+\s+times)\s*/\s*(?P<u>day|d|week|wk|month)\b", re.IGNORECASE)
_SLASH_DAYS = re.compile(r"\b(?P<n>\w+?)\s?(?:days?|d)\s*/\s*(?:week|wk)\b", re.IGNORECASE)


def parse_frequency(*texts: str) -> dict[str, Any] | None:
    """Normalized frequency of one or more FREQUENCY spans, or None when they state no
    count and no interval."""
    text = " ".join(t for t in texts if t)
    # "twice/day", "3 times/week", "5days/week", "7 d/week": a rate with a slash
    text = _SLASH_TIMES.sub(lambda m: f"{m.group('t')} a {_SLASH_UNITS[m.group('u').lower()]}", text)
    text = _SLASH_DAYS.sub(lambda m: f"{m.group('n')} days a week", text)
    # "allocated 1:1 to three weekly ... sessions": an allocation ratio is no count
    text = _RATIO.sub("", text)
    # "on day 1, day 15 and day 29": the days listed with the unit once
    text = _REPEATED_UNIT_LIST.sub(_unit_once, text)
    # "one infusion in each of the first three weeks": one a week for three weeks
    text = EACH_OF_PERIODS.sub(lambda m: f"each {m.group('unit')} for {m.group('n')} {m.group('unit')}s", text)
    # "before the fifth, seventh, ninth and eleventh group sessions": sessions 5, 7, 9 and 11
    text = ordinal_sessions().sub(lambda m: "sessions " + _digit_list(parse_ordinal_list(m.group("o"))), text)
    if not _WEEK_WORD.search(text):
        # "75 mg/kg/day ... in 3 divided doses": a day's amount taken three times a day, not three sessions
        text = _divided_doses().sub(lambda m: f"{m.group('n') or m.group('n2')} times daily", text)
    lex = load_lexicon()
    rx = _regexes()
    sessions: int | None = None
    sessions_max: int | None = None
    interval: str | None = None
    extra: dict[str, Any] = {}
    period: float | None = None
    taken: list[tuple[int, int]] = []
    apart = False  # (the interval is the spacing written with "apart")

    m = rx["interval"].search(text)
    times_m = rx["times"].search(text)
    if times_m and m and times_m.start() <= m.start() < times_m.end():
        m = None  # "6 times daily": the count of times decides, not "daily"
    if m is None and times_m is None and text.strip().upper() in ("OD", "QD", "Q.D."):
        interval = "daily"  # a regimen abbreviation written alone ("50 µg OD")
    elif m:
        taken.append(m.span())
        iv = lex.interval_words[" ".join(m.group(0).lower().split())]
        base, _, times = iv.partition(":")
        interval = base
        if times.endswith("w"):
            extra["times_per_week"] = int(times[:-1])  # "thrice weekly"
        elif times.endswith("d"):
            extra["every_days"] = int(times[:-1])  # "on alternate days", "every three days"
        elif times:
            extra["times_per_day"] = int(times)
    else:
        m = rx["times"].search(text)
        if m:
            taken.append(m.span())
            k = parse_number(m.group("n"))
            if k is not None:
                interval, extra = _times_per(k, m.group("u"))
        else:
            m = rx["every"].search(text)
            ap = rx["apart"].search(text) if m is None else None
            apart = ap is not None
            if ap:
                # "one week apart", "at two-week intervals": the interval between administrations
                taken.append(ap.span())
                k = ap.group("n") or ap.group("n2") or ap.group("n3") or ap.group("n4") or ""
                k = 1 if k.lower() == "a" else parse_number(k) if k else None
                if ap.group("fn"):
                    interval, extra = _interval_from_every(2, "weeks")  # "a fortnight apart"
                elif ap.group("n_to_apart") and k is not None:
                    # "one to two weeks apart": a range of intervals
                    interval, extra = _interval_from_every_range(k, parse_number(ap.group("n_to_apart")), ap.group("u"))
                else:
                    interval, extra = _interval_from_every(k, ap.group("u") or ap.group("u2") or ap.group("u3") or ap.group("u4"))
            if m:
                taken.append(m.span())
            if m and (m.group("qn") or m.group("hn")):
                interval, extra = _interval_from_every(parse_number(m.group("qn") or m.group("hn")), "h")
            elif m:
                ordinal = {"second": 2, "third": 3}.get((m.group("n") or "").lower())
                k = ordinal or (None if (m.group("n") or "").lower() in ("", "other") else parse_number(m.group("n")))
                if (m.group("n") or "") == "" and m.group("u").lower().rstrip("s") in ("day", "week", "month"):
                    k = 1
                if m.group("n_to") and k is not None:
                    interval, extra = _interval_from_every_range(k, parse_number(m.group("n_to")), m.group("u"))
                else:
                    interval, extra = _interval_from_every(k, m.group("u"))

    wd = rx["weekdays"].search(text) if interval is None else None
    one_weekday = False  # (the interval is "weekly" only because one day of the week is named)
    if wd is not None:
        # "on Mondays and Thursdays": one administration on each listed day of the week
        k = _weekday_count(wd.group(0))
        if k:
            taken.append(wd.span())
            interval, extra = _times_per(k, "week")
            one_weekday = k == 1

    tp = rx["timepoints"].search(text)
    if tp is not None and interval is None:
        # "on days 1, 3 and 5": one administration per listed day; equal steps give the interval
        nums, unit, steps = _listed(tp)
        if len(nums) >= 2 and all(x > 0 for x in steps):
            taken.append(tp.span())
            if unit == "session":
                pass  # "before sessions 1, 4 and 8" (of a psychotherapy): a count, no calendar interval
            elif len(steps) == 1:
                interval, extra = _interval_from_every(steps.pop(), unit)
            elif unit == "day" and (days_a_week := _days_per_week(nums)):
                # "on study days 1, 4, 8 and 11": the same weekdays each week, twice a week
                # for two weeks
                interval, extra = _times_per(days_a_week, "week")
                period = len(nums) / days_a_week
            else:
                interval = "other"
            if sessions is None and not rx["count"].search(text):
                sessions = len(nums)
    if tp is not None and one_weekday:
        # "on Saturdays in weeks 2, 4 and 6": the day of the week, in every other week
        nums, unit, steps = _listed(tp)
        if unit == "week" and len(steps) == 1 and min(steps) > 1:
            interval, extra = _interval_from_every(min(steps), unit)
    if tp is not None and interval is not None and sessions is None and not rx["count"].search(text):
        # "once a week in weeks 2, 3 and 4": the listed weeks count the administrations when
        # their spacing is the interval stated
        nums, unit, steps = _listed(tp)
        per_week = extra.get("times_per_week") or _PER_WEEK.get(interval or "")
        if unit != "session" and len(steps) == 1 and min(steps) > 0 and _interval_from_every(min(steps), unit)[0] == interval:
            sessions = len(nums)
            taken.append(tp.span())
        elif unit == "week" and steps == {1} and per_week and per_week >= 2:
            # "on Mondays and Thursdays of weeks 1 and 2": the rate in each listed week
            sessions, period = int(per_week * len(nums)), float(len(nums))
            taken.append(tp.span())
        elif unit == "session" and len(nums) >= 2 and min(steps) > 0:
            # "restricted to sessions 4, 6, 8 and 10, that is, every other week": one
            # administration at each numbered session, the interval stated with them
            sessions = len(nums)
            taken.append(tp.span())
    if tp is None and interval is None and not rx["count"].search(text) and not re.search(r"\bor\b", text, re.IGNORECASE):
        # "on day 1 and again on day 8" (two spans): the dosing days named one by one (but "in week 1
        # (early start) or in week 5" names the alternative starts of two arms, not two administrations)
        each = _ONE_DAY.findall(text)
        nums = [int(n) for _, n in each]
        steps = {b - a for a, b in zip(nums, nums[1:], strict=False)}
        if len(nums) >= 2 and len({u.lower() for u, _ in each}) == 1 and all(x > 0 for x in steps):
            interval = _interval_from_every(steps.pop(), each[0][0])[0] if len(steps) == 1 else "other"
            sessions = len(nums)
    cm = rx["count"].search(text) or rx["times_over"].search(text)
    if cm:
        a = parse_number(cm.group("a"))
        b = parse_number(cm.group("b")) if cm.group("b") else None
        per_dose = re.search(r"inhal|actuation|puff", cm.group(0), re.IGNORECASE) and (
            interval == "daily" or "times_per_day" in extra)
        if per_dose:
            extra["per_administration"] = int(a) if a is not None and float(a).is_integer() else a
            # "1 inhalation ... BID": the puffs of each administration, not a count of sessions
        elif a is not None and float(a).is_integer() and 0 < a <= 500:
            sessions = int(a)
            if b is not None and float(b).is_integer() and b > a:
                sessions_max = int(b)
    rate = rx["n_per"].search(text)
    k = 1 if rate and rate.group("n").lower().startswith("a") else (parse_number(rate.group("n")) if rate else None)
    if k is not None and sessions == k and sessions_max is None and float(k).is_integer():
        # "one infusion per week for four weeks", "two infusions per week": the rate, not the count
        sessions = None
        interval, extra = _times_per(k, rate.group("u"))
        total = rx["count"].search(text, rate.end())
        if total and (a := parse_number(total.group("a"))) is not None and float(a).is_integer() and a > k \
                and not total.group("b"):
            sessions = int(a)  # "two sessions per week, for a total of eight sessions"
    cd = rx["consecutive_days"].search(text)
    if cd and sessions is None and interval in (None, "daily"):
        k = parse_number(cd.group("n"))
        if k is not None and float(k).is_integer() and 0 < k <= 60:
            sessions, interval = int(k), "daily"
            taken.append(cd.span())  # the days are the count, not a period
    if sessions is None and rx["single"].search(text) and not rate and not _SINGLE_PER.search(text):
        sessions = 1  # (but "a single daily dose" is one a day)
    once = rx["once"].search(text)
    if sessions is None and once and (interval is None or once.group("w").lower() != "once"):
        # "given once"; "given twice, one week apart": a count of administrations
        sessions = {"once": 1, "twice": 2, "thrice": 3}[once.group("w").lower()]

    pm = None
    for cand in rx["period"].finditer(text):
        # "for 2 weeks" / "over 6 weeks" / "6-week": not the count itself
        if cm and cand.start() < cm.end() and cand.end() > cm.start():
            continue
        if _overlaps(cand, taken):
            continue  # "every 2 weeks" is the interval, not the period
        pm = cand
        break
    if pm:
        k = parse_number(pm.group("m") or pm.group("n"))
        if k is not None:
            period = round(float(k) * lex.period_units[pm.group("u").lower()], 2)
    else:
        run = rx["week_run"].search(text)
        if run and not _overlaps(run, taken):
            first, last = int(run.group("a") or run.group("a2")), int(run.group("b"))
            if first < last <= first + 104:
                period = float(last - first + 1)  # weeks 1 to 4 are four weeks

    if sessions is None and interval is None:
        return None
    if sessions == 1 and sessions_max is None and interval is None:
        interval = "single"  # "one or two infusions" is not a single session
    if (sessions is not None and sessions_max is None and period and interval in _PER_WEEK
            and sessions > period * _PER_WEEK[interval] + 0.5 and _TOTAL.search(text)):
        # "once weekly in weeks 5 to 8, for 12 sessions overall": the count is the whole
        # regimen's, over phases of different intervals
        interval, period = "other", None
    named_days = rx["weekdays"].search(text)
    week_days = _weekday_count(named_days.group(0)) if named_days else 0  # "on Monday and Thursday": 2
    if extra.get("every_days") and week_days >= 2:
        # "on alternate days, on Monday, Wednesday and Friday": the weekdays count the week
        interval, per_week = _times_per(week_days, "week")
        extra = {**{k: v for k, v in extra.items() if k != "every_days"}, **per_week}
    if sessions is None and period:
        sessions = _sessions_in(period, interval, extra)
    if (sessions == 1 and sessions_max is None and period and cm is not None and not rx["single"].search(text)
            and (n := _sessions_in(period, interval, extra)) and n > 1):
        # "on Tuesdays, one infusion (a week) in weeks 1-4": one at each time of the rate, over the period
        sessions = n
    if sessions == 1 and sessions_max is None and interval not in (None, "single") and (apart or _FOLLOWED_BY_OTHERS.search(text)):
        # "one infusion of ketamine ... and one of midazolam, four weeks apart" (the spacing of a
        # crossover's two drugs), "one ketamine session followed by two monthly counselling
        # sessions" (the others' rate): the drug's own is one session
        interval, extra = "single", {}
    if interval == "every 2 weeks" and _BIWEEKLY.search(text) and (
            (sessions and period and abs(sessions / period - 2.0) < 0.01) or week_days == 2):
        # "bi-weekly, namely on Monday and Thursday", "six applications bi-weekly over three weeks":
        # the ambiguous "bi-weekly" is twice a week
        interval = "twice weekly"
        if sessions is None and period:
            sessions = _sessions_in(period, interval, extra)
    if interval == "single" and sessions is None:
        sessions = 1
    if tp is not None and tp.span() in taken and sessions is not None and sessions_max is None:
        # "four ketamine infusions given in weeks 5 and 6": more administrations than listed
        # weeks, so the weeks are the period and the count per week the interval
        nums, unit, steps = _listed(tp)
        if unit == "week" and sessions > len(nums) and steps == {1}:
            interval = {1.0: "weekly", 2.0: "twice weekly"}.get(round(sessions / len(nums), 2), "other")
    if interval is None and sessions is not None and sessions >= 2 and sessions_max is None and period and period >= 2:
        # "four infusions over two weeks": a count spread evenly over whole weeks is a weekly
        # rate ("three sessions over eight weeks" states none)
        interval = {1.0: "weekly", 2.0: "twice weekly"}.get(round(sessions / period, 2))
        if interval is None and sessions >= 3 and round(sessions / period, 2) == 0.5:
            interval = "every 2 weeks"

    out: dict[str, Any] = {"sessions": sessions, "interval": interval, "period_weeks": period}
    if sessions_max is not None:
        out["sessions_max"] = sessions_max
    out.update(extra)
    return {"value": frequency_value(out), **out}


#: an allocation ratio before a count: "(allocated) 1:1 to", "2:1 to"
ALLOCATION_RATIO = r"\d+\s?:\s?\d+(?:\s?:\s?\d+)?\s+(?:to\s+)?"
_RATIO = re.compile(r"\b" + ALLOCATION_RATIO)


#: a list of days or weeks that repeats its unit: "day 1, day 15 and day 29", "week 2 and week 6"
_REPEATED_UNIT_LIST = re.compile(r"\b(?:day|week)s?\s+\d+(?:\s*,\s*(?:day|week)s?\s+\d+)*,?\s*(?:and|&)\s*(?:day|week)s?\s+\d+\b",
                                 re.IGNORECASE)


def _unit_once(m: re.Match[str]) -> str:
    """"day 1, day 15 and day 29" -> "days 1, 15 and 29"."""
    nums = re.findall(r"\d+", m.group(0))
    unit = m.group(0).split()[0].lower().rstrip("s")
    return f"{unit}s {', '.join(nums[:-1])} and {nums[-1]}"


def _sessions_in(period: float, interval: str | None, extra: dict[str, Any]) -> int | None:
    """The administrations a weekly rate gives in ``period`` weeks ("twice weekly for four
    weeks": 8), or a rate in days ("every third day over 10 days": 4), or None when the rate
    is neither or the product is not whole."""
    per_week = extra.get("times_per_week") or _PER_WEEK.get(interval or "")
    if not per_week and interval == "other" and (extra.get("every_days") or 0) >= 3:
        # "every third day over the first 10 days" (days 1, 4, 7 and 10): a session on the first day
        # and every n days after, within the period (but "on alternate days for two weeks" is most
        # often Monday, Wednesday and Friday, six and not seven: no count)
        days = period * 7
        if abs(days - round(days)) > 0.05:
            return None
        n = math.ceil(round(days) / extra["every_days"] - 1e-9)
        return n if n >= 2 else None
    if not per_week:
        return None
    est = period * per_week
    return int(round(est)) if abs(est - round(est)) < 0.01 and est >= 1 else None


def with_period(attrs: dict[str, Any], period: float) -> dict[str, Any]:
    """Frequency attributes of a rate without a count or period, given the period of the
    schedule it is an alternative to: "twice weekly or once weekly for four weeks" makes the
    first "8 sessions, twice weekly, 4 weeks"."""
    out = {**attrs, "period_weeks": period}
    if out.get("sessions") is None:
        out["sessions"] = _sessions_in(period, out.get("interval"), out)
    out["value"] = frequency_value(out)
    return out


@lru_cache(maxsize=1)
def _divided_doses() -> re.Pattern[str]:
    """"in three divided doses", "divided into 2 equal doses": the times a day's amount is split into."""
    n = number_pattern()
    return re.compile(rf"\b(?:in(?:to)?\s+)?(?P<n>{n})\s+(?:equal(?:ly)?\s+)?divided\s+doses\b"
                      rf"|\bdivided\s+into\s+(?P<n2>{n})\s+(?:equal\s+)?doses\b", re.IGNORECASE)


#: a week named in a schedule ("400 mg a week in two divided doses" is twice weekly, not daily)
_WEEK_WORD = re.compile(r"\b(?:per|a|each|every|/)\s*week\b|\bweekly\b", re.IGNORECASE)

#: "a single daily dose", "single weekly injection": once in each interval, not one administration
_SINGLE_PER = re.compile(r"\bsingle\s+(?:daily|nightly|weekly|monthly)\b", re.IGNORECASE)

#: a count of one followed by a count of other sessions: "one ketamine session followed by two monthly counselling sessions"
_FOLLOWED_BY_OTHERS = re.compile(r"\bfollowed\s+by\s+(?:two|three|four|five|six|\d+)\b", re.IGNORECASE)

#: "bi-weekly", which is every two weeks or twice a week (two weekdays named tell which)
_BIWEEKLY = re.compile(r"\bbi-?weekly\b", re.IGNORECASE)

#: one dosing day or week: "on day 8"
_ONE_DAY = re.compile(r"\b(?:on|in|during)\s+(day|week)\s+(\d+)\b", re.IGNORECASE)


def _overlaps(m: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    """Does the match ``m`` overlap one of ``spans`` (the parts of the text already read)?"""
    return any(m.start() < b and m.end() > a for a, b in spans)


#: administrations per week of the intervals sessions are counted in
_PER_WEEK = {"twice weekly": 2.0, "weekly": 1.0, "every 2 weeks": 0.5}
#: the words that make a count the whole regimen's: "12 sessions overall", "in total"
_TOTAL = re.compile(r"\b(?:overall|in\s+total|in\s+all|altogether|a\s+total\s+of)\b", re.IGNORECASE)


def frequency_value(attrs: dict[str, Any]) -> str:
    """The value string of frequency attributes: "6 sessions, twice weekly, 3 weeks", "2 times
    daily", "1 session, single"."""
    sessions, sessions_max, interval = attrs.get("sessions"), attrs.get("sessions_max"), attrs.get("interval")
    period = attrs.get("period_weeks")
    parts = []
    if sessions is not None:
        s = f"{sessions}" if sessions_max is None else f"{sessions}-{sessions_max}"
        parts.append(f"{s} session" + ("" if sessions == 1 and sessions_max is None else "s"))
    if interval is not None:
        if interval == "other" and "times_per_day" in attrs:
            parts.append(f"{attrs['times_per_day']} times daily")
        elif interval == "other" and "times_per_week" in attrs:
            parts.append(f"{attrs['times_per_week']} times weekly")
        else:
            parts.append(interval)
    value = ", ".join(parts)
    if period and interval not in (None, "single"):
        value += f", {fmt_amount(period)} weeks"
    return value
