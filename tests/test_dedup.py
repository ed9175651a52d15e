"""Deduplication: repeated reports of one interaction become one event with several mentions."""
from __future__ import annotations

import dyad
from dyad.dedup import deduplicate
from dyad.model import Actor, EventDate, EventMention, Mention
from dyad.ontology import load_ontology

CUB = Actor("CUBGOV", "CUB", "GOV", "Miguel Díaz-Canel")
VNM = Actor("VNMPTY", "VNM", "PTY", "To Lam")


def mention(source: Actor, target: Actor, cameo: str, day: str = "2025-02-04", lang: str = "en",
            sentence: int = 0, negated: bool = False, symmetric: bool = False) -> EventMention:
    evidence = Mention("a1", sentence, sentence * 10, sentence * 10 + 5, lang, "…", "test rule")
    return EventMention(source, target, cameo, EventDate(day, "day", "text"), negated, "asserted",
                        None, 0.8, evidence, symmetric)


def test_dedup_unspecified_code_joins_the_specific_one_of_its_root() -> None:
    events = deduplicate([mention(VNM, CUB, "040", symmetric=True, sentence=0),
                          mention(CUB, VNM, "041", symmetric=True, sentence=1)], load_ontology())
    assert [(e.cameo, len(e.mentions)) for e in events] == [("041", 2)]


def test_dedup_different_categories_of_one_root_stay_apart() -> None:
    events = deduplicate([mention(VNM, CUB, "051"), mention(VNM, CUB, "057", sentence=1)],
                         load_ontology())
    assert sorted(e.cameo for e in events) == ["051", "057"]


def test_dedup_different_days_pairs_and_polarity_stay_apart() -> None:
    events = deduplicate([mention(VNM, CUB, "051"), mention(VNM, CUB, "051", day="2025-02-05"),
                          mention(CUB, VNM, "051"), mention(VNM, CUB, "051", negated=True)],
                         load_ontology())
    assert len(events) == 4


def test_dedup_english_and_german_reports_of_one_meeting_share_an_event_id() -> None:
    english = dyad.code("Japan's prime minister met India's prime minister in Tokyo on "
                        "Monday, March 4, 2024.", lang="en", article_id="en")
    german = dyad.code("Der japanische Ministerpräsident traf sich am Montag, dem 4. März 2024, "
                       "in Tokio mit dem indischen Ministerpräsidenten.", lang="de", article_id="de")
    assert english.events and german.events
    assert english.events[0].event_id == german.events[0].event_id
    assert english.events[0].date.value == german.events[0].date.value == "2024-03-04"
