"""A page that is not translated is shown in Vietnamese at the reader's URL, with a
note in the reader's interface language, rather than a 404."""

import re

import pytest
from django.utils import translation

from courses.models import CoursePage
from tests.translations.pages import untranslated

pytestmark = pytest.mark.django_db


def untranslated_course():
    return untranslated(CoursePage).first()


def at(language, page):
    """``page``'s path under ``language``'s prefix."""
    return f"/{language}/" + page.url.split("/", 2)[2]


def test_untranslated_course_is_shown_in_vietnamese_with_an_english_note(client):
    course = untranslated_course()
    response = client.get(at("en", course))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{course.title}</h1>" in html.replace("&#x27;", "'")
    assert '<html lang="vi">' in html
    note = re.search(
        r'<p class="notice translation-note" role="note" lang="en">(.*?)</p>',
        html,
        re.S,
    )
    assert note and "not available in English yet" in note.group(1)
    # The reader keeps an English interface around the Vietnamese content.
    assert '<header class="site-header" lang="en">' in html
    # Search engines are pointed at the Vietnamese page.
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical.endswith(course.url)
    assert '<meta name="robots" content="noindex">' in html


def test_in_a_language_without_interface_the_note_is_in_vietnamese(client):
    """The note is in Vietnamese; the reader's language is named in itself
    inside it, and marked so for screen readers."""
    course = untranslated_course()
    html = client.get(at("hmn", course)).content.decode()
    with translation.override("vi"):
        expected = translation.gettext(
            "This page is not available in %(language)s yet, so it is shown in "
            "Vietnamese."
        ) % {"language": '<span lang="hmn">Hmoob</span>'}
    assert expected != (
        'This page is not available in <span lang="hmn">Hmoob</span> yet, so it '
        "is shown in Vietnamese."
    )
    assert (
        f'<p class="notice translation-note" role="note" lang="vi">{expected}</p>'
        in html
    )


def test_translated_pages_show_no_note(client):
    course = (
        CoursePage.objects.live().filter(locale__language_code="en").order_by("path")
    ).first()
    html = client.get(course.url).content.decode()
    assert "translation-note" not in html
    assert '<html lang="en">' in html


def test_a_timetable_of_an_untranslated_centre_falls_back_too(client):
    centre = untranslated_course().get_parent()
    response = client.get(at("km", centre) + "timetable/")
    assert response.status_code == 200
    assert "translation-note" in response.content.decode()


def test_a_path_that_exists_in_no_language_is_still_a_404(client):
    assert client.get("/en/no-such-province/").status_code == 404
    assert client.get("/vi/no-such-province/").status_code == 404
    course = untranslated_course()
    assert client.get(at("en", course) + "no-such-page/").status_code == 404


def test_vietnamese_draft_pages_are_not_shown_through_the_fallback(client):
    course = untranslated_course()
    course.unpublish()
    assert client.get(at("en", course)).status_code == 404


def test_lists_show_untranslated_pages_in_vietnamese_under_the_readers_prefix(client):
    """A Khmer reader of a province page finds every centre: none is translated
    into Khmer, so all are listed in Vietnamese, marked so, and linked under /km/."""
    from centres.models import CentrePage, ProvincePage

    vi_province = (
        ProvincePage.objects.filter(locale__language_code="vi")
        .filter(
            path__in=[
                c.path[:-4]
                for c in CentrePage.objects.filter(locale__language_code="vi")[:1]
            ]
        )
        .get()
    )
    centres = CentrePage.objects.live().child_of(vi_province)
    km_province = vi_province.get_translation(
        vi_province.locale.__class__.objects.get(language_code="km")
    )
    html = client.get(km_province.url).content.decode().replace("&#x27;", "'")
    for centre in centres:
        link = f'<a href="{at("km", centre)}" lang="vi">{centre.title}</a>'
        assert link in html
    response = client.get(at("km", centres[0]))
    assert response.status_code == 200
    assert "translation-note" in response.content.decode()


def test_a_translated_centre_lists_translated_and_untranslated_courses(client):
    en_centre = (
        CoursePage.objects.live()
        .filter(locale__language_code="en")
        .first()
        .get_parent()
    )
    vi_centre = en_centre.get_translation(en_centre.locale.get_default())
    html = client.get(en_centre.url).content.decode().replace("&#x27;", "'")
    for course in CoursePage.objects.live().child_of(vi_centre):
        english = course.get_translation_or_none(en_centre.locale)
        if english is not None and english.live:
            assert f'href="{english.url}"' in html
            assert course.title not in html or course.title == english.title
        else:
            assert f'href="{at("en", course)}"' in html


@pytest.mark.parametrize("language", ["vi", "en", "km"])
def test_a_lists_urls_made_from_its_parents_are_wagtails(rf, language):
    """``with_reader_urls`` makes each page's URL from its parent's: the same
    URL as Wagtail's for the page, under the reader's prefix, for courses of
    several centres in both languages."""
    from portal.selectors import with_reader_urls
    from portal.templatetags.portal_tags import readerurl

    live = CoursePage.objects.live().order_by("path")
    courses = [
        *live.filter(locale__language_code="vi")[:30],
        *live.filter(locale__language_code="en")[:10],
    ]
    assert len({course.path[:-4] for course in courses}) > 1
    assert len({course.locale_id for course in courses}) > 1
    request = rf.get("/")
    with translation.override(language):
        expected = [readerurl({"request": request}, course) for course in courses]
        listed = with_reader_urls(courses, request)
        assert [course.reader_href for course in listed] == expected
        assert [readerurl({"request": request}, c) for c in listed] == expected
    assert with_reader_urls([]) == []
