"""Non-state armed and political groups (kb/groups.tsv, lang/<code>/groups.tsv): their data, the
codes they take on a date, forms left out for precision, and events coded by the real pipeline."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import dyad
from dyad.actors.kb import KnowledgeBase
from dyad.errors import LexiconError
from dyad.tables import KB_DIR, LANG_DIR, read_table, split_forms
from dyad.tokens import fold

LANGS = ("en", "de", "es", "fr", "it", "pt", "ru", "vi")
# CAMEO agents a group may carry (Phoenix codes insurgents and separatists REB, paramilitaries MIL)
GROUP_AGENTS = frozenset({"REB", "INS", "SEP", "UAF", "MIL", "GOV", "PTY", "OPP", "RAD"})
GROUPS = read_table(KB_DIR / "groups.tsv", ("code", "name", "agent"))
OTHER_TABLES = {"countries.tsv": ("forms",), "demonyms.tsv": ("forms", "people"),
                "roles.tsv": ("forms",), "igos.tsv": ("forms",), "descriptors.tsv": ("forms",),
                "metonyms.tsv": ("forms",), "capitals.tsv": ("forms",)}


def coded(text: str, lang: str, day: str = "2024-05-15") -> list[tuple[str, str, str]]:
    return [(e.source.code, e.target.code, e.root)
            for e in dyad.code(text, lang=lang, published=day).events]


def actors(text: str, lang: str, day: str = "2024-05-15") -> list[tuple[str, str, str | None]]:
    return [(m.text, m.actor.code, m.actor.name)
            for m in dyad.code(text, lang=lang, published=day).actors]


# --- data -----------------------------------------------------------------------------------

def test_group_codes_are_state_and_agent_or_a_transnational_code() -> None:
    states = {r["alpha3"] for r in read_table(KB_DIR / "countries.tsv")}
    for row in GROUPS:
        assert row["agent"] in GROUP_AGENTS, f"{row.where}: agent {row['agent']!r}"
        if row["country"]:
            assert row["country"] in states and row["code"] == row["country"] + row["agent"], row.where
        else:
            assert row["code"].startswith("IMG"), f"{row.where}: a group without a state is IMG..."


def test_dated_group_codes_follow_each_other_without_gaps() -> None:
    kb = KnowledgeBase("en")
    for name, codes in kb.groups.items():
        for before, after in zip(codes, codes[1:]):
            assert before.end is not None and after.start is not None, name
            assert (after.start - before.end).days == 1, f"{name}: {before.end} .. {after.start}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_group_has_forms_in_every_language_and_no_form_twice(lang: str) -> None:
    names = {r["name"] for r in GROUPS}
    rows = read_table(LANG_DIR / lang / "groups.tsv", ("group", "forms"))
    assert {r["group"] for r in rows} == names
    seen: dict[str, str] = {}
    for row in rows:
        for form in split_forms(row["forms"]):
            assert fold(form) not in seen, f"{row.where}: {form!r} already at {seen[fold(form)]}"
            seen[fold(form)] = row.where


@pytest.mark.parametrize("lang", LANGS)
def test_group_forms_are_in_no_other_actor_table(lang: str) -> None:
    other = {fold(f): f"{name}:{r.lineno}" for name, cols in OTHER_TABLES.items()
             if (LANG_DIR / lang / name).exists() for r in read_table(LANG_DIR / lang / name)
             for c in cols for f in split_forms(r.get(c))}
    clashes = [f"{r.where}: {f!r} also in {other[fold(f)]}"
               for r in read_table(LANG_DIR / lang / "groups.tsv") for f in split_forms(r["forms"])
               if fold(f) in other]
    assert not clashes, "\n".join(clashes)


def _kb_copy(tmp_path: Path) -> tuple[Path, Path]:
    kb_dir, lang_dir = tmp_path / "kb", tmp_path / "lang"
    shutil.copytree(KB_DIR, kb_dir)
    shutil.copytree(LANG_DIR / "en", lang_dir / "en")
    return kb_dir, lang_dir


def test_a_group_code_that_is_not_its_state_and_agent_names_the_line(tmp_path: Path) -> None:
    kb_dir, lang_dir = _kb_copy(tmp_path)
    with (kb_dir / "groups.tsv").open("a", encoding="utf-8") as out:
        out.write("AFGINS\tSome Front\tAFG\tREB\t\t\t\n")
    with pytest.raises(LexiconError, match=r"groups\.tsv:\d+: code 'AFGINS' is not the state 'AFG'"):
        KnowledgeBase("en", lang_dir, kb_dir)


def test_a_language_form_of_an_unknown_group_names_the_line(tmp_path: Path) -> None:
    kb_dir, lang_dir = _kb_copy(tmp_path)
    with (lang_dir / "en" / "groups.tsv").open("a", encoding="utf-8") as out:
        out.write("Some Front\tSome Front\t\n")
    with pytest.raises(LexiconError, match=r"groups\.tsv:\d+: group 'Some Front' is not in kb/groups\.tsv"):
        KnowledgeBase("en", lang_dir, kb_dir)


# --- codes by date, state, agent ------------------------------------------------------------

def test_the_taliban_are_rebels_before_august_2021_and_the_government_after() -> None:
    assert actors("The Taliban attacked the town.", "en", "2019-05-01")[0][1] == "AFGREB"
    assert actors("The Taliban attacked the town.", "en", "2024-05-01")[0][1] == "AFGGOV"


def test_sudans_rsf_is_a_state_paramilitary_until_the_war_and_a_rebel_force_after() -> None:
    assert actors("The Rapid Support Forces deployed in Khartoum.", "en", "2022-06-01")[0][1] == "SDNMIL"
    assert actors("The Rapid Support Forces deployed in Khartoum.", "en", "2024-06-01")[0][1] == "SDNREB"


def test_a_group_actor_carries_its_state_agent_and_name() -> None:
    doc = dyad.code("Israel struck Hamas positions in Gaza on Tuesday.", lang="en",
                    published="2024-05-15")
    target = doc.events[0].target
    assert (target.code, target.country, target.agent, target.name) == ("PSEREB", "PSE", "REB", "Hamas")
    assert [m.kind for m in doc.actors if m.text == "Hamas"] == ["group"]


def test_a_transnational_group_keeps_its_own_code_and_has_no_state() -> None:
    doc = dyad.code("Islamic State attacked Iraqi forces near Mosul.", lang="en", published="2019-05-01")
    source = doc.events[0].source
    assert (source.code, source.country, source.agent, source.name) == (
        "IMGMUSISI", None, "REB", "Islamic State")
    assert doc.events[0].target.code == "IRQMIL"


def test_a_groups_agent_wins_over_its_members_titles() -> None:
    # "leader" alone is GOV; a Hamas leader is still Hamas
    assert coded("Hamas leader Ismail Haniyeh met the Turkish president in Ankara.", "en") == [
        ("PSEREB", "TURGOV", "04")]


def test_a_state_and_its_group_are_one_actor() -> None:
    assert actors("Yemen's Houthis fired missiles at a cargo ship.", "en") == [
        ("Yemen's Houthis", "YEMREB", "Houthis")]
    assert actors("Lebanese Hezbollah fired rockets.", "en")[0][1:] == ("LBNREB", "Hezbollah")


def test_a_named_group_does_not_replace_a_target_of_its_state_with_another_agent() -> None:
    # dedup's richest description of a side stays within the side's agent
    assert coded("The Taliban attacked a police checkpoint in Kandahar province.", "en",
                 "2019-05-01") == [("AFGREB", "AFGCOP", "19")]


def test_pakistani_taliban_are_the_ttp_not_pakistan_and_afghanistan() -> None:
    assert actors("The Pakistani Taliban claimed the bombing.", "en") == [
        ("Pakistani Taliban", "PAKREB", "Tehrik-i-Taliban Pakistan")]
    assert actors("Die pakistanischen Taliban bekannten sich zu dem Anschlag.", "de")[0][1] == "PAKREB"


# --- ambiguity --------------------------------------------------------------------------------

def test_bare_rsf_stays_reporters_without_borders_and_sudans_rsf_needs_its_article() -> None:
    assert actors("RSF condemned the arrest of the journalist.", "en")[0][1] == "NGOHRIMED"
    assert actors("The RSF attacked the city of El Fasher.", "en")[0][1] == "SDNREB"
    assert actors("RSF fighters looted the market.", "en")[0][1] == "SDNREB"
    assert actors("RSF a dénoncé l'arrestation du journaliste.", "fr")[0][1] == "NGOHRIMED"
    assert actors("Les FSR ont attaqué la ville d'El Fasher.", "fr")[0][1] == "SDNREB"


@pytest.mark.parametrize("lang, text", [
    ("en", "Our ETA in Madrid is five o'clock."),
    ("en", "She moved her savings into a Roth IRA."),
    ("en", "The orchestra played Wagner in Berlin."),
    ("en", "WHAT IS NEXT FOR THE ECONOMY"),
    ("it", "Età media dei partecipanti: quarant'anni."),
    ("it", "L'ira dei tifosi è esplosa dopo la partita."),
    ("ru", "Эта встреча прошла в Москве."),
    ("de", "Die Oper von Wagner wurde in Bayreuth gespielt."),
])
def test_ambiguous_forms_are_left_out(lang: str, text: str) -> None:
    assert not [a for a in dyad.code(text, lang=lang, published="2024-05-15").actors
                if a.kind == "group"], actors(text, lang)


def test_a_short_acronym_counts_in_running_text() -> None:
    assert actors("The fight against IS continues in Syria.", "en")[0][1:] == ("IMGMUSISI", "Islamic State")


# --- events in several languages ---------------------------------------------------------------

@pytest.mark.parametrize("lang, text, day, wanted", [
    ("en", "Israel struck Hamas positions in Gaza on Tuesday.", "2024-05-15", ("ISR", "PSEREB", "19")),
    ("en", "Boko Haram attacked Nigerian soldiers near Maiduguri.", "2024-05-15", ("NGAREB", "NGAMIL", "19")),
    ("en", "The Colombian army attacked an ELN camp.", "2024-05-15", ("COLMIL", "COLREB", "19")),
    ("de", "Israel hat Stellungen der Hamas im Gazastreifen angegriffen.", "2024-05-15", ("ISR", "PSEREB", "19")),
    ("de", "Die Huthi-Miliz griff ein amerikanisches Kriegsschiff an.", "2024-05-15", ("YEMREB", "USA", "19")),
    ("es", "Los talibanes atacaron a la policía afgana en Kandahar.", "2019-05-01", ("AFGREB", "AFGCOP", "19")),
    ("es", "Las FARC secuestraron a dos soldados colombianos.", "2016-05-01", ("COLREB", "COLMIL", "18")),
    ("fr", "Les talibans ont attaqué un poste de police à Kandahar.", "2019-05-01", ("AFGREB", "AFGCOP", "19")),
    ("ru", "Израиль нанес удар по позициям ХАМАС в секторе Газа.", "2024-05-15", ("ISR", "PSEREB", "19")),
    ("ru", "Израиль нанес удар по позициям \"Хезболлы\" в Ливане.", "2024-05-15", ("ISR", "LBNREB", "19")),
    ("ru", "Вагнеровцы атаковали позиции украинской армии.", "2023-03-01", ("RUSMIL", "UKRMIL", "19")),
])
def test_events_by_and_against_groups(lang: str, text: str, day: str, wanted: tuple[str, str, str]) -> None:
    assert wanted in coded(text, lang, day), coded(text, lang, day)
