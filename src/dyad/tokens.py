"""Tokens, lemmas and diacritic folding shared by the actor and event stages."""
from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

import simplemma

from dyad.model import Token

# A word (letters/digits, inner hyphens and apostrophes as in "Díaz-Canel", "O'Brien"),
# an English possessive "'s", or one punctuation character.
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*(?<![’']s)|[’']s\b|[^\w\s]")
POSSESSIVE = re.compile(r"(\w)[’']s\b")

# Letters whose NFD form has no separate base letter (đ, ø, ł ...), folded by hand.
_EXTRA_FOLDS = {"đ": "d", "ø": "o", "ł": "l", "ħ": "h", "ı": "i", "ŧ": "t", "ð": "d",
                "ё": "е"}  # Russian writes "е" for "ё" in most texts


def _build_fold_table() -> MappingProxyType[int, str]:
    """Map accented Latin/Vietnamese letters to their base letter, one char to one char."""
    table: dict[int, str] = {}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code).lower()
        if len(char) != 1:
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            table[code] = base
            table[ord(char)] = base
    for char, base in _EXTRA_FOLDS.items():
        table[ord(char)] = base
    return MappingProxyType(table)


FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Lowercase and strip diacritics without changing the length (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lowercases to two characters
        low = "".join(ch.lower()[0] for ch in text)
    return low if low.isascii() else low.translate(FOLD_TABLE)


def tokenize(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, text) of every token; offsets shifted by `offset`."""
    return [(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN.finditer(text)]


def split_elisions(tokens: list[tuple[int, int, str]],
                   elisions: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Split elided articles and prepositions off their word ("dell'Italia" -> "dell'", "Italia").

    `elisions` are lowercase forms ending in an apostrophe (grammar.tsv kind `elision`),
    longest first; only words with an apostrophe are looked at.
    """
    if not elisions:
        return tokens
    out: list[tuple[int, int, str]] = []
    for start, end, text in tokens:
        low = text.lower()
        cut = next((len(e) for e in elisions if low.startswith(e) and len(low) > len(e)), 0) \
            if ("'" in text or "’" in text) else 0
        if cut:
            out += [(start, start + cut, text[:cut]), (start + cut, end, text[cut:])]
        else:
            out.append((start, end, text))
    return out


class Lemmatizer:
    """Lowercased lemmas from simplemma, cached per word (each lookup costs ~10 µs)."""

    def __init__(self, lang: str, elisions: frozenset[str] = frozenset()) -> None:
        self.lang = lang
        # longest first, so that "dell'" wins over "d'"
        self.elisions = tuple(sorted(elisions, key=len, reverse=True))
        self._cache: dict[str, str] = {}
        try:
            simplemma.lemmatize("test", lang=lang)
            self._supported = True
        except ValueError:  # simplemma has no dictionary for this language (e.g. vi)
            self._supported = False

    def lemma(self, word: str) -> str:
        cached = self._cache.get(word)
        if cached is None:
            cached = word.lower()
            if self._supported and any(ch.isalpha() for ch in word):
                cached = simplemma.lemmatize(word, lang=self.lang).lower()
                if cached == word.lower() and "-" in word and word != word.lower():
                    # simplemma lowercases a capitalised word, but not one with a hyphen: a
                    # sentence-initial enclitic ("Realizaram-se protestos") kept its own form
                    cached = simplemma.lemmatize(word.lower(), lang=self.lang).lower()
            self._cache[word] = cached
        return cached

    def tokens(self, text: str, offset: int = 0) -> list[Token]:
        return [Token(s, e, t, self.lemma(t))
                for s, e, t in split_elisions(tokenize(text, offset), self.elisions)]
