"""Screen readers pronounce text in the language its ``lang`` says: the
language of the content is on the content, the interface's on the interface."""

import re
from html.parser import HTMLParser

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


# Letters only Vietnamese writes among the portal's languages.
VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
    re.IGNORECASE,
)
KHMER = re.compile("[\u1780-\u17ff]")


class BodyTexts(HTMLParser):
    """Each text of a page's body, with the language its nearest ``lang`` names."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link"}
    VOID |= {"meta", "param", "source", "track", "wbr"}
    UNREAD = {"head", "script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.open = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            inherited = self.open[-1][1] if self.open else None
            self.open.append((tag, dict(attrs).get("lang") or inherited))

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            while self.open and self.open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if data.strip() and not any(tag in self.UNREAD for tag, _lang in self.open):
            self.texts.append((self.open[-1][1] if self.open else None, data.strip()))


def unmarked_vietnamese(html, language, names):
    """The texts of ``html`` read as ``language`` that are written in
    Vietnamese, once the proper names in ``names`` are left out of them
    (provinces, communes, streets, and the titles the content gives its
    pages: a centre's Khmer page may keep its Vietnamese name)."""
    parser = BodyTexts()
    parser.feed(html)
    names = sorted((name for name in names if name and name in html), key=len)
    found = []
    for lang, text in parser.texts:
        rest = text
        for name in reversed(names):
            rest = rest.replace(name, "")
        if lang == language and VIETNAMESE_LETTERS.search(rest):
            found.append(text)
    return found


def misread_khmer(html):
    """The texts of ``html`` written in Khmer that are not read as Khmer."""
    parser = BodyTexts()
    parser.feed(html)
    return [text for lang, text in parser.texts if KHMER.search(text) and lang != "km"]


@pytest.mark.parametrize("language", ["km", "en"])
def test_every_vietnamese_text_on_a_khmer_or_english_page_is_marked(client, language):
    """A Khmer reader's screen reader reads the Vietnamese interface, an
    untranslated subject or course, a curriculum's summary in Vietnamese, and
    so does an English reader's where the content is not translated yet. Every
    page a reader reaches from a translated course is read here; what it
    writes in Vietnamese must say so, but for names; and what it writes in
    Khmer (a subject translated into Khmer) must not be read as Vietnamese."""
    from centres.models import Commune, Province, ProvincePage
    from courses.models import CoursePage, CurriculumPage
    from tests.portal.test_interface_language import khmer_course

    locale = Locale.objects.get(language_code=language)
    course = khmer_course().get_translation(locale)
    # The course's subject is translated into Khmer, its audience is not.
    km = Locale.objects.get(language_code="km")
    subject = course.category.get_translation_or_none(km)
    subject = subject or course.category.copy_for_translation(km)
    subject.name = "អក្ខរកម្ម"
    subject.save()
    centre = course.get_parent().specific
    curriculum = CurriculumPage.objects.live().filter(locale__language_code="vi")[0]
    urls = [
        f"/{language}/",
        centre.get_parent().url,
        centre.url,
        course.url,
        f"{centre.url}timetable/?month=2030-01",
        f"/{language}/chuong-trinh/",
        f"/{language}/" + curriculum.url.split("/", 2)[2],
        f"/{language}/search/?q={course.title}",
        f"/{language}/search/?q=tin+hoc",
        f"/{language}/search/?q=xyzzy",
        f"/{language}/no-such-page/",
    ]
    names = {*Province.objects.values_list("name", flat=True)}
    names |= {*Commune.objects.values_list("name", flat=True)}
    names |= {*CentrePage.objects.values_list("address", flat=True)}
    for model in (ProvincePage, CentrePage, CoursePage):
        names |= {*model.objects.filter(locale=locale).values_list("title", flat=True)}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        html = response.content.decode()
        assert unmarked_vietnamese(html, language, names) == [], url
        assert misread_khmer(html) == [], url
    khmer = client.get(khmer_course().url).content.decode()
    assert "<dd>អក្ខរកម្ម</dd>" in khmer
    assert '<li lang="vi">Đồng bào dân tộc thiểu số</li>' in khmer
