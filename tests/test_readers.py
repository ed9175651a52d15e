"""Readers on real-format inputs generated here: HTML pages, WARC archives written with warcio,
RSS and Atom feeds (pages fetched from a local http.server only), CSV and Parquet; and every
kind of bad input, each reported in one line naming the file or record (issue 5)."""
from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyad.ingest import Columns, InputProblem, ReadOptions, read_inputs
from dyad.ingest.text import MAX_BYTES
from dyad.model import Article

BODY = ("NEW DELHI, March 7 (Reuters) - Japan praised India on Monday for its growing role in "
        "regional security, days after the two governments agreed to hold joint naval exercises.",
        "The Japanese foreign minister met the Indian foreign minister in New Delhi on Monday to "
        "discuss maritime security. Café owners nearby said the visit was brief.",
        "China criticised Japan on February 28 over the exercises, saying they would raise "
        "tensions in the region.")
TITLE = "Japan and India agree to deepen security cooperation"
NAV = "Home World Sport Business Weather"
COOKIE = "We use cookies to improve your experience. Accept all cookies"
COMMENT = "Totally agree with the minister, subscribe to my channel"


def page(title: str = TITLE, body: tuple[str, ...] = BODY, published: str = "2023-03-07",
         lang: str = "en", charset: str = "utf-8", url: str = "https://news.example.org/jp-in") -> str:
    """A news page with navigation, a cookie banner, comments and a footer around the article."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    links = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV.split())
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>{title} | Example News</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}T09:30:00Z">
<link rel="canonical" href="{url}"></head>
<body><div id="cookie-banner" class="cookie-consent">{COOKIE} or manage your preferences.</div>
<header><nav><ul>{links}</ul></nav></header>
<main><article><h1>{title}</h1>
{paragraphs}
</article>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>{COMMENT}!</p></div>
<div class="comment"><p>This is fake news, nobody believes this anymore.</p></div></section>
</main><footer><p>Copyright 2023 Example News. All rights reserved. Privacy policy.</p></footer>
</body></html>"""


def read(*paths: Path | str, **kw: object) -> tuple[list[Article], list[str]]:
    items = list(read_inputs([str(p) for p in paths], **kw))  # type: ignore[arg-type]
    return ([i for i in items if isinstance(i, Article)],
            [i.message for i in items if isinstance(i, InputProblem)])


def write_warc(path: Path, records: list[tuple[str, bytes, str]], gz: bool = True) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for uri, body, content_type in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


# --- HTML -----------------------------------------------------------------------------------


def test_readers_html_takes_the_article_not_the_page_furniture(tmp_path: Path) -> None:
    path = tmp_path / "jp-in.html"
    path.write_text(page(), encoding="utf-8")
    [article], problems = read(path)
    assert problems == []
    assert article.title == TITLE
    assert article.text.startswith(TITLE)
    for paragraph in BODY:
        assert paragraph in article.text
    for noise in (NAV.split()[2], COOKIE, COMMENT, "Copyright"):
        assert noise not in article.text
    assert (article.published, article.lang, article.url) == (
        dt.date(2023, 3, 7), "en", "https://news.example.org/jp-in")
    assert (article.id, article.path) == ("jp-in", str(path))


def test_readers_html_legacy_encoding_without_declaration_is_detected_and_nfc(tmp_path: Path) -> None:
    # Russian in cp1251 with no charset anywhere: charset-normalizer must find it
    body = ("Министр иностранных дел России встретился в Москве с послом Японии и обсудил "
            "вопросы торговли и безопасности в регионе.",
            "Стороны договорились продолжить консультации в следующем месяце.")
    html = page("Россия и Япония провели переговоры", body, lang="ru").replace(
        '<meta charset="utf-8">', "")
    path = tmp_path / "ru.htm"
    path.write_bytes(html.encode("cp1251"))
    [article], problems = read(path)
    assert problems == []
    assert body[0] in article.text and article.lang == "ru"
    # decomposed "é" (e + combining acute) in a UTF-8 page comes out composed (NFC)
    path2 = tmp_path / "nfc.html"
    path2.write_text(page(body=(BODY[0], BODY[1].replace("Café", "Cafe\u0301"))), encoding="utf-8")
    [article2], _ = read(path2)
    assert "Café" in article2.text and "e\u0301" not in article2.text


@pytest.mark.parametrize("name, data, message", [
    ("empty.html", b"  \n", "empty page, skipped"),
    ("photo.html", bytes(range(256)) * 40, "binary or undecodable page, skipped"),
    ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
     "no article text found in the page, skipped"),
])
def test_readers_html_bad_pages_are_one_line_each(tmp_path: Path, name: str, data: bytes,
                                                  message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert read(path) == ([], [f"{path}: {message}"])


# --- WARC -----------------------------------------------------------------------------------


def warc_records() -> list[tuple[str, bytes, str]]:
    second = page("India thanks Japan", (BODY[2], "India thanked Japan for its support on Tuesday "
                                         "and said the talks would continue in Tokyo."),
                  published="2023-03-08", url="https://news.example.org/in-jp")
    return [("https://news.example.org/jp-in", page(charset="windows-1252").encode("cp1252"),
             "text/html; charset=windows-1252"),
            ("https://news.example.org/robots.txt", b"User-agent: *\nDisallow:\n", "text/plain"),
            ("https://news.example.org/in-jp", second.encode("utf-8"), "text/html")]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_readers_warc_html_responses_are_articles_other_records_skipped(tmp_path: Path,
                                                                        gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, warc_records(), gz)
    articles, problems = read(path)
    assert problems == []
    assert [(a.id, a.url, a.published) for a in articles] == [
        ("crawl:1", "https://news.example.org/jp-in", dt.date(2023, 3, 7)),
        ("crawl:3", "https://news.example.org/in-jp", dt.date(2023, 3, 8))]
    assert "Café owners" in articles[0].text  # decoded with the HTTP header's charset
    assert COOKIE not in articles[0].text


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_readers_truncated_warc_keeps_whole_records_and_says_where_it_stops(tmp_path: Path,
                                                                            gz: bool) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, warc_records(), gz)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    data = whole.read_bytes()
    path.write_bytes(data[:len(data) * 3 // 4])
    articles, problems = read(path)
    assert [a.url for a in articles] == ["https://news.example.org/jp-in"]
    [problem] = problems
    assert problem.startswith(f"{path}: truncated or corrupt WARC after 2 record(s) (")
    assert problem.endswith("), rest skipped")


def test_readers_warc_that_is_not_one_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "page.warc"
    path.write_text(page())
    articles, [problem] = read(path)
    assert articles == [] and problem.startswith(f"{path}: not a WARC file (")


# --- feeds ----------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><language>en-gb</language>
<link>{base}/</link><description>World news</description>
<item><title>Japan and India agree to deepen security cooperation</title>
<link>{base}/jp-in.html</link><guid>wire-1</guid>
<pubDate>Tue, 07 Mar 2023 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Japan praised India on Monday for its growing role in regional security.&lt;/p&gt;</description></item>
<item><title>Empty entry</title><link>{base}/missing.html</link><guid>wire-2</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>Beispiel</title>
<id>urn:beispiel</id><updated>2025-02-05T10:00:00Z</updated>
<entry><title>Kuba dankt Vietnam</title><id>urn:beispiel:1</id>
<link href="https://beispiel.example/kuba-vietnam"/>
<published>2025-02-04T18:00:00Z</published><updated>2025-02-05T08:00:00Z</updated>
<content type="html">&lt;p&gt;Kuba hat Vietnam am Dienstag für seine Hilfe gedankt.&lt;/p&gt;</content></entry>
</feed>"""


def test_readers_rss_entries_are_articles_with_dates_and_links(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS.format(base="https://wire.example"))
    articles, problems = read(path)
    assert problems == [f"{path}: entry 2: no text in the entry, skipped"]
    [first] = articles
    assert (first.id, first.url, first.published, first.lang, first.source) == (
        "wire-1", "https://wire.example/jp-in.html", dt.date(2023, 3, 7), "en", "Example Wire")
    assert first.text == ("Japan and India agree to deepen security cooperation\n\n"
                          "Japan praised India on Monday for its growing role in regional security.")


def test_readers_atom_entry_language_and_published_date(tmp_path: Path) -> None:
    path = tmp_path / "beispiel.atom"
    path.write_text(ATOM)
    [article], problems = read(path)
    assert problems == []
    assert (article.id, article.lang, article.published) == (
        "urn:beispiel:1", "de", dt.date(2025, 2, 4))
    assert article.text.endswith("Kuba hat Vietnam am Dienstag für seine Hilfe gedankt.")


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[str]:
    """A local web server (loopback, free port) serving tmp_path/site."""
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_readers_feed_links_are_fetched_only_when_asked(tmp_path: Path, site: str) -> None:
    root = tmp_path / "site"
    (root / "jp-in.html").write_text(page(url=f"{site}/jp-in.html"))
    (root / "wire.rss").write_text(RSS.format(base=site))
    # the feed itself by URL; without fetch_links only the entries' own text
    articles, _ = read(f"{site}/wire.rss")
    assert [a.text.count("\n") for a in articles] == [2]
    articles, problems = read(f"{site}/wire.rss", options=ReadOptions(fetch_links=True))
    [fetched] = articles
    assert BODY[1] in fetched.text and COMMENT not in fetched.text
    assert (fetched.id, fetched.url, fetched.published) == (
        "wire-1", f"{site}/jp-in.html", dt.date(2023, 3, 7))
    assert problems == [f"{site}/wire.rss: entry 2: {site}/missing.html: HTTP 404 File not found; "
                        "using the entry's own text",
                        f"{site}/wire.rss: entry 2: no text in the entry, skipped"]


def test_readers_unreachable_feed_url_is_one_line(site: str) -> None:
    assert read(f"{site}/nope.rss") == ([], [f"{site}/nope.rss: HTTP 404 File not found, skipped"])


def test_readers_file_that_is_not_a_feed_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text("<config><value>1</value></config>")
    articles, [problem] = read(path)
    assert articles == [] and problem.startswith(f"{path}: not an RSS/Atom feed or no entries (")


# --- CSV and Parquet ------------------------------------------------------------------------

ROWS = [{"story": "Japan praised India on Monday.", "headline": "Japan and India",
         "pubdate": "2023-03-07", "link": "https://e.org/1", "key": "a1"},
        {"story": "", "headline": "no text", "pubdate": "", "link": "", "key": "a2"},
        {"story": "Kuba dankte Vietnam am Dienstag.", "headline": "Kuba", "pubdate": "05/02/2025",
         "link": "https://e.org/3", "key": "a3"}]
COLUMNS = Columns().with_names({"text": "story", "title": "headline", "published": "pubdate",
                                "url": "link", "id": "key"})


def test_readers_csv_with_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    lines = ["key,headline,story,pubdate,link"] + [
        f'{r["key"]},{r["headline"]},"{r["story"]}",{r["pubdate"]},{r["link"]}' for r in ROWS]
    path.write_bytes("\n".join(lines).encode("cp1252"))  # a legacy encoding, detected
    articles, problems = read(path, options=ReadOptions(columns=COLUMNS))
    assert problems == [f"{path}:3: empty 'story', row skipped",
                        f"{path}:4: invalid 'pubdate' date '05/02/2025', date ignored"]
    assert [(a.id, a.title, a.url, a.published, a.text) for a in articles] == [
        ("a1", "Japan and India", "https://e.org/1", dt.date(2023, 3, 7), ROWS[0]["story"]),
        ("a3", "Kuba", "https://e.org/3", None, ROWS[2]["story"])]


def test_readers_parquet_with_named_columns_and_date_type(tmp_path: Path) -> None:
    path = tmp_path / "dump.parquet"
    table = pa.table({"key": [r["key"] for r in ROWS], "story": [r["story"] or None for r in ROWS],
                      "pubdate": [dt.date(2023, 3, 7), None, dt.date(2025, 2, 4)],
                      "link": [r["link"] for r in ROWS]})
    pq.write_table(table, path)
    articles, problems = read(path, options=ReadOptions(columns=COLUMNS))
    assert problems == [f"{path}:row 2: missing 'story', row skipped"]
    assert [(a.id, a.published, a.url) for a in articles] == [
        ("a1", dt.date(2023, 3, 7), "https://e.org/1"), ("a3", dt.date(2025, 2, 4), "https://e.org/3")]


def test_readers_table_without_the_text_column_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    path.write_text("id,body\n1,Hello\n")
    assert read(path) == ([], [f"{path}: no text column 'text' (columns: id, body; name it with "
                               f"--column text=NAME), skipped"])


def test_readers_corrupt_parquet_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1" + b"\x00garbage" * 20)
    articles, [problem] = read(path)
    assert articles == [] and problem.startswith(f"{path}: not a Parquet file or corrupt (")


def test_readers_undecodable_bytes_after_the_sample_stop_the_file_with_one_line(
        tmp_path: Path) -> None:
    # the first MB decides the encoding (UTF-8); invalid bytes further on end the file there
    path = tmp_path / "mixed.csv"
    rows = "".join(f"{i},Japan praised India on day {i} for its role in regional security.\n"
                   for i in range(16_000))
    assert len(rows) > 1 << 20
    path.write_bytes(b"id,text\n" + rows.encode() + b"x,\xff\xfe broken\nz,after\n")
    articles, problems = read(path)
    assert len(articles) == 16_000
    assert problems == [f"{path}:16002: undecodable bytes, rest of file skipped"]


def test_readers_text_over_10_mb_is_truncated_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("id,text\nbig," + "Japan praised India. " * (MAX_BYTES // 20) + "\n")
    [article], problems = read(path)
    assert len(article.text) == MAX_BYTES
    assert problems == [f"{path}:2: text truncated to 10 MB"]


def test_readers_input_format_forces_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.dat"
    path.write_text(page())
    assert read(path)[1] == [f"{path}: unsupported file type (.dat), skipped"]
    [article], problems = read(path, options=ReadOptions(input_format="html"))
    assert problems == [] and article.title == TITLE


def test_readers_truncated_gzip_text_is_not_a_warc_problem(tmp_path: Path) -> None:
    # a cut .warc.gz whose first member is already cut: nothing readable, one line
    whole = gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n" + b"x" * 5000)
    path = tmp_path / "early.warc.gz"
    path.write_bytes(whole[:40])
    articles, [problem] = read(path)
    assert articles == [] and problem.startswith(f"{path}: ")
    assert "WARC" in problem and problem.endswith("skipped")
