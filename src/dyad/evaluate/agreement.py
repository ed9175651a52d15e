"""Cross-lingual agreement: code each translation of a document and compare the event triples.

Input: JSONL files of parallel documents, one per line: `{"docid", "langs": {"en": [segment,
...], "de": [...]}}` (the WMT news test sets); null segments are dropped and each text goes
through the ingest repairs (mojibake). Only languages dyad codes are compared. A document's
`"date"` (YYYY-MM-DD), else the `published` date given to `agree`, anchors its dates: without
one, background dated years back cannot be told from news (WMT files carry no date).

Definition: for a document and a language, T = the multiset of coded (source side, target side,
CAMEO root) triples, with the sides of a symmetric code (meet, talk) in sorted order. For a
language pair (a, b): agreement = Σ_docs |T_a ∩ T_b| / Σ_docs |T_a ∪ T_b| (multiset
intersection and union, summed over the documents present in both languages). Documents where
neither translation has an event add nothing to either sum; they are counted apart.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dyad.evaluate.matching import scored_side
from dyad.ingest.text import repair_text
from dyad.model import Article, Event
from dyad.ontology import load_ontology
from dyad.pipeline import Pipeline, coded_languages

TOP_DIFFERENCES = 5
Triple = tuple[str, str, str]


def agree(paths: Iterable[Path | str], pipeline: Pipeline | None = None,
          published: dt.date | None = None) -> dict[str, Any]:
    """Code every translation of every document and measure agreement per language pair.

    Args:
        paths: JSONL files of parallel documents.
        pipeline: the pipeline to use (a fresh one by default).
        published: the publication date of documents without a "date" of their own.
    Returns: {"documents", "skipped_languages", "problems", "pairs": {"de-en": {"documents",
        "empty_documents", "triples_a", "triples_b", "shared", "union", "agreement",
        "only_a", "only_b"}}}.
    """
    pipeline = pipeline or Pipeline()
    problems: list[str] = []
    skipped: Counter = Counter()
    coded: dict[str, dict[str, Counter]] = {}
    for docid, texts, date in _documents([Path(p) for p in paths], problems):
        coded[docid] = {}
        for lang, text in texts.items():
            if lang not in coded_languages():
                skipped[lang] += 1
                continue
            doc = pipeline.code(Article(id=f"{docid}:{lang}", text=text, lang=lang,
                                        published=date or published))
            coded[docid][lang] = Counter(triple(e) for e in doc.events)
    return {"documents": len(coded), "skipped_languages": dict(sorted(skipped.items())),
            "problems": problems, "pairs": _pairs(coded)}


def triple(event: Event) -> Triple:
    """(source side, target side, root); joint acts (a symmetric code, a symmetric trigger or
    "A and B fought") in sorted order."""
    a, b = scored_side(event.source), scored_side(event.target)
    if event.symmetric or load_ontology().is_symmetric(event.cameo):
        a, b = sorted((a, b))
    return a, b, event.root


def _documents(paths: list[Path], problems: list[str]
               ) -> Iterable[tuple[str, dict[str, str], dt.date | None]]:
    """(docid, {lang: repaired text}, date); a bad line adds one problem naming file and line."""
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}")
            continue
        for lineno, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                texts = {lang: repair_text("\n".join(s for s in segments if s))
                         for lang, segments in record["langs"].items()}
                date = dt.date.fromisoformat(record["date"]) if record.get("date") else None
                yield f"{record.get('docid') or f'{path.name}:{lineno}'}", texts, date
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError) as exc:
                problems.append(f"{path}:{lineno}: not a parallel document ({type(exc).__name__}: {exc})")


def _pairs(coded: dict[str, dict[str, Counter]]) -> dict[str, dict[str, Any]]:
    sums: dict[tuple[str, str], Counter] = defaultdict(Counter)
    only: dict[tuple[str, str], tuple[Counter, Counter]] = defaultdict(lambda: (Counter(), Counter()))
    for by_lang in coded.values():
        for a, b in itertools.combinations(sorted(by_lang), 2):
            ta, tb = by_lang[a], by_lang[b]
            s = sums[(a, b)]
            s["documents"] += 1
            s["empty_documents"] += not ta and not tb
            s["triples_a"] += sum(ta.values())
            s["triples_b"] += sum(tb.values())
            s["shared"] += sum((ta & tb).values())
            s["union"] += sum((ta | tb).values())
            only[(a, b)][0].update(ta - tb)
            only[(a, b)][1].update(tb - ta)
    out = {}
    for (a, b), s in sorted(sums.items()):
        out[f"{a}-{b}"] = {
            **{k: s[k] for k in ("documents", "empty_documents", "triples_a", "triples_b",
                                 "shared", "union")},
            "agreement": round(s["shared"] / s["union"], 4) if s["union"] else None,
            "only_a": [[" ".join(t), n] for t, n in only[(a, b)][0].most_common(TOP_DIFFERENCES)],
            "only_b": [[" ".join(t), n] for t, n in only[(a, b)][1].most_common(TOP_DIFFERENCES)],
        }
    return out
