"""Where an event happened: a city or capital named after a place preposition ("in Havana",
"en La Habana", "à Hanoï", "в Гаване", "tại Hà Nội"), looked up in the shipped gazetteer.

The gazetteer (kb/places.tsv, generated from GeoNames by scripts/build_gazetteer.py) goes into
one pyahocorasick automaton over diacritic-folded forms, built once per language and process
(~0.3 s, 3,100 places, ~60,000 forms). A city name that is also a word or a person's name
("Reading", "Victoria") is only taken when it is capitalised and follows a place preposition
of the event's clause.

Without a city, a country the actor stage found right after a location preposition ("huelgas
en Ecuador", "tại Bangladesh", "in der Türkei") is the location at country precision: its
English name (kb/countries.tsv) and ISO code, lat and lon null (no point is claimed). Only
`location_prep` counts: French "à" and Italian "a" before a country mark a recipient.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from dyad.events.placement import Placed, after_kind
from dyad.grammar import Grammar, load_grammar
from dyad.model import Location, Sentence, Token
from dyad.tables import KB_DIR, country_names, read_table, split_forms
from dyad.tokens import fold

PLACES = KB_DIR / "places.tsv"
PREPOSITIONS = ("location_prep", "place_prep")
COUNTRY_PREPOSITION = "location_prep"  # "place_prep" ("à", "a") is for city names only
COUNTRY_ONLY = frozenset({"country"})


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float
    lon: float
    population: int


class Gazetteer:
    """Places by folded surface form. A form several places share ("San José": Costa Rica's
    capital, the Californian city) keeps them all, ranked: places whose own name it is before
    places that merely list it as an alternate name ("Victoria" is not Hong Kong), then by
    population; find_location picks among them by the countries of the article."""

    def __init__(self, path: Path = PLACES, inflections: tuple[tuple[str, str], ...] = ()) -> None:
        by_form: dict[str, dict[Place, bool]] = {}
        for row in read_table(path, ("name", "country", "lat", "lon")):
            place = Place(row["name"], row["country"], float(row["lat"]), float(row["lon"]),
                          int(row.get("population") or 0))
            own = fold(row["name"])
            for form in [row["name"], *split_forms(row.get("forms"))]:
                for variant in _variants(fold(form), inflections):
                    named = by_form.setdefault(variant, {})
                    named[place] = named.get(place, False) or fold(form) == own
        self._automaton = ahocorasick.Automaton()
        for form, named in by_form.items():
            ranked = tuple(sorted(named, key=lambda p: (not named[p], -p.population)))
            self._automaton.add_word(form, (len(form), ranked))
        self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, tuple[Place, ...]]]:
        """Capitalised place names on word boundaries, leftmost-longest, in text order; each
        with its candidate places, best first."""
        folded = fold(text)
        found = []
        for end_index, (length, places) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            before = folded[start - 1] if start else " "
            after = folded[end] if end < len(folded) else " "
            if not before.isalnum() and not after.isalnum() and text[start].isupper():
                found.append((start, end, places))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        out: list[tuple[int, int, tuple[Place, ...]]] = []
        for item in found:
            if not out or item[0] >= out[-1][1]:
                out.append(item)
        return out


def _variants(form: str, inflections: tuple[tuple[str, str], ...]) -> set[str]:
    """The form and its inflected forms ("москва" → "москве"); rules apply to Cyrillic forms."""
    out = {form}
    if form[-1:].isalpha() and not form[-1].isascii():
        for old, new in inflections:
            if form.endswith(old):
                out.add(form[:len(form) - len(old)] + new)
    return out


def _inflections(grammar: Grammar) -> tuple[tuple[str, str], ...]:
    return tuple((old, new) for old, _, new in (r.partition(">") for r in grammar.place_inflections))


@functools.cache
def load_gazetteer(lang: str) -> Gazetteer:
    """One gazetteer per language and process (the language adds its place-name inflections)."""
    return Gazetteer(PLACES, _inflections(load_grammar(lang)))


@dataclass(frozen=True)
class Posting:
    """A place attached to the source's phrase ("el embajador chileno en Argentina"): where a
    source of state `home` is posted, when that place lies in another state."""

    indices: range
    home: str

    def excludes(self, index: int, country: str | None) -> bool:
        return index in self.indices and country != self.home


def find_location(sentence: Sentence, tokens: list[Token], clause_of: list[int], anchor: int,
                  grammar: Grammar, gazetteer: Gazetteer,
                  placed: list[Placed] | None = None, posting: Posting | None = None,
                  countries: frozenset[str] = frozenset()) -> Location | None:
    """The place named after a place preposition in the trigger's clause, nearest the trigger;
    without one, the country named after a location preposition there (country precision); the
    place of a `posting` is neither. `countries`: those the article has named so far; a city
    name several places share is the one in such a country ("San José" in an article about
    Costa Rica), else the best ranked."""
    city = _find_city(sentence, tokens, clause_of, anchor, grammar, gazetteer, posting, countries)
    if city is not None or not placed:
        return city
    return _find_country(tokens, clause_of, anchor, grammar, placed, posting)


def _find_country(tokens: list[Token], clause_of: list[int], anchor: int, grammar: Grammar,
                  placed: list[Placed], posting: Posting | None = None) -> Location | None:
    """A unit that is only a country name, after a location preposition in the trigger's clause."""
    found = [(abs(p.first - anchor), p.unit.country) for p in placed
             if p.unit.kinds == COUNTRY_ONLY and p.unit.country and p.first > 0
             and clause_of[p.first] == clause_of[anchor]
             and after_kind(p.first, tokens, grammar, COUNTRY_PREPOSITION)
             and not (posting and posting.excludes(p.first, p.unit.country))]
    if not found:
        return None
    code = min(found)[1]
    return Location(country_names().get(code, code), code, None, None)


def _find_city(sentence: Sentence, tokens: list[Token], clause_of: list[int], anchor: int,
               grammar: Grammar, gazetteer: Gazetteer, posting: Posting | None = None,
               countries: frozenset[str] = frozenset()) -> Location | None:
    """The city named after a place preposition in the trigger's clause, nearest the trigger."""
    by_start = {t.start: i for i, t in enumerate(tokens)}
    best: tuple[int, Place] | None = None
    for start, _end, places in gazetteer.find(sentence.text):
        place = next((p for p in places if p.country in countries), places[0])
        index = by_start.get(sentence.start + start)
        if not index or clause_of[index] != clause_of[anchor]:
            continue
        if not any(after_kind(index, tokens, grammar, kind) for kind in PREPOSITIONS):
            continue  # "in Havana", "in the capital Nairobi"
        if posting is not None and posting.excludes(index, place.country):
            continue  # "the Chilean ambassador in Buenos Aires": his post, not the event's place
        distance = abs(index - anchor)
        if best is None or distance < best[0]:
            best = (distance, place)
    if best is None:
        return None
    place = best[1]
    return Location(place.name, place.country, place.lat, place.lon)
