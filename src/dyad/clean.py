"""Remove scraping noise from an article's text, keeping a map from cleaned to raw offsets.

Only whole lines and line endings are removed: repeated lines (a caption printed twice),
page furniture ("Quelle", "Kommentar (0)", share buttons), agency tags at the end ("VNA",
"(AFP)", "dpa/ab"), trailing credits ("(Photo: VNA)") and a lead paragraph that the body
repeats. Everything else stays byte-identical, so offsets into the cleaned text map back.
Near-duplicate sentences stay: event deduplication merges what they say.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from dyad.errors import LexiconError
from dyad.model import Article, CleanArticle, Removal
from dyad.tables import KB_DIR, LANG_DIR, read_table, split_forms

BOILERPLATE = "boilerplate.txt"
AGENCIES = KB_DIR / "agencies.tsv"
MIN_LEAD_WORDS = 6  # shorter first lines (datelines, kickers) are not treated as a lead
LINE = re.compile(r"[^\n]*(?:\n|$)")
TRAILING_PARENS = re.compile(r"\s*\(([^()\n]{1,120})\)\s*$")


@dataclass(frozen=True)
class Furniture:
    """The compiled noise patterns for one language (plus those for every language)."""

    lang: str | None
    lines: re.Pattern[str]  # whole stripped lines that are furniture, case-insensitive
    tag: re.Pattern[str]  # a line that is only an agency tag: "VNA", "(AFP)", "dpa/ab"
    glued_tag: re.Pattern[str]  # an agency tag after the last sentence: "... said.VNA"

    def is_furniture(self, text: str) -> bool:
        """True when the whole of `text` (stripped) is page furniture."""
        return self.lines.fullmatch(text.strip()) is not None

    def is_tag(self, text: str) -> bool:
        """True when the whole of `text` (stripped) is an agency tag or byline."""
        return self.tag.fullmatch(text.strip()) is not None


@dataclass(frozen=True)
class _Line:
    """One raw line: content is [start, stop), the line break runs to `end`."""

    start: int
    stop: int
    end: int


@dataclass(frozen=True)
class _Cut:
    """Remove the raw text from `start` to the line's content end (the whole line if at start)."""

    start: int
    reason: str


@functools.cache
def load_furniture(lang: str | None) -> Furniture:
    """Load the patterns for `lang`; languages without a boilerplate file get the common ones."""
    paths = [LANG_DIR / BOILERPLATE]
    if lang and lang in _languages(LANG_DIR) and (LANG_DIR / lang / BOILERPLATE).is_file():
        paths.append(LANG_DIR / lang / BOILERPLATE)
    patterns = [p for path in paths for p in read_patterns(path)]
    lines = re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", re.IGNORECASE)
    return Furniture(lang, lines, *agency_patterns(AGENCIES))


def _languages(root: Path) -> frozenset[str]:
    """The language codes that have a data folder."""
    return frozenset(p.name for p in root.iterdir() if p.is_dir())


def read_patterns(path: Path) -> list[str]:
    """Read one regular expression per line (`#` lines skipped); LexiconError if one is bad."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read data file: {exc.strerror}") from exc
    patterns = []
    for lineno, line in enumerate(lines, start=1):
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise LexiconError(f"{path}:{lineno}: bad regular expression: {exc.msg}") from exc
        patterns.append(pattern)
    return patterns


def agency_patterns(path: Path) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The tag-line and glued-tag patterns built from the agencies' forms (case-sensitive)."""
    rows = read_table(path, ("name", "forms"))
    forms = {form for row in rows for form in split_forms(row["forms"])}
    names = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # several agencies and dpa-style editor initials: "AFP/VNA", "dpa/ab", "Reuters, AP"
    chain = rf"(?:{names})(?:\s*[/,;&+]\s*(?:{names}|[a-z]{{1,4}}))*"
    tag = re.compile(rf"[\s(\[\-–—―/]*{chain}\s*[)\]]?\s*\.?")
    glued = re.compile(rf"(?<=[.!?\"”»])\s*[-–—]?\s*\(?\s*{chain}\s*\)?\s*$")
    return tag, glued


def clean(article: Article, furniture: Furniture) -> CleanArticle:
    """Remove scraping noise from `article.text`; record each removal and the offset map."""
    raw = article.text
    lines = split_lines(raw)
    cuts: dict[int, _Cut] = {}
    _mark_furniture(raw, lines, furniture, cuts)
    _mark_tail_tags(raw, lines, furniture, cuts)
    _mark_repeated_lines(raw, lines, cuts)
    _mark_repeated_lead(raw, lines, article.title, cuts)
    _mark_blank_runs(raw, lines, cuts)
    return _build(article, lines, cuts)


def split_lines(raw: str) -> list[_Line]:
    """Lines with their raw offsets; `\\r\\n` and `\\n` both end a line."""
    lines = []
    for match in LINE.finditer(raw):
        start, end = match.span()
        if start == end:
            continue
        text = match.group()
        stop = end - (2 if text.endswith("\r\n") else 1 if text.endswith("\n") else 0)
        lines.append(_Line(start, stop, end))
    return lines


def _kept(raw: str, line: _Line, cut: _Cut | None) -> str | None:
    """The content of a line that survives its cut; None when the whole line goes."""
    if cut is None:
        return raw[line.start:line.stop]
    return None if cut.start == line.start else raw[line.start:cut.start]


def _normal(text: str) -> str:
    """Whitespace-normalised text, for comparing lines."""
    return " ".join(text.split())


def _mark_furniture(raw: str, lines: list[_Line], furniture: Furniture,
                    cuts: dict[int, _Cut]) -> None:
    """Whole furniture lines, and trailing credits such as "(Photo: VNA)" on any line."""
    for i, line in enumerate(lines):
        content = raw[line.start:line.stop]
        if not content.strip():
            continue
        if furniture.is_furniture(content):
            cuts[i] = _Cut(line.start, "furniture")
            continue
        match = TRAILING_PARENS.search(content)
        if match and furniture.is_furniture(match.group(1)):
            cuts[i] = _Cut(line.start + match.start(), "furniture")


def _mark_tail_tags(raw: str, lines: list[_Line], furniture: Furniture,
                    cuts: dict[int, _Cut]) -> None:
    """Agency tag lines at the very end, then a tag glued to the last line of text."""
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        content = _kept(raw, line, cuts.get(i))
        if content is None or not content.strip():
            continue
        if furniture.is_tag(content):
            cuts[i] = _Cut(line.start, "agency-tag")
            continue
        match = TRAILING_PARENS.search(content)
        if match and match.start() > 0 and furniture.is_tag(match.group(1)):
            cuts[i] = _Cut(line.start + match.start(), "agency-tag")
        elif (glued := furniture.glued_tag.search(content)) is not None:
            cuts[i] = _Cut(line.start + glued.start(), "agency-tag")
        return


def _mark_repeated_lines(raw: str, lines: list[_Line], cuts: dict[int, _Cut]) -> None:
    """A line that repeats an earlier kept line exactly (whitespace aside) goes."""
    seen: set[str] = set()
    for i, line in enumerate(lines):
        content = _kept(raw, line, cuts.get(i))
        key = _normal(content or "")
        if not key:
            continue
        if key in seen:
            cuts[i] = _Cut(line.start, "repeated-line")
        seen.add(key)


def _mark_repeated_lead(raw: str, lines: list[_Line], title: str | None,
                        cuts: dict[int, _Cut]) -> None:
    """The lead (first line after any title line) goes when a later line contains it verbatim."""
    kept = [(i, _normal(_kept(raw, line, cuts.get(i)) or "")) for i, line in enumerate(lines)]
    kept = [(i, text) for i, text in kept if text]
    if kept and title and kept[0][1] == _normal(title):
        kept = kept[1:]
    if not kept or len(kept[0][1].split()) < MIN_LEAD_WORDS:
        return
    lead_index, lead = kept[0]
    if any(lead in text and text != lead for _, text in kept[1:]):
        cuts[lead_index] = _Cut(lines[lead_index].start, "repeated-lead")


def _mark_blank_runs(raw: str, lines: list[_Line], cuts: dict[int, _Cut]) -> None:
    """Blank lines left doubled, leading or trailing by a removal go with it."""
    previous_blank, reason = True, ""  # the start of the text counts as a blank line
    for i, line in enumerate(lines):
        cut = cuts.get(i)
        if cut is not None and cut.start == line.start:
            reason = cut.reason
            continue
        blank = cut is None and not raw[line.start:line.stop].strip()
        if blank and previous_blank and reason:
            cuts[i] = _Cut(line.start, reason)
            continue
        previous_blank = blank
        if not blank:
            reason = ""
    _mark_trailing_blanks(raw, lines, cuts)


def _mark_trailing_blanks(raw: str, lines: list[_Line], cuts: dict[int, _Cut]) -> None:
    """Blank lines that end the text only because the lines after them were removed go."""
    reason = ""
    for i in range(len(lines) - 1, -1, -1):
        line, cut = lines[i], cuts.get(i)
        if cut is not None and cut.start == line.start:
            reason = reason or cut.reason
        elif cut is None and reason and not raw[line.start:line.stop].strip():
            cuts[i] = _Cut(line.start, reason)
        else:
            return


def _build(article: Article, lines: list[_Line], cuts: dict[int, _Cut]) -> CleanArticle:
    """Assemble the cleaned text, the clean→raw segments and the merged removals."""
    spans = _removal_spans(lines, cuts)
    segments, pieces, clean_at, raw_at = [], [], 0, 0
    for start, end, _ in spans + [(len(article.text), len(article.text), "")]:
        if start > raw_at:
            segments.append((clean_at, raw_at, start - raw_at))
            pieces.append(article.text[raw_at:start])
            clean_at += start - raw_at
        raw_at = max(raw_at, end)
    removals = tuple(Removal(s, e, r) for s, e, r in _merge_removals(spans))
    return CleanArticle(article, "".join(pieces), removals, tuple(segments))


def _removal_spans(lines: list[_Line], cuts: dict[int, _Cut]) -> list[tuple[int, int, str]]:
    """Raw spans to remove, in order.

    A removed line inside the text takes the line break *before* it and leaves its own, so
    that every segment boundary falls on a line break, never on the first letter of a word:
    `CleanArticle.raw_offset` maps a boundary to the end of the earlier segment.
    """
    spans = []
    i = 0
    while i < len(lines):
        cut = cuts.get(i)
        if cut is None:
            i += 1
            continue
        if cut.start != lines[i].start:
            spans.append((cut.start, lines[i].stop, cut.reason))
            i += 1
            continue
        last = i
        while last + 1 in cuts and cuts[last + 1].start == lines[last + 1].start:
            last += 1
        edge = i == 0 or last == len(lines) - 1
        for k in range(i, last + 1):
            reason = cuts[k].reason
            if edge:
                spans.append((lines[k].start, lines[k].end, reason))
            else:
                spans.append((lines[k - 1].stop, lines[k].stop, reason))
        i = last + 1
    return spans


def _merge_removals(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join touching removals with the same reason; input is in order."""
    merged: list[tuple[int, int, str]] = []
    for start, end, reason in spans:
        if start == end:
            continue
        if merged and merged[-1][1] == start and merged[-1][2] == reason:
            merged[-1] = (merged[-1][0], end, reason)
        else:
            merged.append((start, end, reason))
    return merged
