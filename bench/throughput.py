"""End-to-end coding throughput on the shared WMT news documents (one process, one core).

Usage: python bench/throughput.py [--lang en] [--repeat 1]
Prints one comparable line, e.g. `lang=en,de n=130 articles/s=210 chars/s=350000 events=512`.
"""
from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from dyad.model import Article
from dyad.pipeline import Pipeline

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"
WORD = re.compile(r"\w+")


def load_articles(langs: set[str]) -> list[Article]:
    """One Article per (document, language); null segments dropped (DESIGN.md)."""
    articles = []
    for path in sorted(NEWS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for lang, segments in doc["langs"].items():
                if lang in langs:
                    text = "\n".join(s for s in segments if s)
                    articles.append(Article(id=f"{doc['docid']}:{lang}", text=text, lang=lang))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en,de")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    articles = load_articles(set(args.lang.split(","))) * args.repeat
    chars = sum(len(a.text) for a in articles)
    pipeline = Pipeline()
    pipeline.code(articles[0])  # load lexicons and models outside the timing
    started = time.perf_counter()
    floor_tokens = sum(len(WORD.findall(a.text)) for a in articles)
    floor = time.perf_counter() - started
    started = time.perf_counter()
    events = sum(len(pipeline.code(a).events) for a in articles)
    seconds = time.perf_counter() - started
    print(f"lang={args.lang} n={len(articles)} articles/s={len(articles) / seconds:.0f} "
          f"chars/s={chars / seconds:.0f} events={events} "
          f"floor_regex_articles/s={len(articles) / max(floor, 1e-9):.0f} tokens={floor_tokens} cores=1")


if __name__ == "__main__":
    main()
