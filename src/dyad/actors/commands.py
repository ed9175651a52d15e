"""`dyad actors ...`: import a Phoenix dictionary, look up how a name resolves."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from dyad.actors.lookup import describe, lookup
from dyad.actors.phoenix import read_phoenix
from dyad.actors.userdict import write_user_tsv
from dyad.langid import CANDIDATES
from dyad.pipeline import Pipeline

ACTORS_OPTION = click.option(
    "--actors", "actor_files", multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Your own actor dictionary (TSV or YAML, see docs/actors.md); repeat for several.")


@click.group("actors")
def actors_group() -> None:
    """Inspect and extend the actor knowledge base."""


@actors_group.command("import-phoenix")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the dictionary in dyad's TSV form (use it with --actors).")
@click.option("--show-problems", is_flag=True, help="List every line that could not be read.")
def import_phoenix_command(source: Path, out: Path, show_problems: bool) -> None:
    """Convert a Phoenix/PETRARCH actor dictionary SOURCE into a dyad actor dictionary."""
    result = read_phoenix(source)
    header = [f"{out.name} — actors imported by `dyad actors import-phoenix` from {source.name}",
              f"source: {source.name} (Phoenix/PETRARCH actor dictionary; its own header names "
              f"its authors)",
              "licence: that of the source file (the Phoenix dictionaries are MIT-licensed)",
              "one row per code; rows with the same name are one actor; start/end: ISO dates"]
    write_user_tsv(result.actors, out, header)
    forms = sum(len(a.forms) for a in result.actors)
    click.echo(f"{source}: {len(result.actors)} actors with {forms} names loaded, "
               f"{len(result.problems)} lines not used → {out}")
    for reason, count in result.reasons().most_common():
        click.echo(f"  {count} {reason}")
    if show_problems:
        for lineno, reason in result.problems:
            click.echo(f"  {source.name}:{lineno}: {reason}")


@actors_group.command("lookup")
@click.argument("name")
@click.option("--date", "day", help="The article's date, YYYY-MM-DD (offices held that day).")
@click.option("--lang", default="en", show_default=True, type=click.Choice(CANDIDATES),
              help="The language the name is written in.")
@ACTORS_OPTION
def lookup_command(name: str, day: str | None, lang: str, actor_files: tuple[Path, ...]) -> None:
    """Show how NAME resolves to an actor code on a date, and which entries say so."""
    try:
        when = dt.date.fromisoformat(day) if day else None
    except ValueError:
        raise click.BadParameter(f"{day!r} is not a date (expected YYYY-MM-DD)",
                                 param_hint="--date") from None
    for line in describe(lookup(name, Pipeline(actor_files=actor_files), when, lang)):
        click.echo(line)
