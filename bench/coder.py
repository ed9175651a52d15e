"""Throughput of the coder alone (actors + events) on pre-segmented sentences of the WMT news.

Each WMT segment is taken as one sentence (no cleaning, language id, segmentation or dates);
the timing covers the actor automaton, phrase composition, coreference, tokens and lemmas,
trigger matching, arguments, modality and location. Needs ../shared/data/news.

Usage: python bench/coder.py [--lang en,de,fr,ru] [--repeat 1]
Prints one line, e.g. `lang=en,de,fr,ru docs=489 sentences=9000 sentences/s=2100 events=300 cores=1`.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from dyad.events.location import load_gazetteer
from dyad.ingest.text import repair_text
from dyad.model import Article, Sentence
from dyad.pipeline import Pipeline

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"


def load(langs: set[str]) -> list[tuple[Article, list[Sentence]]]:
    """(article, its segments as sentences) per document and language; null segments dropped."""
    out = []
    for path in sorted(NEWS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for lang, segments in doc["langs"].items():
                if lang not in langs:
                    continue
                sentences, start = [], 0
                for text in (repair_text(s) for s in segments if s):
                    sentences.append(Sentence(len(sentences), start, start + len(text), text))
                    start += len(text) + 1
                text = "\n".join(s.text for s in sentences)
                out.append((Article(id=f"{doc['docid']}:{lang}", text=text, lang=lang), sentences))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en,de,fr,ru")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    docs = load(set(args.lang.split(","))) * args.repeat
    pipeline = Pipeline()
    for lang in {a.lang for a, _ in docs}:  # load lexicons, automata and lemmas outside the timing
        article, sentences = next(d for d in docs if d[0].lang == lang)
        pipeline.code_sentences(article, lang, sentences)
        load_gazetteer(lang)  # built on the first event with a place; keep it out of the timing
    started = time.perf_counter()
    events = 0
    for article, sentences in docs:
        events += len(pipeline.code_sentences(article, article.lang, sentences)[1])
    seconds = time.perf_counter() - started
    n = sum(len(s) for _, s in docs)
    print(f"lang={args.lang} docs={len(docs)} sentences={n} sentences/s={n / seconds:.0f} "
          f"events={events} cores=1")


if __name__ == "__main__":
    main()
