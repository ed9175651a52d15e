"""Cleaning: scraping noise out, the rest byte-identical, offsets mapped back to the raw text."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from dyad.clean import clean, load_furniture, read_patterns
from dyad.errors import LexiconError
from dyad.ingest import read_inputs
from dyad.model import Article, CleanArticle

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
EN_SEED = SEEDS / "000_e2e3ddeeabb3792d.txt"
DE_SEED = SEEDS / "004_d17baa6ebd40c895.txt"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is absent (no ../shared)")
CAPTION = ("at their meeting in Havana on November 18.")


def read_seed(path: Path) -> Article:
    """The seed file as `dyad.ingest` reads it."""
    [article] = list(read_inputs([str(path)]))
    assert isinstance(article, Article)
    return article


def clean_text(text: str, lang: str | None = "en", title: str | None = None) -> CleanArticle:
    """Clean a plain string as an article."""
    return clean(Article("t", text, title=title), load_furniture(lang))


def removed(result: CleanArticle) -> list[tuple[str, str]]:
    """(reason, raw text) of every removal."""
    raw = result.article.text
    return [(r.reason, raw[r.start:r.end]) for r in result.removals]


def assert_offsets_map_back(result: CleanArticle) -> None:
    """Every word of the cleaned text maps to the same word in the raw text."""
    raw = result.article.text
    for match in re.finditer(r"\w+", result.text):
        start = result.raw_offset(match.start())
        assert raw[start:start + len(match.group())] == match.group()
    assert len(raw) == len(result.text) + sum(r.end - r.start for r in result.removals)


@needs_seeds
def test_clean_en_seed_keeps_caption_once_and_drops_vna_tag() -> None:
    article = read_seed(EN_SEED)
    result = clean(article, load_furniture("en"))
    assert article.text.count(CAPTION) == 2
    assert result.text.count(CAPTION) == 1
    assert "(Photo: VNA)" not in result.text
    assert not result.text.rstrip().endswith("VNA")
    assert result.text.endswith("the special relationship between Vietnam and Cuba.\n")
    assert {r.reason for r in result.removals} == {"furniture", "repeated-line", "agency-tag"}
    assert "\n\n\n" not in result.text
    assert_offsets_map_back(result)


@needs_seeds
def test_clean_de_seed_drops_quelle_and_kommentar() -> None:
    article = read_seed(DE_SEED)
    result = clean(article, load_furniture("de"))
    assert removed(result) == [("furniture", "Quelle\nKommentar (0)")]
    assert result.text == article.text[:article.text.index("Quelle")]
    # the near-duplicate of the lead ("..., die ein Ende des Embargos gegen Kuba fordern.")
    # stays: deduplicating events merges what the two sentences say
    assert result.text.count("Generalsekretär To Lam bekräftigte die Haltung Vietnams") == 2


@needs_seeds
def test_clean_offset_of_a_word_maps_back_to_the_raw_word() -> None:
    article = read_seed(EN_SEED)
    result = clean(article, load_furniture("en"))
    start = result.text.index("The Cuban leader lauded")
    raw_start = result.raw_offset(start)
    assert raw_start > start  # the duplicate caption before it was removed
    assert article.text[raw_start:raw_start + len("The Cuban")] == "The Cuban"
    assert_offsets_map_back(result)


def test_clean_repeated_lead_paragraph_is_removed_once() -> None:
    text = ("Cuba and Vietnam signed a rice trade deal in Havana on Monday.\n\n"
            "HAVANA - Cuba and Vietnam signed a rice trade deal in Havana on Monday. "
            "The deal covers 50,000 tonnes.\n\nMore text.\n")
    result = clean_text(text)
    assert removed(result) == [
        ("repeated-lead", "Cuba and Vietnam signed a rice trade deal in Havana on Monday.\n\n")]
    assert result.text.startswith("HAVANA - Cuba and Vietnam signed")
    assert_offsets_map_back(result)


def test_clean_title_line_is_not_taken_for_the_lead() -> None:
    text = ("Rice deal signed\n\nCuba and Vietnam signed a rice trade deal on Monday.\n\n"
            "Officials said Cuba and Vietnam signed a rice trade deal on Monday. Rice deal "
            "signed, they added.\n")
    result = clean_text(text, title="Rice deal signed")
    assert result.text == ("Rice deal signed\n\nOfficials said Cuba and Vietnam signed a rice "
                           "trade deal on Monday. Rice deal signed, they added.\n")


@pytest.mark.parametrize(("lang", "text", "expected", "reasons"), [
    # English: agency tag in parentheses on the last line
    ("en", "Cuba thanked Vietnam.\n\n(AFP)", "Cuba thanked Vietnam.\n", ["agency-tag"]),
    # English: dash byline, then a trailing blank line
    ("en", "Cuba thanked Vietnam.\n— Reuters\n", "Cuba thanked Vietnam.\n", ["agency-tag"]),
    # English: tag glued to the last sentence by the scraper
    ("en", "Cuba thanked Vietnam.VNA", "Cuba thanked Vietnam.", ["agency-tag"]),
    # English: share buttons, read-more links and an advertisement between paragraphs
    ("en", "One.\n\nShare on Facebook\n\nTwo.\nRead more: Cuba and Vietnam\nADVERTISEMENT\nThree.",
     "One.\n\nTwo.\nThree.", ["furniture", "furniture"]),
    # German: dpa tag with editor initials, and a photo credit at the end of a line
    ("de", "Berlin empfängt Gäste. (Foto: dpa)\nDer Besuch dauert zwei Tage.\ndpa/ab",
     "Berlin empfängt Gäste.\nDer Besuch dauert zwei Tage.\n", ["furniture", "agency-tag"]),
    # German: share and print buttons with Windows line breaks
    ("de", "Zeile eins\r\nTeilen\r\nDrucken\r\nZeile zwei\r\n", "Zeile eins\r\nZeile zwei\r\n",
     ["furniture"]),
    # Vietnamese (no language file): the common photo-credit pattern still applies
    ("vi", "Hà Nội tiếp đón đoàn Cuba.\nẢnh: TTXVN\nHai bên ký thỏa thuận.\nTTXVN",
     "Hà Nội tiếp đón đoàn Cuba.\nHai bên ký thỏa thuận.\n", ["furniture", "agency-tag"]),
])
def test_clean_removes_noise_in_other_layouts(lang: str, text: str, expected: str,
                                               reasons: list[str]) -> None:
    result = clean_text(text, lang)
    assert result.text == expected
    assert [r.reason for r in result.removals] == reasons
    assert_offsets_map_back(result)


def test_clean_removed_lines_leave_at_most_one_blank_line() -> None:
    text = "First paragraph.\n\nPhoto: VNA\n\n\nSecond paragraph.\n\nRelated articles\n\nThird.\n"
    result = clean_text(text)
    assert result.text == "First paragraph.\n\nSecond paragraph.\n\nThird.\n"
    assert_offsets_map_back(result)


def test_clean_text_without_noise_is_unchanged() -> None:
    text = "\nHavana, Nov 18 (VNA) - Cuba hosted the ambassador.\n\n\nHe said: \"thanks\".  \n"
    result = clean_text(text)
    assert (result.text, result.removals) == (text, ())
    assert result.segments == ((0, 0, len(text)),)


def test_clean_agency_name_inside_a_sentence_stays() -> None:
    text = "Reporters from AFP and Reuters asked the minister.\nHe told AFP he would go."
    assert clean_text(text).text == text


def test_load_furniture_for_a_language_without_file_gets_common_patterns() -> None:
    furniture = load_furniture("xx")
    assert furniture.is_furniture("(Photo: VNA)")
    assert not furniture.is_furniture("Quelle")
    assert load_furniture("de").is_furniture("Quelle")
    assert load_furniture(None).is_tag("(AFP)")


def test_read_patterns_names_the_file_and_line_of_a_bad_pattern(tmp_path: Path) -> None:
    path = tmp_path / "boilerplate.txt"
    path.write_text("# header\nquelle\n(unclosed\n")
    with pytest.raises(LexiconError, match=rf"^{re.escape(str(path))}:3: bad regular expression"):
        read_patterns(path)


def test_furniture_pickles_for_process_pools() -> None:
    furniture = load_furniture("de")
    copy = pickle.loads(pickle.dumps(furniture))
    text = "Text.\nQuelle\n"
    assert clean_text(text, "de") == clean(Article("t", text), copy)
