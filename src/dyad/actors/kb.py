"""The actor knowledge base for one language: names, adjectives, roles, IGOs, armed and political
groups, people, descriptors.

Everything comes from data files (kb/*.tsv, lang/<code>/*.tsv) plus CLDR territory names from
babel; all surface forms go into one Aho-Corasick automaton over diacritic-folded text.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
from babel import Locale, UnknownLocaleError
from rapidfuzz import fuzz, process, utils

from dyad.actors.cache import cache_dir, cached, fingerprint
from dyad.actors.userdict import CodeParts, UserActor, load_user_actors, split_code
from dyad.errors import LexiconError
from dyad.tables import KB_DIR, LANG_DIR, read_table, split_forms
from dyad.tokens import fold

# When one person holds several offices at once, the code shows the first of these.
AGENT_PRIORITY: tuple[str, ...] = ("GOV", "PTY", "MIL", "LEG", "JUD", "COP", "SPY", "DIP")
# Kinds whose data forms are proper nouns: a capitalised form must be capitalised in the text.
PROPER_KINDS = frozenset({"country", "igo", "group", "person", "place", "metonym"})
# rapidfuzz token-sort ratio (punctuation as spaces) a title's name needs to be read as a known
# person spelled otherwise: "Miguel Diaz Canel" ~ "Miguel Díaz-Canel" 100, "Emanuel Macron" 97;
# "Le Thanh Hai" ~ "Le Thanh Tung" is only 64, "Vo Van Thuong" ~ "Vo Van Kiet" 67
FUZZY_CUTOFF = 90.0
COMPOUND_MODIFIER = 3  # letters before a role head in a compound: "Pilotengewerkschaft", not "Exminister"


@dataclass(frozen=True)
class Entry:
    """What one surface form can mean."""

    kind: str  # country | demonym | people | role | igo | group | person | descriptor | place | metonym
    key: str  # alpha-3, IGO code, group or person name, role key, descriptor kind or place name
    agent: str | None
    form: str  # the form as written in the data (its case matters for acronyms)
    rule: str  # where the form comes from, e.g. "lang/en/roles.tsv:12" or "cldr:de"


@dataclass(frozen=True)
class Atom:
    """A matched surface form in the text, with every entry it may stand for."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    def first(self, kind: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == kind), None)


@dataclass(frozen=True)
class Office:
    """One period in which a person held a role."""

    country: str | None
    agent: str | None
    role: str | None
    start: dt.date | None
    end: dt.date | None
    organisation: str | None = None  # an IGO/NGO code ("IGOUNO") instead of a country

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class GroupCode:
    """The code a non-state armed or political group has in one period (kb/groups.tsv)."""

    code: str  # "AFGREB"; a transnational group's own code ("IMGMUSISI")
    country: str | None  # home state, None for a transnational group
    agent: str
    start: dt.date | None
    end: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float | None
    lon: float | None


class KnowledgeBase:
    """Loaded actor knowledge for one language; build with `load_knowledge_base(lang)`."""

    def __init__(self, lang: str, lang_dir: Path = LANG_DIR, kb_dir: Path = KB_DIR,
                 user_actors: tuple[UserActor, ...] = ()) -> None:
        self.lang = lang
        self.alpha3 = {r["alpha2"]: r["alpha3"] for r in read_table(kb_dir / "countries.tsv")}
        self.places = _load_places(kb_dir / "countries.tsv")
        self.igo_names = _igo_names(kb_dir / "igos.tsv")
        self.groups = _load_groups(kb_dir / "groups.tsv", frozenset(self.alpha3.values()))
        self.offices = _load_offices(kb_dir / "people.tsv")
        # users' entries come first: for one form and kind, the first entry wins
        entries = self._user_entries(user_actors) + self._entries(lang_dir / lang, kb_dir)
        self._automaton = _build_automaton(entries)
        heads = lang_dir / lang / "role_heads.tsv"
        self.role_heads = frozenset(fold(r["head"]).lower() for r in read_table(heads)) if heads.exists() else frozenset()

    def _entries(self, folder: Path, kb_dir: Path) -> list[Entry]:
        entries = _cldr_country_entries(self.lang, self.alpha3)
        entries += _form_entries(folder / "countries.tsv", "country", "country")
        entries += _form_entries(folder / "demonyms.tsv", "demonym", "country")
        entries += _form_entries(folder / "demonyms.tsv", "people", "country", forms="people",
                                 agent="CVL")
        entries += _form_entries(folder / "roles.tsv", "role", "role", agent_column="agent")
        entries += _form_entries(folder / "igos.tsv", "igo", "code")
        entries += self._group_entries(folder / "groups.tsv")
        entries += _form_entries(folder / "descriptors.tsv", "descriptor", "kind")
        entries += _form_entries(kb_dir / "people.tsv", "person", "name", name_is_form=True)
        entries += [Entry("place", name, None, name, "kb/countries.tsv") for name in self.places]
        entries += self._capital_entries(folder / "capitals.tsv")
        entries += _form_entries(folder / "metonyms.tsv", "metonym", "country", agent_column="agent")
        return entries

    def _group_entries(self, path: Path) -> list[Entry]:
        """Forms of the groups in kb/groups.tsv, keyed by the group's name there."""
        entries = _form_entries(path, "group", "group")
        unknown = next((e for e in entries if e.key not in self.groups), None)
        if unknown is not None:
            raise LexiconError(f"{unknown.rule}: group {unknown.key!r} is not in kb/groups.tsv")
        return entries

    def group_on(self, name: str, day: dt.date | None) -> GroupCode | None:
        """The code group `name` has on `day`: the one whose period holds, else the latest."""
        codes = self.groups.get(name, ())
        held = [c for c in codes if day is not None and c.holds_on(day)]
        return (held or list(codes[-1:]) or [None])[0]

    def _capital_entries(self, path: Path) -> list[Entry]:
        """Capitals as this language writes them ("Moskau", "Москве"), keyed like the English
        name in kb/countries.tsv so that they share its coordinates."""
        english = {place.country: name for name, place in self.places.items()
                   if "," not in name}  # "Washington", not "Washington, D.C."
        return [Entry("place", english[row["country"]], None, form, row.where)
                for row in (read_table(path) if path.exists() else ())
                if row["country"] in english for form in split_forms(row.get("forms"))]

    def _user_entries(self, actors: tuple[UserActor, ...]) -> list[Entry]:
        """A user's actor is a country or organisation alias when it has one undated code that
        is just that; otherwise a named actor with (dated) offices, like a person."""
        countries = frozenset(self.alpha3.values())
        entries: list[Entry] = []
        for actor in actors:
            rule = f"user:{actor.where}"
            parts = [split_code(c.code, countries) for c in actor.codes]
            only = parts[0] if len(parts) == 1 and not actor.codes[0].dated else None
            if only is not None and only.country and not only.agent:
                entries += [Entry("country", only.country, None, f, rule) for f in actor.forms]
            elif only is not None and only.organisation:
                self.igo_names.setdefault(only.organisation, actor.name)
                entries += [Entry("igo", only.organisation, None, f, rule) for f in actor.forms]
            else:
                self._add_offices(actor, parts)
                entries += [Entry("person", actor.name, None, f, rule) for f in actor.forms]
        return entries

    def _add_offices(self, actor: UserActor, parts: list[CodeParts]) -> None:
        """The actor's dated codes as offices, after any the knowledge base already has; an
        agent alone ("ELI") takes the state of the actor's other codes."""
        home = next((p.country for p in parts if p.country), None)
        added = [Office(p.country or (home if not p.organisation else None), p.agent, None,
                        c.start, c.end, p.organisation) for c, p in zip(actor.codes, parts)]
        known = list(self.offices.get(actor.name, ()))
        self.offices[actor.name] = tuple(sorted(known + added, key=lambda o: o.start or dt.date.min))

    def find(self, text: str) -> list[Atom]:
        """Leftmost-longest matches on word boundaries, one automaton pass over the text."""
        folded = fold(text)
        candidates: list[tuple[int, int, tuple[Entry, ...]]] = []
        compounds: dict[tuple[int, int], tuple[int, tuple[Entry, ...], int]] = {}
        for end_index, (length, entries) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if not _on_word_boundary(folded, start, end):
                compound = self._compound(folded, text, start, end, entries)
                if compound is not None:
                    compounds[(compound[0], end)] = max(compounds.get((compound[0], end), compound), compound,
                                                       key=lambda c: c[0] - c[2])
                continue
            entries = tuple(e for e in entries if _case_fits(e, text[start:end])
                            and not (e.kind == "group" and _acronym(e.form)
                                     and _in_capitals(text, start, end)))
            if entries:
                candidates.append((start, end, entries))
        whole = {(c[0], c[1]) for c in candidates}
        candidates += [(word, end, entries) for (word, end), (_, entries, _head) in compounds.items()
                       if (word, end) not in whole]
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        atoms: list[Atom] = []
        for start, end, entries in candidates:
            if atoms and start < atoms[-1].end:
                continue
            atoms.append(Atom(start, end, entries))
        return atoms

    def _compound(self, folded: str, text: str, start: int, end: int,
                  entries: tuple[Entry, ...]) -> tuple[int, tuple[Entry, ...], int] | None:
        """A capitalised word ending in a role form whose head lang/<code>/role_heads.tsv lists
        ("Pilotengewerkschaft", "Bundesaußenminister"): that role, over the whole word; the
        word's start, the role entries and the matched form's start (longest form wins)."""
        roles = tuple(e for e in entries if e.kind == "role")
        if not roles or not self.role_heads or not (end == len(folded) or not folded[end].isalnum()):
            return None
        form = folded[start:end].lower()
        if not any(form.endswith(head) for head in self.role_heads):
            return None
        word = start
        while word > 0 and folded[word - 1].isalpha():
            word -= 1
        if start - word < COMPOUND_MODIFIER or not text[word].isupper() or not folded[start - 1].islower():
            return None
        return word, roles, start

    def offices_on(self, name: str, day: dt.date | None) -> list[Office]:
        """Offices `name` held on `day` (all, most senior first); the latest ones when no day."""
        offices = self.offices.get(name, ())
        if day is None:
            current = [o for o in offices if o.end is None] or list(offices[-1:])
        else:
            # an undated office is the default when no dated one holds (Phoenix's convention)
            current = [o for o in offices if o.dated and o.holds_on(day)] \
                or [o for o in offices if not o.dated]
        return sorted(current, key=lambda o: _agent_rank(o.agent))

    def holder_on(self, country: str, role: str, day: dt.date | None) -> str | None:
        """The one person who held `role` for `country` on `day` (None when unknown or several)."""
        if day is None:
            return None
        names = {name for name, office in self._holders.get((country, role), ())
                 if office.holds_on(day)}
        return names.pop() if len(names) == 1 else None

    @functools.cached_property
    def _holders(self) -> dict[tuple[str, str], list[tuple[str, Office]]]:
        index: dict[tuple[str, str], list[tuple[str, Office]]] = {}
        for name, offices in self.offices.items():
            for office in offices:
                if office.country and office.role and office.dated:
                    index.setdefault((office.country, office.role), []).append((name, office))
        return index

    def entries_for(self, form: str) -> tuple[Entry, ...]:
        """Every entry of one surface form (folded), as the automaton holds them."""
        found = self._automaton.get(fold(form), None)
        return found[1] if found else ()

    def closest_person(self, name: str, country: str | None,
                       cutoff: float = FUZZY_CUTOFF) -> tuple[str, float] | None:
        """The known person whose name form is closest to `name` (rapidfuzz token-sort ratio on
        folded text, at least `cutoff`), among the people of `country` when it is known."""
        forms, names = self._person_forms.get(country, ((), ()))
        if not forms:
            return None
        hit = process.extractOne(fold(name), forms, scorer=fuzz.token_sort_ratio,
                                 processor=utils.default_process, score_cutoff=cutoff)
        return (names[hit[2]], hit[1]) if hit else None

    @functools.cached_property
    def _person_forms(self) -> dict[str | None, tuple[list[str], list[str]]]:
        """(folded forms, person names) by country, None for everybody; built on first use."""
        by_country: dict[str | None, tuple[list[str], list[str]]] = {}
        for form, (_length, entries) in self._automaton.items():
            for entry in (e for e in entries if e.kind == "person"):
                countries = {None} | {o.country for o in self.offices.get(entry.key, ())}
                for country in countries:
                    forms, names = by_country.setdefault(country, ([], []))
                    forms.append(form)
                    names.append(entry.key)
        return by_country

    def country_of(self, name: str) -> str | None:
        return next((o.country for o in reversed(self.offices.get(name, ())) if o.country), None)


@functools.cache
def load_knowledge_base(lang: str, actor_files: tuple[Path, ...] = ()) -> KnowledgeBase:
    """One knowledge base per language and user dictionaries, per process; built once and then
    loaded from the on-disk cache (bench/kb_load.py measures both)."""
    # the code that builds it is part of the key: a changed class must not load an old pickle
    code = [Path(__file__), Path(__file__).with_name("userdict.py")]
    sources = code + sorted((LANG_DIR / lang).glob("*.tsv")) + sorted(KB_DIR.glob("*.tsv"))
    key = fingerprint([lang, *(str(p) for p in actor_files)], [*sources, *actor_files])

    def build() -> KnowledgeBase:
        users = tuple(a for path in actor_files for a in load_user_actors(path))
        return KnowledgeBase(lang, user_actors=users)

    return cached(key, build, cache_dir())


def _agent_rank(agent: str | None) -> int:
    return AGENT_PRIORITY.index(agent) if agent in AGENT_PRIORITY else len(AGENT_PRIORITY)


def _on_word_boundary(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


def _acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters)


def _in_capitals(text: str, start: int, end: int) -> bool:
    """The words either side are in capitals too ("WHAT IS NEXT"): a headline, where a group's
    acronym ("IS", "ETA") is as likely an ordinary word."""
    words = text[max(0, start - 40):start].split()[-1:] + text[end:end + 40].split()[:1]
    words = [w for w in words if any(c.isalpha() for c in w)]
    return bool(words) and all(w.upper() == w for w in words)


def _case_fits(entry: Entry, surface: str) -> bool:
    """Acronyms ("US", "UN") only in capitals; proper names only capitalised."""
    if _acronym(entry.form):
        return surface.upper() == surface
    if entry.kind in PROPER_KINDS and entry.form[:1].isupper():
        return surface[:1].isupper()
    return True


def _build_automaton(entries: list[Entry]) -> ahocorasick.Automaton:
    by_form: dict[str, list[Entry]] = {}
    for entry in entries:
        key = fold(entry.form)
        found = by_form.setdefault(key, []) if len(key) >= 2 else None
        # "Nguyễn Phú Trọng" and "Nguyen Phu Trong" fold alike: one entry per meaning
        if found is not None and not any((e.kind, e.key, e.agent) == (entry.kind, entry.key, entry.agent)
                                         for e in found):
            found.append(entry)
    automaton = ahocorasick.Automaton()
    for key, found in by_form.items():
        automaton.add_word(key, (len(key), tuple(found)))
    automaton.make_automaton()
    return automaton


def _cldr_country_entries(lang: str, alpha3: dict[str, str]) -> list[Entry]:
    """Country names in `lang` from CLDR (two-letter territory keys only)."""
    try:
        territories = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        return []
    return [Entry("country", alpha3[code], None, name, f"cldr:{lang}")
            for code, name in territories.items() if code in alpha3]


def _form_entries(path: Path, kind: str, key_column: str, forms: str = "forms",
                  agent: str | None = None, agent_column: str | None = None,
                  name_is_form: bool = False) -> list[Entry]:
    if not path.exists():
        return []
    out = []
    for row in read_table(path):
        surface = split_forms(row.get(forms))
        if name_is_form:
            surface.append(row[key_column])
        row_agent = row.get(agent_column) if agent_column else agent
        out += [Entry(kind, row[key_column], row_agent or None, f, row.where) for f in surface]
    return out


def _load_offices(path: Path) -> dict[str, tuple[Office, ...]]:
    offices: dict[str, list[Office]] = {}
    if not path.exists():
        return {}
    for row in read_table(path, ("name", "country")):
        offices.setdefault(row["name"], []).append(Office(
            row["country"], row.get("agent") or "GOV", row.get("role"),
            _day(row.get("start")), _day(row.get("end"), last=True)))
    return {name: tuple(sorted(o, key=lambda x: x.start or dt.date.min))
            for name, o in offices.items()}


def _load_places(path: Path) -> dict[str, Place]:
    places = {}
    for row in read_table(path):
        capital = row.get("capital")
        if capital:
            place = Place(capital, row["alpha3"], _float(row.get("capital_lat")),
                          _float(row.get("capital_lon")))
            # "Washington, D.C." is written "Washington" in news
            for name in {capital, capital.split(",")[0].strip()}:
                places[name] = place
    return places


def _load_groups(path: Path, states: frozenset[str]) -> dict[str, tuple[GroupCode, ...]]:
    """kb/groups.tsv by group name, periods in order; a state group's code must be its state
    and agent ("AFGREB"), a transnational one has no state."""
    groups: dict[str, list[GroupCode]] = {}
    if not path.exists():
        return {}
    for row in read_table(path, ("code", "name", "agent")):
        country = row.get("country") or None
        if country is not None and (country not in states or row["code"] != country + row["agent"]):
            raise LexiconError(f"{row.where}: code {row['code']!r} is not the state {country!r} "
                               f"and agent {row['agent']!r}")
        groups.setdefault(row["name"], []).append(GroupCode(
            row["code"], country, row["agent"], _day(row.get("start")), _day(row.get("end"), last=True)))
    return {name: tuple(sorted(codes, key=lambda c: c.start or dt.date.min))
            for name, codes in groups.items()}


def _igo_names(path: Path) -> dict[str, str]:
    return {r["code"]: r["name"] for r in read_table(path)} if path.exists() else {}


def _day(value: str, last: bool = False) -> dt.date | None:
    """A YYYY-MM-DD, YYYY-MM or YYYY value as its first day (or its last, for term ends)."""
    try:
        parts = [int(p) for p in value.split("-")] if value else []
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1] if last else 1)
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31) if last else dt.date(parts[0], 1, 1)
    except ValueError:
        pass
    return None


def _float(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None
