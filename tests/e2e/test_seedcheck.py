"""The shared seed check passes: all expected seed events, no forbidden date, no duplicate key."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_seedcheck_passes_on_the_seed_articles(shared: Path) -> None:
    env = dict(os.environ)
    # seedcheck runs `dyad`; make sure it is the one installed with this interpreter
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    proc = subprocess.run([sys.executable, str(shared / "tools" / "seedcheck.py"), "--verbose"],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "12/12 expected events found, 0 on forbidden dates, 0 duplicate event keys" in proc.stdout
