"""What the home page tells a reader: the numbers of centres and courses they
can reach."""

import re

import pytest

from centres.models import CentrePage
from courses.models import CoursePage
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
