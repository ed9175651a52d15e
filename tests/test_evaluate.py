"""dyad.evaluate: the scoring arithmetic on a tiny gold file, agreement on tiny parallel
documents, the CLI, and the floor gate on the shared Spanish gold (tests/eval_floors.json)."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dyad.errors import InputError
from dyad.evaluate import agree, evaluate
from dyad.evaluate.gold import GoldEvent, actor_side, parse_roots, read_gold
from dyad.evaluate.matching import Predicted, Tally, match

FLOORS = Path(__file__).resolve().parent / "eval_floors.json"
SRC = Path(__file__).resolve().parents[1] / "src"


def gold_line(text: str, *events: tuple[str, str, str, str, str, str, str]) -> str:
    """A gold record; each event is (trigger, code, plover, source, target, source text, target text)."""
    return json.dumps({"id": text[:12], "lang": "es", "date": "20240515", "text": text, "events": [
        {"eid": f"E{i}", "eventtext": t, "eventcode": c, "plover": p, "sourcecode": s,
         "targetcode": g, "sourcetext": st, "targettext": tt}
        for i, (t, c, p, s, g, st, tt) in enumerate(events, start=1)]}, ensure_ascii=False)


# Sentences the Spanish cases (tests/lang/es/cases.tsv) pin: USA→VEN 163, POL→RUS 161,
# ISR→LBN 190, EU→IRN 0253, and no event for the weather.
TINY = [
    gold_line("Estados Unidos impuso nuevas sanciones a Venezuela.",
              ("impuso", "16", "SACTION", "USAGOV", "VENGOV", "Estados Unidos", "Venezuela")),
    gold_line("El tiempo será soleado en Madrid durante el fin de semana.",
              ("soleado", "14", "PROTEST", "---", "---", "", "")),
    gold_line("Polonia expulsó a dos diplomáticos rusos el jueves.",
              ("expulsó", "12", "REJECT", "---", "---", "Polonia", "")),
    gold_line("El ejército de Israel atacó posiciones en el sur del Líbano.",
              ("atacaron", "18/19/20", "ASSAULT", "---", "---", "El ejército de Israel", "")),
    gold_line("La Unión Europea instó a Irán a liberar a los periodistas detenidos.",
              ("instó", "10", "DEMAND", "---", "---", "", "")),
]


@pytest.fixture(scope="module")
def tiny_result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("gold") / "tiny.jsonl"
    path.write_text("\n".join(TINY) + "\n", encoding="utf-8")
    return evaluate(path)


def test_evaluate_counts_matches_misses_and_confusions_on_a_tiny_gold(tiny_result: dict) -> None:
    root = tiny_result["scores"]["all"]["root"]
    # matched: sanctions (16) and the attack (unfindable trigger "atacaron": label only);
    # confused: 12→16 and 10→02; missed: the "protest" in the weather sentence
    assert (root["tp"], root["fp"], root["fn"]) == (2, 2, 3)
    assert (root["precision"], root["recall"], root["f1"]) == (0.5, 0.4, 0.4444)
    assert tiny_result["scores"]["es"]["root"] == root
    assert ["12", "16", 1] in tiny_result["confusion"]["root"]
    assert ["10", "02", 1] in tiny_result["confusion"]["root"]
    assert ["14", "-", 1] in tiny_result["confusion"]["root"]
    assert tiny_result["sentences"] == 5 and tiny_result["gold_events"] == 5


def test_evaluate_reads_older_plover_names_as_v08(tiny_result: dict) -> None:
    plover = tiny_result["scores"]["all"]["plover"]
    # DEMAND is REQUEST (matched); SACTION is SANCTION, which the coder's 163 (COERCE) is not
    assert (plover["tp"], plover["fp"], plover["fn"]) == (2, 2, 3)
    assert ["SANCTION", "COERCE", 1] in tiny_result["confusion"]["plover"]


def test_evaluate_scores_dyads_only_where_the_gold_gives_actors(tiny_result: dict) -> None:
    dyad = tiny_result["scores"]["all"]["dyad"]
    assert (dyad["tp"], dyad["fp"], dyad["fn"], dyad["f1"]) == (1, 0, 0, 1.0)


def test_evaluate_compares_argument_texts_of_matched_events(tiny_result: dict) -> None:
    args = tiny_result["arguments"]
    assert args == {"matched_events": 2, "source_text_agreement": 1.0, "source_annotated": 2,
                    "target_text_agreement": 1.0, "target_annotated": 1}


def _gold(trigger_span: tuple[int, int] | None, roots: str) -> GoldEvent:
    return GoldEvent("x", trigger_span, parse_roots(roots), roots, None, "", "", None, None)


def test_match_needs_trigger_overlap_when_the_gold_trigger_is_found() -> None:
    tally = Tally()
    golds = [_gold((10, 15), "14"), _gold((30, 35), "14")]
    preds = [Predicted(((0, 5),), "14", None, "A", "B"), Predicted(((31, 33),), "14", None, "A", "B")]
    pairs = match(golds, preds, lambda g, p: p.root in g.roots, lambda g: g.root_label,
                  lambda p: p.root, tally)
    assert [g.span for g, _ in pairs] == [(30, 35)]
    assert (tally.tp, tally.fp, tally.fn) == (1, 1, 1)
    assert tally.confusion == {("14", "-"): 1, ("-", "14"): 1}


def test_tally_without_anything_to_score_reports_none() -> None:
    assert Tally().scores()["f1"] is None


@pytest.mark.parametrize("code, roots", [("14", {"14"}), ("18/19/20", {"18", "19", "20"}),
                                         ("084-087", {"08"}), ("", set())])
def test_gold_parse_roots_reads_sets_and_ranges(code: str, roots: set[str]) -> None:
    assert parse_roots(code) == roots


def test_gold_actor_side_reads_cameo_actor_codes() -> None:
    assert [actor_side(c) for c in ("ECUGOV", "IGOUNO", "---", "", None)] == \
        ["ECU", "IGO", None, None, None]


def test_gold_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(TINY[0] + "\n{\"lang\": \"es\"}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2: not a gold sentence record"):
        read_gold(path)


PARALLEL = [
    {"docid": "same", "langs": {
        "en": ["Germany's foreign minister met Brazil's president in Brasília.", None],
        "de": ["Der deutsche Außenminister traf den brasilianischen Präsidenten in Brasília."],
        "zh": ["德国外长在巴西利亚会见了巴西总统。"]}},
    {"docid": "differs", "langs": {
        "en": ["Russia threatened Ukraine with new attacks."],
        "de": ["Das Wetter in Berlin bleibt sonnig."]}},
    {"docid": "quiet", "langs": {"en": ["The weather stays sunny."], "de": ["Es bleibt sonnig."]}},
]


@pytest.fixture(scope="module")
def parallel_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("news") / "parallel.jsonl"
    lines = [json.dumps(d, ensure_ascii=False) for d in PARALLEL] + ["not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_agree_shares_triples_over_their_union(parallel_file: Path) -> None:
    result = agree([parallel_file])
    pair = result["pairs"]["de-en"]
    # "same": DEU-BRA 04 in both; "differs": RUS-UKR 13 only in English; "quiet": no events
    assert (pair["documents"], pair["empty_documents"]) == (3, 1)
    assert (pair["triples_a"], pair["triples_b"], pair["shared"], pair["union"]) == (1, 2, 1, 2)
    assert pair["agreement"] == 0.5
    assert pair["only_b"] == [["RUS UKR 13", 1]]
    assert result["skipped_languages"] == {"zh": 1}
    assert len(result["problems"]) == 1 and "parallel.jsonl:4: not a parallel document" in result["problems"][0]


def test_agree_dates_documents_so_history_is_not_news(tmp_path: Path) -> None:
    war = {"en": ["Pakistan and India fought a war over Kashmir in 1965."],
           "de": ["Das Wetter in Berlin bleibt sonnig."]}
    path = tmp_path / "dated.jsonl"
    path.write_text(json.dumps({"docid": "undated", "langs": war}) + "\n"
                    + json.dumps({"docid": "dated", "date": "2020-07-28", "langs": war}) + "\n"
                    + json.dumps({"docid": "bad", "date": "July 2020", "langs": war}) + "\n",
                    encoding="utf-8")
    # the undated copy codes the 1965 war; the dated one knows it is history
    result = agree([path])
    assert result["pairs"]["de-en"]["triples_b"] == 1
    assert len(result["problems"]) == 1 and "dated.jsonl:3: not a parallel document" in result["problems"][0]
    # a date for all documents without their own
    assert agree([path], published=dt.date(2020, 7, 28))["pairs"]["de-en"]["triples_b"] == 0


def _dyad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dyad", *args], capture_output=True, text=True,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}, check=False)


def test_cli_eval_and_agree_print_json_and_tables(tmp_path: Path, parallel_file: Path) -> None:
    gold = tmp_path / "tiny.jsonl"
    gold.write_text("\n".join(TINY) + "\n", encoding="utf-8")
    out = _dyad("eval", str(gold), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["scores"]["all"]["root"]["tp"] == 2
    table = _dyad("agree", str(parallel_file))
    assert table.returncode == 0, table.stderr
    assert "de-en" in table.stdout and "0.500" in table.stdout
    dated = _dyad("agree", str(parallel_file), "--published", "2020-07-28", "--format", "json")
    assert dated.returncode == 0 and json.loads(dated.stdout)["pairs"]["de-en"]["agreement"] == 0.5
    bad = _dyad("agree", str(parallel_file), "--published", "28.07.2020")
    assert bad.returncode == 2 and "'28.07.2020' does not match the format '%Y-%m-%d'" in bad.stderr


def test_evaluate_on_shared_spanish_gold_meets_the_floors(shared: Path) -> None:
    spec = json.loads(FLOORS.read_text(encoding="utf-8"))
    result = evaluate(shared / spec["gold"])
    scores = result["scores"]["all"]
    below = [f"{name}: {scores[dim][metric]} < floor {floor}"
             for name, floor in spec["floors"].items()
             for dim, metric in [name.split(".")] if scores[dim][metric] < floor]
    assert not below, "; ".join(below)


def test_agreement_on_shared_wmt_documents_meets_the_floors(shared: Path) -> None:
    spec = json.loads(FLOORS.read_text(encoding="utf-8"))
    files = sorted(shared.glob(spec["agree_files"]))
    assert len(files) == 3, files
    pairs = agree(files)["pairs"]
    below = [f"{pair}: {pairs[pair]['agreement']} < floor {floor}"
             for pair, floor in spec["agree_floors"].items() if pairs[pair]["agreement"] < floor]
    assert not below, "; ".join(below)
