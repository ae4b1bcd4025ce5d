"""Vietnamese alphabetical order (portal.collation) and the lists a reader
scans by name that use it: the home page's provinces, a province's communes and
centres, a centre's courses."""

import random
import re

import pytest

from centres.models import CentrePage
from courses.models import CoursePage
from portal.collation import place_sort_key, sort_key
from portal.models import HomePage


def in_order(expected, key=sort_key):
    shuffled = list(expected)
    random.Random(7).shuffle(shuffled)  # noqa: S311 (a fixed shuffle)
    return sorted(shuffled, key=key) == list(expected)


@pytest.mark.parametrize(
    "expected",
    [
        # The alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
        ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l"],
        ["m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"],
        # Tones: none, grave, hook, tilde, acute, dot below; after the letters.
        ["ma", "mà", "mả", "mã", "má", "mạ", "mai"],
        ["Chăm sóc", "Cài đặt"][::-1],  # "Cài" < "Chăm": a < h
        # Word by word: a shorter word first.
        ["Hà Nội", "Hà Tĩnh", "Hải Phòng", "Huế", "Hưng Yên"],
        ["Đà Nẵng", "Đắk Lắk", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai"],
        ["Lạng Sơn", "Lào Cai", "Lâm Đồng"],
        ["Thái Nguyên", "Thanh Hóa"],
        ["Tin học cơ bản", "Tin học ứng dụng", "Tin học văn phòng"],
        ["Chương trình xóa mù chữ", "Chương trình ứng dụng"][::-1],
    ],
)
def test_vietnamese_alphabetical_order(expected):
    assert in_order(expected)


def test_case_is_ignored_and_english_sorts_as_in_english():
    assert in_order(["apple", "Banana", "cherry", "Zucchini"])
    assert in_order(["Basic computing", "basic sewing", "Cooking", "Word processing"])
    assert sort_key("Hà Nội")[:2] == sort_key("HÀ NỘI")[:2]


def test_other_scripts_sort_after_vietnamese_letters():
    """Khmer titles (signs that do not compose with their letter) sort, after
    the Latin letters."""
    khmer = ["កុំព្យូទ័រ", "ភាសាខ្មែរ"]
    assert sorted([*khmer, "Tin học"], key=sort_key)[0] == "Tin học"


def test_decomposed_text_sorts_as_composed():
    assert sort_key("Hu\u0065\u0302\u0301")[:2] == sort_key("Huế")[:2]


def test_places_sort_without_their_type_word():
    assert in_order(
        ["An Giang", "Cà Mau", "Thành phố Hà Nội", "Tỉnh Huế", "Vĩnh Long"],
        key=place_sort_key,
    )
    assert in_order(
        ["Phường Ba Đình", "Xã Đông Anh", "Phường Hoàn Kiếm"], key=place_sort_key
    )


def link_texts(html, start, end):
    block = html[html.index(start) :]
    block = block[: block.index(end)]
    return [
        re.sub(r"<[^>]+>", "", text).replace("&#x27;", "'")
        for text in re.findall(r"<a [^>]*>(.*?)</a>", block, re.S)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_home_page_lists_provinces_in_alphabetical_order(client, language):
    home = HomePage.objects.live().get(locale__language_code=language)
    html = client.get(home.url).content.decode()
    names = link_texts(html, 'id="provinces-heading"', "</section>")
    assert len(names) == 34
    assert names == sorted(names, key=place_sort_key)
    if language == "vi":

        def at(name):
            return next(i for i, text in enumerate(names) if text.endswith(name))

        assert at("Hà Nội") < at("Huế") < at("Lạng Sơn") < at("Lâm Đồng")
        assert at("Cà Mau") < at("Đà Nẵng") < at("Gia Lai")


@pytest.mark.django_db
def test_centre_page_lists_its_courses_in_alphabetical_order(client):
    """On a centre whose courses the database's order by character code
    misorders (a title with a marked first letter)."""
    for centre in CentrePage.objects.live().filter(locale__language_code="vi"):
        raw = list(
            CoursePage.objects.live()
            .child_of(centre)
            .order_by("title")
            .values_list("title", flat=True)
        )
        if raw != sorted(raw, key=sort_key):
            break
    else:
        pytest.fail("no demo centre has courses out of alphabetical order")
    html = client.get(centre.url).content.decode()
    titles = link_texts(html, 'id="courses-heading"', "</section>")
    assert titles == sorted(raw, key=sort_key)


@pytest.mark.django_db
def test_curricula_are_listed_in_alphabetical_order(client):
    """The demo's curricula by character code put "…xóa mù chữ…" before
    "…ứng dụng…"; in Vietnamese order ư comes before x."""
    from courses.models import CurriculumIndexPage, CurriculumPage

    index = CurriculumIndexPage.objects.get(locale__language_code="vi")
    raw = list(
        CurriculumPage.objects.live()
        .child_of(index)
        .order_by("title")
        .values_list("title", flat=True)
    )
    assert raw != sorted(raw, key=sort_key)
    html = client.get(index.url).content.decode()
    positions = [html.index(title) for title in sorted(raw, key=sort_key)]
    assert positions == sorted(positions)
