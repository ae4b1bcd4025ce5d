"""A language without an interface catalogue of ours (Khmer, Tày, Hmong) reads its
content in its own language around the Vietnamese interface: the words, class
days and fees of the Vietnamese page, never the words of Django's own Khmer
catalogues, which Khmer pages showed inside the Vietnamese interface."""

import gettext
import re
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from courses.models import CoursePage
from portal.models import HomePage

pytestmark = pytest.mark.django_db

KHMER = re.compile("[\u1780-\u17ff]")
TIMES = r"<time datetime=[^>]*>([^<]*)</time>"


def package_catalogues(language):
    """Django's and the installed apps' catalogues for ``language``."""
    roots = [
        Path(django.__file__).parent / "conf",
        *(Path(app.path) for app in apps.get_app_configs()),
    ]
    for root in roots:
        for path in root.glob(f"locale/{language}/LC_MESSAGES/django.mo"):
            with path.open("rb") as mo:
                yield gettext.GNUTranslations(mo)


def django_khmer(msgid):
    """``msgid`` as Django's Khmer catalogues translate it: what a /km/ page
    showed before its interface was Vietnamese."""
    for catalogue in package_catalogues("km"):
        text = catalogue.gettext(msgid)
        if text != msgid:
            assert KHMER.search(text), text
            return text
    raise AssertionError(f"no Khmer translation of {msgid!r} in Django's catalogues")


def _translate(key):
    """The active language's translation of a catalogue ``key``: a msgid, a
    context and msgid, or a plural form (msgid, index)."""
    if isinstance(key, tuple):
        return translation.ngettext(key[0], key[0], key[1] + 1)
    if "\x04" in key:
        return translation.pgettext(*key.split("\x04", 1))
    return translation.gettext(key)


@pytest.mark.parametrize(
    "language",
    [
        code
        for code, _n in settings.LANGUAGES
        if code not in settings.INTERFACE_LANGUAGES
    ],
)
def test_no_package_translates_the_interface_of_a_language_without_one(language):
    """Every string Django or an installed app translates into Khmer (none
    translates Tày or Hmong yet) is the Vietnamese one in that language,
    wherever it is activated: a page, the finder API, a feed."""
    keys = {key for c in package_catalogues(language) for key in c._catalog if key}
    assert keys or language != "km"  # Django has Khmer catalogues
    for key in keys:
        with translation.override(language):
            ours = _translate(key)
        with translation.override("vi"):
            vietnamese = _translate(key)
        assert ours == vietnamese, key


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def khmer_course():
    """The live Khmer course whose title is written in Khmer (the finder
    fixture's "Học chữ Khmer")."""
    courses = CoursePage.objects.live().filter(locale__language_code="km")
    return next(course for course in courses if KHMER.search(course.title))


def same_page(page, language):
    """The URL of ``page`` in ``language``: its translation, or the Vietnamese
    page served under the language's prefix."""
    try:
        return page.get_translation(Locale.objects.get(language_code=language)).url
    except page.DoesNotExist:
        return f"/{language}/" + page.url.split("/", 2)[2]


def assert_vietnamese_words(km, vi, en, words):
    """Each of ``words`` (English msgids) is on the Khmer page as on the
    Vietnamese one, not as Django's Khmer catalogue writes it; and in English
    on the English page."""
    for msgid, vietnamese in words.items():
        assert vietnamese in km and vietnamese in vi, msgid
        assert django_khmer(msgid) not in km, msgid
        assert msgid in en, msgid


def test_the_khmer_home_page_has_the_vietnamese_interface(client):
    home = HomePage.objects.live().get(locale__language_code="km")
    km = html(client, home.url)
    vi, en = html(client, "/vi/"), html(client, "/en/")
    assert '<html lang="km">' in km
    assert_vietnamese_words(km, vi, en, {"Home": "Trang chủ"})
    # The soonest classes, on the same days, written as the Vietnamese page
    # writes them ("Thứ Ba 8/12/2026 14:00"), with no Khmer weekday.
    days = re.findall(TIMES, km)
    assert days and days == re.findall(TIMES, vi)
    assert not any(KHMER.search(day) for day in days)
    assert django_khmer("Tuesday") not in km and "Thứ Ba" in km


def test_a_khmer_centre_page_has_the_vietnamese_interface(client):
    centre = khmer_course().get_parent().specific
    km = html(client, centre.url)
    vi = html(client, same_page(centre, "vi"))
    en = html(client, same_page(centre, "en"))
    assert '<html lang="km">' in km
    assert khmer_course().title in km  # its Khmer course, from the Khmer tree
    assert_vietnamese_words(km, vi, en, {"Home": "Trang chủ", "Monday": "Thứ Hai"})
    # This week's days and the classes' days, as on the Vietnamese page.
    assert re.findall(TIMES, km) == re.findall(TIMES, vi)
    assert re.findall(r'<dd class="fee"[^>]*>([^<]*)</dd>', km) == re.findall(
        r'<dd class="fee"[^>]*>([^<]*)</dd>', vi
    )


def test_a_khmer_course_page_has_the_vietnamese_interface(client):
    course = khmer_course()
    km = html(client, course.url)
    vi = html(client, same_page(course, "vi"))
    en = html(client, same_page(course, "en"))
    assert '<html lang="km">' in km
    assert f"<h1>{course.title}</h1>" in km
    assert_vietnamese_words(
        km, vi, en, {"Home": "Trang chủ", "Time": "Giờ", "Monday": "Thứ Hai"}
    )
    # Its classes, every Monday: "Thứ Hai 7/1/2030", as on the Vietnamese page.
    days = re.findall(TIMES, km)
    assert days and days == re.findall(TIMES, vi)
    assert all(day.startswith("Thứ Hai ") for day in days), days
    assert re.findall(r"<th [^>]*>([^<]*)</th>", km) == re.findall(
        r"<th [^>]*>([^<]*)</th>", vi
    )


def filter_labels(page):
    """The finder's filters other than the national taxonomies (content,
    translated like pages): ``{(name, value): label}``."""
    labels = re.findall(
        r'<input type="(?:checkbox|radio)" name="(\w+)" value="([^"]*)"[^>]*>'
        r"\s*([^<]*?)\s*(?:<span|</label>)",
        page,
    )
    return {
        (name, value): label
        for name, value, label in labels
        if name not in ("category", "audience")
    }


def test_the_khmer_finder_has_the_vietnamese_interface(client):
    km, vi, en = (html(client, f"/{code}/search/") for code in ("km", "vi", "en"))
    assert '<html lang="km">' in km
    assert filter_labels(km) == filter_labels(vi)
    assert_vietnamese_words(
        km,
        vi,
        en,
        {
            "Home": "Trang chủ",
            "This month": "Tháng này",
            "English": "Tiếng Anh",
            "Japanese": "Tiếng Nhật",
            "Monday": "Thứ Hai",
            "Sunday": "Chủ nhật",
        },
    )


def test_the_khmer_finder_finds_khmer_courses_and_writes_them_the_vietnamese_way(
    client,
):
    """Its default language is still Khmer: the Khmer course, by its Khmer
    title, at its /km/ URL; its class days and fee as the Vietnamese finder
    writes them."""
    course = khmer_course()
    km = html(client, "/km/search/", q=course.title)
    assert f'href="{course.url}"' in km and course.title in km
    days = re.findall(TIMES, km)
    assert days and not any(KHMER.search(day) for day in days)
    assert all(day.startswith("Thứ Hai ") for day in days), days

    # The fees of the Vietnamese courses it falls back to, as on /vi/search/.
    km = html(client, "/km/search/", q="tin hoc")
    vi = html(client, "/vi/search/", q="tin hoc")
    fees = re.findall(r'<dd class="fee"[^>]*>([^<]*)</dd>', km)
    assert fees and fees == re.findall(r'<dd class="fee"[^>]*>([^<]*)</dd>', vi)
    assert any(fee.endswith("000 ₫") for fee in fees) and "VND" not in km
