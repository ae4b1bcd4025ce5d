"""The national counts on the home page, read from the finder's index, follow
publishing at once."""

import pytest
from django.db import connection
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page

from centres.models import CentrePage
from courses.models import CoursePage
from portal.models import HomePage
from portal.selectors import live_centre_count
from search.selectors import live_course_count

pytestmark = pytest.mark.django_db


def shown_counts(client):
    home = HomePage.objects.get(locale__language_code="vi")
    html = client.get(home.url).content.decode()
    centres = CentrePage.objects.live().filter(locale=home.locale).count()
    courses = CoursePage.objects.live().filter(locale=home.locale).count()
    assert live_centre_count(home.locale) == centres
    assert live_course_count("vi") == courses
    for n in (centres, courses):
        assert f"<strong>{n:,}</strong>".replace(",", ".") in html
    return centres, courses


def test_home_page_counts_follow_unpublish_and_publish(client):
    centres, courses = shown_counts(client)
    course = CoursePage.objects.live().filter(locale__language_code="vi").first()
    course.unpublish()
    assert shown_counts(client) == (centres, courses - 1)
    course.get_latest_revision().publish()
    assert shown_counts(client) == (centres, courses)


def test_home_page_counts_follow_a_centre_unpublished_with_its_courses(
    client, admin_user
):
    centres, courses = shown_counts(client)
    centre = CentrePage.objects.live().filter(locale__language_code="vi").first()
    live_children = CoursePage.objects.live().child_of(centre).count()
    assert live_children
    UnpublishPageAction(centre, user=admin_user, include_descendants=True).execute()
    assert shown_counts(client) == (centres - 1, courses - live_children)


def test_home_page_counts_in_english(client):
    """An English reader reaches every course, translated or shown in
    Vietnamese: the English home page shows the national count."""
    home = HomePage.objects.get(locale__language_code="en")
    courses = CoursePage.objects.live().filter(locale__language_code="vi").count()
    assert live_course_count("vi") == courses
    assert live_course_count("en") < courses  # not all are translated
    assert f"<strong>{courses:,}</strong>" in client.get(home.url).content.decode()


def test_the_course_count_is_the_vocabularys_count_of_entries():
    """The vocabulary counts the index's entries of each language with every
    write (search.spelling.ENTRIES): the count is read there, and it is the
    count of the entries themselves, in every language."""
    from search.models import CourseIndexEntry

    for code in ("vi", "en"):
        entries = CourseIndexEntry.objects.filter(locale=code).count()
        assert entries and live_course_count(code) == entries
    assert (
        live_course_count("km") == CourseIndexEntry.objects.filter(locale="km").count()
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_sqlite_counts_the_live_centres_from_their_index():
    """Migration portal 0006: the live pages by type and language."""
    home = HomePage.objects.get(locale__language_code="vi")
    centres = Page.objects.type(CentrePage).filter(live=True, locale=home.locale)
    # As .count() asks it: without the pages' order.
    sql, params = centres.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(row[-1] for row in cursor.fetchall())
    assert "portal_page_live_type" in plan
