"""Fixtures for the web tests: a database coded from the example articles, real `dyad serve`
processes on free loopback ports, and Debian's chromium driven by Playwright (issue 7)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "src" / "dyad" / "examples"
DATA = Path(__file__).parent / "data"  # en_xss_payload.txt: an article carrying XSS payloads
ARTIFACTS = Path(__file__).parent / "artifacts"  # screenshots (git-ignored)
CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "test-token-7b1e4d"
STARTUP = 60.0  # seconds for a server to answer /health


@dataclass
class Server:
    """A `python -m dyad serve` subprocess and where its output goes."""

    url: str
    proc: subprocess.Popen[bytes]
    log: Path
    db: Path

    def output(self) -> str:
        """Everything the server printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Terminate the server (kill it when it does not stop within 10 s)."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def free_port() -> int:
    """A loopback port nobody listens on (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dyad(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m dyad ARGS` to completion."""
    return subprocess.run([sys.executable, "-m", "dyad", *map(str, args)], capture_output=True,
                          text=True, timeout=300, cwd=REPO, env=env)


def start_server(db: Path, log: Path, *args: str,
                 env: dict[str, str | None] | None = None) -> Server:
    """Start `dyad serve` on a free port and wait until /health answers.

    `env` overrides the environment; a None value removes the variable.
    """
    environ = {**os.environ, **(env or {})}
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dyad", "serve", "--db", str(db), "--port", str(port), *args],
            stdout=out, stderr=subprocess.STDOUT, cwd=REPO,
            env={k: v for k, v in environ.items() if v is not None})
    server = Server(f"http://127.0.0.1:{port}", proc, log, db)
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"dyad serve exited with {proc.returncode}:\n{server.output()}")
        try:
            if httpx.get(f"{server.url}/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.stop()
    pytest.fail(f"dyad serve did not answer /health within {STARTUP} s:\n{server.output()}")


@pytest.fixture(scope="session")
def coded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example articles and the XSS article, coded and stored by `dyad run`."""
    db = tmp_path_factory.mktemp("web") / "examples.db"
    proc = dyad("run", EXAMPLES, DATA, "--db", db, "--quiet")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return db


@pytest.fixture(scope="session")
def server(coded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`dyad serve` over the coded examples, writing allowed with TOKEN."""
    running = start_server(coded_db, tmp_path_factory.mktemp("serve") / "server.log",
                           "--token", TOKEN)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def token() -> str:
    """The token the session server requires for writing."""
    return TOKEN


@pytest.fixture(scope="session")
def examples() -> Path:
    """The example articles shipped with dyad."""
    return EXAMPLES


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start extra servers: serve(db, *args, env=...); each is stopped after the test."""
    started: list[Server] = []

    def start(db: Path, *args: str, env: dict[str, str | None] | None = None) -> Server:
        started.append(start_server(db, tmp_path / f"server-{len(started)}.log", *args, env=env))
        return started[-1]

    yield start
    for running in started:
        running.stop()


@pytest.fixture(scope="session")
def run_dyad() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m dyad ARGS` to completion."""
    return dyad


@pytest.fixture(scope="session")
def client(server: Server) -> Iterator[httpx.Client]:
    """An HTTP client for the session server."""
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian chromium (Playwright's own browser download is not reachable here)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Watched:
    """A browser page and what it reported: console errors, page errors, dialogs."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def shot(self, name: str) -> Path:
        """A full-page screenshot under tests/web/artifacts/."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Watched]:
    """A fresh page on the session server that records errors and any alert() dialog."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    watched = Watched(tab)
    tab.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: watched.errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield watched
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """On failure, show the output of every server the test used."""
    report = yield
    if report.failed:
        for value in getattr(item, "funcargs", {}).values():
            if isinstance(value, Server):
                report.sections.append((f"dyad serve output ({value.url})", value.output()))
    return report
