"""Coverage and consistency of kb/people.tsv: every UN member's leaders, dates that make sense."""
from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from collections import defaultdict

import pytest

from dyad.tables import KB_DIR, Row, read_table, split_forms

OFFICES = ("head_of_state", "head_of_government", "foreign_minister")
# The day the hand additions were last checked (scripts/people_additions.tsv header).
LAST_CHECKED = dt.date(2026, 11, 24)

# Offices held by several people at once: a collective presidency, paired Captains Regent,
#   co-princes, yearly Swiss presidents beside the Federal Council, co-presidents, rival governments.
COLLEGIAL = {
    "AND": "two co-princes (the French one is France's president)",
    "BIH": "three-member Presidency",
    "SMR": "two Captains Regent every six months",
    "CHE": "Federal Council; the yearly President of the Confederation",
    "NIC": "co-presidents since the 2025 constitutional reform",
    "LBY": "rival governments in Tripoli and the east",
}
# UN members whose president (or monarch) heads the government: no separate head_of_government.
HEAD_OF_STATE_LEADS = frozenset({
    "USA", "MEX", "BRA", "ARG", "CHL", "COL", "VEN", "ECU", "PER", "BOL", "PRY", "URY", "GTM",
    "SLV", "HND", "NIC", "CRI", "PAN", "DOM", "SUR", "CYP", "IDN", "PHL", "KOR", "TKM", "AFG",
    "KEN", "NGA", "GHA", "LBR", "SLE", "GMB", "ZAF", "BWA", "ZMB", "ZWE", "MWI", "AGO", "SSD",
    "BEN", "CMR", "COM", "DJI", "ERI", "SYC", "MDV", "PLW", "MHL", "FSM", "KIR", "NRU",
    "CHE", "IRN", "SYR", "GAB", "TCD", "TUR",
})
# UN members whose sitting heads we could not establish (see the report of the data's last check).
NO_CURRENT_HEAD_OF_STATE = {
    "SMR": "Captains Regent change every six months; the pair from October 2025 is not known to us",
}
NO_CURRENT_HEAD_OF_GOVERNMENT: dict[str, str] = {}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def bounds(value: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day a YYYY, YYYY-MM or YYYY-MM-DD value can mean."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def surely_overlap(a: Row, b: Row) -> bool:
    """True when two terms share days whatever day a partial date stands for."""
    first, second = sorted((a, b), key=lambda r: bounds(r.get("start") or "1")[0])
    if not first.get("end"):
        return True
    second_start = bounds(second.get("start") or "1")[1]
    return second_start < bounds(first["end"])[0]


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return read_table(KB_DIR / "people.tsv", required=("name", "forms", "country", "agent", "role"))


@pytest.fixture(scope="module")
def un_members() -> list[str]:
    return sorted(r["alpha3"] for r in read_table(KB_DIR / "countries.tsv") if r["un_member"] == "1")


def current(rows: list[Row], role: str) -> dict[str, list[Row]]:
    """Rows of `role` still running on the day the data was last checked."""
    found: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        running = not row.get("end") or bounds(row["end"])[1] >= LAST_CHECKED
        if row["role"] == role and row["agent"] == "GOV" and running:
            found[row["country"]].append(row)
    return found


def test_dates_parse_and_no_term_ends_before_it_starts(rows: list[Row]) -> None:
    for row in rows:
        for column in ("start", "end"):
            if row.get(column):
                try:
                    bounds(row[column])
                except ValueError as exc:
                    pytest.fail(f"{row.where}: {column} {row[column]!r} is not a date: {exc}")
        if row.get("start") and row.get("end"):
            assert bounds(row["end"])[1] >= bounds(row["start"])[0], f"{row.where}: ends before it starts"


def test_no_person_holds_the_same_office_twice_at_once(rows: list[Row]) -> None:
    terms: dict[tuple[str, str, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        terms[(row["name"], row["country"], row["agent"], row["role"])].append(row)
    for key, found in terms.items():
        for i, a in enumerate(found):
            for b in found[i + 1:]:
                assert not surely_overlap(a, b), f"{a.where} and {b.where}: {key} overlap"


def test_one_holder_of_each_office_at_a_time_since_2015(rows: list[Row]) -> None:
    """Two people in one single-holder office at once is a stale or duplicate row."""
    offices: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row["agent"] == "GOV" and row["role"] in OFFICES and row["country"] not in COLLEGIAL:
            if not row.get("end") or bounds(row["end"])[1] >= dt.date(2015, 1, 1):
                offices[(row["country"], row["role"])].append(row)
    clashes = [f"{a.where} {a['name']} / {b.where} {b['name']}"
               for found in offices.values() for i, a in enumerate(found) for b in found[i + 1:]
               if a["name"] != b["name"] and surely_overlap(a, b)]
    assert not clashes, "\n".join(clashes)


def test_every_un_member_has_a_current_head_of_state(rows: list[Row], un_members: list[str]) -> None:
    heads = current(rows, "head_of_state")
    missing = [c for c in un_members if c not in heads and c not in NO_CURRENT_HEAD_OF_STATE]
    assert not missing, f"no current head of state for {missing}"
    assert not set(NO_CURRENT_HEAD_OF_STATE) & set(heads), "an exception is no longer needed"


def test_every_un_member_has_a_current_head_of_government(rows: list[Row], un_members: list[str]) -> None:
    heads = current(rows, "head_of_government")
    missing = [c for c in un_members if c not in heads and c not in HEAD_OF_STATE_LEADS
               and c not in NO_CURRENT_HEAD_OF_GOVERNMENT]
    assert not missing, f"no current head of government for {missing}"


def test_a_surface_form_names_one_person(rows: list[Row]) -> None:
    owner: dict[str, str] = {}
    for row in rows:
        for form in split_forms(row["forms"]):
            key = fold(form)
            assert owner.setdefault(key, row["name"]) == row["name"], \
                f"{row.where}: {form!r} is {row['name']} here but {owner[key]} elsewhere"


def test_no_single_word_form_is_a_common_given_name(rows: list[Row]) -> None:
    common = {"lam", "anh", "kim", "lee", "moon", "may", "park", "li", "wang", "mohammed", "ali",
              "charles", "philippe", "felipe", "ahmed", "john", "david", "abdullah", "salman"}
    for row in rows:
        for form in split_forms(row["forms"]):
            assert fold(form) not in common, f"{row.where}: {form!r} alone would match other people"


def test_partial_dates_bound_terms_in_the_knowledge_base() -> None:
    """"2024-01" ends a term in January 2024: later that person is no longer in office."""
    from dyad.actors.kb import KnowledgeBase

    kb = KnowledgeBase("en")
    assert [o.role for o in kb.offices_on("Eli Cohen", dt.date(2023, 6, 1))] == ["foreign_minister"]
    assert kb.offices_on("Eli Cohen", dt.date(2024, 6, 1)) == []
    assert [o.role for o in kb.offices_on("Israel Katz", dt.date(2024, 6, 1))] == ["foreign_minister"]
    assert [o.role for o in kb.offices_on("Israel Katz", dt.date(2025, 6, 1))] == ["defence_minister"]
