"""Plain-text input: decode bytes of any common encoding, repair mojibake, take the title."""
from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import ftfy
from charset_normalizer import from_bytes

from dyad.ingest import InputProblem
from dyad.model import Article

MAX_BYTES = 10 * 1024 * 1024  # longer texts are cut here (with a problem line), not refused
MAX_CHARS = MAX_BYTES  # the same cut for text that arrives already decoded (stdin, JSONL)
STDIN_NAME = "<stdin>"
SNIFF_BYTES = 8192  # enough of a file to tell text from binary
PRINTABLE_SAMPLE = 65_536  # characters checked for the binary test
MIN_PRINTABLE = 0.95  # below this share of printable characters a file counts as binary
BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 first: its LE mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"))
# Legacy encodings still met in news files, most likely first. charset-normalizer alone picks
# cp775/cp1006 for short cp1252 Spanish or French text; restricted to these and ranked by
# (chaos, this order) it decoded de/es/fr (cp1252, latin-1), ru (cp1251, koi8-r), cs (cp1250),
# zh (gb18030) and ja (shift_jis) samples right.
COMMON_ENCODINGS: tuple[str, ...] = (
    "cp1252", "cp1251", "cp1250", "iso8859_15", "koi8_r", "gb18030", "big5", "shift_jis",
    "euc_jp", "euc_kr", "cp1253", "cp1254", "cp1256", "cp1255", "cp1257", "cp1258", "iso8859_2",
    "mac_roman")
# Only the encoding repairs of ftfy: no quote uncurling, HTML unescaping or width folding,
# which would change correct text.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, remove_control_chars=False,
    normalization="NFC", explain=False)
# cp1251 bytes read as latin-1 turn Russian words into runs of À-ÿ with no ASCII letter
# ("Ðåöåíçèÿ" = "Рецензия", one document in the shared WMT news); ftfy does not repair this.
LATIN1_RUN = re.compile(r"(?<![A-Za-z])[\u00a8\u00b8\u00c0-\u00ff]+(?![A-Za-z])")
LATIN1_TRIPLE = re.compile(r"[\u00a8\u00b8\u00c0-\u00ff]{3}")  # cheap pre-check: rare in real text
WORD = re.compile(r"[^\W\d_]+")
MIN_CP1251_WORDS = 3


def read_text_file(path: Path, name: str, article_id: str, published: dt.date | None,
                   lang: str | None) -> Iterator[InputProblem | Article]:
    """Read one plain-text file as one article; problems first, then the article if any."""
    text, problems = load_text(path, name)
    yield from problems
    if text is not None:
        yield make_article(text, article_id, name, published, lang)


def read_stream(stream: TextIO, published: dt.date | None,
                lang: str | None) -> Iterator[InputProblem | Article]:
    """Read one plain-text article from an open text stream (standard input)."""
    try:
        raw = stream.read(MAX_CHARS + 1)
    except (OSError, UnicodeDecodeError) as exc:
        yield _problem(STDIN_NAME, f"cannot read: {_reason(exc)}")
        return
    text, truncated = raw[:MAX_CHARS], len(raw) > MAX_CHARS
    if not text.strip():
        yield _problem(STDIN_NAME, "empty input, skipped")
        return
    if not looks_textual(text):
        yield _problem(STDIN_NAME, "binary input, skipped")
        return
    if truncated:
        yield _problem(STDIN_NAME, "truncated to 10 MB")
    yield make_article(repair_text(text), "stdin", STDIN_NAME, published, lang)


def load_text(path: Path, name: str) -> tuple[str | None, list[InputProblem]]:
    """Read, decode and repair a file; None (with the reason) when it holds no usable text."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [_problem(name, f"cannot read: {_reason(exc)}")]
    truncated = len(data) > MAX_BYTES
    data = data[:MAX_BYTES]
    if not data.strip():
        return None, [_problem(name, "empty file, skipped")]
    text = decode_bytes(data, truncated)
    if text is None:
        return None, [_problem(name, "binary file, skipped")]
    text = repair_text(text)
    if not text.strip():
        return None, [_problem(name, "empty file, skipped")]
    return text, [_problem(name, "truncated to 10 MB")] if truncated else []


def sniff_binary(path: Path) -> bool:
    """True when the first 8 KB of a file are not text in any encoding we read (OSError passes)."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    return bool(head.strip()) and decode_bytes(head, truncated=True) is None


def decode_bytes(data: bytes, truncated: bool = False) -> str | None:
    """Decode UTF-8 (BOM optional) or a detected legacy encoding; None for binary data."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = _decode(data[len(bom):], codec, truncated)
            return text if text is not None and looks_textual(text) else None
    if b"\x00" in data:
        return None
    text = _decode(data, "utf-8", truncated)
    if text is None:
        text = detect_encoding(data)
    return text if text is not None and looks_textual(text) else None


def _decode(data: bytes, codec: str, truncated: bool) -> str | None:
    """Decode with one codec; a cut file may end inside a character, which is dropped."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if truncated and exc.start >= len(data) - 3:
            return _decode(data[:exc.start], codec, False)
        return None


def detect_encoding(data: bytes) -> str | None:
    """Decode bytes of unknown legacy encoding with charset-normalizer; None if nothing fits."""
    matches = list(from_bytes(data, cp_isolation=list(COMMON_ENCODINGS)))
    if matches:
        best = min(matches, key=lambda m: (round(m.chaos, 2), _rank(m.could_be_from_charset)))
        return str(best)
    fallback = from_bytes(data).best()
    return str(fallback) if fallback is not None else None


def _rank(encodings: list[str]) -> int:
    """Position of the most common of `encodings` in COMMON_ENCODINGS."""
    ranks = [COMMON_ENCODINGS.index(e) for e in encodings if e in COMMON_ENCODINGS]
    return min(ranks, default=len(COMMON_ENCODINGS))


def looks_textual(text: str) -> bool:
    """True unless control or unassigned characters make up more than 5% of the start."""
    sample = text[:PRINTABLE_SAMPLE]
    if not sample:
        return True
    bad = sum(1 for ch in sample if _is_unprintable(ch))
    return 1 - bad / len(sample) >= MIN_PRINTABLE


def _is_unprintable(ch: str) -> bool:
    """A control, surrogate, private-use or unassigned character (whitespace is printable)."""
    if ch < " ":
        return ch not in "\t\n\r\f\v"
    return ch >= "\x7f" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")


def repair_text(text: str) -> str:
    """Unify line breaks, repair mojibake (ftfy, then cp1251-as-latin-1) and normalise to NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(text, FTFY_CONFIG)
    text = repair_cp1251(text)
    return unicodedata.normalize("NFC", text)


def repair_cp1251(text: str) -> str:
    """Re-decode Russian read as latin-1 from cp1251, when most accented words look like it."""
    if not LATIN1_TRIPLE.search(text):
        return text
    accented = [w for w in WORD.findall(text) if not w.isascii()]
    suspect = [w for w in accented if LATIN1_RUN.fullmatch(w)]
    if len([w for w in suspect if len(w) >= 3]) < MIN_CP1251_WORDS or \
            2 * len(suspect) < len(accented):
        return text
    return LATIN1_RUN.sub(lambda m: m.group().encode("latin-1").decode("cp1251"), text)


def make_article(text: str, article_id: str, path: str, published: dt.date | None,
                 lang: str | None) -> Article:
    """An Article whose title is the first non-empty line of its text."""
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Article(id=article_id, text=text, title=title, published=published, lang=lang,
                   path=path)


def _problem(name: str, what: str) -> InputProblem:
    """An InputProblem whose message starts with the file name."""
    return InputProblem(name, f"{name}: {what}")


def _reason(exc: BaseException) -> str:
    """The OS's words for an error ("No such file or directory"), else the exception text."""
    return getattr(exc, "strerror", None) or str(exc)
