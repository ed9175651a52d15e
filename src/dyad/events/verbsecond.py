"""Verb-second clauses (German): who opens the clause before its finite verb.

A name we do not know, a list of actors, or a noun phrase after a comma that joins two main
clauses: each is the subject of the verb that follows it.
"""
from __future__ import annotations

from itertools import pairwise

from dyad.events.placement import Placed, after_preposition, only_filler
from dyad.grammar import Grammar
from dyad.model import Token

NOT_A_NAME = ("adverb", "pronoun", "determiner", "subject_gap", "coordinator", "clause_break", "preposition",
              "glue", "complementizer", "negation")  # words that open a clause without being its subject


def _unknown_name_first(opening: int, anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """A single capitalised word the lemmatiser leaves as it is ("Maas"; lemmas are lowercased)
    alone before a verb-second verb, and no function word or adverb ("Nun", "Gestern", "Es"):
    the clause's subject, though no actor."""
    word = tokens[opening]
    return opening == anchor - 1 and word.text[:1].isupper() and word.text.lower() == word.lemma \
        and not any(grammar.has(k, word.text) for k in NOT_A_NAME)


def _joined_clause(opening: int, anchor: int, before: list[Placed], tokens: list[Token],
                   grammar: Grammar) -> int | None:
    """The comma before a capitalised noun phrase that stands right before a verb-second verb
    (not closing its clause), with words of its own clause before that comma: "Die USA halten wenig von Freihandel,
    WTO-Chef Azevedo trat zurück" - two main clauses joined by a comma; the phrase after it is
    the verb's subject, never the actor that opens the sentence."""
    covered = {i for p in before for i in range(p.first, p.last + 1)}  # "der brasilianische Präsident"
    j = anchor - 1
    while j > opening and (tokens[j].text[:1].isupper() or tokens[j].text == "-" or j in covered
                           or grammar.has("glue", tokens[j].text)):
        j -= 1
    if j <= opening or j == anchor - 1 or tokens[j].text != "," or not tokens[anchor - 1].text[:1].isupper() \
            or anchor + 1 >= len(tokens) or not tokens[anchor + 1].text[:1].isalnum():
        return None  # a verb closing its clause is final: "..., Präsident Trump anzugreifen."
    return j


def _listed_subject(before: list[Placed], opening: int, anchor: int, tokens: list[Token],
                    grammar: Grammar) -> Placed | None:
    """"Russland und China kritisierten Japan", "Die USA und die EU haben Russland kritisiert":
    a list of actors that opens a verb-second clause, right before its finite verb, is the
    subject; its last conjunct stands for it (the others join as coordinated sources), and
    nothing in the list is the target."""
    units = [p for p in before if p.first >= opening]
    if len(units) < 2 or not only_filler(tokens[opening:units[0].first], grammar):
        return None
    last = 0
    for a, b in pairwise(units):
        between = [t.text for t in tokens[a.last + 1:b.first]]
        if not any(w == "," or grammar.has("coordinator", w) for w in between) or not all(
                w == "," or any(grammar.has(k, w) for k in ("coordinator", "glue", "determiner")) for w in between):
            break
        last += 1
    end = units[last].last + 1
    if last == 0 or not (end == anchor or grammar.has("finite_aux", tokens[end].text)):
        return None
    return units[last]


def verb_second_subject(anchor: int, opening: int, tokens: list[Token], clause_of: list[int],
                        before: list[Placed], inverted: Placed | None,
                        grammar: Grammar) -> tuple[bool, Placed | None, str]:
    """The subject of a verb trigger in a verb-second clause: (final, subject, how); when not
    final, `subject` is the clause's first free actor, still to be checked as the others are."""
    if inverted is not None and anchor > opening and (
            (grammar.capitalised_nouns and tokens[anchor].text[:1].isupper()) or grammar.has("determiner", tokens[anchor].text)):
        inverted = None  # "hat die Schließung des Konsulats angeordnet", "hat den Minister getroffen": no verb
    comma = _joined_clause(opening, anchor, before, tokens, grammar)
    if comma is not None:  # "..., WTO-Generaldirektor Azevedo trat zurück": its own main clause
        own = next((p for p in before if p.first > comma and not after_preposition(p.first, tokens, grammar)), None)
        return (True, own, "subject-verb") if own else (True, None, "")
    listed = _listed_subject(before, opening, anchor, tokens, grammar)
    if listed is not None:
        return True, listed, "subject-verb"
    if inverted is not None:
        last = _before_aside(anchor, clause_of, tokens)  # "Der US-Präsident, der ... eintraf, kritisierte"
        opener = next((p for p in before if p.first <= opening + 1
                       and (p.last == last or _place_tail(p.last, last, tokens, grammar))
                       and not after_preposition(p.first, tokens, grammar)), None)  # not "Gegen Russland verhängten die USA"
        if opener is None and anchor > 0 and grammar.has("coordinator", tokens[anchor - 1].text):
            # "die Polizei feuerte Tränengas ab und verhaftete mehrere Protestierende": the
            # second verb shares the first one's subject; the phrase after it is its object
            shared = next((p for p in before if not after_preposition(p.first, tokens, grammar)), None)
            return (True, shared, "subject-verb") if shared else (True, None, "")
        if opener is None and _unknown_name_first(opening, anchor, tokens, grammar):
            return True, None, ""  # "Maas droht China": a name we do not know opens the clause
        return (True, opener, "subject-verb") if opener else (True, inverted, "verb-subject")
    # the subject opens the clause or follows its finite verb; a final verb (participle,
    # infinitive) has its objects before it: "X hatte Y angegriffen", "X wird Y besuchen"
    subject = next((p for p in before if not after_preposition(p.first, tokens, grammar)), None)
    if subject is not None and not _subject_place(subject, opening, tokens, grammar):
        return True, None, ""  # "Die Krankheit hat beinahe 50 Menschen getötet": an object
    return False, subject, ""


def _before_aside(anchor: int, clause_of: list[int], tokens: list[Token]) -> int:
    """The last word of the verb's own clause before it, past a relative aside between commas."""
    j = anchor - 1
    while j > 0 and (clause_of[j] != clause_of[anchor] or tokens[j].text == ","):
        j -= 1
    return j


def _place_tail(end: int, last: int, tokens: list[Token], grammar: Grammar) -> bool:
    """"Die Regierung in Kiew kritisierte": the opener's own place phrase (a location preposition
    and capitalised words) fills the field before the verb with it."""
    return last > end + 1 and grammar.has("location_prep", tokens[end + 1].text) and all(
        t.text[:1].isupper() or grammar.has("glue", t.text) for t in tokens[end + 2:last + 1])


def _subject_place(subject: Placed, opening: int, tokens: list[Token], grammar: Grammar) -> bool:
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
