"""The HTTP API under /v1: code texts, query events, series, articles and actors; ingest."""
from __future__ import annotations

import datetime as dt
import hmac
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from dyad.langid import CANDIDATES
from dyad.model import Article
from dyad.store.sqlite import EventFilter
from dyad import analytics
from dyad.web import queries
from dyad.web.service import Service, actor_dict

router = APIRouter()
Lang = Literal[CANDIDATES]  # type: ignore[valid-type]
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_TEXT = 200_000  # characters; the body limit (Settings.max_body) applies first


def service(request: Request) -> Service:
    """The app's Service."""
    return request.app.state.service  # type: ignore[no-any-return]


class CodeRequest(BaseModel):
    """A text to code, with what is known about it; unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="the article text")
    published: dt.date | None = Field(
        None, description="publication date YYYY-MM-DD; relative dates resolve to it")
    lang: Lang | None = Field(None, description="ISO 639-1 code; detected when absent")
    title: str | None = Field(None, max_length=1000)

    @field_validator("published", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        """Only a YYYY-MM-DD string is a date here (pydantic would take a number as a timestamp)."""
        if value is not None and not (isinstance(value, str) and ISO_DAY.fullmatch(value)):
            raise ValueError("expected a date as YYYY-MM-DD")
        return value


class ArticleIn(CodeRequest):
    """An article to code and store."""

    id: str = Field(min_length=1, max_length=200, description="the article's own id")
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200, description="the outlet")


def _check_date(value: str | None) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD string naming a real day, month or year."""
    if value is None:
        return None
    year, month, day = ([int(p) for p in value.split("-")] + [1, 1])[:3]
    try:
        dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None
    return value


class EventQuery(BaseModel):
    """Filters and page of GET /v1/events; unknown parameters are refused."""

    model_config = ConfigDict(extra="forbid")
    dyad: str | None = Field(None, pattern=r"^[A-Za-z]{3,12}-[A-Za-z]{3,12}$",
                             description="two actor or country codes, either direction: CUB-VNM")
    actor: str | None = Field(None, min_length=1, max_length=200,
                              description="an actor code on either side (CUBGOV) or a name")
    country: str | None = Field(None, pattern=r"^[A-Za-z]{3}$",
                                description="ISO alpha-3 code on either side")
    code: str | None = Field(None, pattern=r"^\d{2,4}$",
                             description="CAMEO code; matches it and its sub-codes")
    root: str | None = Field(None, pattern=r"^\d{2}$", description="CAMEO root (two digits)")
    quad: int | None = Field(None, ge=1, le=4, description="QuadClass 1-4")
    lang: Lang | None = Field(None, description="a mention in this language")
    since: str | None = Field(None, pattern=DATE, description="YYYY[-MM[-DD]], inclusive")
    until: str | None = Field(None, pattern=DATE, description="YYYY[-MM[-DD]], inclusive")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10**9)

    _dates = field_validator("since", "until")(_check_date)

    def to_filter(self) -> EventFilter:
        """The store filter for these parameters."""
        pair = tuple(self.dyad.upper().split("-")) if self.dyad else None
        code = self.code or self.root
        if self.code and self.root and not self.code.startswith(self.root):
            raise HTTPException(422, f"code {self.code} is not under root {self.root}")
        return EventFilter(dyad=pair, since=self.since, until=self.until,  # type: ignore[arg-type]
                           actor=self.actor, country=self.country.upper() if self.country else None,
                           code=code, quad_class=self.quad, lang=self.lang)


def require_token(request: Request,
                  authorization: Annotated[str | None, Header()] = None) -> None:
    """Refuse writes without the server's token (compared in constant time)."""
    token = request.app.state.settings.token
    if token is None:
        raise HTTPException(403, "writing is disabled: start `dyad serve` with --token")
    given = authorization[7:] if authorization and authorization.startswith("Bearer ") else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong token (send Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})


@router.get("/health", tags=["meta"])
def health(svc: Annotated[Service, Depends(service)]) -> dict[str, Any]:
    """Liveness, and what the database holds."""
    with svc.store() as store:
        return {"status": "ok", **store.counts()}


@router.post("/v1/code", tags=["coding"])
def code(body: CodeRequest, svc: Annotated[Service, Depends(service)]) -> dict[str, Any]:
    """Code a text (not stored): its language, cleaned text, actor mentions and events."""
    doc = svc.code(Article(id="text", text=body.text, title=body.title, published=body.published,
                           lang=body.lang))
    return {"lang": doc.lang, "anchor": doc.anchor.value, "text": doc.text,
            "actors": [actor_dict(a) for a in doc.actors], "events": doc.to_dicts()}


@router.post("/v1/articles", tags=["coding"], status_code=201,
             dependencies=[Depends(require_token)])
def add_article(body: ArticleIn, svc: Annotated[Service, Depends(service)]) -> dict[str, Any]:
    """Code and store an article (token required); a text stored before adds nothing."""
    return svc.ingest(Article(id=body.id, text=body.text, title=body.title, url=body.url,
                              source=body.source, published=body.published, lang=body.lang))


@router.get("/v1/events", tags=["events"])
def events(params: Annotated[EventQuery, Query()],
           svc: Annotated[Service, Depends(service)]) -> dict[str, Any]:
    """Stored events matching every filter given, ordered by date, one page at a time."""
    return svc.events(params.to_filter(), params.limit, params.offset)


@router.get("/v1/events/{event_id}", tags=["events"])
def event(event_id: Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")],
          svc: Annotated[Service, Depends(service)]) -> dict[str, Any]:
    """One stored event with all its mentions."""
    found = svc.event(event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id}")
    return found


@router.get("/v1/series", tags=["events"])
def series(dyad: Annotated[str, Query(pattern=r"^[A-Za-z]{3,12}-[A-Za-z]{3,12}$",
                                      description="two codes: CUB-VNM")],
           svc: Annotated[Service, Depends(service)],
           by: Literal["day", "week", "month", "year"] = "month") -> dict[str, Any]:
    """Events of a dyad per period: counts by QuadClass, mean and total Goldstein."""
    a, b = dyad.upper().split("-")
    frame = analytics.series(svc.db, (a, b), by)
    return {"dyad": [a, b], "by": by, "series": frame.to_dict(orient="records")}


@router.get("/v1/dyads", tags=["events"])
def dyads(svc: Annotated[Service, Depends(service)],
          limit: Annotated[int, Query(ge=1, le=500)] = 10) -> dict[str, Any]:
    """The directed country pairs with the most events."""
    return {"dyads": analytics.top_dyads(svc.db, limit).to_dict(orient="records")}


@router.get("/v1/articles/{pk}", tags=["articles"])
def article(pk: Annotated[int, Path(ge=1, le=2**62)],
            svc: Annotated[Service, Depends(service)]) -> dict[str, Any]:
    """A stored article: cleaned text, actor spans and event trigger spans (offsets index text)."""
    view = svc.article(pk)
    if view is None:
        raise HTTPException(404, f"no article {pk}")
    return view.to_dict()


@router.get("/v1/actors", tags=["actors"])
def actors(svc: Annotated[Service, Depends(service)],
           q: Annotated[str, Query(max_length=100)] = "",
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    """Actors in stored events whose code starts with q or whose name contains it."""
    return {"actors": queries.find_actors(svc.db, q.strip(), limit)}
