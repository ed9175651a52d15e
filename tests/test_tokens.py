"""Folding keeps offsets; tokens split possessives; lemmas come from simplemma."""
from __future__ import annotations

from dyad.tokens import Lemmatizer, fold, tokenize


def test_fold_strips_vietnamese_and_spanish_diacritics_keeping_length() -> None:
    for text in ("Nguyễn Phú Trọng", "Tô Lâm", "Díaz-Canel", "Đà Nẵng", "İstanbul"):
        assert len(fold(text)) == len(text)
    assert fold("Nguyễn Phú Trọng") == "nguyen phu trong"
    assert fold("Đà Nẵng") == "da nang"
    assert fold("Raúl Castro") == fold("Raul Castro")


def test_tokenize_splits_english_possessive() -> None:
    words = [t for _, _, t in tokenize("Vietnam’s leader and Cuba's president met.")]
    assert words == ["Vietnam", "’s", "leader", "and", "Cuba", "'s", "president", "met", "."]


def test_lemmatizer_gives_verb_lemmas_and_handles_unsupported_languages() -> None:
    assert Lemmatizer("de").lemma("bekräftigte") == "bekräftigen"
    assert Lemmatizer("en").lemma("met") == "meet"
    assert Lemmatizer("vi").lemma("Gặp") == "gặp"  # simplemma has no Vietnamese: lowercase
