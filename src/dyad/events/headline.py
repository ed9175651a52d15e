"""Headlines in capitals ("COLONOS JUDIOS CORTAN LA CARRETERA DE JERICO"): read as lower case.

Capitals carry no sign of a name there, and wire headlines often drop the accents of capital
letters ("MOVILIZACION", "SEGUN"). So the coder reads such a sentence's tokens in lower case,
and a word the lemmatiser does not know takes the accented form the trigger lexicon or the
grammar knows ("movilizacion" -> "movilización"; "EL" stays "el", not "él"). The evidence keeps the text as written.
"""
from __future__ import annotations

import functools
from dataclasses import replace

import simplemma

from dyad.events.lexicon import Lexicon
from dyad.grammar import Grammar, load_grammar
from dyad.model import Token
from dyad.tokens import fold

MIN_WORDS = 3  # "ONU:" or "EEUU-CUBA" alone is no headline
CAPITALS_SHARE = 0.9  # of letters; "(AFP)" or a lower-case unit may stand in a headline


def in_capitals(tokens: list[Token]) -> bool:
    """The sentence is written in capitals: at least MIN_WORDS words and nearly every letter upper."""
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    if len(words) < MIN_WORDS or 2 * sum(w.isupper() for w in words) < len(words):
        return False  # most words not in capitals: no headline (a cheap test for most sentences)
    letters = [c for w in words for c in w if c.isalpha()]
    return sum(c.isupper() for c in letters) >= CAPITALS_SHARE * len(letters)


def as_lower_case(tokens: list[Token], lexicon: Lexicon, grammar: Grammar) -> list[Token]:
    """The tokens in lower case, unknown unaccented words with the accents our tables give them."""
    accents = {**_grammar_accents(grammar.lang), **lexicon.accented}
    out = []
    for token in tokens:
        word = token.text.lower()
        if len(word) != len(token.text):
            out.append(token)
            continue
        lemma = token.lemma
        if word == lemma and word.isascii() and word in accents and not _known(word, grammar.lang):
            lemma = word = accents[word]  # not "EL" -> "él", "E" -> "é": those are words as written
        out.append(replace(token, text=word, lemma=lemma))
    return out


def _known(word: str, lang: str) -> bool:
    """The lemmatiser's dictionary has the word as written (languages it lacks know none)."""
    try:
        return simplemma.is_known(word, lang=lang)
    except ValueError:
        return False


@functools.cache
def _grammar_accents(lang: str) -> dict[str, str]:
    """Folded form -> written form of the grammar's accented words ("segun" -> "según")."""
    grammar = load_grammar(lang)
    return {fold(w): w for forms in grammar.words.values() for w in forms if fold(w) != w}
