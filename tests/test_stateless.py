"""Groups named without their state ("---EDU"), events without a target ("---") and the unnamed
crowd a protest noun implies: how they are coded, scored, stored and exported."""
from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

import dyad
from dyad.engine.local import run_into_store
from dyad.errors import LexiconError
from dyad.evaluate.matching import scored_side
from dyad.export import export
from dyad.export.gdelt import EVENT_FIELDS
from dyad.model import Actor
from dyad.ontology import Ontology
from dyad.pipeline import Pipeline
from dyad.store.sqlite import SQLiteStore
from dyad.tables import ONTOLOGY_DIR

PUBLISHED = "2024-05-15"


def only_event(text: str, lang: str) -> dyad.Event:
    doc = dyad.code(text, lang=lang, published=PUBLISHED)
    assert len(doc.events) == 1, [(e.source.code, e.target.code, e.cameo) for e in doc.events]
    return doc.events[0]


def test_ontology_lists_the_codes_that_may_lack_a_target() -> None:
    ontology = Ontology()
    assert ontology.allows_no_target("141") and ontology.allows_no_target("1731")
    assert not ontology.allows_no_target("040") and not ontology.allows_no_target("057")
    assert ontology.implied_source("143") == "CVL"
    assert ontology.implied_source("190") is None and ontology.implied_source("040") is None


def test_untargeted_table_with_an_unknown_code_names_the_line(tmp_path: Path) -> None:
    shutil.copy(ONTOLOGY_DIR / "cameo.tsv", tmp_path / "cameo.tsv")
    (tmp_path / "untargeted.tsv").write_text("code\timplied_source\tnote\n14\tCVL\t\n99\t\tbad\n",
                                             encoding="utf-8")
    with pytest.raises(LexiconError, match=r"untargeted.tsv:3.*'99'"):
        Ontology(tmp_path / "cameo.tsv")


def test_a_strike_by_a_group_without_its_state_has_no_target_and_keeps_its_evidence() -> None:
    event = only_event("Los mineros iniciaron una huelga indefinida el lunes.", "es")
    record = event.to_dict()
    assert record["source"] == {"code": "---LAB", "country": None, "agent": "LAB", "name": None}
    assert record["target"] == {"code": "---", "country": None, "agent": None, "name": None}
    assert event.cameo.startswith("143")
    mention = record["mentions"][0]
    assert mention["source_text"] == "mineros" and mention["target_text"] == ""
    assert mention["rule"].endswith("[subject-verb-untargeted]")
    named = only_event("Rusia amenazó a Ucrania con nuevos ataques.", "es")
    assert event.confidence < named.confidence  # no target: only subject and trigger vouch


def test_a_group_acting_in_a_known_place_takes_that_state() -> None:
    event = only_event("Los estudiantes se manifestaron el martes en Caracas.", "es")
    assert (event.source.code, event.source.country, event.target.code) == ("VENEDU", "VEN", "---")
    assert event.location is not None and event.location.country == "VEN"


def test_codes_that_need_a_target_are_not_coded_without_one() -> None:
    for text, lang in [("El presidente de Chile se reunió el lunes en Santiago.", "es"),
                       ("The students said on Monday that the talks had failed.", "en"),
                       ("Los sindicatos firmaron el acuerdo.", "es"),
                       # cooperation with a group without its state is not coded (roots 01-09)
                       ("The government praised the police for their work.", "en"),
                       ("Los estudiantes se reunieron con el gobierno de Chile.", "es")]:
        doc = dyad.code(text, lang=lang, published=PUBLISHED)
        assert not doc.events, (text, [(e.source.code, e.target.code, e.cameo) for e in doc.events])


def test_a_verb_with_no_subject_found_is_not_coded_but_a_protest_noun_is_a_crowd() -> None:
    assert not dyad.code("Protestaron durante horas frente al Congreso.", lang="es",
                         published=PUBLISHED).events
    crowd = only_event("La huelga de hambre en Quito continuó el martes.", "es")
    assert (crowd.source.code, crowd.target.code, crowd.cameo[:2]) == ("ECUCVL", "---", "14")
    assert crowd.mentions[0].source_text == "" and "implied-source" in crowd.mentions[0].rule


def test_a_protest_noun_takes_the_group_after_its_genitive() -> None:
    event = only_event("La huelga de hambre de los maestros llegó a su décimo día.", "es")
    assert (event.source.code, event.cameo[:2]) == ("---EDU", "14")
    assert event.mentions[0].rule.endswith("[noun-genitive-untargeted]")


def test_a_named_state_beats_a_stateless_group_as_target() -> None:
    event = only_event("Россия стянула войска к границе с Украиной.", "ru")
    assert (event.source.code[:3], event.target.code[:3]) == ("RUS", "UKR")


def test_stateless_sides_score_as_no_state() -> None:
    assert scored_side(Actor("---CVL", None, "CVL")) == "---"
    assert scored_side(Actor("---", None)) == "---"
    assert scored_side(Actor("IGOUNO", None)) == "IGO" and scored_side(Actor("VENEDU", "VEN", "EDU")) == "VEN"


def store_protests(db: Path, tmp_path: Path) -> list[dict]:
    for name in ("a", "b"):  # two articles, two unnamed crowds on the same day
        (tmp_path / f"{name}.txt").write_text(
            f"Informe {name}.\n\nLos mineros iniciaron una huelga indefinida el lunes.\n", encoding="utf-8")
    with SQLiteStore(db) as store:
        run_into_store([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], store, Pipeline(),
                       published=dt.date(2024, 5, 15), lang="es", on_problem=lambda p: None)
        return store.query_events()


def test_stateless_events_of_two_articles_stay_two_events_and_export_as_gdelt_agents(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    events = store_protests(db, tmp_path)
    assert len(events) == 2 and {e["source"]["code"] for e in events} == {"---LAB"}
    assert len({e["event_id"] for e in events}) == 2
    out = io.StringIO()
    export(db, "gdelt", stdout=out)
    rows = [dict(zip(EVENT_FIELDS, line.split("\t"))) for line in out.getvalue().splitlines()]
    assert [(r["Actor1Code"], r["Actor1CountryCode"], r["Actor1Type1Code"]) for r in rows] == [("LAB", "", "LAB")] * 2
    assert all(r["Actor2Code"] == "" and r["Actor2CountryCode"] == "" for r in rows)
