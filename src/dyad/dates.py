"""Find date expressions in an article, infer its anchor date, and date each event.

Patterns built from `lang/<code>/dates.tsv` find absolute dates ("4. Februar", "Nov. 18, 2023",
"im Jahr 2025", "2024-2026"); dateparser then reads relative ones ("gestern", "on Monday") against
the anchor, only where our words say it can add something (it is the slowest stage: DESIGN.md).
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Sequence

from dyad.errors import LexiconError, UnknownLanguage
from dyad.model import EventDate, Sentence
from dyad.tables import LANG_DIR, read_table, split_forms

Precision = Literal["day", "month", "year"]
RANK: dict[str, int] = {"none": -1, "year": 0, "month": 1, "day": 2}
WIDTH: dict[str, int] = {"year": 4, "month": 7, "day": 10}  # of "2025-02-04" at each precision
KINDS = ("month", "weekday", "relative", "relative_month", "relative_year", "anniversary",
         "future", "range_dash", "cue", "year_word", "ordinal")
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
YEAR = r"(?:1[89]\d\d|20\d\d)"  # 1800-2099: "in 1500 Metern" is a height, not a year
END = r"(?![^\W_])"  # not followed by a letter or digit
SLASH_DATE = r"\d{1,4}/\d{1,2}/\d{2,4}"
DIGIT = re.compile(r"\d")
CUE_WORDS_BEFORE = 10  # "Jahrestages der Aufnahme ... und Kuba (2. Dezember 1960": 9 words
CLAUSE_BREAK = re.compile(r"[,;:!?]")
STORY_MAX_AGE = dt.timedelta(days=31)
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in the article text, resolved to a calendar date."""
    start: int
    end: int
    text: str
    value: dt.date  # first day of the month or year for coarser precision
    precision: Precision
    sentence: int
    usable: bool
    reason: str = ""  # why not usable: "anniversary", "parenthetical-range", "range", "future"


@dataclass(frozen=True)
class ArticleDates:
    """The anchor, the main story's date and every date mention of one article."""
    anchor: EventDate
    story: EventDate
    mentions: tuple[DateMention, ...]


@dataclass(frozen=True)
class DateRules:
    """Per-language date words, from `lang/<code>/dates.tsv`."""
    lang: str
    anniversary_words: tuple[str, ...]  # also match as the end of a compound: "Gründungstag"
    future_words: tuple[str, ...]  # "will", "soll": the date after them is planned
    month_words: tuple[str, ...]
    months: tuple[tuple[str, ...], ...]  # 12 groups of forms, January first
    weekday_words: tuple[str, ...]
    weekdays: tuple[tuple[str, ...], ...]  # 7 groups of forms, Monday first
    relative_words: tuple[str, ...]  # all of the three kinds below
    relative_day_words: tuple[str, ...]
    relative_month_words: tuple[str, ...]  # a week or a month: kept to month precision
    relative_year_words: tuple[str, ...]
    range_dashes: tuple[str, ...]
    cue_words: tuple[str, ...]  # after these a bare month or year is a date: "im", "early"
    year_words: tuple[str, ...]  # "im Jahr 2025"
    ordinals: tuple[str, ...]  # after a day number: "4. Februar", "18th November"


@dataclass(frozen=True)
class _Hit:
    """A date found in one sentence; offsets are local to the sentence text."""
    sentence: int
    start: int
    end: int
    precision: Precision
    year: int | None  # None: the text gave no year
    month: int = 1
    day: int = 1
    kind: str = "pattern"  # or "range" (an end of "2024-2026") or "parser" (dateparser)
    reason: str = ""


@dataclass(frozen=True)
class _Patterns:
    """The compiled regular expressions for one language's rules."""
    absolute: tuple[re.Pattern[str], ...]
    wordy: tuple[re.Pattern[str], ...]  # those of `absolute` that need no digit ("in early May")
    gap: re.Pattern[str]  # what may stand between the two ends of a range
    paren_dash: re.Pattern[str]
    gate: re.Pattern[str]  # dateparser runs only where this matches outside our own hits
    month: re.Pattern[str]
    weekday: re.Pattern[str]
    relative: tuple[tuple[Precision, re.Pattern[str]], ...]  # coarsest first


@functools.cache
def load_date_rules(lang: str, root: Path = LANG_DIR) -> DateRules:
    """Read `<root>/<lang>/dates.tsv` once per process; LexiconError names a bad file and line."""
    path = root / lang / "dates.tsv"
    if not path.is_file():
        have = sorted(p.parent.name for p in root.glob("*/dates.tsv"))
        raise UnknownLanguage(f"no date rules for {lang!r}; have {have}")
    groups: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in KINDS}
    for row in read_table(path, required=("kind", "forms")):
        if row["kind"] not in groups:
            raise LexiconError(f"{row.where}: unknown kind {row['kind']!r}; "
                               f"expected one of {', '.join(KINDS)}")
        groups[row["kind"]].append(tuple(split_forms(row["forms"])))
    for kind, count in (("month", 12), ("weekday", 7)):
        if len(groups[kind]) != count:
            raise LexiconError(f"{path}: expected {count} {kind!r} rows in calendar order, "
                               f"got {len(groups[kind])}")
    flat = {kind: tuple(f for forms in rows for f in forms) for kind, rows in groups.items()}
    return DateRules(
        lang=lang, anniversary_words=flat["anniversary"], future_words=flat["future"],
        month_words=flat["month"], months=tuple(groups["month"]),
        weekday_words=flat["weekday"], weekdays=tuple(groups["weekday"]),
        relative_words=flat["relative"] + flat["relative_month"] + flat["relative_year"],
        relative_day_words=flat["relative"], relative_month_words=flat["relative_month"],
        relative_year_words=flat["relative_year"], range_dashes=flat["range_dash"],
        cue_words=flat["cue"], year_words=flat["year_word"], ordinals=flat["ordinal"])


def _alt(forms: Sequence[str]) -> str:
    """A regex alternation of literal forms, longest first so that "Nov." beats "Nov"."""
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True)) or "(?!)"


def _words(forms: Sequence[str], ignore_case: bool = True) -> re.Pattern[str]:
    """Match any of the forms as whole words."""
    return re.compile(rf"(?<![^\W_])(?:{_alt(forms)}){END}", re.IGNORECASE if ignore_case else 0)


@functools.cache
def _patterns(rules: DateRules) -> _Patterns:
    """Compile the patterns for one language (cached: rules are frozen and hashable)."""
    month, cue, ordinal = _alt(rules.month_words), _alt(rules.cue_words), _alt(rules.ordinals)
    dashes = [f for f in rules.range_dashes if not f.isalnum()]
    joiner = (rf"(?:\s*(?:{_alt(dashes)})\s*"
              rf"|\s+(?i:{_alt([f for f in rules.range_dashes if f.isalnum()])})\s+)")
    year_tail = rf"(?:,?\s+(?P<y>{YEAR})(?!\d))?"
    cue_month = rf"(?<![^\W_])(?i:{cue})[\s-]+(?P<s>(?P<m>{month}){END})"  # needs no digit
    absolute = (  # the date itself is group s; the others name its parts
        rf"(?<![\d.])(?P<s>(?P<d>{DAY})(?:{ordinal})?\s+(?P<m>{month}){END}{year_tail})",
        rf"(?<![^\W_])(?P<s>(?P<m>{month})\s+(?P<d>{DAY})(?:{ordinal})?(?![\d.]\d){year_tail})",
        rf"(?<![^\W_])(?P<s>(?P<m>{month})\s+(?P<y>{YEAR})(?!\d))",
        cue_month,
        rf"(?<![^\W_])(?i:{cue})\s+(?:(?i:{_alt(rules.year_words)})\s+)?(?P<s>(?P<y>{YEAR}))(?!\d)",
        rf"(?<![\d-])(?P<s>(?P<y>{YEAR})-(?P<mn>0[1-9]|1[0-2])-(?P<d>{DAY}))(?![\d-])",
        rf"(?<![\d.])(?P<s>(?P<d>{DAY})\.(?P<mn>0?[1-9]|1[0-2])\.(?P<y>{YEAR}))(?!\d)",
        rf"(?<![\d.])(?P<s>(?P<y>{YEAR})){joiner}(?P<y2>{YEAR}|\d\d)(?![\d.-])",
    )
    months, weekdays = _words(rules.month_words, False), _words(rules.weekday_words, False)
    relatives = _words(rules.relative_words)
    wide = _alt([f for f in dashes if f != "-"])  # en and em dashes: a range even unspaced
    return _Patterns(
        absolute=tuple(re.compile(p) for p in absolute), wordy=(re.compile(cue_month),),
        gap=re.compile(rf"^{joiner}$"),
        paren_dash=re.compile(rf"\s(?:{_alt(dashes)})\s|{wide}"),
        gate=re.compile(rf"{months.pattern}|{weekdays.pattern}|(?i:{relatives.pattern})"
                        rf"|{SLASH_DATE}"),
        month=months, weekday=weekdays,
        relative=(("year", _words(rules.relative_year_words)),
                  ("month", _words(rules.relative_month_words)),
                  ("day", _words(rules.relative_day_words))))


def _valid(year: int, month: int, day: int) -> bool:
    """Whether the three numbers make a calendar date."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _hits_from_match(index: int, match: re.Match[str], rules: DateRules) -> list[_Hit]:
    """Turn one pattern match into hits (two for a year range); [] when it is no real date."""
    parts = {k: v for k, v in match.groupdict().items() if v}
    year = int(parts["y"]) if "y" in parts else None
    if "y2" in parts and year is not None:
        tail = parts["y2"]
        end_year = int(tail) if len(tail) == 4 else year // 100 * 100 + int(tail)  # 2024-26
        return [] if end_year <= year else [
            _Hit(index, match.start("y"), match.end("y"), "year", year, kind="range"),
            _Hit(index, match.start("y2"), match.end("y2"), "year", end_year, kind="range")]
    month = int(parts["mn"]) if "mn" in parts else next(
        (n for n, forms in enumerate(rules.months, 1) if parts.get("m") in forms), 0)
    day = int(parts.get("d", 0))
    precision: Precision = "day" if day else "month" if month else "year"
    if year and day and not _valid(year, month, day):
        return []
    return [_Hit(index, match.start("s"), match.end("s"), precision, year, month or 1, day or 1)]


def _pattern_hits(index: int, local: str, rules: DateRules, pats: _Patterns) -> list[_Hit]:
    """The absolute dates in one sentence: non-overlapping, earliest then longest first."""
    # most sentences have no digit, and all patterns but the "wordy" ones need one
    patterns = pats.absolute if DIGIT.search(local) else pats.wordy
    found = sorted((hit for pattern in patterns for match in pattern.finditer(local)
                    for hit in _hits_from_match(index, match, rules)),
                   key=lambda h: (h.start, -h.end, h.kind != "range"))
    kept: list[_Hit] = []
    for hit in found:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _with_reasons(local: str, hits: Sequence[_Hit], rules: DateRules,
                  pats: _Patterns) -> list[_Hit]:
    """Mark the hits of one sentence that are range ends, in parentheses or anniversaries."""
    hits = sorted(hits, key=lambda h: h.start)
    in_range = {i for i, hit in enumerate(hits) if hit.kind == "range"}
    for i in range(len(hits) - 1):
        if pats.gap.match(local[hits[i].end:hits[i + 1].start]):
            in_range |= {i, i + 1}
    parens = list(re.finditer(r"\([^()]*\)", local))
    marked = []
    for i, hit in enumerate(hits):
        paren = next((p for p in parens if p.start() < hit.start and hit.end < p.end()), None)
        reason = ("parenthetical-range" if paren and (i in in_range or pats.paren_dash.search(
                      paren.group())) else "range" if i in in_range
                  else "anniversary" if _follows(local[:hit.start], rules.anniversary_words, True)
                  else "future" if _follows(local[:hit.end], rules.future_words)  # "next Monday"
                  else "")
        marked.append(replace(hit, reason=reason))
    return marked


def _follows(before: str, forms: Sequence[str], compound: bool = False) -> bool:
    """Whether one of the forms (or a compound ending in one) is among the clause's last words."""
    clause = CLAUSE_BREAK.split(before)[-1].lower()
    words = re.findall(r"\w+", clause)[-CUE_WORDS_BEFORE:]
    lowered = tuple(f.lower() for f in forms)
    if compound:
        return any(word.endswith(lowered) for word in words)
    return any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", " ".join(words)) for f in lowered)


def _infer_anchor(hits: Sequence[_Hit]) -> tuple[dt.date, Precision] | None:
    """The latest clean day/month date in the most frequent stated year (ties: the latest)."""
    clean = [h for h in hits if not h.reason]
    # a planned "im Jahr 2025" still tells the present year; ranges and anniversaries do not
    years = Counter(h.year for h in hits if h.year is not None and h.reason in ("", "future"))
    if not years:
        return None
    year = max(years, key=lambda y: (years[y], y))
    candidates = [(dt.date(year, h.month, h.day), h.precision) for h in clean
                  if h.precision != "year" and h.year in (None, year)
                  and _valid(year, h.month, h.day)]
    return max(candidates, key=lambda c: (c[0], RANK[c[1]]), default=None)


def _anchor(hits: Sequence[_Hit], published: dt.date | None) -> tuple[EventDate, dt.date | None]:
    """The anchor as an EventDate, and the last day it covers (None when unknown)."""
    if published is not None:
        return EventDate(published.isoformat(), "day", "published"), published
    inferred = _infer_anchor(hits)
    if inferred is None:
        return EventDate(None), None
    value, precision = inferred
    last = value if precision == "day" else value.replace(
        day=calendar.monthrange(value.year, value.month)[1])
    return EventDate(value.isoformat()[:WIDTH[precision]], precision, "inferred"), last


def _search(local: str, lang: str, base: dt.datetime) -> list[tuple[str, dt.datetime]]:
    """dateparser's search_dates, imported on first use (~0.15 s); [] instead of None."""
    from dateparser.search import search_dates

    # REQUIRE_PARTS stays empty so that "on Monday" is found; _classify drops what our words
    # do not vouch for (otherwise "die", "mit", "95" become dates: DESIGN.md).
    settings: Any = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": [],
                     "RETURN_AS_TIMEZONE_AWARE": False}
    return list(search_dates(local, languages=[lang], settings=settings) or [])


def _classify(found: str, when: dt.date, last: dt.date, rules: DateRules,
              pats: _Patterns) -> tuple[dt.date, Precision] | None:
    """Date and precision of a dateparser match our words vouch for, else None.

    A month alone is one our patterns skipped for want of a cue ("Brian May"); weekdays count
    back from the anchor (dateparser read "Im Januar ... an diesem Mittwoch" as 21 January).
    """
    if pats.month.search(found):
        return (when, "day") if re.search(r"(?<!\d)\d{1,2}(?!\d)", found) else None
    if weekday := pats.weekday.search(found):
        number = next(n for n, forms in enumerate(rules.weekdays) if weekday.group() in forms)
        return last - dt.timedelta(days=(last.weekday() - number) % 7), "day"
    relative = next((p for p, pattern in pats.relative if pattern.search(found)), None)
    if relative:
        return when - ONE_DAY, relative  # the base is the day after the anchor: "today" = base
    return (when, "day") if re.search(SLASH_DATE, found) else None


def _parser_hits(index: int, local: str, taken: Sequence[_Hit], lang: str, rules: DateRules,
                 pats: _Patterns, last: dt.date) -> list[_Hit]:
    """Relative, weekday and other dates that dateparser finds outside our pattern hits."""
    masked = list(local)
    for hit in taken:
        masked[hit.start:hit.end] = " " * (hit.end - hit.start)
    if not pats.gate.search("".join(masked)):
        return []
    hits: list[_Hit] = []
    pos = 0
    # the day after the anchor, so that "18th of November" on the anchor day counts as past
    base = dt.datetime.combine(last + ONE_DAY, dt.time())
    for found, when in _search(local, lang, base):
        start = local.find(found, pos)  # dateparser gives no offsets: find them in order
        if start < 0:
            continue
        pos = end = start + len(found)
        classified = _classify(found, when.date(), last, rules, pats)
        if classified is None or any(h.start < end and start < h.end for h in taken):
            continue
        value, precision = classified
        hits.append(_Hit(index, start, end, precision, value.year,
                         1 if precision == "year" else value.month,
                         value.day if precision == "day" else 1, kind="parser"))
    return hits


def _resolve(hit: _Hit, end: dt.date | None) -> dt.date | None:
    """The hit's date; a year-less one takes the year that puts it nearest the anchor."""
    if hit.year is not None:
        return dt.date(hit.year, hit.month, hit.day)
    if end is None:
        return None
    options = [dt.date(y, hit.month, hit.day) for y in (end.year - 1, end.year, end.year + 1)
               if _valid(y, hit.month, hit.day)]
    return min(options, key=lambda d: (abs((d - end).days), d), default=None)


def _mention(text: str, sentence: Sentence, hit: _Hit, end: dt.date | None) -> DateMention | None:
    """A DateMention in article offsets; None for a year-less date without an anchor."""
    value = _resolve(hit, end)
    if value is None:
        return None
    width = WIDTH[hit.precision]
    future = end is not None and (value > end + ONE_DAY if hit.precision == "day" else
                                  value.isoformat()[:width] > end.isoformat()[:width])
    reason = hit.reason or ("future" if future else "")
    start, stop = sentence.start + hit.start, sentence.start + hit.end
    return DateMention(start, stop, text[start:stop], value, hit.precision, sentence.index,
                       not reason, reason)


def _story(mentions: Sequence[DateMention], anchor: EventDate, end: dt.date | None) -> EventDate:
    """The first usable day date not after the anchor nor a month before it, else the anchor."""
    if end is None:
        return EventDate(None)
    for m in mentions:
        if m.usable and m.precision == "day" and end - STORY_MAX_AGE <= m.value <= end:
            return EventDate(m.value.isoformat(), "day", "story")
    return replace(anchor, source="story")


def find_dates(text: str, sentences: Sequence[Sentence], lang: str, published: dt.date | None,
               rules: DateRules) -> ArticleDates:
    """Find the date mentions, the anchor (`published`, else inferred) and the story date.

    Offsets of `sentences` and of the mentions index `text`; dateparser runs only once the
    anchor is known, on the few sentences our patterns leave something in.
    """
    pats = _patterns(rules)
    local = {s.index: text[s.start:s.end] for s in sentences}
    by_sentence = {i: _with_reasons(part, _pattern_hits(i, part, rules, pats), rules, pats)
                   for i, part in local.items()}
    anchor, end = _anchor([h for hits in by_sentence.values() for h in hits], published)
    if end is not None:  # relative dates mean nothing without an anchor
        for i, part in local.items():
            if extra := _parser_hits(i, part, by_sentence[i], lang, rules, pats, end):
                by_sentence[i] = _with_reasons(part, by_sentence[i] + extra, rules, pats)
    mentions = sorted((m for s in sentences for h in by_sentence[s.index]
                       if (m := _mention(text, s, h, end)) is not None), key=lambda m: m.start)
    return ArticleDates(anchor, _story(mentions, anchor, end), tuple(mentions))


def event_date(dates: ArticleDates, sentence: int, trigger_start: int, trigger_end: int,
               window: int = 60) -> EventDate:
    """The date of an event triggered at [trigger_start, trigger_end) (article offsets).

    The usable date nearest the trigger in its sentence, at most `window` characters from it,
    else the story date.
    """
    def distance(m: DateMention) -> int:
        return max(0, m.start - trigger_end, trigger_start - m.end)

    near = [m for m in dates.mentions
            if m.sentence == sentence and m.usable and distance(m) <= window]
    if not near:
        return dates.story
    best = min(near, key=lambda m: (distance(m), m.start))
    value = best.value.isoformat()[:WIDTH[best.precision]]
    story, coarser = dates.story, RANK[best.precision] < RANK[dates.story.precision]
    if story.value and coarser and story.value.startswith(value):
        return story  # "im Jahr 2025" in a story of 2025-02-04: the story date is more precise
    return EventDate(value, best.precision, "text")
