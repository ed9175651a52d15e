"""Turn the automaton's atoms into actor phrases ("units") for one sentence.

"outgoing Vietnamese Ambassador Le Thanh Tung" is one unit (demonym + role + name);
"First Secretary of the Communist Party of Cuba and President of Cuba Miguel Díaz-Canel" is one
unit (roles and a person of one country); "Díaz-Canel and Le Thanh Tung" stays two.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from dyad.actors.kb import AGENT_PRIORITY, Atom, Entry, KnowledgeBase
from dyad.actors.roles import GROUP_ROLES, MEMBER_NAME, OFFICE_ROLES
from dyad.grammar import Grammar
from dyad.model import Actor

NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
CAPITAL_ONLY = frozenset({"capital"})


def _after_location_word(unit: Unit, text: str, offset: int, grammar: Grammar) -> bool:
    """"in Havana", "in the Kremlin", "tại Hà Nội": a seat of power after a location
    preposition (and a determiner) is a place."""
    words = text[:unit.start - offset].split()
    while words and grammar.has("determiner", words[-1]):
        words.pop()
    if len(words) > 1 and grammar.has("arrival_verb", words[-2]):
        return False  # "arrived in Hanoi": where a visitor arrives is whom the visit is to
    return bool(words) and grammar.has("location_prep", words[-1])


def _capital_as_modifier(unit: Unit, text: str, offset: int, grammar: Grammar) -> bool:
    """"the Minsk agreement", "the Beijing Olympics": a capital after an article names a thing;
    a capital standing for its government takes none ("Minsk said"). Seats of power that take
    one ("the Kremlin") are metonyms, not capitals, and keep it."""
    if not unit.rule.startswith("capital-metonym"):
        return False
    words = text[:unit.start - offset].split()
    return bool(words) and grammar.has("determiner", words[-1])


@dataclass(frozen=True)
class Unit:
    """An actor phrase in a sentence: what it is made of and what it resolves to."""

    start: int
    end: int
    kinds: frozenset[str]  # entry kinds that make it up: person, role, country, demonym ...
    country: str | None = None
    igo: str | None = None
    group: str | None = None  # a non-state group's code on the day (kb/groups.tsv)
    agent: str | None = None
    role: str | None = None
    name: str | None = None
    descriptor: str | None = None  # coreference kind when the phrase is a pronoun/descriptor
    rule: str = ""
    actor: Actor | None = None  # filled when resolved (by the phrase itself or by coreference)

    @property
    def person_like(self) -> bool:
        """A person or office ("he" may refer to it); a group's name alone is not one."""
        named = bool(self.name) and "group" not in self.kinds
        return bool(named or self.role or self.kinds & {"person", "role"})


def build_units(text: str, offset: int, atoms: list[Atom], kb: KnowledgeBase, grammar: Grammar,
                day: dt.date | None) -> list[Unit]:
    """Compose atoms (offsets into the article) into units for the sentence text at `offset`."""
    units = [u for u in (_unit_from_atom(a, kb, day) for a in atoms) if u is not None
             and not (u.kinds == CAPITAL_ONLY and _after_location_word(u, text, offset, grammar))
             and not _capital_as_modifier(u, text, offset, grammar)]
    units = _attach_names(units, text, offset, grammar)
    merged: list[Unit] = []
    for unit in units:
        if merged:
            glue = text[merged[-1].end - offset:unit.start - offset]
            joined = _merge(merged[-1], unit, glue, grammar)
            if joined is not None:
                merged[-1] = joined
                continue
        merged.append(unit)
    # "Президент России Владимир Путин", "Chủ tịch Trung Quốc Tập Cận Bình": the holder's name
    # after a title that took its country
    starts = [u.start for u in merged[1:]] + [offset + len(text)]
    named = [_attach_name(u, text[:stop - offset], offset, grammar) for u, stop in zip(merged, starts)]
    return [_known_name(u, kb, day) for u in named]


def _known_name(unit: Unit, kb: KnowledgeBase, day: dt.date | None) -> Unit:
    """"President Miguel Diaz Canel": a name after a title that is a known person's name spelled
    otherwise (fuzzy, above a threshold, among that country's people) is that person."""
    if not unit.rule.endswith("+title-name") or unit.name is None:
        return unit
    hit = kb.closest_person(unit.name, unit.country)
    if hit is None:
        return unit
    person, score = hit
    office = next(iter(kb.offices_on(person, day)), None)
    country = unit.country or (office.country if office else kb.country_of(person))
    return replace(unit, name=person, country=country, agent=unit.agent or (office.agent if office else None),
                   rule=f"{unit.rule}+fuzzy-name:{score:.0f}")


def _attach_names(units: list[Unit], text: str, offset: int, grammar: Grammar) -> list[Unit]:
    """Titles take the capitalised name after them. A name runs up to the next person, role or
    organisation; a country name inside it is part of the name ("Nguyễn Tuấn Anh", "John
    Jordan"), not a country."""
    out: list[Unit] = []
    absorbed_until = -1
    for i, unit in enumerate(units):
        if unit.start < absorbed_until:
            continue
        following = units[i + 1] if i + 1 < len(units) else None
        if following is not None and not text[unit.end - offset:following.start - offset].strip():
            stop = following.start  # "Thủ tướng Nhật Bản", "Präsident Frankreichs": the title's country
        else:
            stop = next((u.start for u in units[i + 1:] if not u.kinds <= {"country", "demonym"}),
                        offset + len(text))
        named = _attach_name(unit, text[:stop - offset], offset, grammar)
        absorbed_until = named.end if named is not unit else -1
        out.append(named)
    return out


def _unit_from_atom(atom: Atom, kb: KnowledgeBase, day: dt.date | None) -> Unit | None:
    """The most specific reading of one atom: person > igo > group > role > country > demonym."""
    for kind in ("person", "descriptor", "igo", "group", "role", "country", "people", "demonym"):
        entry = atom.first(kind)
        if entry is not None:
            return _unit_from_entry(atom, entry, kb, day)
    # a seat of power standing for its government ("the Kremlin said", "Washington imposed
    # sanctions"); after "in"/"at" the event rules read it as a place, not an actor
    entry = atom.first("metonym")
    if entry is not None:
        return Unit(atom.start, atom.end, CAPITAL_ONLY, country=entry.key, agent=entry.agent or "GOV",
                    rule=f"metonym:{entry.rule}")
    entry = atom.first("place")
    place = kb.places.get(entry.key) if entry else None
    if place is None:
        return None
    return Unit(atom.start, atom.end, CAPITAL_ONLY, country=place.country, agent="GOV",
                rule=f"capital-metonym:{entry.rule}")


def _unit_from_entry(atom: Atom, entry: Entry, kb: KnowledgeBase, day: dt.date | None) -> Unit:
    base = Unit(atom.start, atom.end, frozenset({entry.kind}), rule=entry.rule)
    if entry.kind == "person":
        offices = kb.offices_on(entry.key, day)
        if offices:
            top = offices[0]
            return replace(base, country=top.country, igo=top.organisation, agent=top.agent,
                           role=top.role, name=entry.key, rule=f"person:{entry.rule}")
        # known person, no office on that day: a former office holder (CAMEO "elite")
        return replace(base, country=kb.country_of(entry.key), agent="ELI", name=entry.key,
                       rule=f"person-former:{entry.rule}")
    if entry.kind == "igo":
        return replace(base, igo=entry.key, name=kb.igo_names.get(entry.key))
    if entry.kind == "group":
        code = kb.group_on(entry.key, day)
        if code is None:
            return base
        return replace(base, country=code.country, group=code.code, agent=code.agent, name=entry.key,
                       rule=f"group:{entry.rule}")
    if entry.kind == "role":
        return replace(base, agent=entry.agent, role=entry.key)
    if entry.kind == "descriptor":
        return replace(base, descriptor=entry.key)
    if entry.kind == "people":
        return replace(base, country=entry.key, agent=entry.agent or "CVL")
    return replace(base, country=entry.key)  # country or demonym


SPACED_DASH = re.compile(r"\s[-–—]|[-–—]\s|[–—]")


def _glue_words(glue: str) -> list[str]:
    return re.findall(r"\w+|[’']s|[^\w\s]", glue.lower())


def _merge(left: Unit, right: Unit, glue: str, grammar: Grammar) -> Unit | None:
    """One unit for `left glue right`, or None when they are separate actors."""
    if left.descriptor or right.descriptor or "(" in glue or ")" in glue or SPACED_DASH.search(glue):
        return None  # "Moskau - Die Gewerkschaft": a dash between spaces parts phrases ("US-Botschaft" not)
    words = _glue_words(glue)
    tight = all(grammar.has("glue", w) or grammar.has("honorific", w)
                or grammar.has("title_adjective", w) for w in words)
    listed = all(grammar.has("glue", w) or grammar.has("coordinator", w) or w == ","
                 or grammar.has("honorific", w) or grammar.has("title_adjective", w)
                 for w in words)
    if not (tight or listed) or not _compatible(left, right):
        return None
    left_kinds, right_kinds = left.kinds, right.kinds
    if glue == "-" and "person" in left_kinds and right_kinds == frozenset({"role"}) and left.country \
            and right.country is None and not right.igo:
        # "Trump-Administration", "Merkel-Regierung": the office of that person's state, not the person
        return Unit(left.start, right.end, right_kinds, country=left.country, agent=right.agent,
                    role=right.role, rule=f"{left.rule}+{right.rule}")
    if tight and _pairs_tightly(left_kinds, right_kinds):
        return _combine(left, right)
    # a list ("First Secretary ... and President ..., Miguel Díaz-Canel") only when the right
    # side adds a role or a person to a role phrase of the same country
    if listed and "," in words and grammar.has("determiner", words[-1]):
        return None  # "le Premier ministre japonais, le président américain": a new phrase
    if listed and right_kinds & {"role", "person"} and left.role in OFFICE_ROLES \
            and (left.country or left.igo) and (right.country or right.igo or right.role in OFFICE_ROLES):
        if "person" in left_kinds:
            return None  # "Nguyen Phu Trong, President Vo Van Thuong": the title starts anew
        return _combine(left, right)
    return None


def _pairs_tightly(left: frozenset[str], right: frozenset[str]) -> bool:
    """Which kinds combine with only glue words between them."""
    if not left & {"role", "person"} and right & {"country", "demonym"} \
            and not right & {"role", "person"}:
        return False  # "Vietnam-Cuba", "Vietnamese and Cuban": two actors
    if "person" in left and ("person" in right or "role" in right):
        return False  # "Miguel Díaz-Canel der Partei": a name is not followed by its title
    if "group" in left | right and (left | right) & {"country", "demonym"}:
        return True  # "Yemen's Houthis", "Lebanese Hezbollah": the group of that state
    return bool((left | right) & {"role", "person"}) or bool(left & {"role"})


def _compatible(left: Unit, right: Unit) -> bool:
    if left.igo and right.igo:
        return left.igo == right.igo
    if (left.igo and right.country) or (left.country and right.igo):
        return False
    if left.group and right.group:
        return left.group == right.group and left.name == right.name
    return left.country is None or right.country is None or left.country == right.country


def _combine(left: Unit, right: Unit) -> Unit:
    """Merge two compatible units; a person's own data wins over titles around it, and a
    group's agent over its members' titles ("Hamas leader" is REB, not GOV)."""
    person = right if "person" in right.kinds else left if "person" in left.kinds else None
    group = left if left.group else right if right.group else None
    agents = [a for a in (left.agent, right.agent) if a]
    agent = group.agent if group else person.agent if person and person.agent else _senior(agents)
    offices = [r for r in (left.role, right.role) if r in OFFICE_ROLES]
    role = person.role if person and person.role else (offices or [right.role or left.role])[0]
    rules = "+".join(r for r in (left.rule, right.rule) if r)
    return Unit(left.start, right.end, left.kinds | right.kinds,
                country=left.country or right.country, igo=left.igo or right.igo,
                group=left.group or right.group, agent=agent, role=role, name=(person.name if person else left.name or right.name),
                rule=rules)


def _senior(agents: list[str]) -> str | None:
    if not agents:
        return None
    return min(agents, key=lambda a: AGENT_PRIORITY.index(a) if a in AGENT_PRIORITY else 99)


def _attach_name(unit: Unit, text: str, offset: int, grammar: Grammar) -> Unit:
    """"Ambassador Le Thanh Tung": capitalised words right after a title are the holder's name;
    where the grammar sets demonym_names, also after a nationality adjective following its noun
    ("el tenista austríaco Thomas Muster": a person of that country)."""
    minimum = grammar.name_min_tokens
    if unit.kinds == frozenset({"demonym"}) and grammar.demonym_names and _after_noun(unit, text, offset, grammar):
        minimum = grammar.demonym_names
    elif "role" not in unit.kinds or unit.name or not unit.kinds <= {"role", "country", "demonym"}:
        return unit
    rest = text[unit.end - offset:]
    # a headline in capitals ("POLICIA DE ISRAEL MATA A ...") capitalises every word: no name sign
    headline = text[unit.start - offset:unit.end - offset].isupper()
    tokens: list[re.Match[str]] = []
    position = 0
    for match in re.finditer(r"\S+", rest):
        gap = rest[position:match.start()]
        word = match.group().rstrip(",.;:)")
        if (tokens and gap != " ") or not NAME_TOKEN.fullmatch(word) or not word[0].isupper() \
                or (headline and word.isupper()):
            break
        if grammar.has("honorific", word) or grammar.has("glue", word) or grammar.has("preposition", word):
            break
        tokens.append(match)
        position = match.end()
        if word != match.group() or len(tokens) == 4:
            break
    acronym = len(tokens) == 1 and len(tokens[0].group().rstrip(",.;:)")) > 1 \
        and tokens[0].group().rstrip(",.;:)").isupper()  # "Großbank HSBC": no common noun
    if not tokens or (len(tokens) < minimum and not acronym):
        return unit
    if rest[:tokens[0].start()].strip():  # something between the title and the name
        return unit
    end = unit.end + tokens[-1].start() + len(tokens[-1].group().rstrip(",.;:)"))
    name = text[unit.end - offset + tokens[0].start():end - offset]
    member = unit.role in GROUP_ROLES and _after_determiner(unit, text, offset, grammar)
    return replace(unit, end=end, name=name, kinds=unit.kinds | {"name", "person"},
                   rule=f"{unit.rule}+title-name" + (MEMBER_NAME if member else ""))


def _after_determiner(unit: Unit, text: str, offset: int, grammar: Grammar) -> bool:
    """"el abogado Taormina": a group's noun after an article, or opening the sentence, names
    one member; after a noun it is an adjective ("la organización armada Sendero Luminoso",
    "el sindicalista rebelde Hugo Moyano") and the name is not its member's."""
    words = text[:unit.start - offset].split()
    return not words or grammar.has("determiner", words[-1])


def _after_noun(unit: Unit, text: str, offset: int, grammar: Grammar) -> bool:
    """A lower-case word that no grammar kind lists (a noun) right before the unit."""
    words = text[:unit.start - offset].split()
    return bool(words) and words[-1].isalpha() and words[-1].islower() \
        and not any(grammar.has(k, words[-1]) for k in grammar.words)
