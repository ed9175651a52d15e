"""Verb forms simplemma misreads: participles after an auxiliary, enclitic pronouns."""
from __future__ import annotations

import pytest

import dyad


def triggers(text: str, lang: str) -> list[tuple[str, str]]:
    doc = dyad.code(text, lang=lang, published="2024-05-15")
    return [(e.cameo, e.mentions[0].trigger) for e in doc.events]


@pytest.mark.parametrize("lang, text, cameo, trigger", [
    # "svolte" is the participle of svolgere after "sono", not the noun "svolta" (a turn)
    ("it", "Domenica si sono svolte proteste a Roma contro il governo.", "141", "svolte proteste"),
    # "uccisi": simplemma gives "ucciso"; the rule "isi>idere" gives the trigger "uccidere"
    ("it", "Tre manifestanti sono stati uccisi dalla polizia iraniana a Teheran.", "190", "uccisi"),
    # a capitalised word with a hyphen keeps its own form in simplemma: lowercased, it is "realizar"
    ("pt", "Realizaram-se marchas contra o governo de Angola em Luanda.", "141", "Realizaram-se marchas"),
])
def test_participles_take_the_verb_of_their_trigger(lang: str, text: str, cameo: str, trigger: str) -> None:
    assert (cameo, trigger) in triggers(text, lang), triggers(text, lang)


def test_participles_an_enclitic_impersonal_has_no_subject_after_it() -> None:
    # "Realizaram-se protestos em ... Brasil": the country after the verb is where, not who
    doc = dyad.code("Realizaram-se protestos em várias cidades do Brasil contra o governo.", lang="pt",
                    published="2024-05-15")
    assert doc.events and all(e.mentions[0].source_text == "" for e in doc.events), doc.events
