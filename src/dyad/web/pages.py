"""The dashboard: server-rendered Jinja2 pages (autoescaped) with charts drawn by plotly.js."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from dyad.langid import CANDIDATES
from dyad.model import Article
from dyad.ontology import load_ontology
from dyad.store.sqlite import EventFilter
from dyad import analytics
from dyad.web import charts, queries
from dyad.web.markup import highlight
from dyad.web.service import Service, document_spans

router = APIRouter(include_in_schema=False)
TEMPLATES = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True))
CODE = re.compile(r"[A-Z]{3,12}")
EVENT_ID = re.compile(r"[0-9a-f]{16}")
DYAD_EVENTS = 500  # rows of the dyad page's event table
MAX_FORM_TEXT = 200_000


def service(request: Request) -> Service:
    """The app's Service."""
    return request.app.state.service  # type: ignore[no-any-return]


Svc = Annotated[Service, Depends(service)]


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from templates/, every value autoescaped."""
    return TEMPLATES.TemplateResponse(request, name, {"cameo": cameo_name, **context},
                                      status_code=status_code)


def error_page(request: Request, status: int, detail: str) -> Response:
    """The HTML form of an error: the message, no traceback."""
    return render(request, "error.html", status, status=status, detail=detail)


def cameo_name(code: str) -> str:
    """The CAMEO name of a code, or '' when unknown."""
    ontology = load_ontology()
    return ontology.get(code).name if code in ontology else ""


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, svc: Svc) -> Response:
    """Counts, languages, the most active dyads and actors, the network of countries."""
    with svc.store() as store:
        counts = store.counts()
    dyads = analytics.top_dyads(svc.db, 200)
    edges = charts.undirected(dyads)
    return render(request, "overview.html", counts=counts, edges=edges[:15],
                  actors=analytics.top_actors(svc.db, 15).to_dict(orient="records"),
                  figure=charts.network(edges[:60]) if edges else None)


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, a: str, b: str, svc: Svc) -> Response:
    """A dyad's timeline by QuadClass with the Goldstein line, and its events."""
    a, b = a.upper(), b.upper()
    if not (CODE.fullmatch(a) and CODE.fullmatch(b)):
        return error_page(request, 404, "a dyad is two actor or country codes, e.g. /dyad/CUB/VNM")
    filters = EventFilter(dyad=(a, b))
    with svc.store() as store:
        total = store.count_events(filters)
        events = store.query_events(filters=filters, limit=DYAD_EVENTS)
    series = analytics.series(svc.db, (a, b), "month")
    languages = queries.mention_languages(svc.db, [e["event_id"] for e in events])
    return render(request, "dyad.html", a=a, b=b, total=total, events=events,
                  languages=languages, figure=charts.timeline(series) if len(series) else None,
                  undated=total - int(series["events"].sum()) if len(series) else total)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str, svc: Svc) -> Response:
    """One event: each mention's sentence with trigger and actors marked, its rule, its article."""
    record = svc.event(event_id) if EVENT_ID.fullmatch(event_id) else None
    if record is None:
        return error_page(request, 404, "no such event")
    mentions = [{**m, "html": highlight(m["text"], m["spans"])}
                for m in svc.event_mentions(event_id)]
    return render(request, "event.html", e=record, mentions=mentions)


@router.get("/articles/{pk}", response_class=HTMLResponse)
def article(request: Request, pk: int, svc: Svc) -> Response:
    """A stored article's cleaned text with actors and event triggers marked."""
    view = svc.article(pk) if 0 < pk < 2**62 else None
    if view is None:
        return error_page(request, 404, "no such article")
    return render(request, "article.html", a=view.row, view=view,
                  html=highlight(view.row["text"], view.spans()))


@router.get("/code", response_class=HTMLResponse)
def code_form(request: Request) -> Response:
    """The form to code a pasted text."""
    return render(request, "code.html", languages=CANDIDATES, form={})


@router.post("/code", response_class=HTMLResponse)
async def code_text(request: Request, svc: Svc) -> Response:
    """Code the pasted text and show its events (nothing is stored)."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    text, lang, published = (form.get(k, "").strip() for k in ("text", "lang", "published"))
    problem = _form_problem(text, lang, published)
    if problem:
        return render(request, "code.html", 400, languages=CANDIDATES, form=form, error=problem)
    doc = await run_in_threadpool(svc.code, Article(
        id="pasted", text=text, lang=lang or None,
        published=dt.date.fromisoformat(published) if published else None))
    return render(request, "code.html", languages=CANDIDATES, form=form, doc=doc,
                  events=doc.to_dicts(), html=highlight(doc.text, document_spans(doc)))


def _form_problem(text: str, lang: str, published: str) -> str | None:
    """Why the code form cannot be coded, or None."""
    if not text:
        return "paste a text to code"
    if len(text) > MAX_FORM_TEXT:
        return f"the text is over {MAX_FORM_TEXT} characters"
    if lang and lang not in CANDIDATES:
        return f"unknown language {lang!r}"
    if published:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            return f"{published!r} is not a date (YYYY-MM-DD)"
    return None


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> Response:
    """The API reference, rendered from the app's OpenAPI schema (no CDN-hosted UI)."""
    schema = request.app.openapi()
    return render(request, "docs.html", schema=schema)


@router.get("/dyad", response_class=HTMLResponse)
def goto_dyad(request: Request, a: str = "", b: str = "") -> Response:
    """The header form: go to /dyad/A/B."""
    a, b = a.strip().upper(), b.strip().upper()
    if not (CODE.fullmatch(a) and CODE.fullmatch(b)):
        return error_page(request, 400, "enter two actor or country codes, e.g. CUB and VNM")
    return RedirectResponse(f"/dyad/{a}/{b}", status_code=303)
