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


def test_lemmatizer_splits_italian_elided_articles_listed_in_grammar() -> None:
    from dyad.grammar import load_grammar
    lemmatizer = Lemmatizer("it", load_grammar("it").words["elision"])
    text = "Il ministro dell'Italia ha incontrato l’ambasciatore"
    tokens = lemmatizer.tokens(text, offset=10)
    assert [t.text for t in tokens] == ["Il", "ministro", "dell'", "Italia", "ha", "incontrato",
                                        "l’", "ambasciatore"]
    assert all(text[t.start - 10:t.end - 10] == t.text for t in tokens)
    assert tokens[-1].lemma == "ambasciatore"


def test_lemmatizer_without_elisions_keeps_elided_words_whole() -> None:
    assert [t.text for t in Lemmatizer("fr").tokens("l'Ukraine")] == ["l'Ukraine"]


def test_grammar_forms_written_with_equals_match_only_in_that_case() -> None:
    from dyad.grammar import load_grammar
    grammar = load_grammar("it")
    assert grammar.has("passive_aux", "stato") and grammar.has("passive_aux", "viene")
    assert not grammar.has("passive_aux", "Stati") and not grammar.has("passive_aux", "Stato")
