"""A page's view restrictions (its own and its ancestors') are read in one
query, and are the ones Wagtail's own method finds: a password or login on a
province keeps every centre and course under it from readers."""

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def _course():
    return CoursePage.objects.live().filter(locale__language_code="vi").first()


def _restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="mat-khau"
    )


def _both(page):
    """Ours, then Wagtail's own, as sets of restriction ids."""
    ours = {r.pk for r in page.get_view_restrictions()}
    wagtails = {r.pk for r in Page.get_view_restrictions(page)}
    return ours, wagtails


def test_each_level_restricts_the_pages_under_it(django_assert_num_queries):
    course = _course()
    centre = course.get_parent().specific
    province = centre.get_parent().specific
    home = province.get_parent().specific
    pages = [home, province, centre, course]
    for page in pages:
        assert _both(page) == (set(), set())
    restricted = {}
    for level, page in enumerate(pages):
        restricted[level] = _restrict(page, PageViewRestriction.LOGIN).pk
        for below, other in enumerate(pages):
            ours, wagtails = _both(other)
            assert ours == wagtails
            assert ours == {restricted[k] for k in restricted if k <= below}
    with django_assert_num_queries(1):
        list(course.get_view_restrictions())


def test_an_alias_takes_its_source_pages_restrictions():
    course = _course()
    source = (
        CoursePage.objects.live()
        .filter(locale=course.locale)
        .exclude(pk=course.pk)
        .first()
    )
    # The course's row made an alias of another course, as Wagtail's
    # create_alias records one (the course's own code check aside).
    Page.objects.filter(pk=course.pk).update(alias_of=source)
    alias = CoursePage.objects.get(pk=course.pk)
    restriction = _restrict(source)
    ours, wagtails = _both(alias)
    assert ours == wagtails == {restriction.pk}
    # A restriction on the alias's own row is not the source's: Wagtail
    # checks the source instead, and so does the portal.
    _restrict(alias)
    assert _both(alias) == ({restriction.pk}, {restriction.pk})


def test_a_password_on_a_province_asks_for_it_before_a_course_beneath():
    course = _course()
    province = course.get_parent().get_parent()
    reader = Client()
    assert course.title in reader.get(course.url).content.decode()
    _restrict(province)
    response = reader.get(course.url)
    body = response.content.decode()
    assert course.title not in body
    assert 'name="password"' in body
