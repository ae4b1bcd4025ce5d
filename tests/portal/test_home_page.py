"""What the home page (and the province page) tells a reader: the numbers of
centres and courses they can reach, and the classes that start soon."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.utils import timezone

from centres.models import CentrePage
from courses.models import CourseOccurrence, CoursePage
from portal.models import HomePage

pytestmark = pytest.mark.django_db

LANGUAGES = ["vi", "en", "km", "tyz", "hmn"]


def stats(html):
    block = html[html.index('<ul class="stats"') :]
    block = block[: block.index("</ul>")]
    return [
        int(n.replace(".", "").replace(",", ""))
        for n in re.findall(r"<strong>([\d.,]+)</strong>", block)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_counts_every_centre_and_course_its_reader_can_reach(
    client, language
):
    """Every Vietnamese centre and course is reachable from the home page of
    each language, translated or shown in Vietnamese: the counts are the
    national ones, not the number translated into the page's language."""
    home = HomePage.objects.live().get(locale__language_code=language)
    html = client.get(home.url).content.decode()
    centres = CentrePage.objects.live().filter(locale__language_code="vi").count()
    courses = CoursePage.objects.live().filter(locale__language_code="vi").count()
    assert centres and courses
    assert stats(html) == [centres, courses]


def local_iso(moment):
    return Template("{{ moment|date:'c' }}").render(Context({"moment": moment}))


@pytest.fixture
def class_under_way():
    """A Vietnamese course with a class that began 40 minutes ago and one that
    starts in two minutes (sooner than any other course's)."""
    now = timezone.now().replace(second=0, microsecond=0)
    course = (
        CoursePage.objects.live()
        .filter(locale__language_code="vi", occurrences__isnull=False)
        .order_by("path")
        .first()
    )
    under_way = CourseOccurrence.objects.create(
        course=course,
        translation_key=course.translation_key,
        start=now - dt.timedelta(minutes=40),
        end=now + dt.timedelta(minutes=50),
        place="Phòng 1",
    )
    soon = CourseOccurrence.objects.create(
        course=course,
        translation_key=course.translation_key,
        start=now + dt.timedelta(minutes=2),
        end=now + dt.timedelta(minutes=92),
        place="Phòng 2",
    )
    return course, under_way, soon


def upcoming_section(html):
    section = html[html.index('id="upcoming-heading"') :]
    return section[: section.index("</section>")]


@pytest.mark.parametrize("page", ["home", "province"])
def test_starting_soon_shows_the_class_that_starts_soon(client, class_under_way, page):
    course, under_way, soon = class_under_way
    url = (
        HomePage.objects.get(locale__language_code="vi").url
        if page == "home"
        else course.get_parent().get_parent().url
    )
    section = upcoming_section(client.get(url).content.decode())
    assert course.title in section
    assert f'<time datetime="{local_iso(soon.start)}">' in section
    assert local_iso(under_way.start) not in section
    now = timezone.now()
    for shown in re.findall(r'<time datetime="([^"]+)">', section):
        assert dt.datetime.fromisoformat(shown) >= now - dt.timedelta(minutes=1)
