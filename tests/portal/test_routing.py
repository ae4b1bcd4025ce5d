"""The home page routes a centre or a course by its URL path in one lookup
(HomePage.route), to the very page, view and arguments Wagtail's walk down the
tree finds, and leaves everything else to the walk."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from centres.models import CentrePage, ProvincePage
from courses.models import CoursePage, CurriculumPage
from portal.models import HomePage
from portal.services import page_latest
from tests.factories import english_withdrawn

pytestmark = pytest.mark.django_db


def components(page, home):
    return [part for part in page.url_path[len(home.url_path) :].split("/") if part]


def walked(home, parts):
    """What Wagtail's own walk returns for ``parts`` (or Http404)."""
    try:
        return Page.route(home, RequestFactory().get("/"), parts)
    except Http404:
        return Http404


def routed(home, parts):
    try:
        return home.route(RequestFactory().get("/"), parts)
    except Http404:
        return Http404


def same(a, b):
    if a is Http404 or b is Http404:
        return a is b

    def plain(args):
        # A routable page's view comes bound to the page instance routed.
        return [getattr(arg, "__func__", arg) for arg in args]

    return (
        a.page.pk == b.page.pk
        and type(a.page) is type(b.page)
        and plain(a.args) == plain(b.args)
        and a.kwargs == b.kwargs
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_page_type_routes_to_the_page_the_walk_finds(language):
    home = HomePage.objects.get(locale__language_code=language)
    for page_type in (ProvincePage, CentrePage, CoursePage, CurriculumPage):
        page = page_type.objects.live().filter(locale__language_code=language).last()
        parts = components(page, home)
        result = routed(home, parts)
        assert result.page.pk == page.pk and type(result.page) is page_type
        assert same(result, walked(home, parts))
    # A centre's own sub-page, and paths that are no page.
    centre = CentrePage.objects.live().filter(locale__language_code=language).last()
    for parts in (
        [*components(centre, home), "timetable"],
        [*components(centre, home), "no-such-course"],
        ["no-such-province", "no-such-centre"],
    ):
        assert same(routed(home, parts), walked(home, parts))
    assert routed(home, [*components(centre, home), "timetable"]).args


def test_a_course_is_routed_in_two_queries_with_its_centre_at_hand():
    home = HomePage.objects.get(locale__language_code="vi")
    course = CoursePage.objects.live().filter(locale__language_code="vi").last()
    parts = components(course, home)
    with CaptureQueriesContext(connection) as queries:
        result = routed(home, parts)
        # Wagtail's walk leaves the parent cached too: the course page asks.
        parent = result.page.get_parent()
    assert len(queries) == 2, [q["sql"] for q in queries]
    assert parent.pk == course.get_parent().pk
    with CaptureQueriesContext(connection) as queries:
        walked(home, parts)
    assert len(queries) == 6


def test_an_unpublished_course_is_a_404_and_its_new_slug_routes(client):
    course = CoursePage.objects.live().filter(locale__language_code="vi").last()
    url = course.url
    assert client.get(url).status_code == 200
    course.unpublish()
    assert client.get(url).status_code == 404
    latest = page_latest(course)
    latest.slug = "lop-moi-doi-ten"
    latest.save_revision().publish()
    moved = CoursePage.objects.get(pk=course.pk)
    assert moved.url.endswith("/lop-moi-doi-ten/") and moved.url != url
    response = client.get(moved.url)
    assert response.status_code == 200
    assert moved.title in response.content.decode()


def test_a_draft_translation_falls_back_to_the_vietnamese_page(client):
    """A translation started but not published (not live) is served as the
    Vietnamese page with its note, like a page not translated at all."""
    translated = CoursePage.objects.live().filter(locale__language_code="en")
    course, english = english_withdrawn(
        CoursePage.objects.filter(
            translation_key__in=translated.values("translation_key")
        )
    )
    response = client.get(english.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert f"<h1>{course.title}</h1>" in html.replace("&#x27;", "'")
    assert 'class="notice translation-note"' in html
