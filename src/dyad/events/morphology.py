"""Case, number and verbs read from word endings: case and number for a language that marks
roles by inflection (Russian), verbs by their lemma's ending where we have no part of speech
(Russian "-ть", French "-er").

Every rule is driven by grammar.tsv kinds; a language without them gets False everywhere. A
word carries an ending only when its simplemma lemma lacks it, so base forms ("Москва") and
words simplemma does not know keep today's reading.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dyad.grammar import Grammar
from dyad.model import Token


def oblique(tokens: list[Token], first: int, grammar: Grammar,
            kind: str = "oblique_ending") -> bool:
    """The phrase starting at `first` is in an oblique case: its first word ends in a `kind`
    ending its lemma lacks (`kind`_common: lowercase words only, `kind`_proper: capitalised
    words inside the sentence), and in no `nominative_ending` ("Израильская"). After a quantity
    or numeral ("тысячи демонстрантов", "два гражданина") the phrase is the subject instead."""
    token = tokens[first]
    word = token.text.lower()
    before = tokens[first - 1].text if first > 0 else ""
    if word == token.lemma or len(word) < 4 \
            or any(word.endswith(e) for e in grammar.words.get("nominative_ending", ())) \
            or grammar.has("quantity", before) or before.isdigit():
        return False
    endings = set(grammar.words.get(kind, ()))
    endings |= grammar.words.get(kind + "_proper" if token.text[0].isupper() and first > 0
                                 else kind + "_common", frozenset())
    return any(word.endswith(e) and not token.lemma.endswith(e) for e in endings)


def inflected_ending(token: Token, grammar: Grammar, kind: str) -> bool:
    """The word is inflected (not its own lemma) and ends in one of the grammar's `kind` endings."""
    word = token.text.lower()
    return word != token.lemma and any(word.endswith(e) for e in grammar.words.get(kind, ()))


def short_participle(token: Token, grammar: Grammar) -> bool:
    """A verb in a passive participle form marked by its ending (`passive_participle_ending`:
    "задержан", "арестованы")."""
    return inflected_ending(token, grammar, "passive_participle_ending")


def number_clash(tokens: list[Token], first: int, verb: int, grammar: Grammar) -> bool:
    """A plural verb (`plural_verb_ending`) after a phrase whose first word is its own lemma (a
    singular: not an acronym, not a `plural_noun_ending`) with no coordinator or quantity before
    it ("тысячи человек вышли": the quantity is plural)."""
    word = tokens[first].text
    return inflected_ending(tokens[verb], grammar, "plural_verb_ending") \
        and word.lower() == tokens[first].lemma and not word.isupper() \
        and not any(word.lower().endswith(e) for e in grammar.words.get("plural_noun_ending", ())) \
        and not (first > 0 and (grammar.has("coordinator", tokens[first - 1].text)
                                or grammar.has("quantity", tokens[first - 1].text)))


def light_verb(token: Token, grammar: Grammar) -> bool:
    """A verb whose subject owns the event noun after it ("held a protest"): a `light_verb`
    form, or a `light_verb_lemma` lemma or form (languages that list lemmas, not forms)."""
    return grammar.has("light_verb", token.text) or grammar.has("light_verb_lemma", token.lemma) \
        or grammar.has("light_verb_lemma", token.text)


NOT_A_VERB = ("glue", "determiner", "preposition", "title_adjective", "subject_gap",
                  "passive_aux", "intent", "negation", "quantity", "possessive", "pronoun")


def other_verb(between: list[Token], grammar: Grammar) -> bool:
    """A verb other than a light verb among `between`, told by its lemma's ending
    (`verb_lemma_ending`: Russian "-ть", French "-er"); function words (auxiliaries, adverbs,
    negation) are not counted. Where a language lists no endings, False."""
    endings = grammar.words.get("verb_lemma_ending", ())
    return bool(endings) and any(
        t.text[:1].islower() and any(t.lemma.endswith(e) for e in endings)
        and not light_verb(t, grammar) and not any(grammar.has(k, t.text) for k in NOT_A_VERB)
        for t in between)


def verbal_participles(tokens: list[Token], grammar: Grammar, known: Callable[[str], bool]) -> list[Token]:
    """A participle whose lemma no trigger starts with (simplemma reads "bloqueado", "detenido"
    as adjectives, Italian "svolte" as the noun "svolta") takes its verb's lemma right after a
    perfect or passive auxiliary ("han bloqueado", "fue detenido", "si sono svolte"): the
    infinitive from grammar `participle_infinitive` ("ado>ar", "ido>er", "olte>olgere"), the
    first that `known` accepts (a trigger lemma)."""
    rules = [form.split(">") for form in grammar.words.get("participle_infinitive", ())]
    if not rules:
        return tokens
    out = list(tokens)
    for i in range(1, len(tokens)):
        token, before = tokens[i], tokens[i - 1].text
        word = token.text.lower()
        if known(token.lemma) or not (grammar.has("perfect_aux", before) or grammar.has("passive_aux", before)):
            continue
        verb = next((word[:-len(end)] + inf for end, inf in rules
                     if word.endswith(end) and known(word[:-len(end)] + inf)), None)
        if verb is not None:
            out[i] = replace(token, lemma=verb)
    return out
