"""Read the project's data files: TSV with `#` header comments and a row of column names."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dyad.errors import LexiconError

PACKAGE_DIR = Path(__file__).resolve().parent
LANG_DIR = PACKAGE_DIR / "lang"
KB_DIR = PACKAGE_DIR / "kb"
ONTOLOGY_DIR = PACKAGE_DIR / "ontology"


@dataclass(frozen=True)
class Row:
    """One data row, with where it came from (for evidence and error messages)."""

    values: dict[str, str]
    path: Path
    lineno: int

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key) or default

    @property
    def where(self) -> str:
        """`lang/en/triggers.tsv:42`, relative to the package, for evidence records."""
        try:
            rel = self.path.relative_to(PACKAGE_DIR)
        except ValueError:
            rel = self.path
        return f"{rel}:{self.lineno}"


def read_table(path: Path, required: tuple[str, ...] = ()) -> list[Row]:
    """Read a TSV data file: `#` lines and blank lines skipped, first other line = column names.

    Raises LexiconError naming the file and line when a row has the wrong number of columns
    or a required column is missing or empty.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read data file: {exc.strerror}") from exc
    header: list[str] | None = None
    rows: list[Row] = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            missing = [c for c in required if c not in header]
            if missing:
                raise LexiconError(f"{path}:{lineno}: missing column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise LexiconError(
                f"{path}:{lineno}: expected {len(header)} tab-separated columns, got {len(cells)}")
        cells += [""] * (len(header) - len(cells))
        values = dict(zip(header, cells))
        empty = [c for c in required if not values.get(c)]
        if empty:
            raise LexiconError(f"{path}:{lineno}: empty required column(s) {', '.join(empty)}")
        rows.append(Row(values, path, lineno))
    if header is None:
        raise LexiconError(f"{path}: no header row")
    return rows


def split_forms(cell: str) -> list[str]:
    """Split a `|`-separated list of surface forms, dropping blanks."""
    return [f.strip() for f in cell.split("|") if f.strip()]
