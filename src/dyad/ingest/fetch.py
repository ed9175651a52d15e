"""Download one URL (a feed given on the command line, or a page a feed links when opted in)."""
from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from dyad.errors import InputError
from dyad.ingest.html import MAX_HTML_BYTES

USER_AGENT = "dyad (+https://github.com/dyad; news event coding)"
URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Fetched:
    """A downloaded body, the URL it came from after redirects, and its declared charset."""

    url: str
    data: bytes
    charset: str | None
    content_type: str


def is_url(value: str) -> bool:
    return value.lower().startswith(URL_SCHEMES)


def fetch(url: str, timeout: float) -> Fetched:
    """GET `url` (at most MAX_HTML_BYTES); InputError naming the URL on any failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/s only)
            data = response.read(MAX_HTML_BYTES)
            return Fetched(response.geturl(), data, response.headers.get_content_charset(),
                           response.headers.get_content_type())
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(f"{url}: cannot fetch: {reason}") from exc
