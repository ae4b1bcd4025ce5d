"""Every public page renders on the demo data, in Vietnamese and English, with its
title, language, description and breadcrumbs, and in a number of queries that does
not grow with the number of courses."""

import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from centres.models import CentrePage, ProvincePage
from courses.models import CoursePage, CurriculumIndexPage, CurriculumPage
from portal.collation import place_sort_key, sort_key
from portal.models import HomePage

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    HomePage,
    ProvincePage,
    CentrePage,
    CoursePage,
    CurriculumIndexPage,
    CurriculumPage,
]
# The home page is the largest: 25 when it is the first request of the run, its
# provinces read by key in three short queries (portal.selectors).
MAX_QUERIES = 25


def a_page(page_type, language="vi"):
    pages = page_type.objects.live().filter(locale__language_code=language)
    if page_type is ProvincePage:
        # A province with centres, so the list is not empty.
        pages = pages.filter(
            path__in=[
                c.path[:-4]
                for c in CentrePage.objects.live().filter(
                    locale__language_code=language
                )[:1]
            ]
        )
    return pages.order_by("path").first()


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_page_renders_with_title_lang_and_description(client, page_type, language):
    page = a_page(page_type, language)
    assert page is not None, f"the demo data has no {page_type.__name__} in {language}"
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert page.title.split()[0] in title
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert description and description.group(1).strip()
    assert f"<h1>{page.title}</h1>" in html.replace("&#x27;", "'")


def test_breadcrumbs_follow_the_tree(client):
    course = a_page(CoursePage)
    centre = course.get_parent()
    province = centre.get_parent()
    html = client.get(course.url).content.decode()
    crumbs = html[html.index('<nav class="breadcrumbs') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    positions = [crumbs.index(p.url) for p in (province, centre)]
    assert positions == sorted(positions)
    assert 'aria-current="page"' in crumbs


@pytest.mark.parametrize("language", ["vi", "en"])
def test_province_page_links_every_centre_at_its_url_by_commune(client, language):
    """Each centre is linked at the URL Wagtail gives it, with its address,
    under its commune's heading, communes and centres in Vietnamese
    alphabetical order (communes without their type word)."""
    province = a_page(ProvincePage, language)
    html = client.get(province.url).content.decode().replace("&#x27;", "'")
    centres = sorted(
        CentrePage.objects.live().child_of(province).select_related("commune"),
        key=lambda c: (
            place_sort_key(c.commune.name),
            c.commune.code,
            sort_key(c.title),
        ),
    )
    assert centres
    positions = []
    for centre in centres:
        link = f'<a href="{centre.url}">{centre.title}</a>'
        assert link in html
        heading = f'<h2 id="commune-{centre.commune.code}">{centre.commune.name}</h2>'
        assert html.index(heading) < html.index(link)
        positions.append(html.index(link))
    assert positions == sorted(positions)


def test_centre_page_lists_its_courses_with_next_session_and_map_link(client):
    centre = a_page(CentrePage).specific
    html = client.get(centre.url).content.decode()
    for course in CoursePage.objects.live().child_of(centre):
        assert course.title.replace("'", "&#x27;") in html
    assert "openstreetmap.org" in html
    assert "<time datetime=" in html


def test_course_page_shows_upcoming_sessions(client):
    course = a_page(CoursePage)
    html = client.get(course.url).content.decode()
    occurrence = course.occurrences.order_by("-start").first()
    assert occurrence is not None
    assert occurrence.place in html


def test_fee_is_formatted_for_the_reader(client):
    course = (
        CoursePage.objects.live()
        .filter(locale__language_code="vi", fee_vnd__gte=1000)
        .first()
    )
    vi = client.get(course.url).content.decode()
    assert f"{course.fee_vnd:,}".replace(",", ".") + "\u00a0₫" in vi or (
        f"{course.fee_vnd:,}".replace(",", ".") + " ₫" in vi
    )
    en_course = course.get_translation_or_none(Locale.objects.get(language_code="en"))
    if en_course:
        en = client.get(en_course.url).content.decode()
        assert f"{course.fee_vnd:,} VND" in en


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_queries_per_page_are_bounded(client, page_type):
    page = a_page(page_type)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    assert len(queries) <= MAX_QUERIES, "\n".join(q["sql"] for q in queries)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_courses(tmp_path, centre, n):
    source = CoursePage.objects.live().child_of(centre).first().specific
    courses = [
        {
            "code": f"{centre.code}-EXTRA-{i}",
            "centre": centre.code,
            "title": f"Lớp bổ sung {i}",
            "category": source.category.slug,
            "audiences": ["everyone", "older-adults"],
            "sessions": [
                {
                    "start": "2030-05-04T08:00",
                    "end": "2030-05-04T10:00",
                    "repeat": {"weekdays": ["mo", "th"], "count": 6},
                }
            ],
            "translations": {"en": {"title": f"Extra class {i}"}},
        }
        for i in range(n)
    ]
    path = tmp_path / "more.json"
    path.write_text(json.dumps({"courses": courses}, ensure_ascii=False))
    call_command("import_catalogue", str(path), "--publish", "--no-progress")


@pytest.mark.parametrize(
    "page_type", [HomePage, ProvincePage, CentrePage, CurriculumPage]
)
def test_queries_do_not_grow_with_the_number_of_courses(client, tmp_path, page_type):
    page = a_page(page_type)
    centre = (
        page
        if page_type is CentrePage
        else CentrePage.objects.live().descendant_of(page).first()
        if page_type in (HomePage, ProvincePage)
        else CentrePage.objects.live().filter(locale__language_code="vi").first()
    )
    # The first request of a process fills caches (the list of locales).
    client.get(page.url)
    before = count_queries(client, page.url)
    # Twice the courses the centre had: a query per course would show.
    add_courses(tmp_path, centre, 5)
    assert CoursePage.objects.child_of(centre).count() >= 10
    assert count_queries(client, page.url) == before
