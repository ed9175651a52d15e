"""Passive voice: the agent of "X was received by Y", passives whose doer is unnamed, and
impersonal verbs ("se realizaron manifestaciones")."""
from __future__ import annotations

from dyad.events.lexicon import TriggerMatch
from dyad.events.morphology import oblique, short_participle
from dyad.events.placement import Placed, after_preposition, after_word, clause_start
from dyad.grammar import Grammar
from dyad.model import Token

PASSIVE_AGENT_REACH = 6  # words between a passive participle and its "by"/"par"/"por"


def passive_agent(match: TriggerMatch, tokens: list[Token], after: list[Placed],
                   before: list[Placed], grammar: Grammar) -> tuple[Placed | None, bool] | None:
    """The agent of "X was received by Y" (and whether it is a bare participle, "imposed by")."""
    anchor = match.anchor
    native = agent_before_verb(match, tokens, before, grammar)
    if native is not None:
        return native, False  # "X được Y tiếp đón", "X bị cảnh sát bắt giữ"
    if "noun" not in match.trigger.flags and short_participle(tokens[match.anchor], grammar):
        # "задержаны полицией": the agent is a bare instrumental
        agent = next((p for p in after if p.first - match.indices[-1] <= PASSIVE_AGENT_REACH
                      and not after_preposition(p.first, tokens, grammar)
                      and oblique(tokens, p.first, grammar, "instrumental_ending")), None)
        return (agent, False) if agent is not None else None
    reach = anchor if grammar.verb_second else 3
    has_aux = any(grammar.has("passive_aux", t.text) for t in tokens[max(0, anchor - reach):anchor])
    # with an auxiliary, adverbials may stand before the agent: "a été reçu mardi à Hanoï par X"
    agent_reach = PASSIVE_AGENT_REACH if has_aux else 2
    agent = after_word(after, tokens, grammar, "agent_prep", limit=match.indices[-1] + agent_reach + 1)
    if agent is None and grammar.verb_second and has_aux and len(before) > 1:
        # "X wurde in Warschau vom polnischen Präsidenten empfangen"
        agent = after_word(before[1:], tokens, grammar, "agent_prep")
        return (agent, False) if agent is not None else None
    last = tokens[match.indices[-1]]
    if not has_aux and not _participle(tokens[anchor], grammar):
        return None  # "protestaron por su despido": a finite verb's "por" is a cause, not an agent
    if agent is None or ("noun" in match.trigger.flags and not has_aux) \
            or (not has_aux and (last.text.lower() == last.lemma or grammar.verb_second)):
        # a verb-second language puts a bare participle's agent before it ("die von X
        # verhängten"): "fordert von der Regierung" is an active verb and its addressee
        return None  # "condemned the attack by X": "by" after a noun is not a passive agent
    if not has_aux and agent.unit.descriptor == "possessive_pronoun":
        return None  # "la criticó por sus declaraciones": "por" gives the reason, not an agent
    by_index = agent.first - 1
    while by_index > anchor and not grammar.has("agent_prep", tokens[by_index].text):
        by_index -= 1
    if by_index - match.indices[-1] > agent_reach:
        return None
    if not has_aux and any(t.text[:1].isalpha() and not t.text.lower().endswith(
            grammar.adverb_suffix or "\0") for t in tokens[match.indices[-1] + 1:by_index]):
        return None  # "criticou as sanções impostas pelos EUA": the agent of another participle
    return agent, not has_aux


def agent_before_verb(match: TriggerMatch, tokens: list[Token], before: list[Placed],
                      grammar: Grammar) -> Placed | None:
    """Where the grammar lists `agent_passive_aux` (Vietnamese "được", "bị"), the agent stands
    between the auxiliary and the verb: the actor right after such a word whose phrase ends right
    before the verb, only gap words between ("X đã được Thủ tướng Y đón tiếp")."""
    agent = before[-1] if before else None
    if agent is None or "noun" in match.trigger.flags or not grammar.words.get("agent_passive_aux") \
            or not all(grammar.has("subject_gap", t.text) for t in tokens[agent.last + 1:match.anchor]):
        return None
    for earlier in reversed(before[:-1]):  # "bị Hàn Quốc và Nhật Bản lên án": the first conjunct
        words = [t.text for t in tokens[earlier.last + 1:agent.first]]
        if not words or not all(w == "," or grammar.has("coordinator", w) for w in words):
            break
        agent = earlier
    j = agent.first - 1
    while j >= 0 and (grammar.has("honorific", tokens[j].text) or grammar.has("title_adjective", tokens[j].text)):
        j -= 1
    return agent if j >= 0 and grammar.has("agent_passive_aux", tokens[j].text) else None


def _native_agentless(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """An `agent_passive_aux` right before the verb, only gap words between: "X bị bắt giữ" (X was
    arrested, by someone unnamed)."""
    j = match.anchor - 1
    while j >= 0 and grammar.has("subject_gap", tokens[j].text) and not grammar.has("agent_passive_aux", tokens[j].text):
        j -= 1
    return j >= 0 and grammar.has("agent_passive_aux", tokens[j].text)


def _participle(token: Token, grammar: Grammar) -> bool:
    """The word may be a participle: it ends in a `participle_ending`, or the language lists none."""
    endings = grammar.words.get("participle_ending", ())
    return not endings or token.text.lower().endswith(tuple(endings))


def agentless_passive(match: TriggerMatch, tokens: list[Token], clause_of: list[int],
                       grammar: Grammar) -> bool:
    """A participle right after a passive auxiliary ("was lambasted", "fue detenido"); in a
    verb-second language, a participle with a passive auxiliary before it in the clause or right
    after it ("wurde ... festgenommen", "festgenommen wurde", "angeklagt sind"), unless the verb
    forms its perfect with that auxiliary (`sein_perfect`: "sind einmarschiert")."""
    if "noun" in match.trigger.flags:
        return False
    if _native_agentless(match, tokens, grammar):
        return True
    if short_participle(tokens[match.anchor], grammar):
        return True  # "полицейские арестованы": they were arrested, by someone unnamed
    word = tokens[match.anchor]
    participle = word.text.lower() != word.lemma and not word.text.lower().endswith("ing")
    if not participle:
        return False
    if grammar.verb_second:
        following = tokens[match.indices[-1] + 1:match.indices[-1] + 2]
        clause = tokens[clause_start(match.anchor, clause_of):match.anchor]
        if any(grammar.has("passive_only_aux", t.text) for t in clause + following):
            return True
        if _verbless_headline(match, tokens, clause, following, grammar):
            return True
        # "ist ... gereist" is a perfect, but "die bereits angeklagt sind" a state passive: "sein"
        # with the participle of a verb that does not form its perfect with it
        return not grammar.has("sein_perfect", word.lemma) \
            and any(grammar.has("passive_aux", t.text) for t in clause + following)
    window = tokens[max(0, match.anchor - 3):match.anchor]
    return any(grammar.has("passive_aux", t.text) for t in window)


def _verbless_headline(match: TriggerMatch, tokens: list[Token], clause: list[Token],
                       following: list[Token], grammar: Grammar) -> bool:
    """"Kenianische Polizisten nach tödlicher Schießerei verhaftet": a participle closing a
    main clause with no finite auxiliary in it is a passive whose auxiliary a headline left
    out (a subordinate clause's final verb is finite: "..., weil die Polizei ihn verhaftet")."""
    if match.indices[-1] != match.anchor or (following and following[0].text[:1].isalnum()):
        return False
    opener = clause[0].text if clause else ""
    return bool(clause) and not any(grammar.has("finite_aux", t.text) for t in clause) \
        and not any(grammar.has(k, opener) for k in ("clause_break", "subordinator", "complementizer")) \
        and not any(t.text == "," for t in clause)


def reduced_passive(match: TriggerMatch, tokens: list[Token], after: list[Placed],
                    grammar: Grammar) -> bool:
    """A verb that always takes an object (grammar `object_verb`) in its past form with no
    object: a preposition, a clause word, punctuation or the end follows it and no actor stands
    after it outside a prepositional phrase. It is a passive with its auxiliary left out, as
    headlines do: "Kenyan police officers arrested after fatal shooting" (they were arrested)."""
    if grammar.verb_second or "noun" in match.trigger.flags or len(match.indices) > 1:
        return False
    word = tokens[match.anchor]
    if not grammar.has("object_verb", word.lemma) or word.text.lower() == word.lemma \
            or word.text.lower().endswith("ing"):
        return False
    following = tokens[match.anchor + 1].text if match.anchor + 1 < len(tokens) else ""
    if following[:1].isalnum() and not grammar.has("preposition", following) \
            and not grammar.has("clause_break", following):
        return False
    return not any(not after_preposition(p.first, tokens, grammar) for p in after)


def impersonal(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """An impersonal verb with the event noun as its object: "se organizaron dos concentraciones",
    "se convocó a una huelga", "realizaram-se protestos" (nobody named does it); not a reflexive
    verb with a dropped subject ("se declararon en huelga"). Only where the grammar lists
    `impersonal`; one auxiliary may stand between ("si sono svolte manifestazioni")."""
    anchor = match.anchor
    object_noun = any(t.gap_before for t in match.trigger.tests)  # "realizar ... marcha"
    if object_noun and _enclitic(tokens[anchor].text, grammar, "impersonal"):
        return True  # "realizaram-se protestos": the pronoun written after the verb
    if not object_noun or anchor == 0 or anchor - 1 in match.indices:
        return False
    before = tokens[anchor - 1].text
    if anchor > 1 and grammar.has("subject_gap", before) and not grammar.has("impersonal", before):
        before = tokens[anchor - 2].text  # "si sono svolte", "se han realizado": an auxiliary between
    return grammar.has("impersonal", before)


def _enclitic(word: str, grammar: Grammar, kind: str) -> bool:
    """The word ends in a pronoun of `kind` joined by a hyphen: "realizaram-se" (pt "se")."""
    low = word.lower()
    return "-" in low and low.rsplit("-", 1)[1] in grammar.words.get(kind, ())
