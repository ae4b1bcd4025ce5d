import unicodedata

import pytest

from search.text import (
    _Memo,
    analyse,
    ascii_slug,
    fold,
    folded_token,
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


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("children", "child"),
        ("Children", "child"),
        ("grandchildren", "grandchild"),
        ("people", "person"),
        ("salespeople", "salesperson"),
        ("women", "woman"),
        ("fishermen", "fisherman"),
        ("craftsmen", "craftsman"),
        ("businesswomen", "businesswoman"),
        ("knives", "knife"),
        ("lives", "life"),
        ("halves", "half"),
        ("shelves", "shelf"),
        ("midwives", "midwife"),
        ("feet", "foot"),
        ("teeth", "tooth"),
        ("mice", "mouse"),
        ("geese", "goose"),
        ("oxen", "ox"),
        ("potatoes", "potato"),
        ("calories", "calorie"),
        ("syllabi", "syllabus"),
        ("analyses", "analysis"),
        ("childrens", "child"),  # the plural with a regular ending besides
    ],
)
def test_an_english_irregular_plural_folds_to_its_singular(plural, singular):
    assert folded_token(plural) == folded_token(singular)
    assert analyse(f"Classes for {plural}")[1] == analyse(f"class for {singular}")[1]


@pytest.mark.parametrize(
    "word", ["specimen", "abdomen", "omen", "stamen", "regimen", "ramen", "leaves"]
)
def test_words_that_only_look_like_irregular_plurals_keep_their_form(word):
    """Not plurals of a word in -man, and "leaves" may be the verb: the
    regular rule makes it "leave", as before."""
    assert folded_token(word) == word.removesuffix("s")


@pytest.mark.parametrize(
    "plural, singular", [("men", "man"), ("Mens", "man"), ("LEAVES", "leaf")]
)
def test_english_text_folds_the_plurals_other_words_share(plural, singular):
    """ "men" is a Vietnamese syllable too and "leaves" the verb: only English
    text folds them to their singular, and only as written without marks."""
    assert folded_token(plural, "en") == folded_token(singular, "en") == singular
    assert analyse(f"Sewing for {plural}", "en")[1] == f"sewing for {singular}"
    assert folded_token(plural) != singular
    assert folded_token(plural, "vi") == folded_token(plural)
    assert folded_token(plural, "km") == folded_token(plural)
    assert analyse(f"Sewing for {plural}", "vi") == analyse(f"Sewing for {plural}")


def test_english_text_keeps_a_vietnamese_name_with_marks_as_it_is():
    """An English entry's Vietnamese words (a commune "Mèn") fold as
    everywhere: only the English word, without marks, is made singular."""
    assert folded_token("Mèn", "en") == folded_token("mèn") == "men"
    exact, folded = analyse("Brewing for men in Mèn", "en")
    assert folded == "brewing for man in men"
    assert exact.split()[-1] != exact.split()[-3]


# Every Vietnamese syllable without its marks is one of these (and many that
# are not syllables): an initial consonant, a vowel group, a final consonant.
VIETNAMESE_INITIALS = (
    "", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
    "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
VIETNAMESE_VOWELS = (
    "a", "ai", "ao", "au", "ay", "e", "eo", "eu", "i", "ia", "ie", "ieu", "iu",
    "o", "oa", "oai", "oao", "oay", "oe", "oeo", "oi", "oo", "u", "ua", "uai",
    "uay", "ue", "ui", "uo", "uoi", "uou", "uu", "uy", "uya", "uye", "uyu", "y",
    "ye", "yeu",
)  # fmt: skip
VIETNAMESE_FINALS = ("", "c", "ch", "m", "n", "ng", "nh", "p", "t")


def test_no_vietnamese_syllable_is_taken_for_an_english_plural():
    """Text is analysed alike in every language but English (which folds
    "men" and "leaves" too), and a Vietnamese syllable made an English
    singular would match another syllable: "men" (yeast, enamel;
    "mèn", "mén" fold to it too) as "man" would find "mận" (plums) and "màn"
    (curtains)."""
    changed = [
        syllable
        for syllable in (
            initial + vowels + final
            for initial in VIETNAMESE_INITIALS
            for vowels in VIETNAMESE_VOWELS
            for final in VIETNAMESE_FINALS
        )
        if folded_token(syllable) != syllable.replace("y", "i")
    ]
    assert changed == []
    assert folded_token("mèn") == folded_token("men") == "men"
    assert folded_token("mận") == folded_token("man") == "man"
