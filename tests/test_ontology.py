"""The CAMEO ontology table (src/dyad/ontology/cameo.tsv) and its loader."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dyad.errors import LexiconError
from dyad.ontology import Ontology, load_ontology

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "ontology"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"{SHARED} absent (reference data lives outside a user's clone)")

# GDELT QuadClass by root, as real GDELT rows carry it: 09 Investigate is material
# cooperation and 14 Protest verbal conflict.
QUAD_BY_ROOT = {f"{r:02d}": 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4
                for r in range(1, 21)}
# The 16 PLOVER event types (manual draft 0.8).
PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


def read_shared(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated file in the shared ontology folder."""
    with open(SHARED / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@needs_shared
def test_ontology_has_every_shared_goldstein_code_with_the_same_value() -> None:
    onto = load_ontology()
    rows = read_shared("CAMEO.goldsteinscale.txt")
    assert len(rows) == 311
    for row in rows:
        code = row["CAMEOEVENTCODE"]
        assert code in onto, code
        assert onto.get(code).goldstein == float(row["GOLDSTEINSCALE"]), code
    assert len(onto) == len(rows)


def test_ontology_has_all_20_roots_with_the_gdelt_quad_class() -> None:
    onto = load_ontology()
    assert onto.roots() == list(QUAD_BY_ROOT)
    for code in onto.codes():
        entry = onto.get(code)
        assert entry.root == code[:2]
        assert entry.quad_class == QUAD_BY_ROOT[entry.root], code


@needs_shared
def test_ontology_quad_classes_agree_with_the_shared_root_table() -> None:
    onto = load_ontology()
    for row in read_shared("cameo_root_codes.tsv"):
        assert onto.get(row["root"]).quad_class == int(row["gdelt_quadclass"]), row["root"]


def test_ontology_plover_values_are_among_the_16_types() -> None:
    onto = load_ontology()
    types = {onto.get(c).plover for c in onto.codes()}
    assert types - {None} <= PLOVER_TYPES
    assert types - {None} == PLOVER_TYPES  # every type is reached from some CAMEO code


@needs_shared
def test_ontology_plover_modes_belong_to_their_type() -> None:
    summary = json.loads((SHARED / "plover_ontology_summary.json").read_text(encoding="utf-8"))
    assert frozenset(summary["event_types"]) == PLOVER_TYPES
    onto = load_ontology()
    for code in onto.codes():
        entry = onto.get(code)
        if entry.plover_mode is not None:
            assert entry.plover_mode in summary["modes"].get(entry.plover, []), code


def test_ontology_maps_appeals_to_request_and_leaves_plain_statements_without_type() -> None:
    onto = load_ontology()
    assert onto.get("0254").name == "Appeal for easing of economic sanctions, boycott, or embargo"
    assert (onto.get("0254").plover, onto.get("0254").plover_mode) == ("REQUEST", "yield")
    assert onto.get("010").plover is None
    assert onto.get("041").plover_mode == "phone"


def test_ontology_get_of_an_unknown_code_raises_lexicon_error_naming_it() -> None:
    with pytest.raises(LexiconError, match="unknown CAMEO code '999'"):
        load_ontology().get("999")
    assert "999" not in load_ontology()


@pytest.mark.parametrize("code, symmetric", [
    ("041", True),   # discuss by telephone
    ("046", True),   # engage in negotiation
    ("057", True),   # sign formal agreement
    ("190", True),   # use conventional military force (clashes)
    ("042", False),  # make a visit: the visitor is the source
    ("043", False),  # host a visit: the host is the source
    ("036", False),  # express intent to meet: the intent has a direction
    ("04", False),   # roots cover directional codes
])
def test_ontology_is_symmetric_reads_the_symmetric_column(code: str, symmetric: bool) -> None:
    assert load_ontology().is_symmetric(code) is symmetric


def test_ontology_loader_is_shared_and_names_the_line_of_a_bad_row(tmp_path: Path) -> None:
    assert load_ontology() is load_ontology()
    bad = tmp_path / "cameo.tsv"
    bad.write_text("# test\ncode\tname\tgoldstein\tquad_class\n01\tX\tnone\t1\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"cameo.tsv:3: bad goldstein"):
        Ontology(bad)


@needs_shared
def test_ontology_build_script_finds_no_difference() -> None:
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build_cameo.py")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 difference(s)" in result.stdout


@needs_shared
def test_ontology_build_script_exits_1_when_a_value_differs(tmp_path: Path) -> None:
    tsv = tmp_path / "cameo.tsv"
    text = (REPO / "src" / "dyad" / "ontology" / "cameo.tsv").read_text(encoding="utf-8")
    tsv.write_text(text.replace("0254\tAppeal for easing of economic sanctions, boycott, or "
                                "embargo\t-0.3", "0254\tAppeal for easing of economic sanctions, "
                                "boycott, or embargo\t9.9"), encoding="utf-8")
    script = [sys.executable, str(REPO / "scripts" / "build_cameo.py"), "--tsv", str(tsv)]
    result = subprocess.run(script, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "0254 goldstein '9.9', shared file has -0.3" in result.stdout
    assert subprocess.run(script + ["--write"], capture_output=True, check=False).returncode == 0
    assert subprocess.run(script, capture_output=True, check=False).returncode == 0
