"""Check (or rewrite) the goldstein column of src/dyad/ontology/cameo.tsv against the shared file.

The shared file is ../shared/data/ontology/CAMEO.goldsteinscale.txt relative to the repo root
(GDELT/CAMEO documentation). Names and PLOVER columns are hand-kept in the TSV; only the
goldstein column is derived. Exit 0 when both agree, 1 when they differ, 2 when a file is missing.

    python scripts/build_cameo.py            # report differences
    python scripts/build_cameo.py --write    # take the shared values into cameo.tsv
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TSV = REPO / "src" / "dyad" / "ontology" / "cameo.tsv"
SHARED = REPO.parent / "shared" / "data" / "ontology" / "CAMEO.goldsteinscale.txt"


def read_shared(path: Path) -> dict[str, str]:
    """Code -> Goldstein value (as written) from the two-column GDELT file, header skipped."""
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            code, value = line.split("\t")[:2]
            values[code.strip()] = value.strip()
    return values


def split_tsv(lines: list[str]) -> tuple[int, list[str], dict[int, list[str]]]:
    """Find the column-name row; return its index, the names and the data rows by line index."""
    header_at = -1
    columns: list[str] = []
    rows: dict[int, list[str]] = {}
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header_at < 0:
            header_at, columns = i, [c.strip() for c in cells]
        else:
            rows[i] = cells
    return header_at, columns, rows


def compare(tsv: Path, shared: Path, write: bool = False) -> list[str]:
    """Return the differences between the TSV and the shared file; with write, fix the values."""
    expected = read_shared(shared)
    lines = tsv.read_text(encoding="utf-8").splitlines()
    _, columns, rows = split_tsv(lines)
    code_col, gold_col = columns.index("code"), columns.index("goldstein")
    problems: list[str] = []
    seen: set[str] = set()
    for i, cells in rows.items():
        code = cells[code_col].strip()
        seen.add(code)
        if code not in expected:
            problems.append(f"{tsv.name}:{i + 1}: code {code} is not in {shared.name}")
            continue
        have, want = cells[gold_col].strip(), expected[code]
        try:
            same = float(have) == float(want)
        except ValueError:
            same = False
        if not same:
            if write:
                cells[gold_col] = want
                lines[i] = "\t".join(cells)
                print(f"{tsv.name}:{i + 1}: {code} goldstein {have!r} -> {want}")
            else:
                problems.append(f"{tsv.name}:{i + 1}: {code} goldstein {have!r}, shared file has {want}")
    problems += [f"{code} (goldstein {expected[code]}) is in {shared.name} but not in {tsv.name}"
                 for code in expected if code not in seen]
    if write:
        tsv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Parse options, compare, print one line per difference and a summary; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tsv", type=Path, default=TSV, help="the ontology table (default: ours)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="CAMEO.goldsteinscale.txt")
    parser.add_argument("--write", action="store_true", help="rewrite differing goldstein values")
    args = parser.parse_args(argv)
    for path in (args.tsv, args.shared):
        if not path.is_file():
            print(f"{path}: file not found", file=sys.stderr)
            return 2
    problems = compare(args.tsv, args.shared, write=args.write)
    for problem in problems:
        print(problem)
    print(f"{args.tsv.name}: {len(problems)} difference(s) from {args.shared.name}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
