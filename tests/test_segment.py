"""Sentence splitting: lines first, syntok inside lines, German ordinals merged back."""
from __future__ import annotations

import pytest

from dyad.segment import load_sentence_rules, segment


@pytest.mark.parametrize("text, expected", [
    # German: an ordinal day or anniversary number is not a sentence end
    ("Am Abend des 4. Februar führte er ein Gespräch. Danach reiste er ab.",
     ["Am Abend des 4. Februar führte er ein Gespräch.", "Danach reiste er ab."]),
    ("Er gratulierte zum 66. Jahrestag der Revolution. Sie dankte.",
     ["Er gratulierte zum 66. Jahrestag der Revolution.", "Sie dankte."]),
    # a real sentence end after a year stays a sentence end
    ("Das Abkommen stammt aus dem Jahr 2019. Es gilt weiter.",
     ["Das Abkommen stammt aus dem Jahr 2019.", "Es gilt weiter."]),
])
def test_segment_de_keeps_ordinals_inside_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(text, load_sentence_rules("de"))] == expected


def test_segment_headline_without_full_stop_is_its_own_sentence() -> None:
    text = "Leaders meet in Hanoi\nThe two presidents met on Monday. They signed a deal."
    sentences = segment(text, load_sentence_rules("en"))
    assert [s.text for s in sentences] == ["Leaders meet in Hanoi", "The two presidents met on Monday.",
                                           "They signed a deal."]


def test_segment_offsets_index_the_text() -> None:
    text = "First line\n\nMr. Smith met Dr. Jones on Jan. 5. Then he left."
    for sentence in segment(text, load_sentence_rules("en")):
        assert text[sentence.start:sentence.end] == sentence.text
    assert [s.index for s in segment(text, load_sentence_rules("en"))] == [0, 1, 2]


def test_segment_de_seed_splits_at_the_right_places(seed_texts: dict[str, str]) -> None:
    text = seed_texts["004_d17baa6ebd40c895.txt"]
    sentences = segment(text, load_sentence_rules("de"))
    assert sentences[1].text.startswith("Am Abend des 4. Februar führte")
    assert sentences[1].text.endswith("Miguel Díaz-Canel.")
    assert any("zum 95. Jahrestag der Gründung" in s.text for s in sentences)
