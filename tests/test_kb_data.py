"""Integrity of the knowledge-base and per-language actor tables (kb/*.tsv, lang/*/*.tsv)."""
from __future__ import annotations

import importlib.util
import re
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from babel import Locale

from dyad.tables import KB_DIR, LANG_DIR, Row, read_table, split_forms

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
LANGS = ("en", "de", "pt", "it")

TABLES = {
    KB_DIR / "countries.tsv": ("alpha2", "alpha3", "name", "un_member"),
    KB_DIR / "igos.tsv": ("code", "name"),
    KB_DIR / "people.tsv": ("name", "forms", "country", "agent", "role"),
    **{LANG_DIR / lang / "countries.tsv": ("country", "forms") for lang in LANGS},
    **{LANG_DIR / lang / "demonyms.tsv": ("country",) for lang in LANGS},
    **{LANG_DIR / lang / "roles.tsv": ("forms", "agent", "role") for lang in LANGS},
    **{LANG_DIR / lang / "descriptors.tsv": ("forms", "kind") for lang in LANGS},
    **{LANG_DIR / lang / "igos.tsv": ("code", "forms") for lang in LANGS},
}

# CAMEO agent (role) codes, from the CAMEO manual's actor codebook.
CAMEO_AGENTS = frozenset({
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
    "LEG", "REL", "LAB", "HLH", "AGR", "ENV", "REF", "HRI", "ELI", "UAF", "INS", "SEP", "MOD",
    "RAD", "NGO",
})
DESCRIPTOR_KINDS = frozenset({
    "subject_pronoun", "object_pronoun", "possessive_pronoun", "other_party", "both_parties",
})
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# UN members with no demonym of their own: the only adjective is another state's as well.
NO_DEMONYM = {"en": frozenset({"COG", "DMA"}), "de": frozenset({"COG"}), "pt": frozenset({"COG"}),
              "it": frozenset({"COG"})}
# UN members whose German name takes no genitive -s and that need no other form:
# feminine (die Ukraine), plural (die Bahamas) or ending in -s (Mauritius).
NO_GERMAN_FORMS = frozenset({"UKR", "MNG", "BHS", "MDV", "SYC", "COM", "MHL", "MUS", "HND", "BRB"})


def fold(text: str) -> str:
    """Casefold and drop diacritics, as the matcher does."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def load_script(name: str) -> ModuleType:
    path = REPO / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table(path: Path) -> list[Row]:
    return read_table(path, required=TABLES[path])


@pytest.fixture(scope="module")
def countries() -> dict[str, Row]:
    return {row["alpha3"]: row for row in table(KB_DIR / "countries.tsv")}


@pytest.fixture(scope="module")
def un_members(countries: dict[str, Row]) -> frozenset[str]:
    return frozenset(code for code, row in countries.items() if row["un_member"] == "1")


@pytest.mark.parametrize("path", sorted(TABLES), ids=lambda p: str(p.relative_to(p.parents[2])))
def test_tables_load_with_required_columns(path: Path) -> None:
    rows = table(path)
    assert rows, f"{path} has no rows"


def test_countries_cover_iso_3166_and_kosovo(countries: dict[str, Row]) -> None:
    assert len(countries) == 250  # 249 ISO 3166-1 entries + XK
    assert countries["XKX"]["alpha2"] == "XK"
    assert len({row["alpha2"] for row in countries.values()}) == 250


def test_countries_un_members_are_193_with_capital_coordinates(
    countries: dict[str, Row], un_members: frozenset[str]
) -> None:
    assert len(un_members) == 193
    assert {"PSE", "VAT", "TWN", "XKX"}.isdisjoint(un_members)
    for code in un_members:
        row = countries[code]
        assert row["capital"], f"{row.where}: UN member {code} has no capital"
        lat, lon = float(row["capital_lat"]), float(row["capital_lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, row.where


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["countries.tsv", "demonyms.tsv"])
def test_lang_country_codes_exist_in_kb(lang: str, name: str, countries: dict[str, Row]) -> None:
    for row in table(LANG_DIR / lang / name):
        assert row["country"] in countries, f"{row.where}: unknown country {row['country']}"


def test_people_country_codes_exist_in_kb(countries: dict[str, Row]) -> None:
    for row in table(KB_DIR / "people.tsv"):
        assert row["country"] in countries, f"{row.where}: unknown country {row['country']}"


@pytest.mark.parametrize("path", [KB_DIR / "people.tsv", *(LANG_DIR / lang / "roles.tsv" for lang in LANGS)],
                         ids=lambda p: str(p.relative_to(p.parents[2])))
def test_agent_codes_are_cameo_agents(path: Path) -> None:
    for row in table(path):
        assert row["agent"] in CAMEO_AGENTS, f"{row.where}: agent {row['agent']!r} is not a CAMEO agent"


def test_people_roles_are_role_keys_of_the_lexicons() -> None:
    keys = {row["role"] for lang in LANGS for row in table(LANG_DIR / lang / "roles.tsv")}
    for row in table(KB_DIR / "people.tsv"):
        assert row["role"] in keys, f"{row.where}: role {row['role']!r} is in no roles.tsv"


def test_people_dates_are_iso_and_ordered() -> None:
    for row in table(KB_DIR / "people.tsv"):
        start, end = row.get("start"), row.get("end")
        for value in (start, end):
            assert not value or DATE.match(value), f"{row.where}: bad date {value!r}"
        if start and end:
            assert start[: len(end)] <= end, f"{row.where}: ends before it starts"
        assert row["name"] in split_forms(row["forms"]), f"{row.where}: name not among forms"


def test_roles_use_the_same_role_keys_in_every_language() -> None:
    keys = {lang: {row["role"] for row in table(LANG_DIR / lang / "roles.tsv")} for lang in LANGS}
    assert keys["en"] == keys["de"]


@pytest.mark.parametrize("lang", LANGS)
def test_demonyms_cover_every_un_member(lang: str, un_members: frozenset[str]) -> None:
    rows = {row["country"]: row for row in table(LANG_DIR / lang / "demonyms.tsv")}
    for code in sorted(un_members):
        assert code in rows, f"lang/{lang}/demonyms.tsv: no row for UN member {code}"
        row = rows[code]
        if code in NO_DEMONYM[lang]:
            assert row["note"], f"{row.where}: {code} has no demonym and no note saying why"
        else:
            assert split_forms(row.get("forms")) or split_forms(row.get("people")), row.where


# Vietnamese uses the country name itself as the adjective ("người Cuba"): no demonym table.
ADJECTIVE_LANGS = tuple(sorted(p.parent.name for p in LANG_DIR.glob("*/demonyms.tsv")
                               if p.parent.name != "vi"))


def test_demonyms_cover_the_same_countries_in_every_language() -> None:
    covered = {lang: {row["country"] for row in read_table(LANG_DIR / lang / "demonyms.tsv")}
               for lang in ADJECTIVE_LANGS}
    assert {"en", "de", "es", "fr", "ru", "pt", "it"} <= set(covered)
    for lang, countries in covered.items():
        assert countries == covered["en"], \
            f"lang/{lang}/demonyms.tsv: missing {sorted(covered['en'] - countries)}, " \
            f"extra {sorted(countries - covered['en'])}"


def test_demonyms_de_list_all_six_adjective_endings() -> None:
    for row in table(LANG_DIR / "de" / "demonyms.tsv"):
        forms = {fold(f) for f in split_forms(row.get("forms"))}
        for form in forms:
            if form.endswith("isch"):
                assert {form + e for e in ("e", "en", "er", "es", "em")} <= forms, row.where


def test_countries_de_has_forms_for_every_un_member(un_members: frozenset[str]) -> None:
    listed = {row["country"] for row in table(LANG_DIR / "de" / "countries.tsv")}
    missing = sorted(un_members - listed - NO_GERMAN_FORMS)
    assert not missing, f"lang/de/countries.tsv: no genitive or other forms for {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_country_forms_name_one_country_each(lang: str) -> None:
    """A surface form in CLDR, countries.tsv or demonyms.tsv must not point at two countries."""
    owner: dict[str, tuple[str, str]] = {}
    alpha3 = {row["alpha2"]: row["alpha3"] for row in table(KB_DIR / "countries.tsv")}

    def claim(form: str, code: str, where: str) -> None:
        key = fold(form)
        if key in owner and owner[key][0] != code:
            pytest.fail(f"{where}: {form!r} is {code} here but {owner[key][0]} at {owner[key][1]}")
        owner.setdefault(key, (code, where))

    for alpha2, name in Locale(lang).territories.items():
        if alpha2 in alpha3:
            claim(name, alpha3[alpha2], f"CLDR {lang} {alpha2}")
    for row in table(LANG_DIR / lang / "countries.tsv"):
        for form in split_forms(row["forms"]):
            claim(form, row["country"], row.where)
    for row in table(LANG_DIR / lang / "demonyms.tsv"):
        for form in split_forms(row.get("forms")) + split_forms(row.get("people")):
            claim(form, row["country"], row.where)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["roles.tsv", "descriptors.tsv", "igos.tsv"])
def test_lexicon_forms_are_not_listed_twice(lang: str, name: str) -> None:
    seen: dict[str, str] = {}
    for row in table(LANG_DIR / lang / name):
        for form in split_forms(row["forms"]):
            key = fold(form)
            assert key not in seen, f"{row.where}: {form!r} already listed at {seen[key]}"
            seen[key] = row.where


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_forms_belong_to_one_table(lang: str) -> None:
    """A form listed as a country must not also be a role, an IGO or a descriptor."""
    columns = {"countries.tsv": ("forms",), "demonyms.tsv": ("forms", "people"), "roles.tsv": ("forms",),
               "igos.tsv": ("forms",), "descriptors.tsv": ("forms",)}
    seen: dict[str, tuple[str, str]] = {}
    for name, cols in columns.items():
        for row in table(LANG_DIR / lang / name):
            for form in (f for col in cols for f in split_forms(row.get(col))):
                key = fold(form)
                if key in seen and seen[key][0] != name:
                    pytest.fail(f"{row.where}: {form!r} is also listed at {seen[key][1]}")
                seen.setdefault(key, (name, row.where))


@pytest.mark.parametrize("lang", LANGS)
def test_descriptor_kinds_are_known(lang: str) -> None:
    kinds = {row["kind"] for row in table(LANG_DIR / lang / "descriptors.tsv")}
    assert kinds == DESCRIPTOR_KINDS


def test_descriptors_de_leave_out_ambiguous_sie_and_sein() -> None:
    forms = {fold(f) for row in table(LANG_DIR / "de" / "descriptors.tsv") for f in split_forms(row["forms"])}
    assert "er" in forms and "sie" not in forms and "sein" not in forms


def test_igo_codes_are_known_and_named_in_every_language() -> None:
    codes = {row["code"] for row in table(KB_DIR / "igos.tsv")}
    assert all(code.startswith(("IGO", "NGO")) for code in codes)  # international and non-governmental organisations
    for lang in LANGS:
        used = {row["code"] for row in table(LANG_DIR / lang / "igos.tsv")}
        assert used <= codes, f"lang/{lang}/igos.tsv: unknown codes {sorted(used - codes)}"
        assert codes <= used, f"lang/{lang}/igos.tsv: no forms for {sorted(codes - used)}"


def test_igos_follow_phoenix_codes_for_the_un_and_eu() -> None:
    forms = {fold(f): row["code"] for row in table(LANG_DIR / "en" / "igos.tsv") for f in split_forms(row["forms"])}
    assert forms["united nations"] == forms["security council"] == "IGOUNO"
    assert forms["european union"] == forms["european commission"] == "IGOEUREEC"
    assert forms["nato"] == "IGOWSTNAT"


def test_build_countries_regenerates_committed_table() -> None:
    build_countries = load_script("build_countries")
    committed = (KB_DIR / "countries.tsv").read_text(encoding="utf-8")
    assert build_countries.build() == committed, "run: python scripts/build_countries.py"


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=f"reference data not found at {SHARED_DATA}")
def test_build_people_regenerates_committed_table() -> None:
    build_people = load_script("build_people")
    committed = (KB_DIR / "people.tsv").read_text(encoding="utf-8")
    assert build_people.build() == committed, "run: python scripts/build_people.py"


def test_people_vietnam_and_cuba_leaders_have_exact_terms() -> None:
    rows = {(r["name"], r["role"], r["start"]): r.get("end") for r in table(KB_DIR / "people.tsv")}
    assert rows[("Tô Lâm", "party_leader", "2024-08-03")] == ""
    assert rows[("Tô Lâm", "head_of_state", "2024-05-22")] == "2024-10-21"
    assert rows[("Raúl Castro", "party_leader", "2011-04-19")] == "2021-04-19"
    assert rows[("Miguel Díaz-Canel", "head_of_state", "2018-04-19")] == ""
