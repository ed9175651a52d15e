"""`dyad export`, `dyad series` and `dyad top`: read a database, write tables for other tools."""
from __future__ import annotations

import sys
from pathlib import Path

import click
import pandas as pd
from rich.console import Console
from rich.table import Table

from dyad.analytics import series, top_actors, top_dyads
from dyad.export import FORMATS, export

DB = click.Path(dir_okay=False, exists=True, path_type=Path)


def _frame(frame: pd.DataFrame, fmt: str, title: str) -> None:
    """Print a DataFrame as a table, CSV or JSON lines."""
    if fmt == "csv":
        sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
    elif fmt == "jsonl":
        if len(frame):
            sys.stdout.write(frame.to_json(orient="records", lines=True, force_ascii=False) + "\n")
    else:
        table = Table(title=title)
        for column in frame.columns:
            table.add_column(str(column), no_wrap=column == "period")
        for row in frame.itertuples(index=False):
            table.add_row(*(str(v) for v in row))
        Console().print(table)


def _pair(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, str]:
    parts = value.upper().split("-")
    if len(parts) != 2 or not all(parts):
        raise click.BadParameter(f"{value!r} is not a dyad (expected two codes, e.g. CUB-VNM)")
    return parts[0], parts[1]


@click.command("export")
@click.option("--db", type=DB, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: stdout). gdelt also writes OUT's .mentions table.")
def export_command(db: Path, fmt: str, out: Path | None) -> None:
    """Write the events stored in DB as GDELT 2.0 tables, PLOVER JSON, CSV or JSON lines."""
    for path in export(db, fmt, out):
        click.echo(f"wrote {path}", err=True)
    if fmt == "gdelt" and out is None:
        click.echo("gdelt: events table only; give --out to write the mentions table too", err=True)


@click.command("series")
@click.option("--db", type=DB, required=True)
@click.option("--dyad", "pair", callback=_pair, required=True,
              help="Two actor codes, e.g. CUB-VNM (either direction).")
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month",
              show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
              show_default=True)
def series_command(db: Path, pair: tuple[str, str], by: str, fmt: str) -> None:
    """Events of a dyad per period: counts per QuadClass, mean and summed Goldstein, top roots."""
    _frame(series(db, pair, by), fmt, f"{'-'.join(pair)} by {by}")


@click.command("top")
@click.option("--db", type=DB, required=True)
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
              show_default=True)
def top_command(db: Path, limit: int, fmt: str) -> None:
    """The most active dyads and actors in DB."""
    _frame(top_dyads(db, limit), fmt, "most active dyads")
    _frame(top_actors(db, limit), fmt, "most active actors")
