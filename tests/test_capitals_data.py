"""The capital tables (src/dyad/lang/<code>/capitals.tsv): complete, unambiguous, sourced.

A capital's name is read as its country's government when it acts in a sentence ("Moskau
kritisierte Kiew"), so a form may stand for one country only and must not be a country name or
a nationality word of the same language.
"""
from __future__ import annotations

import pytest
from babel import Locale

from dyad.tables import KB_DIR, LANG_DIR, Row, read_table, split_forms
from dyad.tokens import fold

LANGS = ("en", "de", "es", "fr", "pt", "it", "ru", "vi")


def capitals(lang: str) -> list[Row]:
    return read_table(LANG_DIR / lang / "capitals.tsv", required=("country",))


@pytest.fixture(scope="module")
def un_members() -> frozenset[str]:
    rows = read_table(KB_DIR / "countries.tsv", required=("alpha3", "un_member"))
    return frozenset(row["alpha3"] for row in rows if row["un_member"] == "1")


def country_words(lang: str) -> dict[str, str]:
    """Folded country names (CLDR and countries.tsv) and demonyms of `lang`, with their origin."""
    words = {fold(name): f"CLDR {lang} {code}"
             for code, name in Locale.parse(lang).territories.items()}
    for name in ("countries.tsv", "demonyms.tsv"):
        for row in read_table(LANG_DIR / lang / name):
            for form in split_forms(row.get("forms")) + split_forms(row.get("people")):
                words.setdefault(fold(form), row.where)
    return words


@pytest.mark.parametrize("lang", LANGS)
def test_capitals_have_one_row_for_every_un_member(lang: str, un_members: frozenset[str]) -> None:
    rows = capitals(lang)
    codes = [row["country"] for row in rows]
    twice = sorted({code for code in codes if codes.count(code) > 1})
    assert not twice, f"lang/{lang}/capitals.tsv: more than one row for {twice}"
    assert not sorted(un_members - set(codes)), \
        f"lang/{lang}/capitals.tsv: no row for {sorted(un_members - set(codes))}"
    assert not sorted(set(codes) - un_members), \
        f"lang/{lang}/capitals.tsv: not UN members {sorted(set(codes) - un_members)}"


@pytest.mark.parametrize("lang", LANGS)
def test_capitals_rows_without_forms_say_why(lang: str) -> None:
    silent = [row.where for row in capitals(lang) if not split_forms(row.get("forms"))
              and not row.get("note")]
    assert not silent, f"rows with no forms and no note saying why: {silent}"


@pytest.mark.parametrize("lang", LANGS)
def test_capitals_forms_name_one_country_each(lang: str) -> None:
    owner: dict[str, Row] = {}
    for row in capitals(lang):
        for form in split_forms(row.get("forms")):
            first = owner.setdefault(fold(form), row)
            assert first["country"] == row["country"], \
                f"{row.where}: {form!r} is {row['country']} here but {first['country']} at {first.where}"


@pytest.mark.parametrize("lang", LANGS)
def test_capitals_forms_are_not_country_names_or_demonyms(lang: str) -> None:
    words = country_words(lang)
    clashes = [f"{row.where}: {form!r} is also {words[fold(form)]}"
               for row in capitals(lang) for form in split_forms(row.get("forms"))
               if fold(form) in words]
    assert not clashes, "\n".join(clashes)


@pytest.mark.parametrize("lang", LANGS)
def test_capitals_header_names_source_and_licence(lang: str) -> None:
    lines = (LANG_DIR / lang / "capitals.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[:next(i for i, line in enumerate(lines) if not line.startswith("#"))]
    assert any(line.startswith("# source:") and "news usage" in line for line in header), \
        f"lang/{lang}/capitals.tsv: no '# source:' line naming the news usage"
    assert any(line.startswith("# licence: CC0") for line in header), \
        f"lang/{lang}/capitals.tsv: no '# licence: CC0' line"
    assert "country\tforms\tnote" in lines, f"lang/{lang}/capitals.tsv: no column row"
