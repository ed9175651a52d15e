"""The `dyad` command: subcommands parse their options and call the Python API."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from rich.console import Console

from dyad.engine.local import RunOptions, RunSummary, code_inputs, default_workers, run_into_store
from dyad.engine.progress import estimate_total, progress_bar
from dyad.errors import DyadError, StoreError
from dyad.ingest import Columns, InputProblem, ReadOptions
from dyad.ingest.options import FIELDS, FORMATS
from dyad.actors.commands import ACTORS_OPTION, actors_group
from dyad.export.commands import export_command, series_command, top_command
from dyad.evaluate.commands import agree_command, eval_command
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


def _columns(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> Columns:
    pairs = {}
    for item in value:
        key, sep, name = item.partition("=")
        if not sep or not name or key not in FIELDS:
            raise click.BadParameter(f"{item!r}: expected FIELD=COLUMN with FIELD one of "
                                     f"{', '.join(FIELDS)}")
        pairs[key] = name
    return Columns().with_names(pairs)


@cli.command("run")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite database file (created if missing); required unless --engine dask --out.")
@click.option("--published", callback=_date, help="Publication date YYYY-MM-DD for inputs without one.")
@click.option("--lang", callback=_language,
              help="Language code for inputs without one; default: detect.")
@click.option("--input-format", type=click.Choice(FORMATS),
              help="Read every input as this format; default: by file extension.")
@click.option("--column", "columns", multiple=True, callback=_columns, metavar="FIELD=COLUMN",
              help="Column (or JSON key) of CSV/Parquet/JSONL inputs for a field, e.g. text=body; repeat.")
@click.option("--fetch-links", is_flag=True, help="Download the pages feed entries link (network).")
@click.option("--workers", type=click.IntRange(min=1), default=default_workers, show_default="cores",
              help="Processes coding in parallel (Dask: LocalCluster workers).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address (default: start a LocalCluster).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Dask engine: write events as Parquet partitioned by date to this directory.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a JSON run report (counts, errors by kind, seconds per stage).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@ACTORS_OPTION
def run_command(paths: tuple[str, ...], db: Path | None, published: dt.date | None,
                lang: str | None, input_format: str | None, columns: Columns, fetch_links: bool,
                workers: int, engine: str, scheduler: str | None, out: Path | None,
                report_path: Path | None, quiet: bool, actor_files: tuple[Path, ...]) -> None:
    """Code articles in PATHS (files, directories, feed URLs) and store events in DB."""
    read = ReadOptions(columns=columns, input_format=input_format, fetch_links=fetch_links)
    options = RunOptions(workers=workers, published=published, lang=lang, read=read,
                         actor_files=actor_files)
    if engine == "dask":
        summary = _run_dask(paths, db, out, scheduler, options, quiet)
    elif db is None:
        raise click.UsageError("--db is required (or use --engine dask --out DIR)")
    else:
        summary = _run(paths, db, published, lang, quiet, options)
    for line in summary.lines():
        click.echo(line)
    if db is not None:
        click.echo(f"database: {db}")
    if out is not None:
        click.echo(f"parquet: {out}")
    if report_path is not None:
        summary.write(report_path)
        click.echo(f"report: {report_path}")


def _open_store(db: Path) -> SQLiteStore:
    try:
        db.parent.mkdir(parents=True, exist_ok=True)  # `dyad demo --db out/demo.db` on a fresh clone
    except OSError as exc:
        raise StoreError(f"{db}: cannot create its directory: {exc.strerror or exc}") from exc
    return SQLiteStore(db)


def _run(paths: tuple[str, ...], db: Path, published: dt.date | None, lang: str | None,
         quiet: bool, options: RunOptions | None = None) -> RunSummary:
    options = options or RunOptions(workers=1)
    store = _open_store(db)
    try:
        with progress_bar(None if quiet else estimate_total(paths, options.read), quiet) as bar:
            return run_into_store(paths, store, Pipeline(actor_files=options.actor_files),
                                  published, lang, bar.advance, bar.report, options)
    finally:
        store.close()


def _run_dask(paths: tuple[str, ...], db: Path | None, out: Path | None, scheduler: str | None,
              options: RunOptions, quiet: bool) -> RunSummary:
    from dyad.engine.dask import DaskOptions, run_dask  # imports distributed: only when asked

    store = _open_store(db) if db is not None else None
    try:
        with progress_bar(None if quiet else estimate_total(paths, options.read), quiet) as bar:
            return run_dask(paths, DaskOptions(scheduler, options.workers, out, options), store,
                            bar.advance, bar.report)
    finally:
        if store is not None:
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
