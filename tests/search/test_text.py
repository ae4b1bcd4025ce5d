import unicodedata

import pytest

from search.text import (
    _Memo,
    analyse,
    ascii_slug,
    fold,
    html_words,
    place_key,
    strip_place_type,
    tokens,
)


@pytest.mark.parametrize(
    "typed",
    [
        "Tin học",
        "tin hoc",
        "TIN HỌC",
        unicodedata.normalize("NFD", "Tin học"),
        "Tin ho\u0323c",  # base letter + combining dot below
    ],
)
def test_fold_treats_every_spelling_of_tin_hoc_alike(typed):
    assert fold(typed) == "tin hoc"


@pytest.mark.parametrize(
    ("old", "new"), [("hòa", "hoà"), ("khỏe", "khoẻ"), ("thủy", "thuỷ")]
)
def test_fold_ignores_tone_placement(old, new):
    assert fold(old) == fold(new)


@pytest.mark.parametrize("d", ["Đắk", "đắk", "Ðắk", "dak"])
def test_fold_maps_every_d_to_d(d):
    assert fold(d) == "dak"


@pytest.mark.parametrize(
    "spelling", ["Tỉnh Đắk Lắk", "dak lak", "Daklak", "Đăk Lăk", "ĐẮK LẮK"]
)
def test_place_key_joins_spellings_of_dak_lak(spelling):
    assert place_key(spelling) == "daklak"


def test_strip_place_type_keeps_marks():
    assert strip_place_type("Thành phố Hồ Chí Minh") == "Hồ Chí Minh"
    assert strip_place_type("Phường Ea Kao") == "Ea Kao"
    assert strip_place_type("Ea Kao") == "Ea Kao"


def test_ascii_slug():
    assert ascii_slug("Tin học cơ bản – cho người cao tuổi") == (
        "tin-hoc-co-ban-cho-nguoi-cao-tuoi"
    )


def test_html_words_keeps_the_words_of_adjacent_blocks_apart():
    html = "<ul><li>Gọi <b>video</b></li><li>Zalo</li></ul><p>An &amp; toàn</p>"
    assert analyse(html_words(html))[1] == "goi video zalo an toan"
    assert html_words("") == html_words(None) == ""


def test_khmer_is_split_into_syllables_wherever_it_appears():
    # "Khmer letters" with no space, between Vietnamese words; and joiners
    # without any Khmer split words as they did when they became spaces.
    assert tokens("Lớp អក្សរខ្មែរ tối") == ["Lớp", "អ", "ក្ស", "រ", "ខ្មែ", "រ", "tối"]
    assert tokens("tin\u200dhọc") == ["tin", "học"]
    assert tokens("a\ud800b") == ["a", "b"]  # typed text is never refused
    assert analyse("ខ្មែរ") == ("ខ្មែ រ", "ខ្មែ រ")


def test_the_token_memo_stays_bounded_and_right():
    memo = _Memo(str.upper, size=3)
    words = ["a", "b", "c", "d", "a", "e"]
    assert [memo[w] for w in words] == ["A", "B", "C", "D", "A", "E"]
    assert len(memo) <= 3
