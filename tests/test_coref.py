"""Coreference across an article's sentences: "both sides" reaches only states named nearby."""
from __future__ import annotations

import dyad

NEAR = ("Vietnam and Cuba held talks in Hanoi on Monday. Both sides agreed to expand trade "
        "and investment cooperation.")
FAR = ("Pakistan said on Monday that India had shelled its border posts. The foreign ministry "
       "in Islamabad summoned the Indian envoy. Officials gave no figures. Markets were calm. "
       "Traders expected rain. Elsewhere, peace talks stalled again as both sides disagreed "
       "over a prisoner release.")


def pairs(text: str) -> set[tuple[str, str, str]]:
    doc = dyad.code(text, lang="en", published="2024-05-02")
    return {(e.source.country or "", e.target.country or "", e.cameo[:2]) for e in doc.events}


def test_coref_both_sides_are_the_two_states_named_just_before() -> None:
    found = {tuple(sorted(p[:2])) for p in pairs(NEAR) if p[2] == "03"}
    assert found == {("CUB", "VNM")}


def test_coref_both_sides_far_from_the_two_states_are_someone_else() -> None:
    assert not any(p[2] == "08" for p in pairs(FAR)), pairs(FAR)
