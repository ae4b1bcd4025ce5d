"""wagtail-localize's "Translations" report lists every page submitted for
translation, drafts of every centre included: only superusers and national
editors see it all, translators the translations into their languages, other
staff nothing (translations/views.py)."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from centres.models import CentrePage
from courses.models import CoursePage
from staff.services import national_group_ensure, translator_add
from tests.factories import CentreStaffFactory, UserFactory

pytestmark = pytest.mark.django_db

REPORT = "wagtail_localize:translations_report"


def submitted(course, title, language):
    """A translation of ``course`` (its draft titled ``title``) into
    ``language``, as wagtail-localize records it."""
    course.title = title
    source, _created = TranslationSource.update_or_create_from_instance(course)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=language)
    )
    return translation


@pytest.fixture
def translations():
    courses = CoursePage.objects.filter(locale__language_code="vi").order_by("path")
    km = submitted(courses[0], "Nhap ZQXB khmer", "km")
    tyz = submitted(courses[1], "Nhap ZQXB tay", "tyz")
    return km, tyz


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_centre_staff_cannot_see_the_report(translations):
    other_centre = CentrePage.objects.filter(locale__language_code="vi").last()
    client = signed_in(CentreStaffFactory(centre=other_centre))
    # Wagtail's admin turns a refusal into a redirect to the dashboard.
    response = client.get(reverse(REPORT), follow=True)
    assert response.redirect_chain
    assert "ZQXB" not in response.content.decode()
    results = client.get(reverse("wagtail_localize:translations_report_results"))
    assert results.status_code in (302, 403)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) not in home


def test_national_editors_see_every_translation(translations):
    editor = UserFactory()
    editor.groups.add(national_group_ensure().group)
    client = signed_in(editor)
    # The demo's own translations fill the first pages: filter on the title.
    body = client.get(reverse(REPORT), {"source_title": "ZQXB"}).content.decode()
    assert "Nhap ZQXB khmer" in body and "Nhap ZQXB tay" in body
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()


def test_translators_see_the_translations_into_their_languages(translations):
    user, _created = translator_add("km", "dich.baocao", "baocao@example.vn")
    response = signed_in(user).get(reverse(REPORT), {"source_title": "ZQXB"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nhap ZQXB khmer" in body
    assert "Nhap ZQXB tay" not in body
