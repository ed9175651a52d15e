"""Event coding on real-looking sentences per language (tests/lang/<code>/cases.tsv).

Each row: a sentence, the expected source and target (ISO alpha-3, or IGO for any international
organisation) and CAMEO code, or `-` for sentences that must yield no event. A case passes when
an event with those sides has a code in the same CAMEO root (and is negated / intended when the
note says so).
"""
from __future__ import annotations

from pathlib import Path

import pytest

import dyad
from dyad.dedup import side
from dyad.tables import read_table

CASES_DIR = Path(__file__).resolve().parent / "lang"


def load_cases() -> list[tuple[str, str, str, str, str, str]]:
    rows = []
    for path in sorted(CASES_DIR.glob("*/cases.tsv")):
        for row in read_table(path, ("sentence", "cameo")):
            rows.append((path.parent.name, row["sentence"], row.get("source"), row.get("target"),
                         row["cameo"], row.get("note")))
    return rows


def sides(event: dyad.Event) -> tuple[str, str]:
    def short(code: str) -> str:
        return "IGO" if code.startswith("IGO") else code
    return short(side(event.source)), short(side(event.target))


CASES = load_cases()
# Rows whose note says "known gap:" fail today for a reason named there; strict, so that the
# day one passes the marker has to go.
PARAMS = [pytest.param(*c, marks=pytest.mark.xfail(reason=c[5], strict=True))
          if "known gap:" in c[5] else c for c in CASES]


@pytest.mark.parametrize("lang, sentence, source, target, cameo, note", PARAMS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_events_case(lang: str, sentence: str, source: str, target: str, cameo: str,
                     note: str) -> None:
    doc = dyad.code(sentence, lang=lang, published="2024-05-15")
    coded = [(sides(e), e.cameo, e.negated, e.modality) for e in doc.events]
    if cameo == "-":
        assert not doc.events, coded
        return
    wanted = (source, target)
    hits = [e for e in doc.events if sides(e) == wanted and e.cameo[:2] == cameo[:2]]
    assert hits, f"expected {wanted} {cameo}, got {coded}"
    if "negated" in note:
        assert any(e.negated for e in hits), coded
    if "intended" in note:
        assert any(e.modality == "intended" for e in hits), coded
    if "one event" in note:
        assert len(doc.events) == 1, coded
