"""The `dyad` command: subcommands parse their options and call the Python API."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dyad.actors.commands import ACTORS_OPTION, actors_group
from dyad.engine.local import RunSummary, code_inputs, run_into_store
from dyad.errors import DyadError, StoreError
from dyad.export.commands import export_command, series_command, top_command
from dyad.evaluate.commands import agree_command, eval_command
from dyad.ingest import InputProblem
from dyad.langid import CANDIDATES
from dyad.output import print_table, to_csv, to_jsonl
from dyad.pipeline import Pipeline
from dyad.store.sqlite import SQLiteStore
from dyad.tables import PACKAGE_DIR
from dyad.web.commands import serve_command

EXAMPLES_DIR = PACKAGE_DIR / "examples"


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def _language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    # an unknown code would silently code nothing and store the articles under that code
    if value is None:
        return None
    code = value.strip().lower()
    if code not in CANDIDATES:
        raise click.BadParameter(f"{value!r} is not a language dyad reads "
                                 f"(expected one of {', '.join(CANDIDATES)})")
    return code


def _dyad_pair(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = value.upper().split("-")
    if len(parts) != 2 or not all(parts):
        raise click.BadParameter(f"{value!r} is not a dyad (expected two codes, e.g. CUB-VNM)")
    return parts[0], parts[1]


@click.group()
@click.version_option(package_name="dyad")
def cli() -> None:
    """Political event data from multilingual news: who did what to whom, when and where."""


@cli.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_date, help="Publication date YYYY-MM-DD for inputs without one.")
@click.option("--lang", callback=_language,
              help="Language code (en, de ...) for inputs without one; default: detect.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True)
@ACTORS_OPTION
def code_command(paths: tuple[str, ...], published: dt.date | None, lang: str | None, fmt: str,
                 actor_files: tuple[Path, ...]) -> None:
    """Code articles in PATHS (files, directories, or - for stdin) without storing anything."""
    console = Console()
    problems: list[InputProblem] = []

    def report(problem: InputProblem) -> None:
        problems.append(problem)
        click.echo(problem.message, err=True)

    for doc in code_inputs(paths, Pipeline(actor_files=actor_files), published, lang, report):
        records = doc.to_dicts()
        if fmt == "jsonl":
            sys.stdout.write(to_jsonl(records))
        else:
            anchor = doc.anchor.value or "unknown"
            title = (f"{doc.article.path or doc.article.id} — {doc.lang}, {len(doc.sentences)} sentences, "
                     f"{len(doc.actors)} actor mentions, {len(records)} events, date anchor {anchor}"
                     f" ({doc.anchor.source})")
            print_table(records, console, title)
    if problems and fmt == "table":
        click.echo(f"{len(problems)} input problem(s)", err=True)


@cli.command("run")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="SQLite database file (created if missing).")
@click.option("--published", callback=_date, help="Publication date YYYY-MM-DD for inputs without one.")
@click.option("--lang", callback=_language,
              help="Language code for inputs without one; default: detect.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@ACTORS_OPTION
def run_command(paths: tuple[str, ...], db: Path, published: dt.date | None, lang: str | None,
                quiet: bool, actor_files: tuple[Path, ...]) -> None:
    """Code articles in PATHS and store articles, events and mentions in DB."""
    summary = _run(paths, db, published, lang, quiet, actor_files)
    for line in summary.lines():
        click.echo(line)
    click.echo(f"database: {db}")


def _run(paths: tuple[str, ...], db: Path, published: dt.date | None, lang: str | None,
         quiet: bool, actor_files: tuple[Path, ...] = ()) -> RunSummary:
    try:
        db.parent.mkdir(parents=True, exist_ok=True)  # `dyad demo --db out/demo.db` on a fresh clone
    except OSError as exc:
        raise StoreError(f"{db}: cannot create its directory: {exc.strerror or exc}") from exc
    store = SQLiteStore(db)
    console = Console(stderr=True)
    with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn(),
                  console=console, disable=quiet or not console.is_terminal) as bar:
        task = bar.add_task("coding", total=None, rate="0")
        started = dt.datetime.now()

        def advance(_article: object) -> None:
            bar.advance(task)
            done = bar.tasks[0].completed
            seconds = max((dt.datetime.now() - started).total_seconds(), 1e-6)
            bar.update(task, rate=f"{done / seconds:.0f}")

        def report(problem: InputProblem) -> None:
            # soft_wrap: one line per problem, even when stderr is a pipe (rich wraps at 80)
            console.print(problem.message, markup=False, highlight=False, soft_wrap=True)

        try:
            return run_into_store(paths, store, Pipeline(actor_files=actor_files), published, lang,
                                  advance, report)
        finally:
            store.close()


@cli.command("events")
@click.option("--db", type=click.Path(dir_okay=False, exists=True, path_type=Path), required=True)
@click.option("--dyad", "pair", callback=_dyad_pair, help="Two actor codes, e.g. CUB-VNM (either direction).")
@click.option("--since", callback=_date, help="Earliest event date, YYYY-MM-DD.")
@click.option("--until", callback=_date, help="Latest event date, YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
def events_command(db: Path, pair: tuple[str, str] | None, since: dt.date | None,
                   until: dt.date | None, fmt: str) -> None:
    """List the events stored in DB."""
    store = SQLiteStore(db)
    try:
        records = store.query_events(dyad=pair, since=since.isoformat() if since else None,
                                     until=until.isoformat() if until else None)
    finally:
        store.close()
    if fmt == "jsonl":
        sys.stdout.write(to_jsonl(records))
    elif fmt == "csv":
        sys.stdout.write(to_csv(records))
    else:
        print_table(records, Console(), f"{len(records)} events in {db}")


@cli.command("demo")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("dyad-demo.db"),
              show_default=True, help="Where to store the coded example articles.")
def demo_command(db: Path) -> None:
    """Code the example articles shipped with dyad, store them, and show what was found."""
    click.echo(f"reading the example articles in {EXAMPLES_DIR}")
    summary = _run((str(EXAMPLES_DIR),), db, None, None, quiet=True)
    for line in summary.lines():
        click.echo(line)
    store = SQLiteStore(db)
    try:
        records = store.query_events()
    finally:
        store.close()
    print_table(records, Console(), f"{len(records)} events stored")
    click.echo(f"database: {db.resolve()}")
    click.echo(f"next: dyad events --db {db} --format jsonl")


# Commands that live with their own stage register here, one line each.
cli.add_command(actors_group)
cli.add_command(serve_command)
cli.add_command(export_command)
cli.add_command(series_command)
cli.add_command(top_command)
cli.add_command(eval_command)
cli.add_command(agree_command)


def main() -> None:
    """Entry point: user errors print one line and exit 1; bugs keep their traceback."""
    try:
        cli(standalone_mode=True)
    except DyadError as exc:
        click.echo(f"dyad: {exc}", err=True)
        sys.exit(1)


__all__ = ["cli", "main"]
