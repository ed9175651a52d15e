"""Importing Phoenix/PETRARCH actor dictionaries (issue 3): the format, the real shared file, and
a sample of its entries resolving the way the file says."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from dyad.actors.lookup import lookup
from dyad.actors.phoenix import phoenix_name, read_phoenix
from dyad.actors.userdict import DatedCode, load_user_actors, split_code, write_user_tsv
from dyad.pipeline import Pipeline
from dyad.tables import KB_DIR, read_table

COUNTRIES = frozenset(r["alpha3"] for r in read_table(KB_DIR / "countries.tsv"))
SAMPLE_FILE = """\
# a comment line
ALBANIA_  [ALB]
+ALBANIAN_
+TIRANA_   # the capital
SALI_BERISHA_  # CountryInfo.txt
\t[ALBELI 620101-920409]
\t[ALBGOV 920409-970724]
\t[ALBGOV >20050911]
\t[ALBELI]
KOFI_ANNAN_\t
+K._ANNAN_
\t[IGOUNO 970101-061231] [ELI]
JEAN_MARIE_TESTER_\t[IGOUNO 000101-080801] [---]
NOBODY_IN_PARTICULAR_  # no code at all
THE_UNITED_NATIONS_ [IGOUNO]
BAD_DATES_ [ALBGOV 9008223-911221] [ALBGOV <991231]
"""


@pytest.fixture()
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.actors.txt"
    path.write_text(SAMPLE_FILE, encoding="utf-8")
    return path


def test_phoenix_reads_actors_variants_and_dated_codes(sample: Path) -> None:
    actors = {a.name: a for a in read_phoenix(sample).actors}
    assert actors["Albania"].forms == ("Albania", "Albanian", "Tirana")
    assert actors["Albania"].codes == (DatedCode("ALB"),)
    assert actors["Sali Berisha"].codes == (
        DatedCode("ALBELI", dt.date(1962, 1, 1), dt.date(1992, 4, 9)),
        DatedCode("ALBGOV", dt.date(1992, 4, 9), dt.date(1997, 7, 24)),
        DatedCode("ALBGOV", dt.date(2005, 9, 11), None),
        DatedCode("ALBELI"))
    assert actors["Kofi Annan"].forms == ("Kofi Annan", "K. Annan")
    assert actors["Kofi Annan"].codes == (DatedCode("IGOUNO", dt.date(1997, 1, 1),
                                                    dt.date(2006, 12, 31)), DatedCode("ELI"))
    assert actors["Jean Marie Tester"].codes == (DatedCode("IGOUNO", dt.date(2000, 1, 1),
                                                           dt.date(2008, 8, 1)),)
    assert actors["the United Nations"].codes == (DatedCode("IGOUNO"),)
    assert actors["Bad Dates"].codes == (DatedCode("ALBGOV", None, dt.date(1999, 12, 31)),)


def test_phoenix_lists_every_line_it_cannot_use(sample: Path) -> None:
    problems = read_phoenix(sample).problems
    assert problems == [
        (13, "null code: [---] marks a name as no actor"),
        (14, "no code: 'Nobody in Particular' has no usable [CODE]"),
        (16, "bad date: 'ALBGOV 9008223-911221' (9008223 has 7 digits, not 6 or 8)")]


@pytest.mark.parametrize("raw, name", [
    ("BAN_KI-MOON_", "Ban Ki-Moon"), ("U.N._", "U.N."), ("UN_", "UN"),
    ("THE_GRAVEYARD_OF_EMPIRES_", "the Graveyard of Empires"), ("USA", "USA"),
])
def test_phoenix_names_become_text_as_news_writes_it(raw: str, name: str) -> None:
    assert phoenix_name(raw) == name


@pytest.mark.parametrize("code, parts", [
    ("ALBGOVMED", ("ALB", None, "GOV")), ("ALB", ("ALB", None, None)),
    ("IGOUNOKID", (None, "IGOUNOKID", None)), ("ELI", (None, None, "ELI")),
])
def test_phoenix_codes_split_into_country_organisation_and_agent(code: str,
                                                                 parts: tuple) -> None:
    found = split_code(code, COUNTRIES)
    assert (found.country, found.organisation, found.agent) == parts


def test_phoenix_import_round_trips_through_the_user_tsv(sample: Path, tmp_path: Path) -> None:
    actors = read_phoenix(sample).actors
    out = tmp_path / "out.tsv"
    write_user_tsv(actors, out, ["imported for a test", "source: sample", "licence: MIT"])
    again = load_user_actors(out)
    assert [(a.name, a.forms, a.codes) for a in again] == [(a.name, a.forms, a.codes) for a in actors]


def test_phoenix_shared_country_dictionary_loads_with_its_problems_counted(shared: Path) -> None:
    result = read_phoenix(shared / "data/actors/petrarch2_Phoenix.Countries.actors.txt")
    assert len(result.actors) == 18350
    assert sum(len(a.forms) for a in result.actors) == 25807
    assert dict(result.reasons()) == {"no code": 40, "bad date": 7, "null code": 2}


def test_phoenix_shared_international_dictionary_loads_with_its_problems_counted(
        shared: Path) -> None:
    result = read_phoenix(shared / "data/actors/Phoenix.International.actors.txt")
    assert len(result.actors) == 7814
    assert dict(result.reasons()) == {"no code": 27, "bad code": 24, "null code": 2, "bad date": 1}


def test_phoenix_sample_of_the_shared_file_resolves_the_way_the_file_says(
        shared: Path, tmp_path: Path) -> None:
    actors = read_phoenix(shared / "data/actors/petrarch2_Phoenix.Countries.actors.txt").actors
    path = tmp_path / "phoenix.tsv"
    write_user_tsv(actors, path, ["test import", "source: shared Phoenix file", "licence: MIT"])
    pipeline = Pipeline(actor_files=(path,))
    names = [a.name for a in actors]
    dated = [a for a in actors if names.count(a.name) == 1 and
             any(c.dated and split_code(c.code, COUNTRIES).country for c in a.codes)]
    wrong = []
    for actor in random.Random(3).sample(dated, 60):
        day = _inside(next(c for c in actor.codes if c.dated and split_code(c.code, COUNTRIES).country))
        expected = {c.code[:6] for c in actor.codes if c.dated and
                    (c.start is None or c.start <= day) and (c.end is None or day <= c.end)}
        found = [(m.text, m.actor.code) for m in lookup(actor.name, pipeline, day, "en").readings]
        if not (len(found) == 1 and found[0][0] == actor.name and found[0][1] in expected):
            wrong.append(f"{actor.name} on {day}: file says {expected}, dyad {found}")
    assert not wrong, "\n".join(wrong)


def _inside(code: DatedCode) -> dt.date:
    """A day in the middle of a code's dates (a month into an open range)."""
    start = code.start or (code.end - dt.timedelta(days=30))
    end = code.end or (code.start + dt.timedelta(days=30))
    return start + (end - start) / 2
