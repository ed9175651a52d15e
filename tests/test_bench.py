"""The benchmark scripts still run and print their one comparable line (figures are not judged:
speed is measured by running them, not by tests)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_bench_coder_prints_sentences_per_second(shared: Path) -> None:
    proc = subprocess.run([sys.executable, str(BENCH / "coder.py"), "--lang", "en"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"lang=en docs=\d+ sentences=\d+ sentences/s=\d+ events=\d+ cores=1\n",
                        proc.stdout), proc.stdout
