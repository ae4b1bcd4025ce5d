"""A course's categories and audiences are in its own language: the form offers
and accepts no other, and a page that holds another language's term (saved
before) still shows everywhere its terms are named (found by an audit: a
Vietnamese course given the English "Older adults" failed with KeyError)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses.models import Audience, Category, CoursePage
from search.services import course_index_update
from tests.courses.test_course_admin import course_edit_form
from tests.factories import first_live_course

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def _english(model, slug):
    return model.objects.get(slug=slug, locale__language_code="en")


def _vietnamese(model, slug):
    return model.objects.get(slug=slug, locale__language_code="vi")


def test_the_form_offers_only_the_courses_language_audiences(staff_client):
    course = first_live_course()
    html = staff_client.get(edit_url(course)).content.decode()
    assert _vietnamese(Audience, "older-adults").name in html
    assert f'value="{_english(Audience, "older-adults").pk}"' not in html
    assert _english(Audience, "older-adults").name not in html


@pytest.mark.parametrize("field", ["audiences", "category"])
def test_the_form_refuses_a_term_of_another_language(staff_client, field):
    course = first_live_course()
    form = course_edit_form(course)
    if field == "audiences":
        form["audiences"] = [str(_english(Audience, "older-adults").pk)]
    else:
        form["category"] = str(_english(Category, "literacy").pk)
    response = staff_client.post(edit_url(course), form)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    course.refresh_from_db()
    assert course.category.locale_id == course.locale_id
    assert all(a.locale_id == course.locale_id for a in course.audiences.all())


def test_a_course_holding_another_languages_term_still_shows_everywhere(
    staff_client,
):
    """A course saved with an English audience and category before the form
    refused them: every page, feed and API that labels them still answers."""
    course = first_live_course()
    english = _english(Audience, "older-adults")
    # Written as an old save left them (a page's relation is saved with it).
    CoursePage.audiences.through.objects.bulk_create(
        CoursePage.audiences.through(coursepage_id=course.pk, audience_id=audience.pk)
        for audience in (english, _vietnamese(Audience, "older-adults"))
        if not course.audiences.filter(pk=audience.pk).exists()
    )
    CoursePage.objects.filter(pk=course.pk).update(
        category=_english(Category, "literacy")
    )
    course.refresh_from_db()
    course_index_update([course])  # the finder's index labels them too
    reader = Client()
    with translation.override("vi"):
        page = reader.get(course.url)
    assert page.status_code == 200
    html = page.content.decode()
    # Named once, in the page's language.
    assert html.count(f"<li>{_vietnamese(Audience, 'older-adults').name}</li>") == 1
    assert english.name not in html
    assert _vietnamese(Category, "literacy").name in html
    centre = course.get_parent().specific
    for url in (
        centre.url,
        reverse("centre_feed", kwargs={"code": centre.code}),
        reverse("course_calendar", kwargs={"code": course.code}),
        f"/api/v2/pages/{course.pk}/",
        reverse("course_search") + "?q=" + course.title,
    ):
        assert reader.get(url).status_code == 200, url
    # Its edit form shows the Vietnamese terms, and saving keeps them so.
    response = staff_client.get(edit_url(course))
    form = response.context["form"]
    assert form.initial["category"] == _vietnamese(Category, "literacy").pk
    assert (
        form.initial["audiences"].count(_vietnamese(Audience, "older-adults").pk) == 1
    )
    assert english.pk not in form.initial["audiences"]
