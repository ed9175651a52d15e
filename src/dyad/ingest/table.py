"""CSV and Parquet dumps: one article per row, columns named by `ReadOptions.columns`."""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from charset_normalizer import from_bytes

from dyad.ingest import InputProblem
from dyad.ingest.options import ReadOptions
from dyad.ingest.records import record_items
from dyad.ingest.text import MAX_CHARS, SNIFF_BYTES
from dyad.model import Article

Item = InputProblem | Article
DEFAULT_OPTIONS = ReadOptions()
SAMPLE_BYTES = 1 << 20  # what charset detection looks at; the file itself is streamed
PARQUET_BATCH = 256  # rows per batch read: memory stays bounded on large files
# A field may hold a whole article (up to 10 MB, which is then cut with a warning).
FIELD_LIMIT = 2 * MAX_CHARS


def read_csv_file(path: Path, name: str, article_id: str, published: dt.date | None,
                  lang: str | None, options: ReadOptions | None = None) -> Iterator[Item]:
    """Stream a CSV file (TSV for .tsv) with a header row."""
    options = options or DEFAULT_OPTIONS
    try:
        with path.open("rb") as raw:
            sample = raw.read(SAMPLE_BYTES)
            codec = _encoding(sample)
            if codec is None:
                yield InputProblem(name, f"{name}: {'empty' if not sample.strip() else 'binary or undecodable'}"
                                         f" file, skipped")
                return
            raw.seek(0)
            yield from _csv_rows(_lines(raw, codec), path, name, article_id, published, lang,
                                 options)
    except OSError as exc:
        yield InputProblem(name, f"{name}: cannot read: {exc.strerror or exc}")


def _lines(raw: io.BufferedReader, codec: str) -> Iterator[str]:
    """Decoded lines, one at a time: an undecodable line stops here, after all before it."""
    decoder = codecs.getincrementaldecoder(codec)()
    for line in raw:
        yield decoder.decode(line)
    yield decoder.decode(b"", final=True)


def _csv_rows(handle: Iterator[str], path: Path, name: str, article_id: str,
              published: dt.date | None, lang: str | None, options: ReadOptions) -> Iterator[Item]:
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)  # the csv module's own process-wide limit (128 KB)
    reader = csv.DictReader(handle, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    row = 1
    try:
        if reader.fieldnames is None:
            yield InputProblem(name, f"{name}: empty file, skipped")
            return
        if options.columns.text not in reader.fieldnames:
            yield _no_column(name, options.columns.text, list(reader.fieldnames))
            return
        for row, record in enumerate(reader, start=2):
            yield from record_items(record, options.columns, name, f"{name}:{row}",
                                    f"{article_id}:{row}", published, lang, unit="row")
    except UnicodeDecodeError:
        yield InputProblem(name, f"{name}:{row + 1}: undecodable bytes, rest of file skipped")
    except csv.Error as exc:
        yield InputProblem(name, f"{name}:{row + 1}: malformed CSV ({exc}), rest of file skipped")


def read_parquet_file(path: Path, name: str, article_id: str, published: dt.date | None,
                      lang: str | None, options: ReadOptions | None = None) -> Iterator[Item]:
    """Stream a Parquet file's rows in small batches."""
    options = options or DEFAULT_OPTIONS
    try:
        table = pq.ParquetFile(path)
    except OSError as exc:  # pyarrow raises ArrowInvalid (an OSError subclass is not assured)
        yield InputProblem(name, f"{name}: cannot read: {exc.strerror or exc}")
        return
    except (pa.ArrowException, ValueError) as exc:
        yield InputProblem(name, f"{name}: not a Parquet file or corrupt ({_first_line(exc)}), skipped")
        return
    names = table.schema_arrow.names
    if options.columns.text not in names:
        yield _no_column(name, options.columns.text, names)
        return
    wanted = [c for c in dict.fromkeys(vars(options.columns).values()) if c in names]
    row = 0
    try:
        for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=wanted):
            for record in batch.to_pylist():
                row += 1
                yield from record_items(record, options.columns, name, f"{name}:row {row}",
                                        f"{article_id}:{row}", published, lang, unit="row")
    except (pa.ArrowException, OSError, ValueError) as exc:
        yield InputProblem(name, f"{name}: corrupt after row {row} ({_first_line(exc)}), "
                                 f"rest of file skipped")


def _encoding(sample: bytes) -> str | None:
    """The codec of a text file from its first MB (BOM, UTF-8, else charset-normalizer)."""
    if not sample.strip() or b"\x00" in sample[:SNIFF_BYTES]:
        return None
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if len(sample) == SAMPLE_BYTES and exc.start >= len(sample) - 3:
            return "utf-8"  # the sample cut a character in two
    best = from_bytes(sample).best()
    return best.encoding if best is not None else None


def _no_column(name: str, column: str, names: list[str]) -> InputProblem:
    return InputProblem(name, f"{name}: no text column {column!r} (columns: {', '.join(names)}; "
                              f"name it with --column text=NAME), skipped")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
