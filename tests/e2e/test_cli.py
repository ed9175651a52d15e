"""The `dyad` command end to end: real subprocesses, real files and SQLite databases in tmp_path."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

RECORD_DOC = Path(__file__).resolve().parents[2] / "docs" / "record.md"
TIMEOUT = 300  # seconds; one run loads the lexicons and dateparser (~1.5 s here)

# A wire story about Japan and India, published 2023-03-07 (a Tuesday): "on Monday" is
# 2023-03-06, and China's criticism is dated February 28, so date filters can split them.
ARTICLE_EN = """\
Japan and India agree to deepen security cooperation

NEW DELHI, March 7 (Reuters) - Japan praised India on Monday for its growing role in regional \
security, days after the two governments agreed to hold joint naval exercises in the Indian Ocean.

The Japanese foreign minister met the Indian foreign minister in New Delhi on Monday to discuss \
maritime security and a planned high-speed rail line.

China criticised Japan on February 28 over the exercises, saying they would raise tensions in \
the region.

India thanked Japan for its support.
"""
PUBLISHED = "2023-03-07"

# A second, unrelated story, so that a run stores more than one article.
ARTICLE_EN_2 = """\
Brazil and Argentina hold talks on trade

BUENOS AIRES, March 7 (AP) - Brazil criticised Argentina on Monday over new import \
restrictions, a day before the two neighbours were due to meet in Montevideo.
"""


def dyad(*args: str | Path, stdin: str | bytes | None = None,
         cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m dyad ARGS` and return the finished process (text output)."""
    return subprocess.run([sys.executable, "-m", "dyad", *map(str, args)],
                          input=stdin, capture_output=True, text=True, cwd=cwd, timeout=TIMEOUT)


def explain(proc: subprocess.CompletedProcess[str]) -> str:
    """The command, its exit code and its output, for assertion messages."""
    return (f"\n$ {' '.join(map(str, proc.args))}\nexit {proc.returncode}\n"
            f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}")


def jsonl(proc: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    """The JSON records a successful command printed, one per line."""
    assert proc.returncode == 0, explain(proc)
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def documented_fields() -> set[str]:
    """The record fields named in the first column of docs/record.md's table."""
    fields: set[str] = set()
    for line in RECORD_DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 3 and cells[0].startswith("`"):
            fields.update(re.findall(r"`(\w+)`", cells[0]))
    assert fields, f"no field rows found in {RECORD_DOC}"
    return fields


def summary(stdout: str) -> dict[str, str]:
    """The `key: value` lines of a run summary."""
    return dict(line.split(": ", 1) for line in stdout.splitlines() if ": " in line)


def write_articles(root: Path) -> Path:
    """A directory with two good English articles; returns it."""
    articles = root / "articles"
    articles.mkdir()
    (articles / "japan_india.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (articles / "brazil_argentina.txt").write_text(ARTICLE_EN_2, encoding="utf-8")
    return articles


def stored_db(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    """A database holding the test articles, and all its events as JSONL records."""
    db = tmp_path / "events.db"
    proc = dyad("run", write_articles(tmp_path), "--db", db, "--published", PUBLISHED, "--quiet")
    assert proc.returncode == 0, explain(proc)
    records = jsonl(dyad("events", "--db", db, "--format", "jsonl"))
    assert records, f"the test articles gave no events{explain(proc)}"
    return db, records


def sides(record: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The codes a --dyad filter may match on each side: country and full actor code."""
    return ({record["source"]["country"], record["source"]["code"]},
            {record["target"]["country"], record["target"]["code"]})


def within(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether `dyad events` keeps a date: compared on the shared prefix ("2023-03" is within
    since="2023-03-06", as docs promise); undated events match no range."""
    if date is None:
        return False
    after = since is None or date[:len(since)] >= since[:len(date)]
    before = until is None or date[:len(until)] <= until[:len(date)]
    return after and before


# --- dyad code ------------------------------------------------------------------------------


def test_cli_code_jsonl_prints_one_record_per_line_with_every_documented_field(
        tmp_path: Path) -> None:
    article = tmp_path / "japan_india.txt"
    article.write_text(ARTICLE_EN, encoding="utf-8")
    proc = dyad("code", article, "--format", "jsonl", "--published", PUBLISHED)
    records = jsonl(proc)
    assert records, f"no events coded{explain(proc)}"
    expected = documented_fields()
    for record in records:
        assert expected <= record.keys(), f"missing {sorted(expected - record.keys())}"
    assert proc.stderr == "", explain(proc)


def test_cli_code_dash_reads_the_article_from_stdin() -> None:
    proc = dyad("code", "-", "--format", "jsonl", "--published", PUBLISHED, stdin=ARTICLE_EN)
    records = jsonl(proc)
    assert records, f"no events coded from stdin{explain(proc)}"
    assert {m["article_id"] for r in records for m in r["mentions"]} == {"stdin"}
    assert any(r["source"]["country"] == "JPN" and r["target"]["country"] == "IND"
               for r in records), explain(proc)


@pytest.mark.parametrize("fmt", ["jsonl", "table"])
def test_cli_code_reports_each_bad_input_on_one_line_and_codes_the_rest(
        tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (folder / "scan.txt").write_bytes(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    missing = tmp_path / "missing.txt"
    proc = dyad("code", folder, missing, "--format", fmt, "--published", PUBLISHED)
    assert proc.returncode == 0, explain(proc)
    lines = proc.stderr.splitlines()
    for bad in (folder / "scan.txt", folder / "empty.txt", missing):
        naming = [line for line in lines if str(bad) in line]
        assert len(naming) == 1, f"{bad}: expected one stderr line{explain(proc)}"
    assert not [line for line in lines if "good.txt" in line], explain(proc)
    if fmt == "jsonl":
        records = jsonl(proc)
        assert records and all(m["article_id"] == "good" for r in records
                               for m in r["mentions"]), explain(proc)
    else:
        # rich may wrap the table title (it names the file) anywhere, spaces included
        assert "good.txt" in re.sub(r"\s", "", proc.stdout), explain(proc)


def test_cli_code_jsonl_input_reports_a_malformed_line_by_file_and_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = {"id": "wire-1", "text": ARTICLE_EN, "published": PUBLISHED, "lang": "en"}
    feed.write_text(json.dumps(good) + '\n{"id": "wire-2", "text": "China criticised\n',
                    encoding="utf-8")
    proc = dyad("code", feed, "--format", "jsonl")
    records = jsonl(proc)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{feed}:2: "), explain(proc)
    assert records and {m["article_id"] for r in records for m in r["mentions"]} == {"wire-1"}


def test_cli_code_unknown_lang_is_a_usage_error_naming_the_value(tmp_path: Path) -> None:
    article = tmp_path / "japan_india.txt"
    article.write_text(ARTICLE_EN, encoding="utf-8")
    proc = dyad("code", article, "--lang", "xx", "--format", "jsonl")
    assert proc.returncode == 2 and "--lang" in proc.stderr and "'xx'" in proc.stderr, \
        explain(proc)
    assert jsonl(dyad("code", article, "--lang", "EN", "--format", "jsonl",
                      "--published", PUBLISHED)), "--lang EN coded nothing"


@pytest.mark.parametrize("sentence", [
    "The Japanese prime minister met the Indian prime minister in Tokyo yesterday.",
    "Japan's prime minister met India's prime minister in Tokyo yesterday.",
])
def test_cli_code_published_date_resolves_yesterday_in_the_event_date(
        tmp_path: Path, sentence: str) -> None:
    article = tmp_path / "summit.txt"
    article.write_text(f"Japan and India hold summit\n\n{sentence}\n", encoding="utf-8")
    proc = dyad("code", article, "--published", "2023-03-07", "--format", "jsonl")
    events = [r for r in jsonl(proc) if any(m["text"] == sentence for m in r["mentions"])]
    assert events, f"no event coded in {sentence!r}{explain(proc)}"
    for record in events:
        assert (record["date"], record["date_precision"], record["date_source"]) == \
            ("2023-03-06", "day", "text"), explain(proc)


# --- dyad run -------------------------------------------------------------------------------


def test_cli_run_prints_a_summary_and_running_again_adds_nothing(tmp_path: Path) -> None:
    articles = write_articles(tmp_path)
    (articles / "corrupt.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    db = tmp_path / "events.db"

    first = dyad("run", articles, "--db", db, "--published", PUBLISHED)
    assert first.returncode == 0, explain(first)
    counts = summary(first.stdout)
    for key in ("articles", "languages", "events", "errors"):
        assert key in counts, f"summary lacks {key!r}{explain(first)}"
    assert counts["articles"] == "2 (0 already stored)", explain(first)
    assert counts["languages"] == "en 2", explain(first)
    assert counts["errors"] == "1", explain(first)
    assert [line for line in first.stderr.splitlines() if "corrupt.txt" in line] == \
        [f"{articles / 'corrupt.txt'}: binary file, skipped"], explain(first)
    coded, unique = re.fullmatch(r"(\d+) coded, (\d+) unique new events stored",
                                 counts["events"]).groups()
    before = jsonl(dyad("events", "--db", db, "--format", "jsonl"))
    assert int(unique) == len(before) > 0, explain(first)
    assert int(coded) >= int(unique)

    second = dyad("run", articles, "--db", db, "--published", PUBLISHED)
    assert second.returncode == 0, explain(second)
    again = summary(second.stdout)
    assert again["articles"] == "2 (2 already stored)", explain(second)
    assert re.fullmatch(r"\d+ coded, 0 unique new events stored", again["events"]), \
        explain(second)
    after = jsonl(dyad("events", "--db", db, "--format", "jsonl"))
    assert after == before


# --- dyad events ----------------------------------------------------------------------------


def test_cli_events_csv_has_a_header_and_one_row_per_event(tmp_path: Path) -> None:
    db, records = stored_db(tmp_path)
    proc = dyad("events", "--db", db, "--format", "csv")
    assert proc.returncode == 0, explain(proc)
    reader = csv.DictReader(io.StringIO(proc.stdout))
    rows = list(reader)
    assert reader.fieldnames and {"event_id", "date", "source_code", "target_code", "cameo"} <= \
        set(reader.fieldnames)
    assert [row["event_id"] for row in rows] == [r["event_id"] for r in records]
    assert [(row["source_code"], row["target_code"], row["cameo"]) for row in rows] == \
        [(r["source"]["code"], r["target"]["code"], r["cameo"]) for r in records]


def test_cli_events_table_shows_whole_dates_when_piped(tmp_path: Path) -> None:
    db, records = stored_db(tmp_path)
    proc = dyad("events", "--db", db)
    assert proc.returncode == 0, explain(proc)
    for record in records:
        assert record["date"] is None or record["date"] in proc.stdout, explain(proc)


@pytest.mark.parametrize("pair", ["JPN-IND", "IND-JPN", "ind-jpn"])
def test_cli_events_dyad_keeps_the_events_between_the_two_in_either_direction(
        tmp_path: Path, pair: str) -> None:
    db, records = stored_db(tmp_path)
    a, b = pair.upper().split("-")
    expected = [r["event_id"] for r in records
                if (a in sides(r)[0] and b in sides(r)[1]) or (b in sides(r)[0] and a in sides(r)[1])]
    assert expected and len(expected) < len(records), "the test data needs other dyads too"
    proc = dyad("events", "--db", db, "--dyad", pair, "--format", "jsonl")
    assert [r["event_id"] for r in jsonl(proc)] == expected, explain(proc)


def test_cli_events_since_and_until_keep_the_events_within_the_dates(tmp_path: Path) -> None:
    db, records = stored_db(tmp_path)
    since, until = "2023-03-01", "2023-03-06"
    for options, first, last in ((("--since", since), since, None),
                                 (("--until", until), None, until),
                                 (("--since", since, "--until", until), since, until)):
        expected = [r["event_id"] for r in records if within(r["date"], first, last)]
        proc = dyad("events", "--db", db, *options, "--format", "jsonl")
        assert [r["event_id"] for r in jsonl(proc)] == expected, explain(proc)
    dated = sorted(r["date"] for r in records if r["date"])
    assert dated and dated[0] < since <= dated[-1], f"test data should span {since}: {dated}"


@pytest.mark.parametrize("value", ["2023-13-01", "last-week"])
def test_cli_events_bad_since_is_a_usage_error_naming_the_value(tmp_path: Path,
                                                                value: str) -> None:
    db, _records = stored_db(tmp_path)
    proc = dyad("events", "--db", db, "--since", value)
    assert proc.returncode == 2, explain(proc)
    assert "--since" in proc.stderr and repr(value) in proc.stderr, explain(proc)
    assert "Traceback" not in proc.stderr and proc.stdout == "", explain(proc)


def test_cli_events_on_a_text_file_says_it_is_not_a_dyad_database(tmp_path: Path) -> None:
    notes = tmp_path / "notadb.txt"
    notes.write_text("these are my notes, not a database\n", encoding="utf-8")
    proc = dyad("events", "--db", notes)
    assert proc.returncode == 1, explain(proc)
    assert proc.stderr.splitlines() == [f"dyad: {notes}: not a dyad database"], explain(proc)
    assert notes.read_text(encoding="utf-8") == "these are my notes, not a database\n"


# --- dyad demo ------------------------------------------------------------------------------


def test_cli_demo_stores_the_examples_and_prints_the_database_path(tmp_path: Path) -> None:
    proc = dyad("demo", "--db", "tmp/demo.db", cwd=tmp_path)
    db = tmp_path / "tmp" / "demo.db"
    assert proc.returncode == 0, explain(proc)
    assert str(db) in proc.stdout, explain(proc)
    assert db.is_file()
    assert jsonl(dyad("events", "--db", db, "--format", "jsonl")), "the demo stored no events"


EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "dyad" / "examples"
# The bundled Portuguese and Italian agency reports: the dateline's date, and every event a
# careful CAMEO coder takes from them as (code, source, target). The furniture lines at the end
# ("Leia também: Cabo Verde recebe missão do FMI", "Leggi anche: ...") must give nothing.
EXAMPLE_EVENTS = {
    "pt_portugal_angola.txt": ("2024-03-12", {
        ("057", "PRT", "AGO"),  # headline and "Os dois governos assinaram um acordo"
        ("040", "PRTGOV", "AGOGOV"),  # "reuniu-se ... com o Presidente de Angola"
        ("051", "PRTGOV", "AGO"),  # "agradeceu a Angola"
        ("051", "AGO", "PRT"),  # "o apoio [de Angola] à candidatura portuguesa"
        ("036", "AGOGOV", "PRT"),  # "aceitou o convite para visitar Portugal"
    }),
    "it_italia_egitto.txt": ("2025-02-05", {
        ("057", "ITA", "EGY"),  # headline and "I due Paesi hanno firmato un memorandum"
        ("040", "ITAGOV", "EGYGOV"),  # "ha incontrato oggi al Cairo il presidente dell'Egitto"
        ("051", "ITAGOV", "EGY"),  # "ha elogiato il ruolo dell'Egitto"
        ("036", "EGYGOV", "ITA"),  # "ha accettato l'invito a visitare l'Italia"
    }),
}


@pytest.mark.parametrize("name", sorted(EXAMPLE_EVENTS))
def test_cli_code_bundled_romance_example_gives_the_expected_events(name: str) -> None:
    day, expected = EXAMPLE_EVENTS[name]
    records = jsonl(dyad("code", EXAMPLES / name, "--format", "jsonl"))
    coded = {(r["cameo"], r["source"]["code"], r["target"]["code"]) for r in records}
    assert coded == expected, f"{name}: {sorted(coded)}"
    assert {r["date"] for r in records} == {day}, f"{name}: {[r['date'] for r in records]}"
    assert not any(r["negated"] or r["modality"] != "asserted" for r in records), records


def test_cli_demo_codes_every_bundled_example_without_errors(tmp_path: Path) -> None:
    proc = dyad("demo", "--db", tmp_path / "demo.db")
    assert proc.returncode == 0, explain(proc)
    assert summary(proc.stdout).get("errors") == "0" and proc.stderr == "", explain(proc)
