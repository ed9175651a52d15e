"""`dyad serve`: the HTTP API and dashboard over a database, under uvicorn."""
from __future__ import annotations

import ipaddress
from pathlib import Path

import click


def _is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="SQLite database file (created empty if missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; reading is open to whoever can reach it.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar="DYAD_TOKEN", show_envvar=True,
              help="Token that writing endpoints require (Authorization: Bearer TOKEN); "
                   "without one, writing is disabled.")
def serve_command(db: Path, host: str, port: int, token: str | None) -> None:
    """Serve the HTTP API (/v1, documented at /docs) and the dashboard for DB."""
    import uvicorn  # imported here: other subcommands need not load the web stack (~0.5 s)

    from dyad.web.app import Settings, create_app

    if not _is_loopback(host):
        click.echo(f"dyad serve: listening on {host}: anyone who can reach it can read the "
                   "events and articles", err=True)
    app = create_app(db, Settings(token=token or None))
    click.echo(f"dyad: serving {db} on http://{host}:{port}/ (API docs at /docs; writing "
               f"{'needs the token' if token else 'disabled'})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
