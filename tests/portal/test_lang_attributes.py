"""Screen readers pronounce text in the language its ``lang`` says: the
language of the content is on the content, the interface's on the interface."""

import pytest
from wagtail.models import Locale

from centres.models import CentrePage
from portal.models import HomePage
from tests.factories import english_withdrawn

pytestmark = pytest.mark.django_db


def home_html(client, language):
    home = HomePage.objects.live().get(locale__language_code=language)
    return client.get(home.url).content.decode()


def test_the_sites_vietnamese_name_is_marked_on_english_pages(client):
    html = home_html(client, "en")
    assert '<a href="/en/" lang="vi">Học tập cộng đồng</a>' in html
    assert '<strong lang="vi">Học tập cộng đồng</strong>' in html
    vi = home_html(client, "vi")
    assert '<a href="/vi/">Học tập cộng đồng</a>' in vi


def test_an_untranslated_course_card_marks_its_title_not_the_readers_labels(client):
    html = home_html(client, "en")
    assert '<article class="card" lang=' not in html
    assert '<h3 class="card-title" lang="vi">' in html
    assert '<h3 class="card-title">' in html  # the translated ones
    assert '<dl class="facts">' in html and '<dl class="facts" lang=' not in html


def test_vietnamese_interface_is_marked_on_a_khmer_page(client):
    """Khmer has no interface catalogue: its labels are Vietnamese."""
    html = home_html(client, "km")
    assert '<html lang="km">' in html
    assert '<ul class="stats" lang="vi">' in html
    assert '<h2 id="upcoming-heading" lang="vi">' in html


def test_english_interface_is_marked_on_a_page_shown_in_vietnamese(client):
    """An English reader of a centre that is not translated reads it in
    Vietnamese (html lang="vi") with English headings and labels."""
    centre, english = english_withdrawn(CentrePage.objects)
    response = client.get(english.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert f"<h1>{centre.title}</h1>" in html
    assert '<h2 id="courses-heading" lang="en">Courses at this centre</h2>' in html
    assert '<dt lang="en">Address</dt>' in html
    assert '<dl class="facts" lang="en">' in html


def test_a_course_shown_in_vietnamese_marks_its_english_labels(client):
    """The same on a course page: English headings, terms and column heads
    on an English page shown in Vietnamese; on a Vietnamese page none."""
    from courses.models import CoursePage

    course, english = english_withdrawn(CoursePage.objects)
    html = client.get(english.url).content.decode()
    assert '<html lang="vi">' in html
    assert '<dt lang="en">Category</dt>' in html
    assert '<h2 id="sessions-heading" lang="en">Upcoming sessions</h2>' in html
    assert '<th scope="col" lang="en">Place</th>' in html
    vi = client.get(course.url).content.decode()
    assert "<dt>Lĩnh vực</dt>" in vi
    assert 'lang="en"' not in vi.split("<main", 1)[1]


def test_what_the_vietnamese_interface_writes_on_a_khmer_page_is_marked(client):
    """The "Home" crumb, a course's class days and a finder result's facts
    are Vietnamese on a Khmer page (where Django's Khmer words once stood):
    marked so, and not on the Vietnamese page."""
    from tests.portal.test_interface_language import khmer_course

    course = khmer_course()
    vietnamese = course.get_translation(Locale.objects.get(language_code="vi"))
    html = client.get(course.url).content.decode()
    assert '<li><a href="/km/" lang="vi">Trang chủ</a></li>' in html
    assert '<td lang="vi"><time datetime=' in html
    # The level, mode, language and fee are the interface's words.
    assert '<dd lang="vi">' in html
    assert '<dd class="fee" lang="vi">' in html
    vi = client.get(vietnamese.url).content.decode()
    assert '<li><a href="/vi/">Trang chủ</a></li>' in vi
    assert "<td><time datetime=" in vi
    assert '<dd lang="vi">' not in vi
    assert '<dd class="fee">' in vi
    finder = client.get("/km/search/", {"q": course.title}).content.decode()
    assert '<dl class="facts" lang="vi">' in finder
    assert '<dl class="facts">' not in finder
    vi_finder = client.get("/vi/search/", {"q": "tin hoc"}).content.decode()
    assert '<dl class="facts">' in vi_finder


def test_the_khmer_finder_form_is_marked_vietnamese_and_its_khmer_terms_khmer(client):
    """On a Khmer page the finder's form is the Vietnamese interface, but a
    subject translated into Khmer is named in Khmer inside it; on the English
    page a subject not yet translated keeps its Vietnamese name, marked so."""
    from courses.models import Category

    km = Locale.objects.get(language_code="km")
    en = Locale.objects.get(language_code="en")
    vi_terms = Category.objects.filter(locale__language_code="vi").order_by("pk")
    translated, untranslated = vi_terms[0], vi_terms[1]
    khmer = Category.objects.filter(
        translation_key=translated.translation_key, locale=km
    ).first() or translated.copy_for_translation(km)
    khmer.name = "ជំនាញឌីជីថល"
    khmer.save()
    Category.objects.filter(
        translation_key=untranslated.translation_key, locale=en
    ).delete()

    html = client.get("/km/search/").content.decode()
    assert '<h1 lang="vi">' in html
    assert 'data-locale="km" lang="vi">' in html
    assert '<span lang="km">ជំនាញឌីជីថល</span>' in html
    assert f'<span lang="vi">{untranslated.name}</span>' not in html

    english = client.get("/en/search/").content.decode()
    assert "<h1>" in english
    assert f'<span lang="vi">{untranslated.name}</span>' in english
    assert '<span lang="en">' not in english

    vietnamese = client.get("/vi/search/").content.decode()
    assert "<h1>" in vietnamese
    assert "<span lang=" not in vietnamese
