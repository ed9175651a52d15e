"""Knowledge-base load time per language: a cold build, a load from the on-disk cache, and the
same with the shared Phoenix country dictionary imported as a user dictionary; and the time of
one matching pass over a real article.

Usage: python bench/kb_load.py  (reads ../shared/data when present)
Prints one line per case, e.g. `lang=de build_s=0.11 cached_s=0.012 forms=5010 find_ms=0.4 ...`;
import_s is the time to import the modules, before any data is read.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dyad.pipeline import coded_languages

ROOT = Path(__file__).resolve().parents[1]
PHOENIX = ROOT.parent / "shared" / "data" / "actors" / "petrarch2_Phoenix.Countries.actors.txt"
SEED = ROOT.parent / "shared" / "seeds"
# each case runs in a fresh process, as a user's `dyad code` would
PROBE = """
import sys, time
from pathlib import Path
t = time.perf_counter()
from dyad.actors.kb import load_knowledge_base
imported = time.perf_counter() - t
files = tuple(Path(p) for p in sys.argv[2:])
t = time.perf_counter()
kb = load_knowledge_base(sys.argv[1], files)
took = time.perf_counter() - t
text = sys.stdin.read()
t = time.perf_counter()
for _ in range(20):
    kb.find(text)
print(f"{took:.3f} {len(kb._automaton)} {(time.perf_counter() - t) / 20 * 1000:.2f} {imported:.3f}")
"""


def probe(lang: str, cache: str, files: list[str], text: str) -> tuple[float, int, float, float]:
    env = {**os.environ, "DYAD_CACHE_DIR": cache}
    out = subprocess.run([sys.executable, "-c", PROBE, lang, *files], env=env, input=text,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), float(out[2]), float(out[3])


def main() -> None:
    seeds = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    text = seeds[0].read_text(encoding="utf-8") if seeds else "Vietnam and Cuba signed an accord."
    with tempfile.TemporaryDirectory() as tmp:
        imported = Path(tmp) / "phoenix.tsv"
        if PHOENIX.exists():
            subprocess.run([sys.executable, "-m", "dyad", "actors", "import-phoenix", str(PHOENIX),
                            "--out", str(imported)], check=True, capture_output=True)
        cases = [(lang, []) for lang in sorted(coded_languages())]
        if imported.exists():
            cases.append(("en", [str(imported)]))
        for lang, files in cases:
            cache = str(Path(tmp) / "cache")
            build, forms, find_ms, imports = probe(lang, "off", files, text)
            probe(lang, cache, files, text)  # fill the cache
            cached, _, _, _ = probe(lang, cache, files, text)
            extra = " +phoenix" if files else ""
            print(f"lang={lang}{extra} build_s={build:.3f} cached_s={cached:.3f} forms={forms} "
                  f"find_ms={find_ms:.2f} text_chars={len(text)} import_s={imports:.2f}")


if __name__ == "__main__":
    main()
