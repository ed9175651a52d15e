"""Trigger lexicons (lang/<code>/triggers.tsv) and the matcher that finds them in tokens.

A pattern is a sequence of token tests: `call on ... end|lift ... embargo|sanction`. A test
matches a token's lemma or lowercased form; `telefon*` / `*gespräch` match a word that starts / ends with that text (the bare
`telefon` / `gespräch` included, as for every later token of a pattern);
`...` allows a gap (up to Grammar.gap tokens, within the clause).
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dyad.errors import LexiconError
from dyad.model import Token
from dyad.tables import LANG_DIR, read_table, split_forms
from dyad.tokens import fold

# civil: the source must be an unarmed group ("students marched", not "troops marched");
# intransitive: only a preposition, adverb or punctuation may follow ("rallied in Manila", not
# "demonstrated its strength"); official: the source is a state, its officials or forces, or an
# IGO ("the minister arrived in Hanoi" is a visit, "militants arrived in Kabul" is not)
FLAGS = frozenset({"symmetric", "noun", "reverse", "object", "civil", "intransitive", "official"})
SEEN_LIMIT = 200_000  # (word, lemma) pairs whose candidates a Lexicon remembers


@dataclass(frozen=True)
class TokenTest:
    exact: frozenset[str]
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    gap_before: bool = False

    def matches(self, token: Token) -> bool:
        word, lemma = token.text.lower(), token.lemma
        if word in self.exact or lemma in self.exact:
            return True
        return any(word.startswith(p) or lemma.startswith(p) for p in self.prefixes) or \
            any(word.endswith(s) or lemma.endswith(s) for s in self.suffixes)


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry."""

    pattern: str
    cameo: str
    flags: frozenset[str]
    tests: tuple[TokenTest, ...]
    rule: str  # "lang/en/triggers.tsv:42"


@dataclass(frozen=True)
class TriggerMatch:
    trigger: Trigger
    indices: tuple[int, ...]  # token indices in the sentence, first = the anchor
    verb_final: bool = False  # "mit X gesprochen": a "verb ... word" pattern read backwards, verb last

    @property
    def anchor(self) -> int:
        return self.indices[0]


def parse_pattern(pattern: str, where: str) -> tuple[TokenTest, ...]:
    tests: list[TokenTest] = []
    gap = False
    for part in pattern.split():
        if part == "...":
            if not tests or gap:
                raise LexiconError(f"{where}: '...' must stand between two words in {pattern!r}")
            gap = True
            continue
        forms = [f.lower() for f in split_forms(part)]
        exact = frozenset(f for f in forms if "*" not in f)
        prefixes = tuple(f[:-1] for f in forms if f.endswith("*") and len(f) > 1)
        suffixes = tuple(f[1:] for f in forms if f.startswith("*") and len(f) > 1)
        tests.append(TokenTest(exact, prefixes, suffixes, gap_before=gap))
        gap = False
    if not tests or gap:
        raise LexiconError(f"{where}: empty pattern or trailing '...' in {pattern!r}")
    return tuple(tests)


class Lexicon:
    """The triggers of one language, indexed by the exact forms of their first token."""

    def __init__(self, lang: str, path: Path | None = None) -> None:
        path = path or LANG_DIR / lang / "triggers.tsv"
        self.lang = lang
        self.triggers: tuple[Trigger, ...] = ()
        if path.exists():
            self.triggers = tuple(self._load(path))
        by_first: dict[str, list[Trigger]] = {}
        by_prefix: dict[str, list[Trigger]] = {}
        by_suffix: dict[str, list[Trigger]] = {}
        for trigger in self.triggers:
            first = trigger.tests[0]
            for form in first.exact:
                by_first.setdefault(form, []).append(trigger)
            for prefix in first.prefixes:
                by_prefix.setdefault(prefix, []).append(trigger)
            for suffix in first.suffixes:
                by_suffix.setdefault(suffix, []).append(trigger)
        self._by_first = {k: tuple(v) for k, v in by_first.items()}
        # wildcard first tokens are looked up by every prefix/suffix of a word: a few dict
        # probes per token instead of testing each wildcard pattern (profiled: 25% of run time)
        self._by_prefix = {k: tuple(v) for k, v in by_prefix.items()}
        self._by_suffix = {k: tuple(v) for k, v in by_suffix.items()}
        self._prefix_lengths = sorted({len(k) for k in self._by_prefix})
        self._suffix_lengths = sorted({len(k) for k in self._by_suffix})
        # candidates per (word, lemma): words repeat, so most tokens cost one dict probe
        # (profiled: candidates was 11% of coding time); cleared when full, so memory stays flat
        self._seen: dict[tuple[str, str], tuple[Trigger, ...]] = {}
        # folded form -> written form of the accented words the triggers name: a headline in
        # capitals drops accents ("MOVILIZACION"), dyad.events.headline puts them back
        self.accented = {fold(form): form for trigger in self.triggers for test in trigger.tests
                         for form in test.exact if fold(form) != form}

    @staticmethod
    def _load(path: Path) -> list[Trigger]:
        out = []
        for row in read_table(path, ("pattern", "cameo")):
            flags = frozenset(f.strip() for f in row.get("flags").split(",") if f.strip())
            if flags - FLAGS:
                raise LexiconError(f"{row.where}: unknown flag(s) {sorted(flags - FLAGS)}")
            out.append(Trigger(row["pattern"], row["cameo"], flags,
                               parse_pattern(row["pattern"], row.where), row.where))
        return out

    def candidates(self, token: Token) -> tuple[Trigger, ...]:
        """Triggers whose first token may match this one (exact form, prefix or suffix)."""
        key = (token.text.lower(), token.lemma)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) >= SEEN_LIMIT:
                self._seen.clear()
            found = self._seen[key] = self._lookup(*key)
        return found

    def starts_with(self, form: str) -> bool:
        """Some trigger's first token is exactly this form ("bloquear")."""
        return form in self._by_first

    def _reversible(self, trigger: Trigger, prepositions: frozenset[str]) -> bool:
        """A two-word "verb ... preposition" pattern whose joined form is no trigger."""
        tests = trigger.tests
        return len(tests) == 2 and tests[1].gap_before and bool(tests[1].exact) \
            and tests[1].exact <= prepositions and not tests[1].prefixes and not tests[1].suffixes \
            and not any(self.starts_with(p + v) for p in tests[1].exact for v in tests[0].exact)

    def _lookup(self, word: str, lemma: str) -> tuple[Trigger, ...]:
        found = self._by_first.get(word, ()) + self._by_first.get(lemma, ())
        for form in {word, lemma}:
            for n in self._prefix_lengths:
                if n <= len(form):
                    found += self._by_prefix.get(form[:n], ())
            for n in self._suffix_lengths:
                if n <= len(form):
                    found += self._by_suffix.get(form[-n:], ())
        return tuple(dict.fromkeys(found))

    def find(self, tokens: list[Token], clause_of: list[int], gap: int,
             final_verb: Callable[[int], bool] | None = None,
             prepositions: frozenset[str] = frozenset()) -> list[TriggerMatch]:
        """Non-overlapping matches in a sentence, the most specific (longest) first.
        `final_verb(i)`: the word at i closes its clause as a verb-final language puts it; a
        pattern "verb ... preposition" ("sprechen ... mit") then also matches "mit X
        gesprochen" (not a separable particle: "auffordern" is written as one word there)."""
        found: list[TriggerMatch] = []
        for i, token in enumerate(tokens):
            for trigger in self.candidates(token):
                indices = _match_at(trigger.tests, tokens, clause_of, i, gap)
                if indices is None and final_verb is not None and self._reversible(trigger, prepositions) \
                        and final_verb(i):
                    before = _match_before(trigger.tests, tokens, clause_of, i, gap)
                    if before is not None:
                        found.append(TriggerMatch(trigger, (before, i), verb_final=True))
                if indices is not None:
                    found.append(TriggerMatch(trigger, indices))
        found.sort(key=lambda m: (-len(m.indices), m.anchor, m.trigger.rule))
        chosen: list[TriggerMatch] = []
        claimed: set[int] = set()
        for match in found:
            if claimed.isdisjoint(match.indices):
                chosen.append(match)
                claimed.update(match.indices)
        return sorted(chosen, key=lambda m: m.anchor)


def _match_at(tests: tuple[TokenTest, ...], tokens: list[Token], clause_of: list[int],
              start: int, gap: int) -> tuple[int, ...] | None:
    if not tests[0].matches(tokens[start]):
        return None
    indices = [start]
    for test in tests[1:]:
        previous = indices[-1]
        reach = previous + 1 + (gap if test.gap_before else 0)
        nxt = next((j for j in range(previous + 1, min(reach + 1, len(tokens)))
                    if clause_of[j] == clause_of[start] and test.matches(tokens[j])), None)
        if nxt is None:
            return None
        indices.append(nxt)
    return tuple(indices)


def _match_before(tests: tuple[TokenTest, ...], tokens: list[Token], clause_of: list[int],
                  verb: int, gap: int) -> int | None:
    """The index of the second test's word before a clause-final verb matching the first."""
    if not tests[0].matches(tokens[verb]):
        return None
    return next((j for j in range(verb - 1, max(-1, verb - 2 - gap), -1)
                 if clause_of[j] == clause_of[verb] and tests[1].matches(tokens[j])), None)


@functools.cache
def load_lexicon(lang: str) -> Lexicon:
    return Lexicon(lang)
