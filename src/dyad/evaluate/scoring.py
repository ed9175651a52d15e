"""Score the coder against a gold file: P/R/F1 per dimension and language, confusions, arguments.

Dimensions: `root` (CAMEO root; gold events without a CAMEO code are left out), `plover`
(PLOVER type, older names read as v0.8), `dyad` (source state, target state and root; only on
sentences whose every gold event gives both actor codes). How events are matched:
dyad.evaluate.matching.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from dyad.evaluate.gold import GoldEvent, GoldSentence, read_gold
from dyad.evaluate.matching import NONE, Predicted, Tally, match, scored_side
from dyad.model import Article, Document
from dyad.pipeline import Pipeline

DIMENSIONS = ("root", "plover", "dyad")
TOP_CONFUSIONS = 12
WORD = re.compile(r"\w{3,}")


def evaluate(gold_path: Path | str, pipeline: Pipeline | None = None) -> dict[str, Any]:
    """Code every gold sentence and score the events.

    Args:
        gold_path: a UniversalPetrarch-style JSONL gold file (dyad.evaluate.gold).
        pipeline: the pipeline to score (a fresh one by default).
    Returns: {"gold", "sentences", "gold_events", "predicted_events", "scores": {lang|"all":
        {dimension: {precision, recall, f1, tp, fp, fn}}}, "confusion": {dimension: [[gold,
        predicted, count], ...]}, "arguments": {...}}.
    """
    path = Path(gold_path)
    pipeline = pipeline or Pipeline()
    sentences = read_gold(path)
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: {d: Tally() for d in DIMENSIONS})
    arguments: Counter = Counter()
    predicted_total = 0
    for sentence in sentences:
        preds = predictions(sentence, pipeline.code(_article(sentence)))
        predicted_total += len(preds)
        for key in ("all", sentence.lang):
            pairs = _score_sentence(sentence, preds, tallies[key])
            if key == "all":
                arguments.update(_argument_agreement(pairs))
    overall = tallies["all"]
    return {
        "gold": str(path),
        "sentences": len(sentences),
        "gold_events": sum(len(s.events) for s in sentences),
        "predicted_events": predicted_total,
        "scores": {lang: {d: t.scores() for d, t in by_dim.items()}
                   for lang, by_dim in sorted(tallies.items(), key=lambda kv: kv[0] != "all")},
        "confusion": {d: _top(overall[d].confusion) for d in ("root", "plover")},
        "arguments": _argument_summary(arguments),
    }


def _article(sentence: GoldSentence) -> Article:
    return Article(id=sentence.id, text=sentence.text, lang=sentence.lang, published=sentence.date)


def predictions(sentence: GoldSentence, doc: Document) -> list[Predicted]:
    """The coded events of a gold sentence, trigger spans relative to the gold text."""
    out = []
    for event in doc.events:
        spans = tuple(s for s in (_span(sentence.text, doc.text, m.start, m.end) for m in event.mentions)
                      if s is not None)
        first = event.mentions[0]
        out.append(Predicted(spans, event.root, event.plover, scored_side(event.source),
                             scored_side(event.target), first.source_text, first.target_text))
    return out


def _span(gold_text: str, doc_text: str, start: int, end: int) -> tuple[int, int] | None:
    if doc_text == gold_text:
        return start, end
    at = gold_text.find(doc_text[start:end])  # cleaning changed the text: find the words
    return (at, at + end - start) if at >= 0 else None


def _score_sentence(sentence: GoldSentence, preds: list[Predicted],
                    tally: dict[str, Tally]) -> list[tuple[GoldEvent, Predicted]]:
    """Add one sentence to each dimension's tally; return the root-matched pairs."""
    pairs = match([g for g in sentence.events if g.roots], preds,
                  lambda g, p: p.root in g.roots, lambda g: g.root_label, lambda p: p.root,
                  tally["root"])
    match([g for g in sentence.events if g.plover], preds,
          lambda g, p: p.plover == g.plover, lambda g: g.plover or NONE,
          lambda p: p.plover or NONE, tally["plover"])
    if sentence.events and all(g.source and g.target and g.roots for g in sentence.events):
        match(sentence.events, preds,
              lambda g, p: (p.source, p.target) == (g.source, g.target) and p.root in g.roots,
              lambda g: f"{g.source}-{g.target} {g.root_label}",
              lambda p: f"{p.source}-{p.target} {p.root}", tally["dyad"])
    return pairs


def _top(confusion: Counter) -> list[list[Any]]:
    """The most frequent (gold, predicted) disagreements, misses and spurious events included."""
    return [[g, p, n] for (g, p), n in sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0]))
            [:TOP_CONFUSIONS]]


def _argument_agreement(pairs: list[tuple[GoldEvent, Predicted]]) -> Counter:
    """For root-matched events: does the coded source (target) text share a word with the gold's?"""
    out: Counter = Counter()
    for gold, pred in pairs:
        for name, gold_text, pred_text in (("source", gold.source_text, pred.source_text),
                                           ("target", gold.target_text, pred.target_text)):
            if gold_text:
                out[f"{name}_annotated"] += 1
                out[f"{name}_agree"] += bool(_words(gold_text) & _words(pred_text))
    out["pairs"] += len(pairs)
    return out


def _argument_summary(counts: Counter) -> dict[str, Any]:
    summary: dict[str, Any] = {"matched_events": counts["pairs"]}
    for name in ("source", "target"):
        n = counts[f"{name}_annotated"]
        summary[f"{name}_text_agreement"] = round(counts[f"{name}_agree"] / n, 4) if n else None
        summary[f"{name}_annotated"] = n
    return summary


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}
