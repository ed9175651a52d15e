"""Sentence segmentation: lines first (headlines have no full stop), then syntok, then merges.

syntok splits German ordinals and dates ("des 4. | Februar", "zum 95. | Jahrestag"); languages
whose `lang/<code>/segment.tsv` sets `ordinal_dot` get those pieces merged back.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import syntok.segmenter as syntok_segmenter

from dyad.model import Sentence
from dyad.tables import LANG_DIR, read_table

ORDINAL_END = re.compile(r"(?:^|[\s(])\d{1,3}\.$")  # "4." or "95." ends the piece
LINE = re.compile(r"[^\n]+")
# A line with no sentence punctuation before its final run of it is one sentence: syntok
# (36% of the pipeline's time on 2,000 WMT articles, bench/throughput.py) is only asked about
# lines that could split. bench: identical spans on every line of the 10,000-article corpus.
STOP = re.compile(r"[.!?…。！？;:()\[\]]")  # syntok also splits after bracketed text: "(AP) –"
TRAILER = re.compile(r"[\s.!?…。！？;:\"'”’»]*$")


@dataclass(frozen=True)
class SentenceRules:
    """Per-language segmentation settings (from lang/<code>/segment.tsv)."""

    lang: str
    ordinal_dot: bool = False  # "4. Februar": a number followed by a dot is an ordinal


@functools.cache
def load_sentence_rules(lang: str) -> SentenceRules:
    path = LANG_DIR / lang / "segment.tsv"
    if not path.exists():
        return SentenceRules(lang)
    settings = {row["setting"]: row["value"] for row in read_table(path, ("setting", "value"))}
    return SentenceRules(lang, ordinal_dot=settings.get("ordinal_dot", "no") == "yes")


def segment(text: str, rules: SentenceRules) -> list[Sentence]:
    """Split cleaned text into sentences; offsets index `text`."""
    spans: list[tuple[int, int]] = []
    for line in LINE.finditer(text):
        pieces = _syntok_spans(line.group(), line.start())
        spans.extend(_merge_ordinals(text, pieces) if rules.ordinal_dot else pieces)
    return [Sentence(i, start, end, text[start:end]) for i, (start, end) in enumerate(spans)]


def _syntok_spans(line: str, offset: int) -> list[tuple[int, int]]:
    """Sentence spans of one line, as syntok finds them."""
    body = line[:TRAILER.search(line).start()]  # type: ignore[union-attr]  (always matches)
    if not STOP.search(body):
        stripped = line.strip()
        if not stripped:
            return []
        start = offset + len(line) - len(line.lstrip())
        return [(start, start + len(stripped))]
    spans = []
    for paragraph in syntok_segmenter.analyze(line):
        for sentence in paragraph:
            tokens = [t for t in sentence if t.value]
            if tokens:
                spans.append((offset + tokens[0].offset,
                              offset + tokens[-1].offset + len(tokens[-1].value)))
    return spans


def _merge_ordinals(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a piece ending in an ordinal ("am 4.") with the piece that follows it."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and ORDINAL_END.search(text[merged[-1][0]:merged[-1][1]]) \
                and text[start:start + 1].isalpha():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
