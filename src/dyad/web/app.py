"""The web app: `create_app(db_path, settings)` builds the FastAPI application (API + pages).

Every script the pages load is served by the app itself (our static folder and plotly's bundled
plotly.min.js): no CDN. Errors reach clients as one JSON (or HTML) message, never a traceback.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import plotly
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyad import __version__
from dyad.errors import DyadError, StoreError
from dyad.web import api, pages
from dyad.web.service import Service

WEB_DIR = Path(__file__).parent
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
log = logging.getLogger("dyad.web")
# Pages run only our own scripts; plotly needs inline styles.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


@dataclass(frozen=True)
class Settings:
    """How the app serves: the write token and the request limits."""

    token: str | None = None  # required by writing endpoints; None disables them
    max_body: int = 1_000_000  # bytes of a request body


class BodyTooLarge(HTTPException):
    """A request body over the limit (an HTTPException, so FastAPI passes it on unchanged)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over the limit of {limit} bytes")


class Guard:
    """ASGI middleware: caps request bodies and adds security headers to every response."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _send_json(send, 413 if length.isdigit() else 400,
                             str(BodyTooLarge(self.max_body).detail) if length.isdigit()
                             else "bad Content-Length header")
            return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:  # a chunked body without Content-Length
                raise BodyTooLarge(self.max_body)
            return message

        async def secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-content-type-options", b"nosniff"),
                                      (b"content-security-policy", CSP.encode()),
                                      (b"referrer-policy", b"same-origin")]
            await send(message)

        try:
            await self.app(scope, limited, secured)
        except BodyTooLarge as exc:
            if started:
                raise
            await _send_json(send, 413, str(exc.detail))


async def _send_json(send: Send, status: int, detail: str) -> None:
    """A complete JSON error response at the ASGI level."""
    body = JSONResponse({"detail": detail}).body
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app(db_path: Path, settings: Settings | None = None) -> FastAPI:
    """The dyad web app over the database at `db_path` (created empty when missing)."""
    settings = settings or Settings()
    app = FastAPI(title="dyad", version=__version__, docs_url=None, redoc_url=None,
                  description="Political event data from multilingual news: the HTTP API. "
                              "Writing endpoints need `Authorization: Bearer TOKEN`.")
    app.state.service = Service(db_path)
    app.state.settings = settings
    app.add_middleware(Guard, max_body=settings.max_body)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    _errors(app)

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        return FileResponse(PLOTLY_JS, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    return app


def _errors(app: FastAPI) -> None:
    """Error handlers: a message for the client, the traceback only in the server log."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        status = 400 if any(e.get("type") == "json_invalid" for e in errors) else 422
        return _reply(request, status, "; ".join(_describe(e) for e in errors))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _reply(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(DyadError)
    async def dyad_error(request: Request, exc: DyadError) -> Response:
        if isinstance(exc, StoreError):
            log.error("store error on %s: %s", request.url.path, exc)
            return _reply(request, 503, "the database cannot be read")
        return _reply(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return _reply(request, 500, "internal error (see the server log)")


def _describe(error: dict[str, Any]) -> str:
    """One validation error as 'where: what', without echoing the input."""
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg"))


def _reply(request: Request, status: int, detail: str,
           headers: dict[str, str] | None = None) -> Response:
    """JSON for the API, a small HTML page for browsers on the dashboard."""
    api_path = request.url.path.startswith(("/v1", "/health", "/openapi"))
    if not api_path and "text/html" in request.headers.get("accept", ""):
        return pages.error_page(request, status, detail)
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)
