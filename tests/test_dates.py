"""Tests for dyad.dates: date mentions, anchor inference, story dates and event dates."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dyad.dates import ArticleDates, DateMention, event_date, find_dates, load_date_rules
from dyad.errors import LexiconError, UnknownLanguage
from dyad.model import EventDate, Sentence

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is absent (a user's clone)")


def split_sentences(text: str) -> list[Sentence]:
    """Lines, then ". " before a capital letter, not after a digit ("des 4. Februar", "Nov. 18")."""
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for piece in re.finditer(r".+?(?:(?<=[^\d\s]\.)(?= [A-ZÄÖÜ])|$)", line.group()):
            begin = start + piece.start() + (len(piece.group()) - len(piece.group().lstrip()))
            end = start + piece.end()
            if text[begin:end].strip():
                sentences.append(Sentence(len(sentences), begin, end, text[begin:end]))
    return sentences


def dates_of(lang: str, text: str, published: dt.date | None = None) -> ArticleDates:
    return find_dates(text, split_sentences(text), lang, published, load_date_rules(lang))


def shown(mention: DateMention) -> tuple[str, str, str]:
    width = {"day": 10, "month": 7, "year": 4}[mention.precision]
    return mention.value.isoformat()[:width], mention.precision, mention.reason


FEB5 = dt.date(2025, 2, 5)
NOV20 = dt.date(2023, 11, 20)

# (lang, sentence, published, expected mentions as (value, precision, reason); "" = usable)
MENTION_CASES = [
    # German: ordinal day with the month, no year: the year comes from the publication date
    ("de", "Am Abend des 4. Februar führte Generalsekretär To Lam im Hauptquartier des "
           "Zentralkomitees der Partei ein Telefongespräch mit dem Ersten Sekretär.", FEB5,
     [("2025-02-04", "day", "")]),
    # German: an anniversary with its historical range in parentheses
    ("de", "Er übermittelte seine besten Wünsche zum 95. Jahrestag der Gründung der "
           "Kommunistischen Partei Vietnams (3. Februar 1930 – 3. Februar 2025) und zum "
           "chinesischen Neujahrsfest.", FEB5,
     [("1930-02-03", "day", "parenthetical-range"), ("2025-02-03", "day", "parenthetical-range")]),
    ("de", "Die Vereinbarungen wurden während des historischen Besuchs von To Lam in Kuba im "
           "September 2024 erzielt.", FEB5, [("2024-09", "month", "")]),
    ("de", "Er hieß ihn willkommen, Vietnam im Jahr 2025 erneut zu besuchen.", FEB5,
     [("2025", "year", "")]),
    ("de", "Der Außenminister traf gestern in Hanoi ein.", FEB5, [("2025-02-04", "day", "")]),
    ("de", "Heute unterzeichneten beide Seiten ein Abkommen.", FEB5, [("2025-02-05", "day", "")]),
    ("de", "Die Delegation reiste am 4.2.2025 nach Havanna.", FEB5, [("2025-02-04", "day", "")]),
    ("de", "Anfang Dezember hatten die Gespräche begonnen.", FEB5, [("2024-12", "month", "")]),
    ("de", "Am Montag sprach die Ministerin mit der Opposition.", FEB5,
     [("2025-02-03", "day", "")]),
    ("de", "Die Feier zum Jubiläum am 12. März 2025 ist geplant.", FEB5,
     [("2025-03-12", "day", "anniversary")]),
    # German: dateparser's weekday drifts to the month named earlier; we count back from the anchor
    ("de", "Im Januar hatte das Kabinett an diesem Mittwoch ein Gesetz beschlossen.", FEB5,
     [("2025-01", "month", ""), ("2025-02-05", "day", "")]),
    ("de", "Die Ministerin wird am kommenden Freitag nach Paris reisen.", FEB5,
     [("2025-01-31", "day", "future")]),
    # German function words and ordinals must never become dates
    ("de", "Die Regierung sprach mit der Opposition, die 95 Prozent der Stimmen verlangt.", FEB5,
     []),
    ("de", "So sagte er, die Partei werde mit allen Kräften am 3. Parteitag teilnehmen.", FEB5, []),
    # English: month-day, agency style, ranges, relative and planned dates
    ("en", "Díaz-Canel and Le Thanh Tung met in Havana on November 18.", NOV20,
     [("2023-11-18", "day", "")]),
    ("en", "The accord was signed on Nov. 18, 2023, in Havana.", NOV20,
     [("2023-11-18", "day", "")]),
    ("en", "Cuba was elected to the UN Human Rights Council for the 2024-2026 term in "
           "October 2023.", NOV20,
     [("2024", "year", "range"), ("2026", "year", "range"), ("2023-10", "month", "")]),
    ("en", "The minister arrived in Hanoi yesterday.", NOV20, [("2023-11-19", "day", "")]),
    ("en", "The two leaders spoke by phone on Monday.", NOV20, [("2023-11-20", "day", "")]),
    ("en", "The summit will be held on 20 February.", FEB5, [("2025-02-20", "day", "future")]),
    ("en", "Talks resumed last month in Geneva.", FEB5, [("2025-01", "month", "")]),
    ("en", "They marked the 75th anniversary of diplomatic ties on 18 January 1950.", FEB5,
     [("1950-01-18", "day", "anniversary")]),
    ("en", "He may march in protest with 2000 supporters.", FEB5, []),
    ("en", "He will travel to Paris next Monday.", FEB5, [("2025-02-03", "day", "future")]),
    ("en", "Queen and Adam Lambert: Brian May celebrates the band's success.", FEB5, []),
]


@pytest.mark.parametrize(("lang", "text", "published", "expected"), MENTION_CASES)
def test_dates_finds_mentions(lang: str, text: str, published: dt.date,
                              expected: list[tuple[str, str, str]]) -> None:
    found = dates_of(lang, text, published).mentions
    assert [shown(m) for m in found] == expected
    for m in found:
        assert text[m.start:m.end] == m.text and m.usable == (not m.reason)


def test_dates_de_function_words_never_become_dates() -> None:
    text = ("Die Regierung traf sich mit der Opposition. So wurde die Frage mit allen Parteien "
            "besprochen, die mit dem Plan einverstanden sind. Mit dem Mittel sank die Zahl um 95.")
    assert dates_of("de", text, FEB5).mentions == ()


EN_ARTICLE = """Ministers meet to prepare trade pact

The two trade ministers met in Geneva on 14 March to prepare the agreement, officials said.
Negotiations began in January 2022, when both sides set up working groups for the 2022-2024 programme.
The talks continued in early March and will conclude at a summit on 30 June.
The pact marks the 60th anniversary of the founding of the customs union (1 April 1962 – 1 April 2022).
"""

DE_ARTICLE = """Außenminister vereinbaren engere Zusammenarbeit
Am Nachmittag des 9. Mai unterzeichneten die Außenminister in Berlin ein Abkommen.
Sie gratulierten einander zum 30. Jahrestag der Aufnahme der Beziehungen (12. Dezember 1991 – 12. Dezember 2021).
Die Verhandlungen hatten im Oktober 2020 begonnen und sollen im Jahr 2021 abgeschlossen werden.
Der nächste Besuch ist im Jahr 2021 geplant.
"""


@pytest.mark.parametrize(("lang", "text", "anchor", "story"), [
    ("en", EN_ARTICLE, EventDate("2022-03-14", "day", "inferred"),
     EventDate("2022-03-14", "day", "story")),
    ("de", DE_ARTICLE, EventDate("2021-05-09", "day", "inferred"),
     EventDate("2021-05-09", "day", "story")),
])
def test_dates_infers_anchor_without_publication_date(lang: str, text: str, anchor: EventDate,
                                                      story: EventDate) -> None:
    dates = dates_of(lang, text)
    assert dates.anchor == anchor and dates.story == story


def test_dates_en_anchor_skips_ranges_and_flags_future_summit() -> None:
    dates = dates_of("en", EN_ARTICLE)
    by_text = {m.text: m for m in dates.mentions}
    assert by_text["30 June"].reason == "future"
    assert by_text["1 April 1962"].reason == "parenthetical-range"
    assert (by_text["2022"].reason, by_text["2024"].reason) == ("range", "range")
    assert shown(by_text["March"]) == ("2022-03", "month", "")


def test_dates_relative_dates_resolve_against_the_inferred_anchor() -> None:
    text = "The ministers met in Geneva on 14 March 2022. Their deputies had met there yesterday."
    dates = dates_of("en", text)
    assert dates.anchor == EventDate("2022-03-14", "day", "inferred")
    assert [shown(m) for m in dates.mentions] == [("2022-03-14", "day", ""),
                                                   ("2022-03-13", "day", "")]


def test_dates_anchor_is_a_month_when_no_day_is_given() -> None:
    text = "The assembly voted in early November. Cuba was elected in October 2023."
    assert dates_of("en", text).anchor == EventDate("2023-11", "month", "inferred")


def test_dates_without_any_year_there_is_no_anchor() -> None:
    dates = dates_of("en", "The ministers met on 14 March. They spoke again yesterday.")
    assert dates.anchor == EventDate(None) and dates.story == EventDate(None)
    assert dates.mentions == ()


@needs_seeds
@pytest.mark.parametrize(("name", "lang", "anchor"), [
    ("000_e2e3ddeeabb3792d.txt", "en", "2023-11-18"),
    ("004_d17baa6ebd40c895.txt", "de", "2025-02-04"),
])
def test_dates_seed_articles_give_their_anchor(name: str, lang: str, anchor: str) -> None:
    dates = dates_of(lang, (SEEDS / name).read_text(encoding="utf-8"))
    assert dates.anchor == EventDate(anchor, "day", "inferred")
    assert dates.story == EventDate(anchor, "day", "story")
    anniversaries = {dt.date(1930, 2, 3), dt.date(1959, 1, 1), dt.date(1960, 12, 2)}
    assert not [m for m in dates.mentions if m.usable and m.value in anniversaries]


@needs_seeds
def test_dates_de_seed_phone_call_gets_its_day_and_visit_its_month() -> None:
    text = (SEEDS / "004_d17baa6ebd40c895.txt").read_text(encoding="utf-8")
    dates = dates_of("de", text)
    call, far = text.index("führte"), text.index("Telefongespräch")
    visit = text.index("Besuchs des Generalsekretärs")
    again = text.index("besuchen;")
    sentence_of = {s.index: s for s in split_sentences(text)}
    index = next(i for i, s in sentence_of.items() if s.start <= call < s.end)
    assert event_date(dates, index, call, call + 6) == EventDate("2025-02-04", "day", "text")
    # more than 60 characters from "4. Februar": the story date, the same day
    assert event_date(dates, index, far, far + 15) == EventDate("2025-02-04", "day", "story")
    index = next(i for i, s in sentence_of.items() if s.start <= visit < s.end)
    assert event_date(dates, index, visit, visit + 7) == EventDate("2024-09", "month", "text")
    index = next(i for i, s in sentence_of.items() if s.start <= again < s.end)
    assert event_date(dates, index, again, again + 8) == EventDate("2025-02-04", "day", "story")


EVENT_TEXT = ("On 3 March the envoy arrived in Hanoi, and on 5 March he met the president. "
              "Later he praised the talks at great length and in considerable detail, thanking "
              "his hosts warmly for everything they had done. They will meet again in 2025.")


@pytest.fixture
def event_dates() -> ArticleDates:
    return find_dates(EVENT_TEXT, split_sentences(EVENT_TEXT), "en", dt.date(2025, 3, 6),
                      load_date_rules("en"))


@pytest.mark.parametrize(("trigger", "sentence", "expected"), [
    ("arrived", 0, EventDate("2025-03-03", "day", "text")),  # nearest of two dates
    ("met", 0, EventDate("2025-03-05", "day", "text")),
    ("praised", 1, EventDate("2025-03-03", "day", "story")),  # no date in the sentence
    ("thanking", 1, EventDate("2025-03-03", "day", "story")),
    ("meet again", 2, EventDate("2025-03-03", "day", "story")),  # 2025 contains the story date
])
def test_event_date_picks_nearest_date_or_story(event_dates: ArticleDates, trigger: str,
                                                sentence: int, expected: EventDate) -> None:
    start = EVENT_TEXT.index(trigger)
    assert event_date(event_dates, sentence, start, start + len(trigger)) == expected


def test_event_date_ignores_dates_beyond_the_window(event_dates: ArticleDates) -> None:
    start = EVENT_TEXT.index("met")
    assert event_date(event_dates, 0, start, start + 3, window=3) == event_dates.story


def test_event_date_is_unknown_without_any_date() -> None:
    dates = ArticleDates(EventDate(None), EventDate(None), ())
    assert event_date(dates, 0, 0, 5) == EventDate(None)


def test_load_date_rules_unknown_language_names_the_known_ones() -> None:
    with pytest.raises(UnknownLanguage, match=r"no date rules for 'xx'; have \[.*'de'.*'en'"):
        load_date_rules("xx")


def test_load_date_rules_reports_bad_kind_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "dates.tsv").write_text("# test\nkind\tforms\tnote\nmonht\tJan\t\n",
                                               encoding="utf-8")
    with pytest.raises(LexiconError, match=r"dates.tsv:3: unknown kind 'monht'"):
        load_date_rules("zz", tmp_path)


def test_load_date_rules_reads_all_months_in_order() -> None:
    rules = load_date_rules("de")
    assert len(rules.months) == 12 and "Jänner" in rules.months[0] and "Sept." in rules.months[8]
    assert "Jahrestages" in rules.anniversary_words and "gestern" in rules.relative_words
