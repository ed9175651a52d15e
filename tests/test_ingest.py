"""Reading inputs: plain text, JSONL, directories and stdin; every bad input is one clear line."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from dyad.ingest import InputProblem, read_inputs
from dyad.ingest.text import MAX_BYTES
from dyad.model import Article


def split(items: list[Article | InputProblem]) -> tuple[list[Article], list[str]]:
    """Articles and problem messages, in order."""
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i.message for i in items if isinstance(i, InputProblem)]
    return articles, problems


def read(*paths: Path | str, **options: object) -> tuple[list[Article], list[str]]:
    """read_inputs over paths, split into articles and problem messages."""
    return split(list(read_inputs([str(p) for p in paths], **options)))  # type: ignore[arg-type]


def test_ingest_text_first_nonempty_line_is_title(tmp_path: Path) -> None:
    path = tmp_path / "cuba-vietnam.txt"
    path.write_text("\n\nVietnam-Cuba relations thrive\n\nThe relations will thrive.\n")
    articles, problems = read(path, published=dt.date(2023, 11, 20), lang="en")
    assert problems == []
    [article] = articles
    assert article.title == "Vietnam-Cuba relations thrive"
    assert article.text == "\n\nVietnam-Cuba relations thrive\n\nThe relations will thrive.\n"
    assert (article.id, article.path) == ("cuba-vietnam", str(path))
    assert (article.published, article.lang) == (dt.date(2023, 11, 20), "en")


def test_ingest_text_utf8_bom_is_dropped_and_text_nfc(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Kuba\u0308 und Vietnam\r\nzweite Zeile".encode())
    [article], _ = read(path)
    assert article.text == "Kub\u00e4 und Vietnam\nzweite Zeile"


def test_ingest_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"id": "n1", "text": "Cuba thanks Vietnam.", "title": "Thanks", "lang": "en",'
        ' "published": "2023-11-18", "url": "https://example.org/1", "source": "VNA"}\n'
        '\n'
        '{"id": "n2" "text": "broken"}\n'
        '{"id": "n3", "title": "no text"}\n'
        '{"id": "n4", "text": "Kuba dankt Vietnam.", "published": "2025-02-30"}\n'
        '{"id": 5, "text": "Havana hosts talks.", "published": "2025-02-04T18:30:00Z"}\n'
        '[1, 2]\n', encoding="utf-8")
    articles, problems = read(path, published=dt.date(2020, 1, 1), lang="de")
    assert problems == [
        f"{path}:3: invalid JSON (Expecting ',' delimiter), line skipped",
        f"{path}:4: missing 'text', line skipped",
        f"{path}:5: invalid 'published' date '2025-02-30', date ignored",
        f"{path}:7: not a JSON object, line skipped",
    ]
    assert {p.path for p in read_inputs([str(path)]) if isinstance(p, InputProblem)} == {
        str(path)}
    first, fourth, fifth = articles
    assert first == Article("n1", "Cuba thanks Vietnam.", "Thanks", "https://example.org/1",
                            "VNA", dt.date(2023, 11, 18), "en", f"{path}:1")
    # the bad date is dropped, not replaced by the run's default; the language default applies
    assert (fourth.id, fourth.published, fourth.lang) == ("n4", None, "de")
    assert (fifth.id, fifth.published, fifth.lang) == ("5", dt.date(2025, 2, 4), "de")


def test_ingest_jsonl_record_without_id_gets_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.ndjson"
    path.write_text('{"text": "One."}\n{"text": "Two."}\n')
    articles, _ = read(path)
    assert [a.id for a in articles] == ["feed:1", "feed:2"]


def test_ingest_directory_is_read_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "b" / "deep" / "z.md").write_text("Deep\nmarkdown")
    (root / "a.txt").write_text("First\nplain")
    (root / "b" / "README").write_text("No extension\ntext")
    (root / "b" / "c.jsonl").write_text('{"id": "j", "text": "From JSONL"}\n')
    (root / ".hidden.txt").write_text("hidden")
    (root / ".cache" / "x.txt").write_text("hidden too")
    (root / "b" / "slides.odp").write_text("slides")
    articles, problems = read(root)
    assert [a.id for a in articles] == ["a", "README", "j", "z"]
    assert problems == [f"{root / 'b' / 'slides.odp'}: unsupported file type (.odp), skipped"]


def test_ingest_same_stem_twice_gets_path_as_id(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "story.txt").write_text("One")
    (tmp_path / "y" / "story.txt").write_text("Two")
    articles, _ = read(tmp_path)
    assert [a.id for a in articles] == ["story", (tmp_path / "y" / "story").as_posix()]


def test_ingest_dash_reads_the_given_stdin(tmp_path: Path) -> None:
    stream = io.StringIO("Headline from a pipe\n\nBody text.")
    articles, problems = read("-", stdin=stream, lang="en")
    assert problems == []
    [article] = articles
    assert (article.id, article.title, article.lang) == ("stdin", "Headline from a pipe", "en")
    assert article.text == "Headline from a pipe\n\nBody text."


def test_ingest_empty_stdin_is_one_problem() -> None:
    assert read("-", stdin=io.StringIO("  \n")) == ([], ["<stdin>: empty input, skipped"])


def test_ingest_binary_file_is_skipped(tmp_path: Path) -> None:
    data = bytes(range(256)) * 40
    for name in ("x.bin", "photo.txt", "dump.jsonl"):
        (tmp_path / name).write_bytes(data)
    for name in ("x.bin", "photo.txt", "dump.jsonl"):
        path = tmp_path / name
        assert read(path) == ([], [f"{path}: binary file, skipped"])


def test_ingest_empty_file_is_skipped(tmp_path: Path) -> None:
    for name in ("empty.txt", "blank.txt", "empty.jsonl"):
        (tmp_path / name).write_text("" if name != "blank.txt" else " \n\n\t\n")
        path = tmp_path / name
        assert read(path) == ([], [f"{path}: empty file, skipped"])


def test_ingest_unreadable_path_is_one_problem(tmp_path: Path) -> None:
    for name in ("missing.txt", "missing.jsonl", "missing.pdf"):
        path = tmp_path / name
        assert read(path) == ([], [f"{path}: cannot read: No such file or directory"])


def test_ingest_problems_do_not_stop_the_run(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good\ntext")
    articles, problems = read(tmp_path / "missing.txt", good)
    assert [a.id for a in articles] == ["good"]
    assert len(problems) == 1


@pytest.mark.parametrize(("encoding", "text"), [
    # German in Windows-1252, with „quotes“ that latin-1 lacks
    ("cp1252", "Grüße aus München\n\nDer Außenminister äußerte sich über die Lage in Köln. "
               "„Wir müssen handeln“, sagte er.\n"),
    # German in latin-1
    ("latin-1", "Café in Zürich\nÜber Öl und Bären.\n"),
    # Spanish in Windows-1252: charset-normalizer alone takes this for cp775
    ("cp1252", "Señor Pérez llegó a La Habana el miércoles.\n"),
    # French with the euro sign and an en dash
    ("cp1252", "Le ministre a payé 5 € – une réunion à Hanoï.\n"),
    # Russian in Windows-1251
    ("cp1251", "Министр иностранных дел России прибыл в Гавану.\n"),
])
def test_ingest_legacy_encoding_is_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    articles, problems = read(path)
    assert problems == []
    assert articles[0].text == text


@pytest.mark.parametrize(("broken", "fixed"), [
    # UTF-8 read as Windows-1252 and saved again (ftfy repairs it)
    ("Die KubanerÃ¢â‚¬â„¢s Haltung zu Vietnam", "Die Kubaner’s Haltung zu Vietnam"),
    ("Generalsekretär To Lam Ã¼bermittelte GrÃ¼ÃŸe", "Generalsekretär To Lam übermittelte Grüße"),
    # cp1251 read as latin-1: the Russian document in the shared WMT21 news
    ('Ðåöåíçèÿ íà "Ïåðñîâ": ñòàðèííîå îïèñàíèå ïîðàæåíèÿ îò Ýñõèëà',
     'Рецензия на "Персов": старинное описание поражения от Эсхила'),
])
def test_ingest_mojibake_is_repaired(tmp_path: Path, broken: str, fixed: str) -> None:
    text_file = tmp_path / "mojibake.txt"
    text_file.write_text(broken, encoding="utf-8")
    jsonl_file = tmp_path / "mojibake.jsonl"
    jsonl_file.write_text(json.dumps({"id": "m", "text": broken}, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    articles, problems = read(text_file, jsonl_file)
    assert problems == []
    assert [a.text for a in articles] == [fixed, fixed]


def test_ingest_correct_text_is_left_alone(tmp_path: Path) -> None:
    text = "He said “yes” &amp; left – café, Müller, Việt Nam, Đà Nẵng, ﬁne.\n"
    path = tmp_path / "ok.txt"
    path.write_text(text, encoding="utf-8")
    assert read(path)[0][0].text == text


def test_ingest_text_over_10mb_is_truncated_but_kept(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(("Kuba und Vietnam. " * 40).encode() * (MAX_BYTES // 720 + 10))
    articles, problems = read(path)
    assert problems == [f"{path}: truncated to 10 MB"]
    assert len(articles[0].text) == MAX_BYTES
