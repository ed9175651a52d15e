"""A benchmark corpus of real-sized news articles, varied without repeating one text.

Each article joins a headline and a run of consecutive segments of one WMT document with a
run from another document of the same language (null segments dropped; DESIGN.md), so that
10,000+ articles come from the 744 shared documents plus dyad's examples, all different.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from dyad.model import Article
from dyad.tables import PACKAGE_DIR

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"
LANGS = ("en", "de", "ru")


def documents() -> dict[str, list[list[str]]]:
    """Segment lists per language from the WMT files and the bundled examples."""
    docs: dict[str, list[list[str]]] = {}
    for path in sorted(NEWS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for lang, segments in json.loads(line)["langs"].items():
                kept = [s for s in segments if s]
                if lang in LANGS and len(kept) >= 4:
                    docs.setdefault(lang, []).append(kept)
    for path in sorted((PACKAGE_DIR / "examples").glob("*_*.txt")):
        lang = path.name.split("_")[0]
        if lang in LANGS:
            docs.setdefault(lang, []).append(path.read_text(encoding="utf-8").splitlines())
    return docs


def articles(n: int, seed: int = 5) -> Iterator[Article]:
    """`n` distinct articles of 8-24 segments; deterministic for a seed."""
    docs = documents()
    rng = random.Random(seed)
    langs = sorted(docs)
    seen: set[int] = set()  # hashes only: the generator itself stays small
    i = 0
    while len(seen) < n:
        lang = langs[i % len(langs)]
        first, second = rng.sample(docs[lang], 2)
        text = "\n".join([first[0], *_run(first, rng), *_run(second, rng)])
        i += 1
        if hash(text) not in seen:
            seen.add(hash(text))
            yield Article(id=f"bench-{len(seen)}", text=text, lang=lang)


def _run(segments: list[str], rng: random.Random) -> list[str]:
    length = rng.randint(4, 12)
    start = rng.randint(1, max(1, len(segments) - length))
    return segments[start:start + length]


def write_jsonl(path: Path, n: int) -> Path:
    """The corpus as a JSONL file (what `dyad run` reads)."""
    with path.open("w", encoding="utf-8") as out:
        for a in articles(n):
            out.write(json.dumps({"id": a.id, "text": a.text, "lang": a.lang}, ensure_ascii=False) + "\n")
    return path
