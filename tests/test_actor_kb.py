"""The actor knowledge base at scale: every state by name and adjective in every coded language,
office holders by date, name variants, users' dictionaries and the on-disk cache (issue 3)."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from babel import Locale

from dyad.actors.cache import cached, fingerprint
from dyad.actors.kb import KnowledgeBase, load_knowledge_base
from dyad.actors.lookup import lookup
from dyad.errors import LexiconError
from dyad.pipeline import Pipeline, coded_languages
from dyad.tables import KB_DIR, LANG_DIR, read_table, split_forms

UN_MEMBERS = sorted((r["alpha2"], r["alpha3"]) for r in read_table(KB_DIR / "countries.tsv")
                    if r.get("un_member") == "1")
SAMPLE = random.Random(20261124).sample(UN_MEMBERS, 30)
LANGS = sorted(coded_languages())


def resolved(pipeline: Pipeline, text: str, lang: str, day: str | None = "2025-06-01") -> list:
    when = dt.date.fromisoformat(day) if day else None
    return [(m.text, m.actor.code, m.actor.country, m.actor.name)
            for m in lookup(text, pipeline, when, lang).readings]


def test_actor_kb_un_members_are_193() -> None:
    assert len(UN_MEMBERS) == 193


@pytest.mark.parametrize("lang", LANGS)
def test_actor_kb_random_states_resolve_from_their_cldr_names(pipeline: Pipeline, lang: str) -> None:
    territories = Locale.parse(lang).territories
    wrong = []
    for alpha2, alpha3 in SAMPLE:
        name = territories[alpha2]
        found = resolved(pipeline, name, lang)
        if [(text, country) for text, _, country, _ in found] != [(name, alpha3)]:
            wrong.append(f"{name} ({alpha3}) → {found}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "vi"])
def test_actor_kb_random_states_resolve_from_every_adjective_form(pipeline: Pipeline,
                                                                   lang: str) -> None:
    # Vietnamese has no adjectives of nationality: "phía Cuba", "người Cuba" use the name
    # a row with no forms is deliberate: its note says the name serves as the adjective
    forms: dict[str, list[str]] = {}
    for row in read_table(LANG_DIR / lang / "demonyms.tsv"):
        forms.setdefault(row["country"], []).extend(split_forms(row.get("forms")))
    wrong, missing = [], []
    for _alpha2, alpha3 in SAMPLE:
        if alpha3 not in forms:
            missing.append(alpha3)
        for form in forms.get(alpha3, []):
            found = resolved(pipeline, form, lang)
            if [(text, country) for text, _, country, _ in found] != [(form, alpha3)]:
                wrong.append(f"{form} ({alpha3}) → {found}")
    assert not missing, f"{lang}: no adjectives for {missing}"
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("day, name", [("2023-06-01", "Võ Văn Thưởng"),
                                       ("2025-06-01", "Lương Cường")])
def test_actor_kb_the_same_title_names_the_holder_on_the_article_date(
        pipeline: Pipeline, day: str, name: str) -> None:
    found = resolved(pipeline, "The Vietnamese President arrived.", "en", day)
    assert found == [("Vietnamese President", "VNMGOV", "VNM", name)]


def test_actor_kb_a_title_after_the_named_holder_keeps_the_article_s_person(
        pipeline: Pipeline) -> None:
    text = "Vietnamese President Nguyen Van Testname arrived. The Vietnamese President said hello."
    names = [n for *_, n in resolved(pipeline, text, "en", "2025-06-01")]
    assert names == ["Nguyen Van Testname", "Nguyen Van Testname"]


@pytest.mark.parametrize("day, code", [("2022-06-01", "VNMGOV"), ("2024-06-01", "VNMELI")])
def test_actor_kb_a_former_holder_is_elite_not_government(pipeline: Pipeline, day: str,
                                                          code: str) -> None:
    assert resolved(pipeline, "Nguyễn Xuân Phúc", "en", day)[0][1] == code


@pytest.mark.parametrize("lang, text", [
    ("en", "Nguyen Phu Trong"), ("en", "Nguyễn Phú Trọng"), ("vi", "Nguyễn Phú Trọng"),
    ("en", "Comrade Nguyen Phu Trong"), ("de", "Genosse Nguyễn Phú Trọng"),
    ("en", "General Secretary Nguyen Phu Trong"),
])
def test_actor_kb_diacritics_and_honorifics_do_not_change_the_person(
        pipeline: Pipeline, lang: str, text: str) -> None:
    found = resolved(pipeline, text, lang, "2020-01-01")
    assert [(code, name) for _, code, _, name in found] == [("VNMGOV", "Nguyễn Phú Trọng")]


@pytest.mark.parametrize("text", ["President Miguel Diaz Canel", "President Díaz Canel Miguel"])
def test_actor_kb_a_title_s_name_spelled_otherwise_is_matched_fuzzily(pipeline: Pipeline,
                                                                       text: str) -> None:
    mention = lookup(text, pipeline, dt.date(2024, 1, 1), "en").readings[0]
    assert (mention.actor.code, mention.actor.name) == ("CUBGOV", "Miguel Díaz-Canel")
    assert "+fuzzy-name:" in mention.rule


def test_actor_kb_a_different_person_of_the_same_family_is_not_fuzzily_merged(
        pipeline: Pipeline) -> None:
    found = resolved(pipeline, "Vietnamese Ambassador Le Thanh Hai", "en")
    assert found == [("Vietnamese Ambassador Le Thanh Hai", "VNMGOV", "VNM", "Le Thanh Hai")]


@pytest.mark.parametrize("lang, text, code", [
    ("en", "The Kremlin said", "RUSGOV"), ("en", "the White House said", "USAGOV"),
    ("en", "The Pentagon said", "USAMIL"), ("de", "Der Kreml erklärte", "RUSGOV"),
    ("de", "Sprecher des Weißen Hauses", "USAGOV"), ("fr", "Le Kremlin a déclaré", "RUSGOV"),
    ("es", "La Casa Blanca dijo", "USAGOV"), ("ru", "В Кремле заявили", None),
    ("ru", "Кремль заявил", "RUSGOV"), ("vi", "Nhà Trắng cho biết", "USAGOV"),
    ("pt", "A Casa Branca afirmou", "USAGOV"), ("it", "Il Cremlino ha dichiarato", "RUSGOV"),
    ("it", "Palazzo Chigi ha smentito", "ITAGOV"),
])
def test_actor_kb_seats_of_power_stand_for_governments_but_not_as_places(
        pipeline: Pipeline, lang: str, text: str, code: str | None) -> None:
    codes = [c for _, c, _, _ in resolved(pipeline, text, lang)]
    assert codes == ([code] if code else [])


def test_actor_kb_in_the_kremlin_is_a_place(pipeline: Pipeline) -> None:
    assert resolved(pipeline, "talks in the Kremlin", "en") == []


def test_actor_kb_user_tsv_dictionary_adds_dated_offices(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("# my actors\nname\tforms\tcode\tstart\tend\tnote\n"
                    "Ana Exemplo\tAna Exemplo|A. Exemplo\tPRTGOV\t2020-01-01\t2022-12-31\t\n"
                    "Ana Exemplo\t\tIGOUNO\t2023-01-01\t\t\n"
                    "Ana Exemplo\t\tELI\t\t\t\n"
                    "Isle of Tests\tIsle of Tests\tMLT\t\t\t\n"
                    "Friends of Tests\tFriends of Tests\tNGOHRI\t\t\t\n", encoding="utf-8")
    pipeline = Pipeline(actor_files=(path,))
    assert resolved(pipeline, "Ana Exemplo", "en", "2021-05-01")[0][1] == "PRTGOV"
    assert resolved(pipeline, "A. Exemplo", "en", "2024-05-01")[0][1] == "IGOUNO"
    assert resolved(pipeline, "Ana Exemplo", "en", "2019-05-01")[0][1] == "PRTELI"
    assert resolved(pipeline, "Isle of Tests", "de")[0][1:3] == ("MLT", "MLT")
    assert resolved(pipeline, "Friends of Tests", "en")[0][1:3] == ("NGOHRI", None)
    mention = lookup("Ana Exemplo", pipeline, dt.date(2021, 5, 1), "en").readings[0]
    assert mention.rule == f"person:user:{path}:3"


def test_actor_kb_user_yaml_dictionary_reads_like_the_tsv(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("- name: Ana Exemplo\n  forms: [Ana Exemplo]\n  codes:\n"
                    "    - {code: PRTGOV, start: 2020-01-01, end: 2022-12-31}\n"
                    "    - {code: ELI}\n", encoding="utf-8")
    pipeline = Pipeline(actor_files=(path,))
    assert resolved(pipeline, "Ana Exemplo", "en", "2021-05-01")[0][1] == "PRTGOV"
    assert resolved(pipeline, "Ana Exemplo", "en", "2023-05-01")[0][1] == "PRTELI"


@pytest.mark.parametrize("name, text, message", [
    ("bad.tsv", "name\tforms\tcode\nX\tX\tprt-gov\n", "bad.tsv:2: 'PRT-GOV' is not a CAMEO actor code"),
    ("bad.tsv", "name\tforms\tcode\tstart\nX\tX\tPRT\t2020-13-01\n", "bad.tsv:2: '2020-13-01' is not a date"),
    ("bad.yaml", "name: X\n", "bad.yaml: expected a list of actors, got dict"),
    ("bad.yaml", "- name: X\n", "bad.yaml#1: actor 'X' has no 'code' or 'codes'"),
])
def test_actor_kb_a_broken_user_dictionary_names_the_file_and_line(
        tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_knowledge_base("en", (path,))
    assert str(caught.value).startswith(f"{tmp_path}/{message.split(' ', 1)[0]}")
    assert message.split(": ", 1)[1] in str(caught.value)


def test_actor_kb_cache_returns_the_built_object_then_the_stored_one(tmp_path: Path) -> None:
    calls = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"built": len(calls)}

    assert cached("k", build, tmp_path) == {"built": 1}
    assert cached("k", build, tmp_path) == {"built": 1}
    assert len(calls) == 1
    (tmp_path / "k.pickle").write_bytes(b"not a pickle")
    assert cached("k", build, tmp_path) == {"built": 2}
    assert cached("k", build, None) == {"built": 3}


def test_actor_kb_cache_key_changes_with_any_file(tmp_path: Path) -> None:
    data = tmp_path / "a.tsv"
    data.write_text("x", encoding="utf-8")
    before = fingerprint(["en"], [data])
    data.write_text("y", encoding="utf-8")
    assert fingerprint(["en"], [data]) != before
    assert fingerprint(["de"], [data]) != fingerprint(["en"], [data])


def test_actor_kb_cached_knowledge_base_matches_a_fresh_build(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_CACHE_DIR", str(tmp_path))
    load_knowledge_base.cache_clear()
    try:
        first = load_knowledge_base("de")
        load_knowledge_base.cache_clear()
        second = load_knowledge_base("de")  # from the pickle this time
    finally:
        load_knowledge_base.cache_clear()
    assert list(tmp_path.glob("*.pickle"))
    fresh = KnowledgeBase("de")
    text = "Der kubanische Präsident Miguel Díaz-Canel empfing den Kreml-Sprecher in Havanna."
    assert second is not first
    assert [(a.start, a.end, a.entries) for a in second.find(text)] == \
        [(a.start, a.end, a.entries) for a in fresh.find(text)]


@pytest.mark.parametrize("lang", LANGS)
def test_actor_kb_every_international_organisation_is_named_in_every_language(
        pipeline: Pipeline, lang: str) -> None:
    codes = {r["code"] for r in read_table(KB_DIR / "igos.tsv")}
    forms: dict[str, list[str]] = {}
    for row in read_table(LANG_DIR / lang / "igos.tsv"):
        forms.setdefault(row["code"], []).extend(split_forms(row.get("forms")))
    assert sorted(codes - set(forms)) == []
    wrong = []
    for code in sorted(codes):
        form = forms[code][0]
        found = [(text, c) for text, c, _, _ in resolved(pipeline, form, lang)]
        if found != [(form, code)]:
            wrong.append(f"{form} ({code}) → {found}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang, text, codes", [
    ("de", "Moskau kritisierte Kiew scharf.", ["RUSGOV", "UKRGOV"]),
    ("ru", "Москва осудила Киев.", ["RUSGOV", "UKRGOV"]),
    ("pt", "Pequim criticou Washington.", ["CHNGOV", "USAGOV"]),
    ("it", "Mosca ha condannato Kiev.", ["RUSGOV", "UKRGOV"]),
    ("es", "Pekín criticó a Washington.", ["CHNGOV", "USAGOV"]),
    ("fr", "Pékin a critiqué Washington.", ["CHNGOV", "USAGOV"]),
    ("vi", "Bắc Kinh chỉ trích Washington.", ["CHNGOV", "USAGOV"]),
    ("de", "Die Gespräche in Moskau endeten.", []),
    ("ru", "Переговоры в Москве завершились.", []),
])
def test_actor_kb_capitals_as_each_language_writes_them_stand_for_governments(
        pipeline: Pipeline, lang: str, text: str, codes: list[str]) -> None:
    assert [c for _, c, _, _ in resolved(pipeline, text, lang)] == codes


@pytest.mark.parametrize("text, word, role", [
    ("Die Pilotengewerkschaft streikt.", "Pilotengewerkschaft", "labour"),
    ("Der Bundesaußenminister reist ab.", "Bundesaußenminister", "foreign_minister"),
    ("Die Bundespolizei greift ein.", "Bundespolizei", "police"),
])
def test_actor_kb_german_compound_ending_in_a_listed_role_head_is_that_role(text: str, word: str,
                                                                            role: str) -> None:
    atoms = load_knowledge_base("de").find(text)
    assert [(text[a.start:a.end], a.entries[0].key) for a in atoms] == [(word, role)]


@pytest.mark.parametrize("text", ["Die Geschäftsführung tagt.", "Der Vereinspräsident tagt.",
                                  "Die Bankbeamte tagt.", "Der Exminister tagt.",
                                  "Die pilotengewerkschaft tagt."])
def test_actor_kb_german_compound_false_friends_are_no_role(text: str) -> None:
    assert load_knowledge_base("de").find(text) == []
