"""`dyad actors ...` and `--actors FILE` as a user runs them: real subprocesses and files."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TIMEOUT = 120


def dyad(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "dyad", *map(str, args)], input=stdin,
                          capture_output=True, text=True, timeout=TIMEOUT)
    proc.explained = (f"\n$ dyad {' '.join(map(str, args))}\nexit {proc.returncode}\n"  # type: ignore[attr-defined]
                      f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}")
    return proc


def test_actors_cli_lookup_explains_the_office_on_the_date() -> None:
    proc = dyad("actors", "lookup", "Nguyen Phu Trong", "--date", "2019-01-01")
    assert proc.returncode == 0, proc.explained
    lines = proc.stdout.splitlines()
    assert lines[0] == "'Nguyen Phu Trong' in en, on 2019-01-01:"
    assert lines[1].startswith("  'Nguyen Phu Trong' → VNMGOV (Nguyễn Phú Trọng)  [rule person:kb/people.tsv:")
    assert "    office on that day: VNM GOV head_of_state (2018-10-23 – 2021-04-05)" in lines
    assert any(line.startswith("    office on that day: VNM PTY party_leader") for line in lines)


def test_actors_cli_lookup_of_an_unknown_name_suggests_the_closest_person() -> None:
    proc = dyad("actors", "lookup", "Macronn")
    assert proc.returncode == 0, proc.explained
    assert "  no actor" in proc.stdout.splitlines()
    assert "closest known person: Emmanuel Macron" in proc.stdout


def test_actors_cli_lookup_rejects_a_bad_date_in_one_line() -> None:
    proc = dyad("actors", "lookup", "Putin", "--date", "2019-13-01")
    assert proc.returncode == 2, proc.explained
    assert "'2019-13-01' is not a date (expected YYYY-MM-DD)" in proc.stderr


def test_actors_cli_import_phoenix_then_code_with_the_imported_actors(tmp_path: Path) -> None:
    source = tmp_path / "mine.actors.txt"
    source.write_text("ZORBLAND_  [ZZZ]\n"  # not a state we know: an organisation-like code
                      "GRETA_EXEMPLUM_  # a minister\n\t[FRAGOV 20010101-20301231]\n"
                      "BROKEN_  [FRAGOV 2001-2002]\n", encoding="utf-8")
    out = tmp_path / "mine.tsv"
    proc = dyad("actors", "import-phoenix", source, "--out", out, "--show-problems")
    assert proc.returncode == 0, proc.explained
    assert proc.stdout.splitlines()[0] == (
        f"{source}: 2 actors with 2 names loaded, 2 lines not used → {out}")
    assert "  mine.actors.txt:4: bad date: 'FRAGOV 2001-2002' (2001 has 4 digits, not 6 or 8)" \
        in proc.stdout.splitlines()
    text = "Greta Exemplum criticised Russia on Monday over the attacks."
    coded = dyad("code", "-", "--lang", "en", "--published", "2024-05-02", "--format", "jsonl",
                 "--actors", out, stdin=text)
    assert coded.returncode == 0, coded.explained
    records = [json.loads(line) for line in coded.stdout.splitlines()]
    assert [(r["source"]["code"], r["target"]["code"], r["cameo"][:2]) for r in records] == [
        ("FRAGOV", "RUS", "11")]
    assert records[0]["source"]["name"] == "Greta Exemplum"


def test_actors_cli_a_broken_user_dictionary_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tforms\tcode\nX\tX\tnot a code\n", encoding="utf-8")
    proc = dyad("code", "-", "--lang", "en", "--actors", bad, stdin="Russia criticised Ukraine.")
    assert proc.returncode == 1, proc.explained
    assert proc.stderr.strip().splitlines() == [
        f"dyad: {bad}:2: 'NOT A CODE' is not a CAMEO actor code (letters in groups of 3)"]


def test_actors_cli_run_with_two_workers_uses_the_user_dictionary(tmp_path: Path) -> None:
    actors = tmp_path / "mine.yaml"
    actors.write_text("- name: Greta Exemplum\n  codes:\n"
                      "    - {code: FRAGOV, start: 2001-01-01}\n", encoding="utf-8")
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i, country in enumerate(("Russia", "Iran", "Syria")):
        (corpus / f"{i}.txt").write_text(f"Note {i}\n\nGreta Exemplum criticised {country} on "
                                         "Monday over the attacks.\n", encoding="utf-8")
    db = tmp_path / "events.db"
    proc = dyad("run", corpus, "--db", db, "--workers", "2", "--quiet", "--lang", "en",
                "--published", "2024-05-02", "--actors", actors)
    assert proc.returncode == 0, proc.explained
    events = dyad("events", "--db", db, "--format", "jsonl")
    records = [json.loads(line) for line in events.stdout.splitlines()]
    assert sorted((r["source"]["code"], r["target"]["code"]) for r in records) == [
        ("FRAGOV", "IRN"), ("FRAGOV", "RUS"), ("FRAGOV", "SYR")]
