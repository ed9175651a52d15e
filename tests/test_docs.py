"""Documentation checks: every subcommand is in the README, every data file names its sources."""
from __future__ import annotations

from pathlib import Path

import pytest

from dyad.cli import cli
from dyad.tables import PACKAGE_DIR

README = Path(__file__).resolve().parents[1] / "README.md"
LANG_DIR = PACKAGE_DIR / "lang"


def data_files() -> list[Path]:
    """Every file under lang/<code>/, the knowledge base tables and the CAMEO table."""
    files = [p for folder in sorted(LANG_DIR.iterdir()) if folder.is_dir()
             for p in sorted(folder.rglob("*"))
             if p.is_file() and not any(part.startswith((".", "__")) for part in p.parts)]
    files += sorted((PACKAGE_DIR / "kb").glob("*.tsv"))
    files.append(PACKAGE_DIR / "ontology" / "cameo.tsv")
    return files


def header(path: Path) -> list[str]:
    """The `#` comment lines at the top of a data file (the loaders skip them)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_readme_mentions_every_subcommand(name: str) -> None:
    assert f"dyad {name}" in README.read_text(encoding="utf-8"), \
        f"README.md does not show `dyad {name}`"


@pytest.mark.parametrize("path", data_files(), ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_docs_data_file_header_names_its_source_and_licence(path: Path) -> None:
    lines = header(path)
    assert lines, f"{path}: no '#' header naming the source and licence"
    assert any("source" in line.lower() for line in lines), \
        f"{path}: the '#' header has no 'source' line"
    assert any("licen" in line.lower() for line in lines), \
        f"{path}: the '#' header has no 'licence' line, e.g. '# licence: CC0 1.0'"
