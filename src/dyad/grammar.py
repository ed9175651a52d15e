"""Per-language function words the actor and event rules rely on (lang/<code>/grammar.tsv)."""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from dyad.tables import LANG_DIR, read_table, split_forms


@dataclass(frozen=True)
class Grammar:
    """Closed-class words of one language, lowercased, as frozensets for O(1) membership."""

    lang: str
    words: dict[str, frozenset[str]]  # lowercased forms
    exact: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)  # case-sensitive
    verb_second: bool = False  # German-style: the subject may follow the finite verb
    name_min_tokens: int = 1  # unknown names after a title need this many capitalised words
    gap: int = 8  # the widest gap "..." spans in a trigger pattern
    adverb_suffix: str = ""  # English "-ly": adverbs may stand between subject and verb
    future_suffixes: tuple[str, ...] = ()  # verb endings of a synthetic future (es "-rá")
    place_inflections: tuple[str, ...] = ()  # "а>е": case endings of place names ("в Москве")
    capitalised_nouns: bool = False  # German: a capitalised word inside a sentence is a noun (or name)
    purpose_infinitive: bool = True  # the infinitive marker alone can state a purpose ("para")
    noun_compounds: bool = False  # English: a noun may modify the next one ("police brutality")
    adjective_after: bool = False  # adjectives follow their noun ("organizaciones guatemaltecas")
    demonym_names: int = 0  # "el tenista austríaco Thomas Muster": capitalised words a nationality takes as a name (0: none)

    def has(self, kind: str, word: str) -> bool:
        return word.lower() in self.words.get(kind, frozenset()) \
            or word in self.exact.get(kind, frozenset())


@functools.cache
def load_grammar(lang: str) -> Grammar:
    """The language's grammar.tsv; an empty grammar for languages without one.

    A form written `=stato` matches only in that case: Italian "stato" (passive auxiliary) is
    not "Stato"/"Stati Uniti" (state).
    """
    path = LANG_DIR / lang / "grammar.tsv"
    if not path.exists():
        return Grammar(lang, {})
    words: dict[str, set[str]] = {}
    exact: dict[str, set[str]] = {}
    settings: dict[str, str] = {}
    for row in read_table(path, ("kind", "forms")):
        if row["kind"] == "setting":
            name, _, value = row["forms"].partition("=")
            settings[name.strip()] = value.strip()
            continue
        forms = split_forms(row["forms"])
        words.setdefault(row["kind"], set()).update(f.lower() for f in forms if not f.startswith("="))
        exact.setdefault(row["kind"], set()).update(f[1:] for f in forms if f.startswith("=") and len(f) > 1)
    return Grammar(lang, {k: frozenset(v) for k, v in words.items()},
                   exact={k: frozenset(v) for k, v in exact.items() if v},
                   verb_second=settings.get("verb_second") == "yes",
                   name_min_tokens=int(settings.get("name_min_tokens", "1")),
                   gap=int(settings.get("gap", "8")),
                   adverb_suffix=settings.get("adverb_suffix", ""),
                   future_suffixes=tuple(f for f in settings.get("future_suffixes", "").split("|") if f),
                   place_inflections=tuple(f for f in settings.get("place_inflections", "").split("|") if f),
                   capitalised_nouns=settings.get("capitalised_nouns") == "yes",
                   purpose_infinitive=settings.get("purpose_infinitive", "yes") == "yes",
                   noun_compounds=settings.get("noun_compounds") == "yes",
                   adjective_after=settings.get("adjective_after") == "yes",
                   demonym_names=int(settings.get("demonym_names", "0")))
