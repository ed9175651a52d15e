"""How a name resolves, and why: the pipeline's reading plus every knowledge-base entry behind it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dyad.actors.kb import Entry, KnowledgeBase, Office
from dyad.model import ActorMention, Article
from dyad.pipeline import Pipeline


@dataclass(frozen=True)
class MatchedForm:
    """One surface form the automaton found in the name, with all it can stand for."""

    text: str
    entries: tuple[Entry, ...]
    offices: tuple[Office, ...]  # offices of the people among the entries, held on the day


@dataclass(frozen=True)
class Lookup:
    """The result of `lookup`: readings (as the coder resolves them), forms and near misses."""

    name: str
    lang: str
    day: dt.date | None
    readings: tuple[ActorMention, ...]
    forms: tuple[MatchedForm, ...]
    suggestions: tuple[tuple[str, float], ...]  # (known person, similarity) when nothing matched


def lookup(name: str, pipeline: Pipeline, day: dt.date | None = None, lang: str = "en") -> Lookup:
    """Resolve `name` as the coder would in an article of `lang` published on `day`."""
    doc = pipeline.code(Article(id="lookup", text=name, published=day, lang=lang))
    kb = pipeline.resources(lang).kb
    forms = tuple(_matched(name, atom.start, atom.end, atom.entries, kb, day)
                  for atom in kb.find(name))
    suggestions: tuple[tuple[str, float], ...] = ()
    if not doc.actors:
        hit = kb.closest_person(name, None, cutoff=70.0)
        suggestions = (hit,) if hit else ()
    return Lookup(name, lang, day, tuple(doc.actors), forms, suggestions)


def _matched(text: str, start: int, end: int, entries: tuple[Entry, ...], kb: KnowledgeBase,
             day: dt.date | None) -> MatchedForm:
    offices = tuple(o for e in entries if e.kind == "person" for o in kb.offices_on(e.key, day))
    return MatchedForm(text[start:end], entries, offices)


def describe(result: Lookup) -> list[str]:
    """The lookup as lines of plain text for the terminal."""
    when = result.day.isoformat() if result.day else "today (no --date)"
    lines = [f"{result.name!r} in {result.lang}, on {when}:"]
    if not result.readings:
        lines.append("  no actor")
    for mention in result.readings:
        actor = mention.actor
        lines.append(f"  {mention.text!r} → {actor.code}" + (f" ({actor.name})" if actor.name else "")
                     + f"  [rule {mention.rule}]")
    for form in result.forms:
        lines.append(f"  form {form.text!r}:")
        lines += [f"    {e.kind} {e.key}" + (f" agent {e.agent}" if e.agent else "") + f"  ← {e.rule}"
                  for e in form.entries]
        lines += [f"    office on that day: {_office(o)}" for o in form.offices]
    for person, score in result.suggestions:
        lines.append(f"  closest known person: {person} (similarity {score:.0f})")
    return lines


def _office(office: Office) -> str:
    who = office.country or office.organisation or "?"
    span = f"{office.start or '…'} – {office.end or '…'}"
    return f"{who} {office.agent or ''} {office.role or ''} ({span})".replace("  ", " ")
