"""`dyad eval` and `dyad agree`: parse options, call dyad.evaluate, print."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from dyad.evaluate.agreement import agree
from dyad.evaluate.report import agree_table, eval_table
from dyad.evaluate.scoring import evaluate

FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                      show_default=True)


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@FORMAT
def eval_command(gold: Path, fmt: str) -> None:
    """Score the coder on a gold file (UniversalPetrarch-style JSONL): P/R/F1, confusions."""
    result = evaluate(gold)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if fmt == "json" else eval_table(result))


@click.command("agree")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date YYYY-MM-DD for documents without a \"date\" of their own.")
@FORMAT
def agree_command(files: tuple[Path, ...], published: dt.datetime | None, fmt: str) -> None:
    """Cross-lingual agreement of coded events on parallel documents (WMT-style JSONL)."""
    result = agree(files, published=published.date() if published else None)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if fmt == "json" else agree_table(result))
