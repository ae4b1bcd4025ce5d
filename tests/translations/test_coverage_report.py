"""The translation coverage report in the admin: exact figures for a province
built here (Điện Biên has no demo centre), who sees which provinces and centres,
agreement with wagtail-localize's own progress, and a query count that does not
grow with the number of courses."""

import csv
import io
import json

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from centres.models import CentrePage, ProvincePage
from courses.catalogue import catalogue_import
from courses.models import CoursePage
from staff.models import StaffGroup, StaffScope
from tests.factories import CentreStaffFactory, ProvinceEditorFactory, UserFactory

pytestmark = pytest.mark.django_db

PROVINCE = "11"  # Tỉnh Điện Biên
LANGUAGES = ["en", "km", "tyz", "hmn"]
NATIONAL_URL = "/admin/translations/coverage/"


def _course(code, centre, translations=(), title=None):
    texts = {
        "title": title or f"Lớp {code}",
        "summary": f"Tóm tắt lớp {code}.",
        "description": f"Mô tả lớp {code}.",
        "how_to_join": f"Đăng ký lớp {code} tại trung tâm.",
    }
    return {
        "code": code,
        "centre": centre,
        **texts,
        "category": "digital-skills",
        "audiences": ["older-adults"],
        "teaching_language": "vi",
        "mode": "in_person",
        "fee_vnd": 0,
        "sessions": [
            {
                "start": "2030-01-08T18:00",
                "end": "2030-01-08T19:30",
                "repeat": {"weekdays": ["tu"], "count": 4},
            }
        ],
        # Every text translated: the translation starts complete.
        "translations": {
            code_: {key: f"[{code_}] {value}" for key, value in texts.items()}
            for code_ in translations
        },
    }


CATALOGUE = {
    "centres": [
        {
            "code": "DB-A",
            "name": "Trung tâm học tập cộng đồng phường Điện Biên Phủ",
            "province": PROVINCE,
            "commune": "Phường Điện Biên Phủ",
            "latitude": 21.4061,
            "longitude": 103.067,
            "translations": {"en": {"name": "Dien Bien Phu Learning Centre"}},
        },
        {
            "code": "DB-B",
            "name": "Trung tâm học tập cộng đồng phường Mường Lay",
            "province": PROVINCE,
            "commune": "Phường Mường Lay",
            "latitude": 22.0203,
            "longitude": 103.174,
        },
    ],
    "courses": [
        _course("DB-A-01", "DB-A", ["en", "km"]),
        _course("DB-A-02", "DB-A", ["en"]),
        _course("DB-A-03", "DB-A"),
        _course("DB-B-01", "DB-B", ["en"]),
    ],
}
# A draft: neither it nor its translation counts.
DRAFT = {"courses": [_course("DB-B-02", "DB-B", ["en", "km"])]}


def _province():
    return ProvincePage.objects.get(
        province__code=PROVINCE, locale=Locale.get_default()
    )


def _centre(code):
    return CentrePage.objects.get(code=code, locale=Locale.get_default())


def _course_page(code):
    return CoursePage.objects.get(code=code, locale=Locale.get_default())


def _province_url(province):
    return reverse("translations_coverage_province", args=(province.pk,))


def _publish_summary(client, course, summary):
    """Publish a new Vietnamese summary of ``course`` through the page editor."""
    from tests.courses.test_course_admin import course_edit_form

    form = course_edit_form(course, summary=summary)
    response = client.post(reverse("wagtailadmin_pages:edit", args=(course.pk,)), form)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture(scope="module")
def _dien_bien_built(django_db_setup, django_db_blocker):
    """Điện Biên with two centres and four live courses (DB-A: three, one
    translated into English and Khmer, one into English, one not at all; DB-B:
    one translated into English) and a draft course; then DB-A-02's Vietnamese
    summary changes, so its English translation is out of date.

    Built once for the module inside a transaction that is rolled back after
    its last test; each test runs in a savepoint inside it, as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        catalogue_import(json.dumps(CATALOGUE), publish=True)
        catalogue_import(json.dumps(DRAFT), publish=False)
        client = Client()
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        _publish_summary(client, _course_page("DB-A-02"), "Tóm tắt đã đổi.")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def dien_bien(_dien_bien_built, db):
    """Điện Biên's province page (see ``_dien_bien_built``)."""
    return _province()


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return {row[0]: [int(n) for n in row[1:]] for row in rows[1:]}


def _figures(courses, **languages):
    """A CSV row: courses, then (translated, out of date) per language."""
    row = [courses]
    for code in LANGUAGES:
        row += list(languages.get(code, (0, 0)))
    return row


def _national_editor():
    user = UserFactory()
    user.groups.add(StaffGroup.objects.get(scope=StaffScope.NATIONAL).group)
    return user


def test_the_figures_of_a_known_province(admin_client, dien_bien):
    response = admin_client.get(_province_url(dien_bien), {"format": "csv"})
    rows = _csv(response)
    a, b = _centre("DB-A").title, _centre("DB-B").title
    assert rows[a] == _figures(3, en=(2, 1), km=(1, 0))
    assert rows[b] == _figures(1, en=(1, 0))
    total = [key for key in rows if key not in (a, b)]
    assert len(total) == 1
    assert rows[total[0]] == _figures(4, en=(3, 1), km=(1, 0))

    national = _csv(admin_client.get(NATIONAL_URL, {"format": "csv"}))
    assert national[dien_bien.title] == _figures(4, en=(3, 1), km=(1, 0))


def test_the_screen_shows_the_figures_with_percentages(admin_client, dien_bien):
    response = admin_client.get(_province_url(dien_bien))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trung tâm học tập cộng đồng phường Điện Biên Phủ" in html
    row = next(r for r in response.context["table"].rows if r.page.code == "DB-A")
    english = row.languages[0]
    assert (english.locale.language_code, english.translated) == ("en", 2)
    assert english.percent == 67
    assert "2 (67%)" in html

    response = admin_client.get(NATIONAL_URL)
    assert response.status_code == 200
    assert _province_url(dien_bien) in response.content.decode()


def test_a_title_that_looks_like_a_formula_stays_text_in_the_csv(
    admin_client, dien_bien
):
    formula = '=HYPERLINK("http://example.invalid","x")'
    CentrePage.objects.filter(pk=_centre("DB-B").pk).update(title=formula)
    rows = _csv(admin_client.get(_province_url(dien_bien), {"format": "csv"}))
    assert rows["'" + formula] == _figures(1, en=(1, 0))


def test_figures_agree_with_wagtail_localize_progress(admin_client):
    """For a demo province, each language's out-of-date count is the number of
    its courses whose Translation.get_progress() shows untranslated segments."""
    source = Locale.get_default()
    province = next(
        p
        for p in ProvincePage.objects.filter(locale=source).order_by("title")
        if CoursePage.objects.live().descendant_of(p).filter(locale=source).exists()
    )
    courses = CoursePage.objects.live().descendant_of(province).filter(locale=source)
    expected = [courses.count()]
    for code in LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        translated = out_of_date = 0
        for course in courses:
            target = course.get_translation_or_none(locale)
            if target is None or not target.live:
                continue
            translated += 1
            translation = Translation.objects.filter(
                source__object_id=course.translation_key,
                source__locale=source,
                target_locale=locale,
                enabled=True,
            ).first()
            if translation is not None:
                total, done = translation.get_progress()
                out_of_date += total > done
        expected += [translated, out_of_date]
    assert expected[1] > 0, "the demo translates courses"
    rows = _csv(admin_client.get(NATIONAL_URL, {"format": "csv"}))
    assert rows[province.title] == expected


@pytest.mark.parametrize("role", ["superuser", "national"])
def test_national_editors_see_the_nation(client, role, dien_bien):
    user = UserFactory(is_superuser=True) if role == "superuser" else _national_editor()
    client.force_login(user)
    rows = _csv(client.get(NATIONAL_URL, {"format": "csv"}))
    provinces = ProvincePage.objects.filter(locale=Locale.get_default())
    assert {p.title for p in provinces} < set(rows)
    assert len(rows) == 34 + 1  # and the total
    assert client.get(_province_url(dien_bien)).status_code == 200


def test_province_editors_see_their_province_only(client, dien_bien):
    client.force_login(ProvinceEditorFactory(province=dien_bien))
    response = client.get(NATIONAL_URL)
    assert response.status_code == 200
    assert [row.page.pk for row in response.context["table"].rows] == [dien_bien.pk]
    rows = _csv(client.get(NATIONAL_URL, {"format": "csv"}))
    assert rows[dien_bien.title] == _figures(4, en=(3, 1), km=(1, 0))
    assert len(rows) == 2
    assert client.get(_province_url(dien_bien)).status_code == 200

    other = _other_province()
    assert client.get(_province_url(other)).status_code == 403
    assert client.get(_province_url(other), {"format": "csv"}).status_code == 403
    assert client.get(_province_url(ProvincePage(pk=999_999))).status_code == 403


def test_centre_staff_see_their_own_centre_only(client, dien_bien):
    """A centre's staff see their province's row and page, with the figures of
    their own centre only."""
    client.force_login(CentreStaffFactory(centre=_centre("DB-B")))
    rows = _csv(client.get(NATIONAL_URL, {"format": "csv"}))
    assert rows[dien_bien.title] == _figures(1, en=(1, 0))
    rows = _csv(client.get(_province_url(dien_bien), {"format": "csv"}))
    assert rows[_centre("DB-B").title] == _figures(1, en=(1, 0))
    assert _centre("DB-A").title not in rows
    assert client.get(_province_url(_other_province())).status_code == 403


def test_the_menu_item_is_shown_to_those_who_see_a_centre(client, dien_bien):
    client.force_login(ProvinceEditorFactory(province=dien_bien))
    assert NATIONAL_URL in client.get(reverse("wagtailadmin_home")).content.decode()

    # An admin user who looks after no centre.
    nobody = UserFactory()
    nobody.user_permissions.add(_access_admin())
    client.force_login(nobody)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert NATIONAL_URL not in response.content.decode()
    assert client.get(NATIONAL_URL).context["table"].rows == []


def test_anonymous_users_are_sent_to_log_in(client, dien_bien):
    client.logout()  # dien_bien logged the client in as a superuser
    for url in (NATIONAL_URL, _province_url(dien_bien)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_query_count_does_not_grow_with_the_courses(admin_client, dien_bien):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(url).status_code == 200
        return len(captured)

    urls = (NATIONAL_URL, _province_url(dien_bien))
    before = [queries(url) for url in urls]
    more = {
        "courses": [
            _course(f"DB-{centre}-{n:02}", f"DB-{centre}", ["en", "km", "hmn"])
            for centre in "AB"
            for n in range(10, 14)
        ]
    }
    catalogue_import(json.dumps(more), publish=True)
    assert _csv(admin_client.get(_province_url(dien_bien), {"format": "csv"}))[
        _centre("DB-B").title
    ] == _figures(5, en=(5, 0), km=(4, 0), hmn=(4, 0))
    assert [queries(url) for url in urls] == before


def _other_province():
    """A province with demo centres (not Điện Biên)."""
    centre = (
        CentrePage.objects.filter(locale=Locale.get_default())
        .exclude(path__startswith=_province().path)
        .first()
    )
    return ProvincePage.objects.get(pk=centre.get_parent().pk)


def _access_admin():
    from django.contrib.auth.models import Permission

    return Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
