"""Highlighted HTML from untrusted text: every piece is escaped, tags are only ever ours."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark: `kind` is a CSS class, `label` a tooltip, `href` a link."""

    start: int
    end: int
    kind: str
    label: str = ""
    href: str | None = None


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """`text` escaped, with each span wrapped in <mark>; overlapping spans nest per piece.

    The text is cut at every span boundary; each piece is escaped and wrapped in the marks of
    the spans covering it, so overlaps (an actor inside a trigger's gap) never break nesting.
    """
    inside = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in inside), *(s.end for s in inside)})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        piece = str(escape(text[start:end]))
        covering = sorted((s for s in inside if s.start <= start and end <= s.end),
                          key=lambda s: (s.start - s.end, s.kind))
        # links never nest: the innermost one wins
        linked = next((s for s in reversed(covering) if s.href), None)
        for span in reversed(covering):
            piece = _wrap(piece, span, span is linked)
        out.append(piece)
    return Markup("".join(out))


def _wrap(inner: str, span: Span, link: bool) -> str:
    """One escaped piece inside the mark (and link) of a span."""
    title = f' title="{escape(span.label)}"' if span.label else ""
    mark = f'<mark class="{escape(span.kind)}"{title}>{inner}</mark>'
    return f'<a href="{escape(span.href)}">{mark}</a>' if link and span.href else mark
