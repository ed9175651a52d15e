"""Language identification on real-looking sentences in the languages we support."""
from __future__ import annotations

import pytest

from dyad.langid import detect_language


@pytest.mark.parametrize("lang, text", [
    ("en", "The foreign minister met his counterpart in Jakarta on Tuesday to discuss trade."),
    ("de", "Der Außenminister traf am Dienstag seinen Amtskollegen in Jakarta."),
    ("es", "El canciller se reunió el martes con su homólogo en Yakarta para hablar de comercio."),
    ("fr", "Le ministre des Affaires étrangères a rencontré mardi son homologue à Jakarta."),
    ("pt", "O ministro das Relações Exteriores reuniu-se na terça-feira com o seu homólogo."),
    ("it", "Il ministro degli Esteri ha incontrato martedì il suo omologo a Giacarta."),
    ("ru", "Министр иностранных дел во вторник встретился со своим коллегой в Джакарте."),
    ("vi", "Bộ trưởng Ngoại giao đã gặp người đồng cấp tại Jakarta vào thứ Ba."),
])
def test_langid_detects_news_sentences(lang: str, text: str) -> None:
    assert detect_language(text)[0] == lang


def test_langid_seeds(seed_texts: dict[str, str]) -> None:
    assert detect_language(seed_texts["000_e2e3ddeeabb3792d.txt"])[0] == "en"
    assert detect_language(seed_texts["004_d17baa6ebd40c895.txt"])[0] == "de"


def test_langid_text_without_letters_is_undetermined() -> None:
    assert detect_language("12345 -- 678") == ("und", 0.0)
