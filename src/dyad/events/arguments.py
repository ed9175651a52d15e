"""Who did it to whom: pick the source and target units around a trigger.

Rules, in order: passive ("was received by X"), `reverse` triggers ("aid from X"), the subject
before the verb (or, in verb-second languages, right after it when the clause opens with
something else), then the first actor after the trigger from another country (or another
agent of the same country). "Both sides" and object pronouns resolve against the source.
"""
from __future__ import annotations

from dyad.actors.coref import Discourse
from dyad.actors.match import Unit
from dyad.actors.roles import NO_STATE, is_stateless
from dyad.events.clitics import clitic_object
from dyad.events.coordination import coordinated_partner
from dyad.events.lexicon import TriggerMatch
from dyad.events.pairs import between_pair
from dyad.events.passive import (
    agentless_passive,
    impersonal,
    passive_agent,
    reduced_passive,
)
from dyad.events.placement import (
    Placed,
    after_kind,
    after_preposition,
    after_word,
    attributed,
    in_inclusion_aside,
    noun_modifier,
    only_filler,
    outside_complement,
)
from dyad.events.places import not_places
from dyad.events.sides import NO_TARGET, Arguments, different_state, resolve_against
from dyad.events.subject import (
    DEMONYM_ONLY,
    clause_subject,
    find_subject,
    is_gerund,
    is_noun,
    is_purpose,
    relative_antecedent,
    shared_subject,
    subject_before,
)
from dyad.grammar import Grammar
from dyad.model import Actor, Token

GENITIVE_REACH = 4  # "la protesta de unos 500 campesinos": genitive word, determiner, count
DOMESTIC_FROM_ROOT = "09"  # same-state source and target only for conflict roots 09-20
def find_arguments(match: TriggerMatch, tokens: list[Token], clause_of: list[int],
                   placed: list[Placed], grammar: Grammar, discourse: Discourse,
                   symmetric: bool = False, untargeted: bool = False,
                   implied: str | None = None, prior: Unit | None = None) -> Arguments | None:
    """Source and target of one trigger; `symmetric`: the code reads the same both ways;
    `untargeted`: the code may be reported with no target, given a source that is the subject;
    `implied`: the agent a noun trigger names by itself when no actor is found ("protests");
    `prior`: the source of the event coded last in this clause (the subject of a purpose)."""
    clause = clause_of[match.anchor]
    local = [p for p in placed if clause_of[p.first] == clause and not attributed(p, tokens, grammar)
             and not noun_modifier(p, tokens, grammar) and not in_inclusion_aside(p, placed, tokens, grammar)]
    before = [p for p in local if p.last < match.anchor]
    after = [p for p in local if p.first > match.anchor]  # units come in text order
    passive = passive_agent(match, tokens, after, before, grammar)
    if passive is not None:
        agent, reduced = passive
        subject = subject_before([p for p in before if agent is None or p.last < agent.first], tokens, grammar)
        if subject is None and untargeted and agent is not None:
            return _untargeted(agent, "passive", discourse, reported=reduced)
        return _finish(agent, subject, "passive", discourse, reported=reduced)
    if agentless_passive(match, tokens, clause_of, grammar) or reduced_passive(match, tokens, after, grammar):
        return None  # "HSBC was lambasted for ...": the subject suffered it, the doer is unnamed
    if "reverse" in match.trigger.flags:
        origin = after_word(after, tokens, grammar, "source_prep")
        subject = subject_before(before, tokens, grammar)
        return _finish(origin, subject, "reverse", discourse)
    pair = between_pair(match, after, tokens, grammar) if symmetric and "noun" in match.trigger.flags else None
    if pair is not None:
        return _finish(pair[0], pair[1], "between", discourse)
    noun = implied is not None and is_noun(match, tokens, grammar)
    genitive = _genitive_after(match, after, tokens, grammar) if noun else None
    if genitive is not None:  # "criticó la huelga de los mineros": the miners' strike
        subject, how = genitive, "noun-genitive"
    else:
        subject, how = find_subject(match, tokens, clause_of, before, after, grammar)
        if how == "verb-subject" and (noun or (implied and impersonal(match, tokens, grammar))):
            subject, how = None, ""  # "Protests against the government", "Realizaram-se protestos em ... Brasil"
        if subject is None and how == "" and is_purpose(match, tokens, grammar):
            # "cientos de estudiantes se congregaron ... para protestar": the clause's subject
            subject = next((p for p in before if p.unit is prior), None) \
                or clause_subject(before, tokens, grammar)
            how = "purpose-subject"
        elif subject is None and how == "" and not noun:
            # "los choferes, que reclaman un aumento": the relative pronoun stands for the actor
            subject = relative_antecedent(match, tokens, clause_of, placed, grammar)
            how = "relative-subject" if subject is not None else how
            if subject is None:  # "fueron detenidos cuando protestaban": the matrix subject
                subject = shared_subject(match, tokens, clause_of, placed, grammar)
                how = "shared-subject" if subject is not None else how
        if subject is None and how == "" and is_gerund(match, tokens, grammar) and not noun \
                and _bare_gerund(match, tokens, grammar):
            # "miles de mineros marcharon, exigiendo el pago": a gerund shares the subject of
            # the nearest verb, not of a long clause's first one ("tras anunciarse que X ...")
            subject = subject_before([p for p in before if p.unit.kinds != DEMONYM_ONLY], tokens, grammar)
            how = "gerund-subject"  # a bare nationality adjective never acts: "Pakistani Taliban group"
    if subject is None and how in ("", "purpose-subject") and implied and (
            noun or impersonal(match, tokens, grammar)):
        # "las protestas": an unnamed crowd, against an actor the noun governs
        governed = not_places(_close_after(match, after, tokens, grammar), match, tokens, grammar)
        return _implied_source(implied, governed, discourse)
    if subject is None:
        return None
    if how in ("subject-verb", "purpose-subject", "gerund-subject") and not is_noun(match, tokens, grammar) \
            and clitic_object(subject, match.anchor, tokens, grammar):  # "... pour le critiquer"
        doubled = _doubled_object(match, after, tokens, grammar)
        if doubled is None:
            return _clitic_target(subject, after, discourse, untargeted)  # "les États-Unis lui reprochent"
        after = [doubled]  # "le exigió al gobierno que ...": the pronoun doubles the named object
    rest = [p for p in local if _object_of_final_verb(p, match) and p is not subject] \
        + [p for p in after if p.first > subject.last]
    if how == "verb-subject" and not grammar.verb_second:
        # the object stands before the verb: "Россию посетил Макрон", "Отношения с Катаром разорвали ОАЭ"
        rest = [p for p in before + after if p.last < subject.first] + rest
    if grammar.verb_second:  # "X hat Y nicht unterzeichnet": objects stand before a final verb
        conjunct = _conjunct_start(subject.last, match.anchor, tokens, grammar)
        rest = [p for p in before if p.first > conjunct] + rest
        if how == "verb-subject":  # "Gegen Russland verhängten die USA Sanktionen": the fronted phrase
            opening = next((i for i in range(match.anchor, -1, -1) if i == 0 or clause_of[i - 1] != clause), 0)
            rest = [p for p in before if p.last == match.anchor - 1 and p.first - 1 == opening
                    and grammar.has("preposition", tokens[opening].text)] + rest
    target = _target(subject, outside_complement(rest, match, tokens, grammar), discourse, match, tokens, grammar)
    if symmetric and (target is None or target.unit.kinds == DEMONYM_ONLY
                      or (target.unit.actor is not None and is_stateless(target.unit.actor))
                      or after_kind(target.first, tokens, grammar, "agent_prep")):
        # "Pakistan and India have fought ... since independence from British rule": the pair
        # acting together is the dyad, not a bare adjective later on ("with Japan" still is),
        # nor the agent of another verb ("in a deal brokered by China")
        partner = coordinated_partner(subject, before, tokens, grammar)
        if partner is not None:
            return _finish(partner, subject, "coordinated-subject", discourse)
    if "object" in match.trigger.flags and not _direct_object(target, match.indices[-1], tokens, grammar):
        return None  # "Putin received Modi" is a visit; "received a letter from Modi" is not
    if target is None and subject.unit.descriptor == "both_parties" and discourse.both_parties():
        first, second = discourse.both_parties()  # "both sides agreed": the article's two states
        return Arguments(first, second, subject.unit, subject.unit, "both-sides")
    if target is None and untargeted and (how in UNTARGETED_SOURCES or (
            how == "verb-subject" and not is_noun(match, tokens, grammar)
            and not after_preposition(subject.first, tokens, grammar))) \
            and "object" not in match.trigger.flags:
        # "Letzte Woche forderte Präsident Trump, ...", "Marcharon miles de estudiantes": a
        # subject after its verb acts too
        return _untargeted(subject, how, discourse)  # "los mineros iniciaron una huelga"
    return _finish(subject, target, how, discourse)


def _bare_gerund(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """A gerund standing alone after a noun, a comma or a coordinator: not a progressive or
    perfect ("is fighting", "has been protesting"), not the object of another verb ("began
    taking"), not a noun ("the killing of", "the police killing of")."""
    previous = tokens[match.anchor - 1].text if match.anchor else ""
    following = tokens[match.indices[-1] + 1].text if match.indices[-1] + 1 < len(tokens) else ""
    if not previous or any(grammar.has(kind, previous) for kind in (
            "determiner", "passive_aux", "subject_gap", "light_verb", "pronoun")):
        return False
    after_word = previous[:1].isalpha() and not grammar.has("coordinator", previous) \
        and not grammar.has("preposition", previous)  # "en critiquant la Chine"
    return not (after_word and grammar.has("genitive", following))


UNTARGETED_SOURCES = ("subject-verb", "noun-genitive", "purpose-subject", "gerund-subject", "relative-subject",
                      "shared-subject")


def _object_of_final_verb(placed: Placed, match: TriggerMatch) -> bool:
    """An actor phrase ending in the first word of an object-first pattern: "X hat britische
    Diplomaten ausgewiesen" (`diplomaten ... ausweisen`) - the diplomats' state is the target."""
    return placed.first < match.anchor == placed.last and match.indices[-1] > placed.last


def _conjunct_start(start: int, anchor: int, tokens: list[Token], grammar: Grammar) -> int:
    """The last "und" + finite verb between subject and a final verb: "X wurde zum Präsidenten
    gewählt und sollte in Islamabad ankommen" - objects of the first conjunct are not this one's."""
    for i in range(anchor - 2, start, -1):
        if grammar.has("coordinator", tokens[i].text) and grammar.has("finite_aux", tokens[i + 1].text):
            return i
    return start


def _genitive_after(match: TriggerMatch, after: list[Placed], tokens: list[Token],
                    grammar: Grammar) -> Placed | None:
    """The actor right after a noun trigger's genitive word ("of", "de los", "der")."""
    end = match.indices[-1]
    units = [p for p in after if p.first > end]
    if units and units[0].unit.descriptor == "possessive_pronoun":
        # "la huelga de sus trabajadores": the workers, not the one "sus" names (nobody in
        # "las protestas de sus seguidores")
        owned = units[1] if len(units) > 1 and units[1].first == units[0].last + 1 else None
        return owned if owned is not None and owned.first - end <= GENITIVE_REACH else None
    first = units[0] if units else None
    if first is None or first.first - end > GENITIVE_REACH:
        return None
    between = [t.text for t in tokens[end + 1:first.first]]
    return first if between and grammar.has("genitive", between[0]) and all(
        grammar.has("genitive", w) or grammar.has("glue", w) or grammar.has("determiner", w)
        or grammar.has("quantity", w) or w.isdigit() for w in between) else None


def _target(subject: Placed, rest: list[Placed], discourse: Discourse, match: TriggerMatch,
            tokens: list[Token], grammar: Grammar) -> Placed | None:
    """The first actor after the trigger from another country; else, for conflict codes,
    another agent at home ("police arrested protesters")."""
    source = subject.unit.actor
    rest = not_places(rest, match, tokens, grammar)
    if source is None:
        return None
    actors = [(p, resolve_against(p.unit, source, discourse)) for p in rest]
    named = [(p, a) for p, a in actors if a is not None and not is_stateless(a)]
    for placed, actor in named:
        if different_state(actor, source):
            return placed
    if match.trigger.cameo[:2] >= DOMESTIC_FROM_ROOT:
        for placed, actor in named:
            if actor.agent and source.agent and actor.agent != source.agent and actor.code != source.code:
                return placed
    # a group named without its state, only when no state is named: "protestaron contra el
    # gobierno"; but "held military exercises with the US" is the US
    return next((p for p, a in actors if a is not None and is_stateless(a) and a.code != source.code), None)


def _finish(source: Placed | None, target: Placed | None, how: str, discourse: Discourse,
            reported: bool = False) -> Arguments | None:
    if source is None or target is None or source.unit is target.unit:
        return None
    if source.unit.descriptor and target.unit.descriptor is None:
        # "both sides ...", "his counterpart received X": the named side first
        target_actor = target.unit.actor
        source_actor = resolve_against(source.unit, target_actor, discourse)
    else:
        source_actor = resolve_against(source.unit, None, discourse)
        if source.unit.descriptor == "both_parties" and discourse.both_parties():
            source_actor = discourse.both_parties()[0]
        target_actor = resolve_against(target.unit, source_actor, discourse)
    if source_actor is None or target_actor is None or source_actor.code == target_actor.code:
        return None
    return Arguments(source_actor, target_actor, source.unit, target.unit, how, reported)


def _implied_source(agent: str, after: list[Placed], discourse: Discourse) -> Arguments:
    """"Protests against the reform": an unnamed crowd ("---" + agent) against the first actor
    after the trigger, if any."""
    crowd = Actor(code=NO_STATE + agent, country=None, agent=agent)
    for placed in after:
        actor = resolve_against(placed.unit, crowd, discourse)
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


def _doubled_object(match: TriggerMatch, after: list[Placed], tokens: list[Token],
                    grammar: Grammar) -> Placed | None:
    """The actor a clitic doubles: right after the verb, introduced by a `clitic_double` word
    ("le exigió al gobierno", "les pidió a los Estados Unidos") with only articles between."""
    verb = match.anchor  # the verb itself: "le exigió al gobierno que liberara a los presos"
    first = after[0] if after else None
    if first is None or first.first <= verb + 1 or not grammar.has("clitic_double", tokens[verb + 1].text):
        return None
    return first if only_filler(tokens[verb + 2:first.first], grammar) else None


def _clitic_target(source: Placed, after: list[Placed], discourse: Discourse,
                   untargeted: bool) -> Arguments | None:
    """The object is a pronoun bound to the verb: like "him", the last person-like actor of
    another state; the actors after the verb belong to what is said ("lui reprochent de
    soutenir la Russie", "le exigió que liberara a los presos cubanos"), so none of them is
    the target, nor what the pronoun refers to."""
    actor = resolve_against(source.unit, None, discourse)
    content = [p.unit.actor for p in after]
    others = [a for a in discourse.other_than(actor.country if actor else None) if a not in content]
    if actor is None or source.unit.descriptor or not others or others[0].code == actor.code:
        return _untargeted(source, "object-clitic", discourse) if untargeted else None
    return Arguments(actor, others[0], source.unit, None, "object-clitic")


def _untargeted(source: Placed, how: str, discourse: Discourse,
                reported: bool = False) -> Arguments | None:
    """An event with a source and no target; the source must resolve by itself (no pronoun)."""
    actor = resolve_against(source.unit, None, discourse)
    if actor is None or source.unit.descriptor:
        return None
    return Arguments(actor, NO_TARGET, source.unit, None, f"{how}-untargeted", reported)


def _direct_object(target: Placed | None, end: int, tokens: list[Token], grammar: Grammar) -> bool:
    """The target follows the trigger's last word ("ordenó al") with nothing but articles and
    titles between them."""
    return target is not None and target.first > end and \
        only_filler(tokens[end + 1:target.first], grammar)

