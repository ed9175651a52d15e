"""Object pronouns bound to a verb: before it ("les accuse", "lui reprochent"), glued to it
("l'accuse", "acusou-o") or, in German, right after it ("warf ihr vor"). Such a pronoun is the
verb's object, so the actor beside it is no object and the target is resolved like "him"."""
from __future__ import annotations

from dyad.events.morphology import light_verb, other_verb
from dyad.events.placement import Placed
from dyad.grammar import Grammar
from dyad.model import Token


def clitic_before_verb(anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """"les accuse", "la critique" after a subject, "pour le critiquer": an object pronoun before
    an inflected verb or an infinitive after its marker, not an article before a noun ("lors de la rencontre", "a salué la rencontre")."""
    word, before = tokens[anchor], tokens[anchor - 2] if anchor > 1 else None
    if not grammar.has("object_clitic", tokens[anchor - 1].text) or before is None:
        return False
    if grammar.has("infinitive", before.text) and word.text.lower() == word.lemma:
        # "pour le critiquer": an infinitive, not "pour le dialogue"
        return any(word.lemma.endswith(e) for e in grammar.words.get("verb_lemma_ending", ()))
    return word.text.lower() != word.lemma and not grammar.has("preposition", before.text) \
        and not other_verb([before], grammar) and not light_verb(before, grammar)


def gap_word(word: str, grammar: Grammar) -> bool:
    """An auxiliary, adverb, negation or intent word, which may stand between subject and verb."""
    return grammar.has("subject_gap", word) or grammar.has("passive_aux", word) \
        or grammar.has("intent", word) or grammar.has("negation", word) \
        or word.lower().endswith(grammar.adverb_suffix or "\0")


def object_clitic(i: int, anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """An object pronoun bound to the verb (grammar `object_clitic`: "les accuse", "lui
    reprochent", "l'a accusé"), with only auxiliaries and adverbs between it and the verb."""
    return grammar.has("object_clitic", tokens[i].text) \
        and all(gap_word(t.text, grammar) for t in tokens[i + 1:anchor])


def clitic_object(subject: Placed, anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """The verb's object is a pronoun bound to it between subject and verb, glued to it, or
    right after it ("Die Amerikaner werfen ihr vor, ...")."""
    return glued_clitic(tokens[anchor], grammar) or pronoun_after(anchor, tokens, grammar) \
        or any(object_clitic(i, anchor, tokens, grammar) for i in range(subject.last + 1, anchor))


def pronoun_after(anchor: int, tokens: list[Token], grammar: Grammar) -> bool:
    """An object pronoun right after the verb (grammar `object_pronoun_after`: "drohte ihm");
    a form that is also a possessive only when no noun follows it ("werfen ihr vor", not
    "kritisierte ihr neues Gesetz")."""
    if anchor + 1 >= len(tokens) or not grammar.has("object_pronoun_after", tokens[anchor + 1].text):
        return False
    if not grammar.has("possessive", tokens[anchor + 1].text):
        return True
    following = tokens[anchor + 2].text if anchor + 2 < len(tokens) else ""
    noun_next = anchor + 3 < len(tokens) and tokens[anchor + 3].text[:1].isupper()
    return not following[:1].isalpha() or grammar.has("preposition", following) \
        or (following[:1].islower() and not noun_next)


def glued_clitic(word: Token, grammar: Grammar) -> bool:
    """An object pronoun written on the verb itself: an `object_clitic` form ending in an
    apostrophe before it ("l'accuse") or one starting with a hyphen after it ("acusou-o",
    "pediu-lhe"); the rest must be an inflected form, not a noun ("l'attaque", "l'accusation")."""
    text = word.text.lower().replace("’", "'")
    for form in grammar.words.get("object_clitic", ()):
        form = form.replace("’", "'")
        if form.endswith("'") and text.startswith(form):
            rest = text[len(form):]
        elif form.startswith("-") and text.endswith(form):
            rest = text[:-len(form)]
        else:
            continue
        if len(rest) > 1 and rest[0].isalpha() and rest != word.lemma:
            return True
    return False
