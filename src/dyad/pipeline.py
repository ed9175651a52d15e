"""The one place that knows the order of the stages: article in, Document out."""
from __future__ import annotations

import dataclasses
import functools
import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from dyad.actors.coref import Discourse, rank_principals
from dyad.actors.kb import KnowledgeBase, load_knowledge_base
from dyad.actors.userdict import load_user_actors
from dyad.actors.match import Unit, build_units
from dyad.clean import clean, load_furniture
from dyad.dates import ArticleDates, find_dates, load_date_rules
from dyad.dedup import deduplicate
from dyad.events.coder import Resources, SentenceContext, code_sentence
from dyad.events.lexicon import load_lexicon
from dyad.errors import UnknownLanguage
from dyad.grammar import load_grammar
from dyad.langid import detect_language
from dyad.model import (Actor, ActorMention, Article, Document, EventDate, EventMention, Sentence,
                         Token)
from dyad.ontology import load_ontology
from dyad.segment import load_sentence_rules, segment
from dyad.tables import LANG_DIR
from dyad.tokens import Lemmatizer


@functools.cache
def coded_languages() -> frozenset[str]:
    """Languages with an event lexicon: the folders of lang/ that have triggers.tsv."""
    return frozenset(p.parent.name for p in LANG_DIR.glob("*/triggers.tsv"))


@dataclass
class Pipeline:
    """Holds the per-language resources (loaded on first use) and codes articles."""

    actor_files: tuple[Path, ...] = ()  # users' own actor dictionaries (--actors FILE)
    _resources: dict[str, Resources] = dataclasses.field(default_factory=dict)
    _lemmatizers: dict[str, Lemmatizer] = dataclasses.field(default_factory=dict)
    # seconds spent per stage over all `code` calls (run reports read and reset it)
    stage_seconds: dict[str, float] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        # a broken user dictionary stops the run before the first article, in one line
        for path in self.actor_files:
            load_user_actors(path)

    def resources(self, lang: str) -> Resources:
        if lang not in self._resources:
            self._resources[lang] = Resources(load_knowledge_base(lang, self.actor_files),
                                              load_grammar(lang),
                                              load_lexicon(lang), load_ontology())
        return self._resources[lang]

    def lemmatizer(self, lang: str) -> Lemmatizer:
        if lang not in self._lemmatizers:
            elisions = load_grammar(lang).words.get("elision", frozenset())
            self._lemmatizers[lang] = Lemmatizer(lang, elisions)
        return self._lemmatizers[lang]

    def code(self, article: Article) -> Document:
        """Run every stage on one article."""
        clock = _Clock(self.stage_seconds)
        lang = article.lang or detect_language(article.text)[0]
        clock.lap("langid")
        cleaned = clean(article, load_furniture(lang))
        text = cleaned.text
        clock.lap("clean")
        sentences = segment(text, load_sentence_rules(lang))
        clock.lap("segment")
        dates = self._dates(text, sentences, lang, article.published)
        clock.lap("dates")
        actors: list[ActorMention] = []
        events: list[EventMention] = []
        if lang in coded_languages():
            actors, events = self._code_sentences(article, lang, text, sentences, dates, clock)
        deduplicated = tuple(deduplicate(events, load_ontology()))
        clock.lap("dedup")
        return Document(article=article, text=text, lang=lang, sentences=tuple(sentences),
                        actors=tuple(actors), events=deduplicated,
                        anchor=dates.anchor, removals=cleaned.removals)

    @staticmethod
    def _dates(text: str, sentences: list[Sentence], lang: str,
               published: dt.date | None) -> ArticleDates:
        """Date mentions, anchor and story date; only the publication date for languages
        without date rules (their events are not coded yet either)."""
        try:
            rules = load_date_rules(lang)
        except UnknownLanguage:
            anchor = EventDate(published.isoformat(), "day", "published") if published \
                else EventDate(None)
            return ArticleDates(anchor=anchor, story=anchor, mentions=())
        return find_dates(text, sentences, lang, published, rules)

    def code_sentences(self, article: Article, lang: str, sentences: list[Sentence],
                       dates: ArticleDates | None = None) -> tuple[list[ActorMention], list[EventMention]]:
        """The actor and event stages alone, on sentences already found in `article.text`
        (undated unless `dates` is given); bench/coder.py times this."""
        dates = dates or ArticleDates(anchor=EventDate(None), story=EventDate(None), mentions=())
        return self._code_sentences(article, lang, article.text, sentences, dates, _Clock({}))

    def _code_sentences(self, article: Article, lang: str, text: str, sentences: list[Sentence],
                        dates: ArticleDates,
                        clock: _Clock) -> tuple[list[ActorMention], list[EventMention]]:
        res = self.resources(lang)
        day = dates.anchor.first_day()
        lemmatizer = self.lemmatizer(lang)
        clock.lap("load")  # lexicons and the knowledge base, once per language and process
        per_sentence = []
        all_atoms = res.kb.find(text)  # one automaton pass over the whole article
        for sentence in sentences:
            atoms = [a for a in all_atoms if sentence.start <= a.start and a.end <= sentence.end]
            units = build_units(sentence.text, sentence.start, atoms, res.kb, res.grammar, day)
            per_sentence.append((sentence, atoms, units))
        discourse = Discourse(principals=rank_principals([u for _, _, us in per_sentence for u in us]),
                              holders=functools.partial(_holder, res.kb, day))
        clock.lap("actors")
        actors: list[ActorMention] = []
        events: list[EventMention] = []
        for sentence, atoms, units in per_sentence:
            discourse.sentence = sentence.index
            discourse.text, discourse.offset = sentence.text, sentence.start  # quotes: "we" = the speaker
            tokens = lemmatizer.tokens(sentence.text, sentence.start)
            clock.lap("events")  # lemmas serve the trigger lexicons
            units = self._resolve(units + _short_names(tokens, units, discourse), discourse)
            clock.lap("actors")
            ctx = SentenceContext(article.id, lang, sentence, tokens, atoms, units)
            found = code_sentence(ctx, res, discourse, dates)
            events.extend(found)
            if not found:
                discourse.set_subject(_first_person(units))
            clock.lap("events")
            actors.extend(_actor_mentions(units, text, sentence.index, discourse, found))
            clock.lap("actors")
        return actors, events

    @staticmethod
    def _resolve(units: list[Unit], discourse: Discourse) -> list[Unit]:
        resolved = []
        for unit in sorted(units, key=lambda u: u.start):
            unit = discourse.resolve(unit)
            discourse.remember(unit)
            resolved.append(unit)
        return resolved


def _holder(kb: KnowledgeBase, day: dt.date | None, country: str, role: str) -> str | None:
    return kb.holder_on(country, role, day)


class _Clock:
    """Adds the time since the previous lap to a stage's total (a few perf_counter calls)."""

    def __init__(self, totals: dict[str, float]) -> None:
        self.totals = totals
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.totals[stage] = self.totals.get(stage, 0.0) + now - self.last
        self.last = now


def _short_names(tokens: list[Token], units: list[Unit], discourse: Discourse) -> list[Unit]:
    """Later bare mentions of a person introduced in full ("Tung" after "Le Thanh Tung")."""
    out = []
    for token in tokens:
        actor = discourse.short_names.get(token.text)
        if actor is None or any(u.start <= token.start < u.end for u in units):
            continue
        out.append(Unit(token.start, token.end, frozenset({"person"}), country=actor.country,
                        agent=actor.agent, role=actor.role, name=actor.name,
                        rule="coref:short-name"))
    return out


def _actor_mentions(units: list[Unit], text: str, sentence: int, discourse: Discourse,
                    events: list[EventMention]) -> list[ActorMention]:
    """Resolved units as mentions; "his guest" is resolved against the subject of the last
    event coded before it in the sentence, as the event coder resolved it."""
    out = []
    for unit in units:
        actor = unit.actor
        if actor is None and unit.descriptor == "other_party":
            earlier = [e.source for e in events if e.mention.start < unit.start]
            actor = discourse.other_party(earlier[-1] if earlier else None)
        if actor is not None:
            out.append(ActorMention(unit.start, unit.end, text[unit.start:unit.end], actor,
                                    unit.rule, sentence, _kind(unit)))
    return out


def _first_person(units: list[Unit]) -> Actor | None:
    return next((u.actor for u in units if u.actor and u.person_like), None)


def _kind(unit: Unit) -> str:
    if unit.descriptor:
        return "coref"
    for kind in ("person", "igo", "group", "role", "country", "people", "demonym", "capital"):
        if kind in unit.kinds:
            return kind
    return "name"
