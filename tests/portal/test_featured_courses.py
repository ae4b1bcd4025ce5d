"""Editors choose the courses the home page features: in the admin, in their order,
each shown in the reader's language where it is translated."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.models import CourseOccurrence, CoursePage
from portal.models import HomePage
from portal.services import home_featured_set

pytestmark = pytest.mark.django_db


def home(language="vi"):
    return HomePage.objects.get(locale__language_code=language)


def featured_titles(client, page):
    html = client.get(page.url).content.decode()
    section = re.search(
        r'<section aria-labelledby="featured-heading">(.*?)</section>', html, re.S
    )
    if section is None:
        return None
    return re.findall(
        r'<h3 class="card-title"(?: lang="[^"]+")?><a href="[^"]+">([^<]+)</a>',
        section.group(1),
    )


def with_upcoming_class(language="vi", translated_to=None):
    courses = CoursePage.objects.live().filter(locale__language_code=language)
    soon = CourseOccurrence.objects.filter(cancelled=False, end__gte=timezone.now())
    courses = courses.filter(translation_key__in=soon.values("translation_key"))
    if translated_to:
        keys = CoursePage.objects.filter(locale__language_code=translated_to)
        courses = courses.filter(translation_key__in=keys.values("translation_key"))
        return courses
    keys = CoursePage.objects.exclude(locale__language_code=language)
    return courses.exclude(translation_key__in=keys.values("translation_key"))


def test_demo_home_page_features_courses(client):
    titles = featured_titles(client, home())
    assert titles and len(titles) == 4
    assert len(set(titles)) == 4


def test_an_editor_chooses_featured_courses_in_the_admin(admin_client):
    page = home()
    first, second = with_upcoming_class(translated_to="en").order_by("code")[:2]
    existing = list(page.featured_courses.all())
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "featured_courses": inline_formset(
                [
                    # The demo's choice is removed, then two courses are chosen.
                    *[
                        {"id": item.pk, "course": item.course_id, "DELETE": "on"}
                        for item in existing
                    ],
                    {"course": second.pk},
                    {"course": first.pk},
                ],
                initial=len(existing),
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert featured_titles(admin_client, home()) == [second.title, first.title]


def test_translated_home_shows_translations_and_falls_back_to_vietnamese(client):
    translated = with_upcoming_class(translated_to="en").order_by("code").first()
    untranslated = with_upcoming_class().order_by("code").first()
    home_featured_set(home(), [translated, untranslated], publish=True)

    english = translated.get_translation(Locale.objects.get(language_code="en"))
    assert featured_titles(client, home("en")) == [english.title, untranslated.title]
    html = client.get(home("en").url).content.decode()
    # The Vietnamese course's title on the English page is marked as
    # Vietnamese text, and only its title: its labels are the reader's.
    assert re.search(
        r'<article class="card">\s*<h3 class="card-title" lang="vi"><a href="[^"]+">'
        + re.escape(untranslated.title),
        html,
    )


def test_a_course_without_upcoming_classes_is_left_out(client):
    course = with_upcoming_class().order_by("code").first()
    home_featured_set(home(), [course], publish=True)
    assert featured_titles(client, home()) == [course.title]
    CourseOccurrence.objects.filter(translation_key=course.translation_key).delete()
    assert featured_titles(client, home()) is None


def test_choosing_the_same_courses_again_writes_no_revision():
    page = home()
    courses = list(with_upcoming_class().order_by("code")[:3])
    home_featured_set(page, courses, publish=True)
    revisions = page.revisions.count()
    assert home_featured_set(home(), courses, publish=True) == "unchanged"
    assert home().revisions.count() == revisions
