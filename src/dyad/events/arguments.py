"""Who did it to whom: pick the source and target units around a trigger.

Rules, in order: passive ("was received by X"), `reverse` triggers ("aid from X"), the subject
before the verb (or, in verb-second languages, right after it when the clause opens with
something else), then the first actor after the trigger from another country (or another
agent of the same country). "Both sides" and object pronouns resolve against the source.
"""
from __future__ import annotations

from dataclasses import dataclass

from dyad.actors.coref import Discourse
from dyad.actors.match import CAPITAL_ONLY, Unit
from dyad.actors.roles import NO_STATE, is_stateless
from dyad.events.lexicon import TriggerMatch
from dyad.events.morphology import light_verb, number_clash, oblique, other_verb
from dyad.events.passive import agentless_passive, passive_agent
from dyad.events.placement import (
    Placed,
    after_kind,
    after_preposition,
    after_word,
    clause_start,
    only_filler,
)
from dyad.grammar import Grammar
from dyad.model import Actor, Token

GENITIVE_REACH = 4  # "la protesta de unos 500 campesinos": genitive word, determiner, count
NOUN_REACH = 4  # a noun trigger's source stands close before it ("Vietnam's solidarity with")
LOCATION_TARGET_FROM_ROOT = "14"  # "shelled positions in Lebanon": the place is the target
DOMESTIC_FROM_ROOT = "09"  # same-state source and target only for conflict roots 09-20
DEMONYM_ONLY = frozenset({"demonym"})
NO_TARGET = Actor(code=NO_STATE, country=None)  # an event reported without a target


@dataclass(frozen=True)
class Arguments:
    source: Actor
    target: Actor
    source_unit: Unit | None  # None: the source is implied by a noun trigger (untargeted.tsv)
    target_unit: Unit | None  # None: no target named (untargeted.tsv codes only)
    how: str  # which rule chose them, for the evidence: "subject-object", "passive" ...
    reported: bool = False  # a participle modifying a noun ("the embargo imposed by the US")


def find_arguments(match: TriggerMatch, tokens: list[Token], clause_of: list[int],
                   placed: list[Placed], grammar: Grammar, discourse: Discourse,
                   symmetric: bool = False, untargeted: bool = False,
                   implied: str | None = None) -> Arguments | None:
    """Source and target of one trigger; `symmetric`: the code reads the same both ways;
    `untargeted`: the code may be reported with no target, given a source that is the subject;
    `implied`: the agent a noun trigger names by itself when no actor is found ("protests")."""
    clause = clause_of[match.anchor]
    local = [p for p in placed if clause_of[p.first] == clause]
    before = [p for p in local if p.last < match.anchor]
    after = [p for p in local if p.first > match.anchor]  # units come in text order
    passive = passive_agent(match, tokens, after, before, grammar)
    if passive is not None:
        agent, reduced = passive
        subject = _subject_before([p for p in before if p is not agent], tokens, grammar)
        if subject is None and untargeted and agent is not None:
            return _untargeted(agent, "passive", discourse, reported=reduced)
        return _finish(agent, subject, "passive", discourse, reported=reduced)
    if agentless_passive(match, tokens, clause_of, grammar):
        return None  # "HSBC was lambasted for ...": the subject suffered it, the doer is unnamed
    if "reverse" in match.trigger.flags:
        origin = after_word(after, tokens, grammar, "source_prep")
        subject = _subject_before(before, tokens, grammar)
        return _finish(origin, subject, "reverse", discourse)
    noun = implied is not None and _is_noun(match, tokens, grammar)
    genitive = _genitive_after(match, after, tokens, grammar) if noun else None
    if genitive is not None:  # "criticó la huelga de los mineros": the miners' strike
        subject, how = genitive, "noun-genitive"
    else:
        subject, how = _subject(match, tokens, clause_of, before, after, grammar)
        if noun and how == "verb-subject":
            subject, how = None, ""  # "Protests against the government": not the protester
        if subject is None and how == "" and _purpose(match, tokens, grammar):
            # "cientos de estudiantes se congregaron ... para protestar": the clause's subject
            subject, how = _clause_subject(before, tokens, grammar), "purpose-subject"
    if subject is None and how in ("", "purpose-subject") and noun and implied:
        # "las protestas": an unnamed crowd, against an actor the noun governs
        return _implied_source(implied, _close_after(match, after, tokens, grammar), discourse)
    if subject is None:
        return None
    rest = [p for p in after if p.first > subject.last]
    if grammar.verb_second:  # "X hat Y nicht unterzeichnet": objects stand before a final verb
        rest = [p for p in before if p.first > subject.last] + rest
    target = _target(subject, rest, discourse, match, tokens, grammar)
    if symmetric and (target is None or target.unit.kinds == DEMONYM_ONLY
                      or (target.unit.actor is not None and is_stateless(target.unit.actor))):
        # "Pakistan and India have fought ... since independence from British rule": the pair
        # acting together is the dyad, not a bare adjective later on ("with Japan" still is)
        partner = _coordinated_partner(subject, before, tokens, grammar)
        if partner is not None:
            return _finish(partner, subject, "coordinated-subject", discourse)
    if "object" in match.trigger.flags and not _direct_object(target, match.anchor, tokens, grammar):
        return None  # "Putin received Modi" is a visit; "received a letter from Modi" is not
    if target is None and subject.unit.descriptor == "both_parties" and discourse.both_parties():
        first, second = discourse.both_parties()  # "both sides agreed": the article's two states
        return Arguments(first, second, subject.unit, subject.unit, "both-sides")
    if target is None and untargeted and how in ("subject-verb", "noun-genitive", "purpose-subject") \
            and "object" not in match.trigger.flags:
        return _untargeted(subject, how, discourse)  # "los mineros iniciaron una huelga"
    return _finish(subject, target, how, discourse)


def _subject(match: TriggerMatch, tokens: list[Token], clause_of: list[int], before: list[Placed],
             after: list[Placed], grammar: Grammar) -> tuple[Placed | None, str]:
    anchor = match.anchor
    # a bare nationality adjective modifies a thing ("die spanische Stadt", "British rule");
    # it may name a target ("attacked Chadian posts") but never the one who acts
    # ... unless an article makes it a noun: "los salvadoreños protestarán"
    before = [p for p in before if p.unit.kinds != DEMONYM_ONLY or (
        p.first > 0 and grammar.has("determiner", tokens[p.first - 1].text))]
    after = [p for p in after if p.unit.kinds != DEMONYM_ONLY]
    opening = clause_start(anchor, clause_of)
    if _pronoun_subject(tokens, opening, anchor, before, grammar):
        return None, "pronoun"  # "she thanked Peru": a pronoun we could not resolve is the subject
    noun = _is_noun(match, tokens, grammar)
    inverted = next((p for p in after if p.first <= anchor + 3
                     and only_filler(tokens[anchor + 1:p.first], grammar)
                     and not after_preposition(p.first, tokens, grammar)), None)  # not "fordert von X"
    if grammar.verb_second and inverted is not None and not noun:
        opener = next((p for p in before if p.first <= opening + 1 and p.last == anchor - 1), None)
        return (opener, "subject-verb") if opener else (inverted, "verb-subject")
    if grammar.verb_second and not noun:
        # the subject opens the clause or follows its finite verb; a final verb (participle,
        # infinitive) has its objects before it: "X hatte Y angegriffen", "X wird Y besuchen"
        subject = next((p for p in before if not after_preposition(p.first, tokens, grammar)), None)
        if subject is not None and not _v2_subject_place(subject, opening, tokens, grammar):
            return None, ""  # "Die Krankheit hat beinahe 50 Menschen getötet": an object
    else:
        subject = _subject_before(before, tokens, grammar)
        if subject is not None and not noun and not _verb_follows(subject, anchor, tokens, grammar):
            if not (anchor > 0 and grammar.has("coordinator", tokens[anchor - 1].text)):
                return None, ""  # "The U.S.-backed deal calls for": the subject is "deal"
            # "X criticised Y and rejected Z": the second verb shares the clause's subject
            subject = next((p for p in before if not after_preposition(p.first, tokens, grammar)
                            and not oblique(tokens, p.first, grammar)), None)
            if subject is not None and not _opens_clause(tokens[opening:subject.first], grammar):
                return None, ""  # "X asked police to ... and called on": "police" is no subject
        if subject is not None and not noun and number_clash(tokens, subject.first, anchor, grammar):
            return None, ""  # "Банк раскритиковали": a plural verb with no subject ("they")
    if subject is not None and (not noun or (anchor - subject.last <= NOUN_REACH
                                             and _owns_noun(subject, anchor, tokens, grammar))):
        return subject, "subject-verb"
    # nothing but function words before the trigger: "Talks between X and Y", "said X"
    if after and only_filler(tokens[opening:anchor], grammar, punctuation=True):
        return after[0], "verb-subject"
    return None, ""


def _is_noun(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """A noun trigger, or a verb lemma used as a noun after a determiner ("at their meeting")."""
    anchor = match.anchor
    return "noun" in match.trigger.flags or (anchor > 0 and grammar.has("determiner", tokens[anchor - 1].text))


def _owns_noun(subject: Placed, anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """The actor before a noun trigger is its owner ("Vietnam's solidarity", "Chinas Proteste")
    unless an article or a preposition opens another phrase between them and no light verb
    ("held a protest") carries the noun: "police declared a riot", "die Polizei erklärte am
    Samstag Krawalle" (the police are not the rioters). Only where the grammar lists light verbs;
    where it lists verb lemma endings (ru, fr), any other verb between them also ends the claim."""
    between = tokens[subject.last + 1:anchor]
    if any(light_verb(t, grammar) or grammar.has("possessive", t.text) for t in between):
        return True  # "X and Y at their meeting": the possessive points back to the actor
    if other_verb(between, grammar):
        return False  # "президент упоминал протесты": he mentioned them, he did not hold them
    if not grammar.words.get("light_verb"):
        return True
    return not any(grammar.has("determiner", t.text) or (grammar.has("preposition", t.text)
                                                       and not grammar.has("glue", t.text))
                   for t in between)


def _v2_subject_place(subject: Placed, opening: int, tokens: list[Token], grammar: Grammar) -> bool:
    """In a verb-second clause the subject opens the clause or follows a finite auxiliary
    ("Seit März haben kenianische Polizisten ..."); only where the grammar lists `finite_aux`."""
    if not grammar.words.get("finite_aux"):
        return True
    j = subject.first - 1
    while j >= opening and (grammar.has("determiner", tokens[j].text) or grammar.has("glue", tokens[j].text)
                            or grammar.has("title_adjective", tokens[j].text)
                            or grammar.has("quantity", tokens[j].text) or tokens[j].text.isdigit()):
        j -= 1
    return j < opening or not tokens[j].text[:1].isalnum() or grammar.has("finite_aux", tokens[j].text) \
        or (j == opening and grammar.has("clause_break", tokens[j].text))  # "..., nachdem X Y ..."


def _genitive_after(match: TriggerMatch, after: list[Placed], tokens: list[Token],
                    grammar: Grammar) -> Placed | None:
    """The actor right after a noun trigger's genitive word ("of", "de los", "der")."""
    end = match.indices[-1]
    first = next((p for p in after if p.first > end), None)
    if first is None or first.first - end > GENITIVE_REACH:
        return None
    between = [t.text for t in tokens[end + 1:first.first]]
    return first if between and grammar.has("genitive", between[0]) and all(
        grammar.has("genitive", w) or grammar.has("glue", w) or grammar.has("determiner", w)
        or grammar.has("quantity", w) or w.isdigit() for w in between) else None


def _purpose(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """A verb trigger right after an infinitive marker: "para protestar", "to protest"."""
    anchor = match.anchor
    return "noun" not in match.trigger.flags and anchor > 0 \
        and grammar.has("infinitive", tokens[anchor - 1].text)


def _clause_subject(before: list[Placed], tokens: list[Token], grammar: Grammar) -> Placed | None:
    """The first actor of the clause outside a prepositional phrase: the main verb's subject.
    A bare capital is left out: far from the verb it is a dateline ("MADRID (AFP) -"); so is an
    actor joined to a prepositional one ("contra Estados Unidos o el FMI")."""
    inside = False
    for placed in before:
        inside = after_preposition(placed.first, tokens, grammar) or (inside and after_kind(
            placed.first, tokens, grammar, "coordinator"))
        if not inside and placed.unit.kinds not in (DEMONYM_ONLY, CAPITAL_ONLY):
            return placed
    return None


def _verb_follows(subject: Placed, anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """Only auxiliaries, adverbs and commas-enclosed asides stand between subject and verb."""
    depth = 0
    for i, token in enumerate(tokens[subject.last + 1:anchor]):
        word = token.text
        if i == 0 and grammar.has("relative_subject", word):
            continue  # "los cultivadores que protestan": the relative pronoun is the subject
        if word in ",(":
            depth = 1 - depth if word == "," else 1
            continue
        if word == ")":
            depth = 0
            continue
        if depth or grammar.has("subject_gap", word) or grammar.has("passive_aux", word) \
                or grammar.has("intent", word) or grammar.has("negation", word) \
                or word.lower().endswith(grammar.adverb_suffix or "\0"):
            continue
        return False
    return True


def _opens_clause(between: list[Token], grammar: Grammar) -> bool:
    """Only punctuation, names, numbers, function words and adverbials before a clause's subject."""
    kinds = ("glue", "determiner", "preposition", "subject_gap", "honorific", "title_adjective")
    return all(not t.text[0].isalnum() or t.text[0].isupper() or t.text.isdigit()
               or any(grammar.has(k, t.text) for k in kinds) for t in between)


def _pronoun_subject(tokens: list[Token], opening: int, anchor: int, before: list[Placed],
                     grammar: Grammar) -> bool:
    """A personal pronoun right before the verb or opening the clause, not resolved to a unit."""
    covered = {i for p in before for i in range(p.first, p.last + 1)}
    candidates = [anchor - 1, opening]
    return any(0 <= i < anchor and i not in covered and grammar.has("pronoun", tokens[i].text)
               for i in candidates)


def _subject_before(before: list[Placed], tokens: list[Token], grammar: Grammar) -> Placed | None:
    """The nearest actor before the trigger that is not inside a prepositional phrase (nor, in
    a language marking case by endings, in an oblique case: "действия Банка России")."""
    for placed in reversed(before):
        if not after_preposition(placed.first, tokens, grammar) \
                and not oblique(tokens, placed.first, grammar):
            return placed
    return None


def _target(subject: Placed, rest: list[Placed], discourse: Discourse, match: TriggerMatch,
            tokens: list[Token], grammar: Grammar) -> Placed | None:
    """The first actor after the trigger from another country; else, for conflict codes,
    another agent at home ("police arrested protesters")."""
    source = subject.unit.actor
    if match.trigger.cameo[:2] < LOCATION_TARGET_FROM_ROOT and not match.trigger.cameo.startswith("042"):
        # "met in Havana": where, not whom; but visits and attacks take their place as target
        rest = [p for p in rest if not after_kind(p.first, tokens, grammar, "location_prep")]
    if source is None:
        return None
    actors = [(p, _resolve_against(p.unit, source, discourse)) for p in rest]
    named = [(p, a) for p, a in actors if a is not None and not is_stateless(a)]
    for placed, actor in named:
        if _different_state(actor, source):
            return placed
    if match.trigger.cameo[:2] >= DOMESTIC_FROM_ROOT:
        for placed, actor in named:
            if actor.agent and source.agent and actor.agent != source.agent and actor.code != source.code:
                return placed
    # a group named without its state, only when no state is named: "protestaron contra el
    # gobierno"; but "held military exercises with the US" is the US
    return next((p for p, a in actors if a is not None and is_stateless(a) and a.code != source.code), None)


def _different_state(a: Actor, b: Actor) -> bool:
    return (a.country or a.code) != (b.country or b.code)


def _resolve_against(unit: Unit, source: Actor | None, discourse: Discourse) -> Actor | None:
    """Resolve what depends on the source: object pronouns and "both sides"."""
    if unit.descriptor == "object_pronoun":
        others = discourse.other_than(source.country if source else None)
        return others[0] if others else None
    if unit.descriptor == "other_party":
        return discourse.other_party(source)
    if unit.descriptor == "both_parties":
        others = [p for p in discourse.both_parties() if source is None or _different_state(p, source)]
        return others[0] if others else None
    return unit.actor


def _finish(source: Placed | None, target: Placed | None, how: str, discourse: Discourse,
            reported: bool = False) -> Arguments | None:
    if source is None or target is None or source.unit is target.unit:
        return None
    if source.unit.descriptor and target.unit.descriptor is None:
        # "both sides ...", "his counterpart received X": the named side first
        target_actor = target.unit.actor
        source_actor = _resolve_against(source.unit, target_actor, discourse)
    else:
        source_actor = _resolve_against(source.unit, None, discourse)
        if source.unit.descriptor == "both_parties" and discourse.both_parties():
            source_actor = discourse.both_parties()[0]
        target_actor = _resolve_against(target.unit, source_actor, discourse)
    if source_actor is None or target_actor is None or source_actor.code == target_actor.code:
        return None
    return Arguments(source_actor, target_actor, source.unit, target.unit, how, reported)


def _implied_source(agent: str, after: list[Placed], discourse: Discourse) -> Arguments:
    """"Protests against the reform": an unnamed crowd ("---" + agent) against the first actor
    after the trigger, if any."""
    crowd = Actor(code=NO_STATE + agent, country=None, agent=agent)
    for placed in after:
        actor = _resolve_against(placed.unit, crowd, discourse)
        if actor is not None and not placed.unit.descriptor and actor.code != crowd.code:
            return Arguments(crowd, actor, None, placed.unit, "implied-source")
    return Arguments(crowd, NO_TARGET, None, None, "implied-source-untargeted")


def _close_after(match: TriggerMatch, after: list[Placed], tokens: list[Token],
                 grammar: Grammar) -> list[Placed]:
    """The actors a noun trigger itself governs: those after it with only prepositions and
    articles between ("protests against the government", "Proteste vor der US-Botschaft"), not
    the police who reported it ("eine Demonstration eskalierte, sagte die Polizei")."""
    end = match.indices[-1]
    return [p for p in after if p.first - end <= GENITIVE_REACH and all(
        grammar.has("preposition", t.text) or grammar.has("glue", t.text)
        or grammar.has("determiner", t.text) or grammar.has("title_adjective", t.text)
        or grammar.has("quantity", t.text) for t in tokens[end + 1:p.first])]


def _untargeted(source: Placed, how: str, discourse: Discourse,
                reported: bool = False) -> Arguments | None:
    """An event with a source and no target; the source must resolve by itself (no pronoun)."""
    actor = _resolve_against(source.unit, None, discourse)
    if actor is None or source.unit.descriptor:
        return None
    return Arguments(actor, NO_TARGET, source.unit, None, f"{how}-untargeted", reported)


def _coordinated_partner(subject: Placed, before: list[Placed], tokens: list[Token],
                         grammar: Grammar) -> Placed | None:
    """"A and B at their meeting": B's partner A."""
    for placed in reversed(before):
        if placed.last < subject.first:
            between = tokens[placed.last + 1:subject.first]
            words = [t.text for t in between if t.text not in "()" and len(t.text) > 1
                     or t.text.isalpha()]
            if any(grammar.has("coordinator", w) for w in words) and len(between) <= 6:
                return placed
            return None
    return None


def _direct_object(target: Placed | None, anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """The target follows the verb with nothing but articles and titles between them."""
    return target is not None and target.first > anchor and \
        only_filler(tokens[anchor + 1:target.first], grammar)

