"""Headlines in capitals are read in lower case, with the accents our tables know put back."""
from __future__ import annotations

import pytest

from dyad.events.headline import as_lower_case, in_capitals
from dyad.events.lexicon import load_lexicon
from dyad.grammar import load_grammar
from dyad.tokens import Lemmatizer


def _tokens(lang: str, text: str):
    return Lemmatizer(lang).tokens(text)


@pytest.mark.parametrize("text, expected", [
    ("COLONOS JUDIOS CORTAN LA CARRETERA DE JERICO", True),
    ("LA SIP PROTESTA POR VIOLACIONES (AFP)", True),  # a short lower-case tail does not count
    ("ONU: EEUU", False),  # fewer than three words
    ("PARIS (AFP) - Los agricultores bloquearon la autopista.", False),  # a dateline only
    ("Colonos judíos cortan la carretera", False),
])
def test_headline_in_capitals_needs_three_words_nearly_all_upper(text: str, expected: bool) -> None:
    assert in_capitals(_tokens("es", text)) is expected


def test_headline_words_lose_capitals_and_regain_known_accents() -> None:
    tokens = as_lower_case(_tokens("es", "EL SINDICATO REALIZA UNA MOVILIZACION SEGUN LA CGT"),
                           load_lexicon("es"), load_grammar("es"))
    words = [t.text for t in tokens]
    # "movilizacion", "segun": unknown as written, accented as the lexicon and grammar write them;
    # "el" is a word as written (the article), not the pronoun "él"
    assert words == ["el", "sindicato", "realiza", "una", "movilización", "según", "la", "cgt"]
    assert tokens[4].lemma == "movilización"
    assert (tokens[0].start, tokens[0].end) == (0, 2)  # offsets keep pointing at the text


def test_headline_known_short_words_keep_their_form_in_portuguese() -> None:
    tokens = as_lower_case(_tokens("pt", "ESTUDANTES E PROFESSORES PROTESTAM"), load_lexicon("pt"),
                           load_grammar("pt"))
    assert [t.text for t in tokens] == ["estudantes", "e", "professores", "protestam"]  # "e" is not "é"
