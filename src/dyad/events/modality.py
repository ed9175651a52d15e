"""Negation and modality (asserted / intended / reported) of an event; places: location.py."""
from __future__ import annotations

from dyad.events.lexicon import TriggerMatch
from dyad.events.subject import is_noun
from dyad.grammar import Grammar
from dyad.model import EventDate, Modality, Token

REPORTED_AFTER_DAYS = 30  # an event dated this long before the story is background
HISTORY_YEARS = 5  # "have fought two wars since independence in 1947": history, not news


def is_negated(match: TriggerMatch, tokens: list[Token], clause_of: list[int],
               grammar: Grammar) -> bool:
    """A negation word shortly before the trigger (or, verb-second, anywhere after it)."""
    clause = clause_of[match.anchor]
    start = max(0, match.anchor - 3)
    end = len(tokens) if grammar.verb_second else match.indices[-1] + 2
    return any(clause_of[i] == clause and grammar.has("negation", tokens[i].text)
               for i in range(start, min(end, len(tokens))) if i not in match.indices)


def is_conditional(match: TriggerMatch, tokens: list[Token], clause_of: list[int],
                   grammar: Grammar) -> bool:
    """"even if Starmer did expel Corbyn", "wenn Russland angreift": a condition, not an event."""
    clause = clause_of[match.anchor]
    return any(clause_of[i] == clause and grammar.has("condition", tokens[i].text)
               for i in range(match.anchor))


def is_infinitive(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """"to (soon) visit", "zu besuchen": the trigger is an infinitive."""
    verb = match.indices[-1] if match.verb_final else match.anchor  # "mit X zu sprechen"
    window = tokens[max(0, verb - 2):verb]
    return any(grammar.has("infinitive", t.text) for t in window)


CAPABILITY_REACH = 6  # "remains capable of carrying out high-profile attacks"


def is_capability(match: TriggerMatch, tokens: list[Token], clause_of: list[int],
                  grammar: Grammar) -> bool:
    """"remains capable of carrying out attacks", "bleibt fähig, Angriffe durchzuführen": what an
    actor could do is no event."""
    clause = clause_of[match.anchor]
    return any(clause_of[i] == clause and grammar.has("capability", tokens[i].text)
               for i in range(max(0, match.anchor - CAPABILITY_REACH), match.anchor))


def is_history(match: TriggerMatch, tokens: list[Token], clause_of: list[int], grammar: Grammar,
               date: EventDate, story: EventDate) -> bool:
    """An event its clause places years before the story ("in 1947", "seit 1947", "im Dezember
    1992") is history the article recalls, not an event of its time. A year after an article
    names a thing ("the 1967 borders") and does not count."""
    story_day = story.first_day()
    if story_day is None:
        return False
    limit = story_day.year - HISTORY_YEARS
    day = date.first_day() if date.source == "text" else None
    if day is not None and day.year <= limit:
        return True
    clause = clause_of[match.anchor]
    return any(clause_of[i] == clause and len(t.text) == 4 and t.text.isdigit() and int(t.text) <= limit
               and _dates_by_preposition(tokens, i, grammar) for i, t in enumerate(tokens))


def _dates_by_preposition(tokens: list[Token], year: int, grammar: Grammar) -> bool:
    """"in 1947", "im Dezember 1992", "im Jahr 1947" (grammar kind year_prep): not "over the
    1967 war", "des Krieges von 1967", where the year names a thing."""
    words = [t.text for t in tokens[max(0, year - 2):year]]
    return bool(words) and (grammar.has("year_prep", words[-1]) or (
        len(words) == 2 and grammar.has("year_prep", words[0]) and not grammar.has("determiner", words[1])))


COMPLEMENT_REACH = 10  # from the comma after the noun to the infinitive: "Plänen, indisches Land zu erobern"


def is_noun_complement(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """"mit seinen Plänen, indisches Land zu erobern": an infinitive clause completing a noun (a
    plan, an attempt, a demand) is what the noun is about, not an act; after a verb ("plant, ...
    anzugreifen") or opened by a purpose word ("am Montag, um ... zu protestieren") it stays an
    act. Only where nouns are capitalised (German)."""
    if not grammar.capitalised_nouns or not is_infinitive(match, tokens, grammar):
        return False
    for i in range(match.anchor - 1, max(0, match.anchor - COMPLEMENT_REACH) - 1, -1):
        if tokens[i].text == ",":
            head = tokens[i - 1].text if i > 1 else ""
            return head[:1].isupper() and head.isalpha() and not grammar.has("purpose", tokens[i + 1].text)
        if not tokens[i].text[:1].isalnum():
            return False
    return False


def modality(match: TriggerMatch, tokens: list[Token], clause_of: list[int], grammar: Grammar,
             date: EventDate, story: EventDate, reported: bool) -> Modality:
    if reported or _long_before(date, story):
        return "reported"
    if is_infinitive(match, tokens, grammar) or _after(date, story):
        return "intended"
    clause = clause_of[match.anchor]
    if _planned_noun(match, tokens, clause_of, grammar) or _requested(match, tokens, clause_of, grammar):
        return "intended"
    reach = match.anchor if grammar.verb_second else 3
    window = range(max(0, match.anchor - reach), match.anchor)
    if any(clause_of[i] == clause and grammar.has("intent", tokens[i].text) for i in window):
        return "intended"
    if grammar.future_suffixes and any(
            tokens[i].text.lower() != tokens[i].lemma
            and tokens[i].text.lower().endswith(grammar.future_suffixes)
            and ("perfective" not in grammar.words or grammar.has("perfective", tokens[i].lemma))
            for i in match.indices):
        return "intended"  # a synthetic future: "visitará", "se rendra"; a perfective "посетит"
    return "asserted"


REQUEST_REACH = 6  # "request that the court of the region arrest"


def _requested(match: TriggerMatch, tokens: list[Token], clause_of: list[int], grammar: Grammar) -> bool:
    """What a request asks for has not happened: "intends to request that the court arrest the
    suspect", "demanded that Israel withdraw" (grammar `request`, then the complementizer)."""
    clause = clause_of[match.anchor]
    for i in range(match.anchor - 1, max(0, match.anchor - REQUEST_REACH) - 1, -1):
        if clause_of[i] != clause:
            return False
        if grammar.has("complementizer", tokens[i].text):
            return i > 0 and grammar.has("request", tokens[i - 1].text)
    return False


PLANNED_REACH = 8  # "talks between the Israeli and Egyptian leaders are scheduled"


def _planned_noun(match: TriggerMatch, tokens: list[Token], clause_of: list[int], grammar: Grammar) -> bool:
    """An event noun whose own verb is future or planned: "a protest will be held outside ...",
    "talks are scheduled for Monday" (an intent word right after it, or after a passive
    auxiliary). Only where the subject stands before its verb."""
    if grammar.verb_second or not is_noun(match, tokens, grammar):
        return False
    end, clause = match.indices[-1], clause_of[match.anchor]
    following = [t.text for i, t in enumerate(tokens[end + 1:end + PLANNED_REACH], end + 1) if clause_of[i] == clause]
    while following and (following[0][:1].isupper() or any(grammar.has(kind, following[0]) for kind in (
            "glue", "coordinator", "determiner", "preposition"))):
        following = following[1:]  # "talks between Israel and Egypt are scheduled"
    if following and grammar.has("passive_aux", following[0]):
        following = following[1:]
    return bool(following) and grammar.has("intent", following[0])


def _long_before(date: EventDate, story: EventDate) -> bool:
    day, story_day = date.first_day(), story.first_day()
    if day is None or story_day is None or date.source != "text":
        return False
    return (story_day - day).days > REPORTED_AFTER_DAYS and not story.value.startswith(date.value)


def _after(date: EventDate, story: EventDate) -> bool:
    day, story_day = date.first_day(), story.first_day()
    return bool(day and story_day and date.source == "text" and day > story_day
                and not date.value.startswith(story.value[:len(date.value)]))


def takes_object(match: TriggerMatch, tokens: list[Token], grammar: Grammar) -> bool:
    """A word other than a preposition, coordinator, adverb or punctuation follows the trigger:
    "demonstrated its strength", "demonstrierte Stärke" (an `intransitive` trigger is no event then)."""
    end = match.indices[-1]
    if end + 1 >= len(tokens):
        return False
    word = tokens[end + 1].text
    return word[:1].isalnum() and not any(grammar.has(kind, word) for kind in (
        "preposition", "coordinator", "negation", "subject_gap", "adverb")) \
        and not word.lower().endswith(grammar.adverb_suffix or "\0")
