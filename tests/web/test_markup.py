"""Highlighting untrusted text: escaped pieces, our tags only, overlaps nest (issue 7)."""
from __future__ import annotations

from dyad.web.markup import Span, highlight

PAYLOAD = 'Cuba <script>alert(1)</script> met <img src=x onerror=alert(1)> "Vietnam" & co'


def test_markup_escapes_every_piece_of_untrusted_text() -> None:
    start = PAYLOAD.index("met")
    html = str(highlight(PAYLOAD, [Span(0, 4, "actor", 'CUB "x" <b>'),
                                   Span(start, start + 3, "trigger", "", "/events/0123")]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&#34;Vietnam&#34; &amp; co" in html
    assert '<mark class="actor" title="CUB &#34;x&#34; &lt;b&gt;">Cuba</mark>' in html
    assert '<a href="/events/0123"><mark class="trigger">met</mark></a>' in html


def test_markup_overlapping_spans_nest_within_each_piece() -> None:
    text = "führte der Präsident ein Gespräch"
    html = str(highlight(text, [Span(0, len(text), "trigger", "", "/events/1"),
                                Span(11, 20, "actor", "JPNGOV")]))
    assert html == ('<a href="/events/1"><mark class="trigger">führte der </mark></a>'
                    '<a href="/events/1"><mark class="trigger"><mark class="actor" title="JPNGOV">'
                    'Präsident</mark></mark></a>'
                    '<a href="/events/1"><mark class="trigger"> ein Gespräch</mark></a>')


def test_markup_links_never_nest_and_bad_spans_are_ignored() -> None:
    html = str(highlight("abcdef", [Span(0, 6, "trigger", "", "/events/1"),
                                    Span(2, 4, "trigger", "", "/events/2"),
                                    Span(4, 99, "actor"), Span(3, 3, "actor")]))
    # the innermost link wins where two triggers overlap
    assert html.count('<a href="/events/1">') == 2 and html.count('<a href="/events/2">') == 1
    assert "<a <a" not in html and html.count("</a>") == 3
    assert "<mark class=\"actor\">" not in html
