"""Headlines in capitals ("COLONOS JUDIOS CORTAN LA CARRETERA DE JERICO"): read as lower case.

Capitals carry no sign of a name there, and wire headlines often drop the accents of capital
letters ("MOVILIZACION", "SEGUN"). So the coder reads such a sentence's tokens in lower case,
and a word the lemmatiser leaves as it is takes the accented form the trigger lexicon or the
grammar knows ("movilizacion" -> "movilización"). The evidence keeps the text as written.
"""
from __future__ import annotations

import functools
from dataclasses import replace

from dyad.events.lexicon import Lexicon
from dyad.grammar import Grammar, load_grammar
from dyad.model import Token
from dyad.tokens import fold

MIN_WORDS = 3  # "ONU:" or "EEUU-CUBA" alone is no headline
CAPITALS_SHARE = 0.9  # of letters; "(AFP)" or a lower-case unit may stand in a headline


def in_capitals(tokens: list[Token]) -> bool:
    """The sentence is written in capitals: at least MIN_WORDS words and nearly every letter upper."""
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    letters = [c for w in words for c in w if c.isalpha()]
    return len(words) >= MIN_WORDS and sum(c.isupper() for c in letters) >= CAPITALS_SHARE * len(letters)


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
        if word == lemma and word.isascii():
            lemma = word = accents.get(word, word)
        out.append(replace(token, text=word, lemma=lemma))
    return out


@functools.cache
def _grammar_accents(lang: str) -> dict[str, str]:
    """Folded form -> written form of the grammar's accented words ("segun" -> "según")."""
    grammar = load_grammar(lang)
    return {fold(w): w for forms in grammar.words.values() for w in forms if fold(w) != w}
