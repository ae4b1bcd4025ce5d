"""Every language the portal offers: its URLs, its `lang`, its interface catalogue
(or the Vietnamese fallback), the switcher and hreflang, and formats for readers."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from centres.models import ProvincePage
from courses.models import CoursePage
from portal.models import HomePage
from portal.templatetags.portal_tags import number, vnd
from tests.portal.test_public_pages import PAGE_TYPES
from tests.translations.pages import translated, untranslated

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def test_the_languages_of_vietnam_are_offered():
    assert LANGUAGES == ["vi", "en", "km", "tyz", "hmn"]
    assert set(Locale.objects.values_list("language_code", flat=True)) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_and_province_pages_exist_in_every_language(client, language):
    home = HomePage.objects.get(locale__language_code=language)
    province = ProvincePage.objects.filter(locale__language_code=language).first()
    for page in (home, province):
        assert page.url.startswith(f"/{language}/")
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}">' in html


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_renders_in_every_language(client, page_type, language):
    """In its own translation where there is one, else as the Vietnamese page
    served at the reader's URL."""
    page = page_type.objects.live().filter(locale__language_code=language).first()
    if page is None:
        source = page_type.objects.live().filter(locale__language_code="vi").first()
        url = f"/{language}/" + source.url.split("/", 2)[2]
        response = client.get(url)
        assert response.status_code == 200
        assert source.title in response.content.decode().replace("&#x27;", "'")
        return
    response = client.get(page.url)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_a_language_without_an_interface_catalogue_shows_the_interface_in_vietnamese(
    client,
):
    html = client.get("/tyz/").content.decode()
    assert '<html lang="tyz">' in html
    with translation.override("vi"):
        search = translation.gettext("Find a course")
    assert search != "Find a course"
    header = re.search(r'<header class="site-header"( lang="[a-z]+")?>', html)
    assert header.group(1) == ' lang="vi"'
    assert search in html


def test_english_interface_is_english_and_not_marked_otherwise(client):
    html = client.get("/en/").content.decode()
    assert '<header class="site-header">' in html
    assert "Find a course" in html


def test_switcher_and_hreflang_offer_only_existing_translations(client):
    course = translated(CoursePage, "en").first()
    html = client.get(course.url).content.decode()
    hreflangs = re.findall(r'<link rel="alternate" hreflang="([a-z]+)"', html)
    assert hreflangs == ["vi", "en"]
    switcher = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    assert re.findall(r'hreflang="([a-z]+)"', switcher) == ["vi", "en"]

    html = client.get(untranslated(CoursePage).first().url).content.decode()
    assert 'class="languages"' not in html
    assert 'rel="alternate" hreflang' not in html


def test_an_unpublished_translation_is_not_offered(client):
    course = translated(CoursePage, "en").first()
    english = course.get_translation(Locale.objects.get(language_code="en"))
    english.unpublish()
    html = client.get(course.url).content.decode()
    assert 'rel="alternate" hreflang' not in html
    assert 'class="languages"' not in html


@pytest.mark.parametrize(
    ("language", "amount", "fee"),
    [
        ("vi", "1.234.567", "150.000 ₫"),
        ("km", "1.234.567", "150.000 ₫"),
        ("tyz", "1.234.567", "150.000 ₫"),
        ("hmn", "1.234.567", "150.000 ₫"),
        ("en", "1,234,567", "150,000 VND"),
    ],
)
def test_numbers_and_fees_are_formatted_for_the_reader(language, amount, fee):
    with translation.override(language):
        assert number(1234567) == amount
        assert vnd(150000) == fee


@pytest.mark.parametrize(
    "language", [code for code in LANGUAGES if code not in settings.INTERFACE_LANGUAGES]
)
def test_a_vietnamese_interface_has_the_vietnamese_formats(language):
    """Every date and number format of a language whose interface is Vietnamese
    is the Vietnamese one (portal/formats/<code>), not Django's own for the
    language (Khmer's wrote dates "j ខែ F ឆ្នាំ Y")."""
    from django.utils.formats import FORMAT_SETTINGS, get_format

    for name in FORMAT_SETTINGS:
        assert get_format(name, language) == get_format(name, "vi"), name
