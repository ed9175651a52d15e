"""The dashboard in headless Debian chromium: click from the overview to a dyad, an event and its
article; charts draw; the XSS payloads of an article stay text (issue 7).

Screenshots go to tests/web/artifacts/ (git-ignored) for a person to look at.
"""
from __future__ import annotations

import re
from typing import Any

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"


def wait_for_chart(page: Any, selector: str) -> dict[str, Any]:
    """Wait until plotly has drawn the chart; its SVG and trace counts."""
    page.wait_for_selector(f"{selector}[data-drawn='1'] .main-svg", timeout=20_000)
    return page.evaluate(
        """(sel) => { const el = document.querySelector(sel);
             return {traces: el.data.length,
                     svg_traces: el.querySelectorAll('.main-svg .trace').length,
                     bars: el.querySelectorAll('.barlayer .point path').length,
                     y: el.data.map(t => t.y)}; }""", selector)


def assert_clean(watched: Any) -> None:
    """No script error, no CSP violation, no alert() on the page."""
    assert watched.errors == [], watched.errors
    assert watched.dialogs == [], watched.dialogs


def test_browser_overview_dyad_event_article_click_through(page: Any, client: Any) -> None:
    tab = page.page
    tab.goto("/")
    health = client.get("/health").json()
    assert tab.locator("#count-events").inner_text() == str(health["events"])
    network = wait_for_chart(tab, "#network")
    edges = tab.locator("#dyads tbody tr").count()
    assert edges >= 5
    # one line per country pair (up to 60), the clickable midpoints, the country markers
    assert network["traces"] >= edges + 2 and network["svg_traces"] == network["traces"]
    page.shot("1-overview")

    first = tab.locator("#dyads tbody tr a").first
    pair = re.fullmatch(r"([A-Z]{3}) – ([A-Z]{3})", first.inner_text())
    assert pair, first.inner_text()
    first.click()
    tab.wait_for_url(f"**/dyad/{pair[1]}/{pair[2]}")
    timeline = wait_for_chart(tab, "#timeline")
    assert timeline["traces"] == 5 and timeline["bars"] >= 1
    plotted = sum(sum(y) for y in timeline["y"][:4])
    rows = tab.locator("#events tbody tr")
    dated = sum(1 for text in rows.locator("td:first-child").all_inner_texts()
                if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text))
    assert plotted == dated > 0
    assert rows.count() == int(tab.locator("#dyad-total").inner_text())
    page.shot("2-dyad")

    rows.first.locator("a").click()
    tab.wait_for_url(re.compile(r".*/events/[0-9a-f]{16}$"))
    mention = tab.locator("li.mention").first
    assert mention.locator("mark.trigger").count() >= 1
    assert mention.locator("mark.actor").count() >= 2
    assert "triggers.tsv:" in mention.locator("code").inner_text()
    page.shot("3-event")

    trigger = mention.locator("mark.trigger").first.inner_text()
    mention.locator("a.article-link").click()
    tab.wait_for_url(re.compile(r".*/articles/\d+$"))
    text = tab.locator("article.text")
    assert trigger.strip() in text.inner_text()
    assert text.locator("mark.trigger").count() >= 1 and text.locator("mark.actor").count() >= 2
    # every trigger links to its event page
    hrefs = text.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(re.fullmatch(r"/events/[0-9a-f]{16}", h) for h in hrefs)
    page.shot("4-article")
    assert_clean(page)


def test_browser_xss_payloads_in_an_article_are_shown_as_text(page: Any) -> None:
    tab = page.page
    tab.goto("/")
    tab.fill("#goto-dyad input[name=a]", "grc")
    tab.fill("#goto-dyad input[name=b]", "tur")
    tab.click("#goto-dyad button")
    tab.wait_for_url("**/dyad/GRC/TUR")
    assert tab.locator("#events tbody tr").count() >= 1
    tab.locator("#events tbody tr a").first.click()
    tab.wait_for_url(re.compile(r".*/events/[0-9a-f]{16}$"))
    sentences = " ".join(tab.locator("p.sentence").all_inner_texts())
    assert XSS_SCRIPT in sentences or XSS_IMG in sentences, sentences
    page.shot("5-xss-event")
    tab.locator("a.article-link").first.click()
    tab.wait_for_url(re.compile(r".*/articles/\d+$"))
    assert XSS_SCRIPT in tab.locator("h1").inner_text()
    shown = tab.locator("article.text").inner_text()
    assert shown.count(XSS_SCRIPT) == 2 and XSS_IMG in shown
    assert XSS_SCRIPT in tab.title()
    # the only scripts are ours, and no <img> came from the article
    sources = tab.locator("script").evaluate_all("els => els.map(e => e.getAttribute('src'))")
    assert all(src is None or src.startswith("/") for src in sources), sources
    assert tab.locator("main script").count() == 0
    assert tab.locator("img").count() == 0
    page.shot("6-xss-article")
    assert_clean(page)


def test_browser_code_page_codes_a_pasted_text_and_escapes_it(page: Any, examples: Any) -> None:
    tab = page.page
    tab.goto("/code")
    text = (examples / "es_chile_argentina.txt").read_text(encoding="utf-8")
    tab.fill("textarea[name=text]", text + f"\n{XSS_IMG} {XSS_SCRIPT}")
    tab.fill("input[name=published]", "2023-04-04")
    tab.click("button[type=submit]")
    tab.wait_for_selector("#result")
    assert "language es" in tab.locator("#result").inner_text()
    rows = tab.locator("#events tbody tr")
    assert rows.count() >= 2
    assert "CHL" in rows.first.inner_text() and "ARG" in rows.first.inner_text()
    shown = tab.locator("article.text").inner_text()
    assert XSS_IMG in shown and XSS_SCRIPT in shown
    assert tab.locator("article.text mark.actor").count() >= 2
    assert tab.locator("img").count() == 0
    page.shot("7-code")
    assert_clean(page)

    tab.fill("input[name=published]", "2023-02-30")
    tab.click("button[type=submit]")  # answered with 400 and the form again
    assert tab.locator("#form-error").inner_text() == "'2023-02-30' is not a date (YYYY-MM-DD)"
    assert tab.locator("textarea[name=text]").input_value().startswith(text.strip()[:20])
