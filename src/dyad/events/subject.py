"""The subject of a trigger: who acts, found from word order and the grammar's function words.

In order: an unresolved pronoun blocks; verb-second languages take the clause's opener or the
actor right after the finite verb; others the nearest actor before the verb outside a
prepositional phrase, with only auxiliaries, adverbs, asides and the subject's own place
phrases between; a noun trigger's owner stands close before it; a purpose infinitive or gerund
shares its clause's subject.
"""
from __future__ import annotations

from dyad.actors.match import CAPITAL_ONLY
from dyad.events.clitics import clitic_before_verb, gap_word, object_clitic
from dyad.events.lexicon import TriggerMatch
from dyad.events.morphology import (
    inflected_ending,
    light_verb,
    number_clash,
    oblique,
    other_verb,
)
from dyad.events.placement import (
    Placed,
    after_kind,
    after_preposition,
    clause_start,
    only_filler,
    subject_modifiers,
)
from dyad.events.verbsecond import verb_second_subject
from dyad.grammar import Grammar
from dyad.model import Token

PURPOSE_REACH = 8  # "um gegen die Regierung zu protestieren": the purpose word opens the phrase
NOUN_REACH = 4  # a noun trigger's source stands close before it ("Vietnam's solidarity with")
INVERTED_REACH = 3  # "разорвали три года назад ОАЭ": adverbs may stand between verb and subject
DEMONYM_ONLY = frozenset({"demonym"})
NOT_A_NOUN = ("glue", "determiner", "preposition", "quantity", "subject_gap", "coordinator", "pronoun")  # function words: no nationality noun opens a sentence with them


def find_subject(match: TriggerMatch, tokens: list[Token], clause_of: list[int], before: list[Placed],
             after: list[Placed], grammar: Grammar) -> tuple[Placed | None, str]:
    anchor = match.anchor
    # a bare nationality adjective modifies a thing ("die spanische Stadt", "British rule");
    # it may name a target ("attacked Chadian posts") but never the one who acts
    # ... unless an article makes it a noun: "los salvadoreños protestarán"
    before = [p for p in before if (p.unit.kinds != DEMONYM_ONLY or demonym_noun(p, tokens, grammar))
              and p.unit.descriptor != "object_pronoun"  # "o governo lhe pediu": never the subject
              and not (p.last + 1 < len(tokens) and grammar.has("postposition", tokens[p.last + 1].text))]
    after = [p for p in after if p.unit.kinds != DEMONYM_ONLY]
    opening = clause_start(anchor, clause_of)
    if _pronoun_subject(tokens, opening, anchor, before, grammar):
        return None, "pronoun"  # "she thanked Peru": a pronoun we could not resolve is the subject
    noun = is_noun(match, tokens, grammar)
    if not noun and anchor > 0 and agreeing_participle(tokens[anchor], grammar) \
            and tokens[anchor - 1].text.isalpha() and not any(
                grammar.has(k, tokens[anchor - 1].text) for k in ("subject_gap", "passive_aux", "negation")):
        return None, ""  # "los militantes encarcelados pidieron": a participle describing a noun
    inverted = next((p for p in after if p.first <= anchor + 3
                     and only_filler([t for t in tokens[anchor + 1:p.first]
                                      if not grammar.has("quantity", t.text)], grammar)  # "mehrere"
                     and not after_preposition(p.first, tokens, grammar)), None)  # not "fordert von X"
    if grammar.verb_second and not noun:
        final, subject, how = verb_second_subject(anchor, opening, tokens, clause_of, before, inverted, grammar)
        if final:
            return subject, how
    else:
        subject = subject_before(before, tokens, grammar)
        if subject is not None and not noun and not _verb_follows(subject, anchor, tokens, grammar,
                                                                  subject_modifiers(subject, tokens, grammar)):
            if not _after_coordinator(subject.last, anchor, tokens, grammar):
                return None, ""  # "The U.S.-backed deal calls for": the subject is "deal"
            # "X criticised Y and rejected Z": the second verb shares the clause's subject
            subject = _shared_subject(before, tokens, opening, grammar)
            if subject is None:
                return None, ""  # "X asked police to ... and called on": "police" is no subject
        clash = subject is not None and not noun and number_clash(tokens, subject.first, anchor, grammar)
        if clash:
            subject = None  # "Банк раскритиковали": a plural verb with no subject before it
        if subject is None and not noun:
            late = _subject_by_case(match, tokens, opening, before, after, grammar, clash)
            if late is not None:
                return late, "verb-subject"  # "Отношения с Катаром разорвали ОАЭ"
    if subject is not None and (not noun or (anchor - subject.last <= NOUN_REACH
                                             and _owns_noun(subject, anchor, tokens, grammar))):
        return subject, "subject-verb"
    # nothing but function words before the trigger: "Talks between X and Y", "said X"
    if after and only_filler(tokens[opening:anchor], grammar, punctuation=True) \
            and (noun or not after_preposition(after[0].first, tokens, grammar)):
        return after[0], "verb-subject"  # not "Criticaron a la conducción de la central obrera"
    return None, ""


def _subject_by_case(match: TriggerMatch, tokens: list[Token], opening: int, before: list[Placed],
                     after: list[Placed], grammar: Grammar, clash: bool) -> Placed | None:
    """Where case, not order, marks the subject (the grammar lists `nominative_ending`): an
    actor in the nominative right after the verb when the clause opens with its object or an
    adverbial - the trigger's own fronted noun ("Отношения с Катаром разорвали ОАЭ"), an actor
    in an oblique case ("Россию посетил президент Франции"), a singular actor before a plural
    verb (`clash`: "Иран раскритиковали представители ЕС") or a prepositional phrase ("В Женеве
    встретились Лавров и Блинкен") or an object pronoun right before the verb ("его задержали
    сотрудники полиции"). A clause opened by its verb ("..., что поддерживает Китай")
    has a dropped subject; one opened by a quantity ("несколько агентств обвинили HSBC") has its
    subject before the verb."""
    end = match.indices[-1]
    if not grammar.words.get("nominative_ending"):
        return None
    first = tokens[match.anchor]
    opener = next((i for i in range(opening, match.anchor) if tokens[i].text[:1].isalnum()
                   and not grammar.has("clause_break", tokens[i].text)), None)
    fronted = (len(match.indices) > 1 and not other_verb([first], grammar) and not light_verb(first, grammar)) \
        or clash or any(not after_preposition(p.first, tokens, grammar) and oblique(tokens, p.first, grammar)
                        for p in before) \
        or (opener is not None and grammar.has("preposition", tokens[opener].text)
            and not any(grammar.has("quantity", t.text) for t in tokens[opener:match.anchor])) \
        or (match.anchor > 0 and grammar.has("object_clitic", tokens[match.anchor - 1].text))
    late = next((p for p in after if p.first > end), None)
    if not fronted or late is None or late.first > end + INVERTED_REACH \
            or not all(gap_word(t.text, grammar) for t in tokens[end + 1:late.first]) \
            or after_preposition(late.first, tokens, grammar) or oblique(tokens, late.first, grammar):
        return None
    return late


def agreeing_participle(word: Token, grammar: Grammar) -> bool:
    """A verb form with a plural adjective ending (grammar `plural_adjective_ending`: es/pt
    "-s", it "-i"): a participle agreeing with a noun ("encarcelados"), never a finite verb;
    right after its noun (no auxiliary: "sono scesi") it describes the noun."""
    return inflected_ending(word, grammar, "plural_adjective_ending")


def demonym_noun(placed: Placed, tokens: list[Token], grammar: Grammar, plural: bool = False) -> bool:
    """A nationality word made a noun by an article: "los salvadoreños protestarán"; `plural`:
    only an inflected form ("the Americans", not "the American rapper"). A plural one is also a
    noun after a count ("miles de israelíes") and, where adjectives follow their noun (grammar
    setting adjective_after), when it opens the sentence ("Nicaragüenses protestan") or follows
    the noun that does ("Organizaciones guatemaltecas convocan": a group of that country)."""
    word = tokens[placed.last]
    inflected = word.text.lower() != word.lemma
    first = placed.first
    if first > 0 and grammar.has("determiner", tokens[first - 1].text):
        return not plural or inflected
    if not inflected or first != placed.last:
        return False
    return _counted(first, tokens, grammar) or grammar.adjective_after and (
        first == 0 or (first == 1 and tokens[0].text[:1].isupper() and tokens[0].text.isalpha()
                       and not any(grammar.has(k, tokens[0].text) for k in NOT_A_NOUN)))


def _counted(index: int, tokens: list[Token], grammar: Grammar) -> bool:
    """A word after a count and its "of": "miles de", "hundreds of", "200 de"."""
    return index > 1 and grammar.has("quantity_of", tokens[index - 1].text) \
        and (grammar.has("quantity", tokens[index - 2].text) or tokens[index - 2].text.isdigit())


def is_noun(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """A noun trigger, or a verb lemma used as a noun after a determiner ("at their meeting") or
    a preposition ("during protest in California"; not the infinitive marker "to") or a
    possessive marker ("China's order to close")."""
    anchor = match.anchor
    previous = tokens[anchor - 1].text if anchor > 0 else ""
    if "noun" not in match.trigger.flags and grammar.capitalised_nouns and len(match.indices) > 1 \
            and tokens[match.indices[-1]].text[:1].islower():
        return False  # "hat die Sanktionen verhängt": the article is the object's, a verb ends it
    return "noun" in match.trigger.flags or _after_possessive(anchor, tokens, grammar) \
        or (grammar.has("determiner", previous) and not clitic_before_verb(anchor, tokens, grammar)) \
        or (grammar.has("preposition", previous) and not grammar.has("infinitive", previous))


def _after_possessive(anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """"China's order to close": a possessive marker before the word makes it a noun; not "he's
    held a rally" (after a pronoun it is "has"), nor a past form ("the army's shelled")."""
    if anchor < 2 or not grammar.has("possessive_marker", tokens[anchor - 1].text):
        return False
    word = tokens[anchor].text.lower()
    return not grammar.has("pronoun", tokens[anchor - 2].text) \
        and not any(word.endswith(e) for e in grammar.words.get("past_ending", ()))


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


def is_purpose(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """A verb trigger right after an infinitive marker that states the subject's purpose: "para
    protestar"; where the grammar lists `purpose` words, one of them opens the phrase ("um ... zu
    protestieren"); never where it sets purpose_infinitive=no (English "to")."""
    anchor = match.anchor
    if anchor > 1 and grammar.has("object_clitic", tokens[anchor - 1].text):
        anchor -= 1  # "pour le critiquer": an object pronoun bound to the infinitive
    if "noun" in match.trigger.flags or anchor == 0 or not grammar.purpose_infinitive \
            or not grammar.has("infinitive", tokens[anchor - 1].text):
        return False  # English "to" also follows nouns and verbs of telling: "under pressure to"
    if not grammar.words.get("purpose"):
        return True
    return any(grammar.has("purpose", t.text) for t in tokens[max(0, anchor - PURPOSE_REACH):anchor])


def is_gerund(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """A verb trigger in a gerund form (grammar `gerund_ending`: "exigiendo", "acusando"),
    which has no subject of its own."""
    return "noun" not in match.trigger.flags \
        and inflected_ending(tokens[match.anchor], grammar, "gerund_ending")


SHARED_REACH = 3  # "cuando", a clitic or an auxiliary, then the verb: "cuando se manifestaban"


def shared_subject(match: TriggerMatch, tokens: list[Token], clause_of: list[int],
                   placed: list[Placed], grammar: Grammar) -> Placed | None:
    """A finite verb right after a `shared_subject` word ("cuando", "mientras") with no subject
    of its own: the subject of the clause it hangs from ("Seis activistas fueron detenidos
    cuando protestaban"), when no object of that clause could be meant instead ("la policía
    dispersó a los estudiantes cuando protestaban": direct or "a"-marked objects make it
    ambiguous; "por" agents and place phrases do not)."""
    anchor = match.anchor
    word = next((i for i in range(anchor - 1, max(-1, anchor - 1 - SHARED_REACH), -1)
                 if grammar.has("shared_subject", tokens[i].text)), None)
    if word is None or not only_gap(tokens[word + 1:anchor], grammar):
        return None
    end = word - 1 if word > 0 and tokens[word - 1].text == "," else word
    if end <= 0:
        return None
    clause = clause_of[end - 1]
    matrix = [p for p in placed if p.last < end and clause_of[p.first] == clause]
    subject = clause_subject(matrix, tokens, grammar)
    if subject is None:
        return None
    for other in matrix:
        if other.first > subject.last and (after_kind(other.first, tokens, grammar, "clitic_double")
                                           or not (after_preposition(other.first, tokens, grammar)
                                                   or grammar.has("passive_aux", tokens[other.first - 1].text))):
            return None
    return subject


RELATIVE_REACH = 3  # "que", a clitic or an auxiliary, then the verb: ", que se han manifestado"


def relative_antecedent(match: TriggerMatch, tokens: list[Token], clause_of: list[int],
                        placed: list[Placed], grammar: Grammar) -> Placed | None:
    """The actor right before ", que" (grammar relative_subject) when the relative pronoun is
    the subject of the trigger's verb: "los choferes, que reclaman un aumento"; or right before
    "que" itself ("las protestas de los indígenas que exigen la derogatoria")."""
    opening = next((i for i in range(match.anchor - 1, max(0, match.anchor - 1 - RELATIVE_REACH), -1)
                    if grammar.has("relative_subject", tokens[i].text)), None)
    if opening is None or clause_of[opening] != clause_of[match.anchor] and tokens[opening - 1].text != "," \
            or not only_gap(tokens[opening + 1:match.anchor], grammar):
        return None
    last = opening - 2 if tokens[opening - 1].text == "," else opening - 1
    return next((p for p in placed if p.last == last
                 and (p.unit.kinds != DEMONYM_ONLY or demonym_noun(p, tokens, grammar))), None)


def only_gap(between: list[Token], grammar: Grammar) -> bool:
    return all(grammar.has("subject_gap", t.text) or grammar.has("passive_aux", t.text)
               or grammar.has("negation", t.text) for t in between)


def clause_subject(before: list[Placed], tokens: list[Token], grammar: Grammar) -> Placed | None:
    """The first actor of the clause outside a prepositional phrase: the main verb's subject.
    A bare capital is left out: far from the verb it is a dateline ("MADRID (AFP) -"); so is an
    actor joined to a prepositional one ("contra Estados Unidos o el FMI")."""
    inside = False
    for placed in before:
        inside = after_preposition(placed.first, tokens, grammar) or (inside and after_kind(
            placed.first, tokens, grammar, "coordinator"))
        if not inside and placed.unit.kinds != CAPITAL_ONLY and (
                placed.unit.kinds != DEMONYM_ONLY or demonym_noun(placed, tokens, grammar, plural=True)):
            return placed
    return None


def _verb_follows(subject: Placed, anchor: int, tokens: list[Token], grammar: Grammar,
                  modifiers: frozenset[int] = frozenset()) -> bool:
    """Only auxiliaries, adverbs, asides (between commas or brackets) and the subject's own
    place or actor phrases (`modifiers`) stand between subject and verb."""
    depth = parens = 0
    for i, token in enumerate(tokens[subject.last + 1:anchor]):
        word = token.text
        if subject.last + 1 + i in modifiers:
            continue
        if i == 0 and grammar.has("relative_subject", word):
            continue  # "los cultivadores que protestan": the relative pronoun is the subject
        if word == "(":
            parens += 1
            continue
        if word == ")":
            parens = max(0, parens - 1)
            continue
        if word == ",":
            depth = depth if parens else 1 - depth  # a comma inside brackets opens no aside
            continue
        if depth or parens or gap_word(word, grammar) or object_clitic(
                subject.last + 1 + i, anchor, tokens, grammar):
            continue
        return False
    return True


def _shared_subject(before: list[Placed], tokens: list[Token], opening: int,
                    grammar: Grammar) -> Placed | None:
    """The subject of coordinated verbs: the clause's first actor if it opens the clause, else,
    where case endings show the nominative, the last one right after a comma that closes an
    opening phrase ("По данным полиции, протестующие подожгли суд и напали на офицеров")."""
    free = [p for p in before if not after_preposition(p.first, tokens, grammar)
            and not oblique(tokens, p.first, grammar)]
    if free and (_opens_clause(tokens[opening:free[0].first], grammar)
                 or _after_opening_phrase(free[0], opening, tokens, grammar)):
        return free[0]
    if not grammar.words.get("nominative_ending"):
        return None
    return next((p for p in reversed(free) if p.first > opening and tokens[p.first - 1].text == ","), None)


def _after_coordinator(start: int, anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """A coordinator before the verb, with only auxiliaries and adverbs between: "X avait été
    direct et avait menacé les entreprises" - the second verb shares the first one's subject."""
    j = anchor - 1
    while j > start and gap_word(tokens[j].text, grammar) and not grammar.has("coordinator", tokens[j].text):
        j -= 1
    return j > start and grammar.has("coordinator", tokens[j].text)


def _after_opening_phrase(first: Placed, opening: int, tokens: list[Token], grammar: Grammar) -> bool:
    """The first free actor right after the comma that closes a prepositional phrase opening the
    clause: "Lors d'une conférence de presse à Washington, le ministre ... a été direct et a
    menacé": the subject of both verbs."""
    j = first.first - 1
    while j > opening and (grammar.has("determiner", tokens[j].text) or grammar.has("glue", tokens[j].text)):
        j -= 1
    return j > opening and tokens[j].text == "," and grammar.has("preposition", tokens[opening].text) \
        and "," not in (t.text for t in tokens[opening:j])


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


def subject_before(before: list[Placed], tokens: list[Token], grammar: Grammar) -> Placed | None:
    """The nearest actor before the trigger that is not inside a prepositional phrase (nor, in
    a language marking case by endings, in an oblique case: "действия Банка России")."""
    for placed in reversed(before):
        if not after_preposition(placed.first, tokens, grammar) \
                and not oblique(tokens, placed.first, grammar):
            return placed
    return None
