"""Coreference across an article's sentences: "both sides" reaches only states named nearby."""
from __future__ import annotations

import dyad

NEAR = ("Vietnam and Cuba held talks in Hanoi on Monday. Both sides agreed to expand trade "
        "and investment cooperation.")
FAR = ("Pakistan said on Monday that India had shelled its border posts. The foreign ministry "
       "in Islamabad summoned the Indian envoy. Officials gave no figures. Markets were calm. "
       "Traders expected rain. Elsewhere, peace talks stalled again as both sides disagreed "
       "over a prisoner release.")


def pairs(text: str) -> set[tuple[str, str, str]]:
    doc = dyad.code(text, lang="en", published="2024-05-02")
    return {(e.source.country or "", e.target.country or "", e.cameo[:2]) for e in doc.events}


def test_coref_both_sides_are_the_two_states_named_just_before() -> None:
    found = {tuple(sorted(p[:2])) for p in pairs(NEAR) if p[2] == "03"}
    assert found == {("CUB", "VNM")}


def test_coref_both_sides_far_from_the_two_states_are_someone_else() -> None:
    assert not any(p[2] == "08" for p in pairs(FAR)), pairs(FAR)


def test_coref_we_in_a_quote_is_the_speaker_not_a_speaker_of_an_earlier_sentence() -> None:
    # "We" in the second sentence's quote is Japan's minister, not China's named a sentence before
    text = ('Ngoại trưởng Trung Quốc Vương Nghị đến Tokyo hôm thứ Hai. '
            'Bộ trưởng Quốc phòng Nhật Bản tuyên bố: "Chúng tôi kiên quyết phản đối việc Nga '
            'triển khai tàu chiến".')
    doc = dyad.code(text, lang="vi", published="2024-05-02")
    found = {(e.source.country, e.target.country, e.cameo[:2]) for e in doc.events}
    assert ("JPN", "RUS", "11") in found, found
    we = [e for e in doc.events if e.mentions[0].source_text == "Chúng tôi"]
    assert we and all(e.source.country == "JPN" for e in we)


def test_coref_we_opening_a_sentence_without_a_quote_names_nobody() -> None:
    text = 'Tổng thống Pháp đến Hà Nội. Chúng tôi lên án vụ tấn công của Nga.'
    doc = dyad.code(text, lang="vi", published="2024-05-02")
    assert not [e for e in doc.events if e.mentions[0].source_text == "Chúng tôi"], doc.events
