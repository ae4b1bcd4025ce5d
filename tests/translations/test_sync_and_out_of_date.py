"""Facts are synchronised from the Vietnamese source into every translation; when
the source's texts change, the translation is marked out of date and the
translator sees exactly the changed segments; PO files go out and come back."""

import json
import re

import polib
import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from centres.models import CentrePage
from courses.models import CoursePage
from tests.factories import centre_edit_form
from tests.translations.pages import translated

pytestmark = pytest.mark.django_db


def english():
    return Locale.objects.get(language_code="en")


def translated_course():
    return translated(CoursePage, "en").first()


def translation_of(page, locale=None):
    return Translation.objects.get(
        source__object_id=page.translation_key,
        source__locale=page.locale,
        target_locale=locale or english(),
    )


def untranslated_segments(translation):
    return sorted(
        segment.string.data
        for segment in StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .select_related("string")
        if not segment.translation
    )


def editor_props(client, page):
    """What wagtail-localize's translation editor of ``page`` is given to show."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    return json.loads(
        re.search(r'data-props="([^"]*)"', response.content.decode())
        .group(1)
        .replace("&quot;", '"')
        .replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
    )


def test_imported_translations_are_recorded_segment_by_segment():
    course = translated_course()
    translation = translation_of(course)
    en_course = course.get_translation(english())
    assert translation.enabled
    total, done = translation.get_progress()
    assert total > 0
    # The demo file translates title, summary and description but not how to join.
    assert untranslated_segments(translation) == [course.how_to_join]
    assert done == total - 1
    po = polib.pofile(str(translation.export_po()))
    translated = {entry.msgid: entry.msgstr for entry in po if entry.msgstr}
    assert translated[course.title] == en_course.title
    assert translated[course.summary] == en_course.summary


@pytest.mark.parametrize("model", [CoursePage, CentrePage])
def test_the_translator_is_offered_the_texts_and_not_the_facts(admin_client, model):
    """The facts (codes, category, commune, ...) follow the Vietnamese page: the
    editor does not offer them to override, as the source's next publish would
    put them back."""
    page = translated(model, "en").first()
    props = editor_props(admin_client, page.get_translation(english()))
    kinds = {segment["type"] for segment in props["segments"]}
    assert "string" in kinds
    assert "synchronised_value" not in kinds


def test_changing_a_centre_fact_in_vietnamese_changes_every_translation(admin_client):
    centre = translated(CentrePage, "en").first()
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(centre.pk,)),
        centre_edit_form(centre, phone="0262 3999 888", latitude="12.5"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    en_centre = CentrePage.objects.get(pk=centre.get_translation(english()).pk)
    assert en_centre.phone == "0262 3999 888"
    assert en_centre.latitude == 12.5
    assert en_centre.live and not en_centre.has_unpublished_changes
    # The English text is untouched.
    assert en_centre.title != centre.title


def test_changing_a_session_time_in_vietnamese_changes_it_in_the_translation(
    admin_client, django_capture_on_commit_callbacks
):
    from tests.courses.test_course_admin import course_form

    centre = CentrePage.objects.filter(locale__language_code="vi").first()
    form = course_form(centre, start="2030-03-02 18:00", end="2030-03-02 19:30")
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("courses", "coursepage", centre.pk)),
        form,
    )
    assert response.status_code == 302
    course = CoursePage.objects.get(code="TEST-ZALO-01", locale__language_code="vi")
    # A translator translates it with wagtail-localize (which publishes the
    # translation once the transaction commits).
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=(course.pk,)),
            {"locales": [english().pk]},
        )
    assert response.status_code == 302
    en_course = course.get_translation(english())
    assert en_course.sessions.get().start.hour == 11  # 18:00 in Hanoi, in UTC

    session = course.sessions.get()
    edit = course_form(centre, start="2030-03-02 19:00", end="2030-03-02 20:30")
    edit["sessions-0-id"] = str(session.pk)
    edit["sessions-INITIAL_FORMS"] = "1"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)), edit
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    en_course = CoursePage.objects.get(pk=en_course.pk)
    assert en_course.sessions.get().start.hour == 12


def test_a_changed_source_marks_its_translation_out_of_date(admin_client):
    from tests.courses.test_course_admin import course_edit_form

    course = translated_course()
    translation = translation_of(course)
    before = untranslated_segments(translation)
    new_summary = "Tóm tắt mới: học dùng điện thoại an toàn."
    form = course_edit_form(course, summary=new_summary)
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)), form
    )
    assert response.status_code == 302, _form_errors(response)

    assert untranslated_segments(translation) == sorted([*before, new_summary])
    en_course = course.get_translation(english())
    # The reader still sees the previous English summary until it is translated.
    assert en_course.summary != new_summary

    # The translator's editor lists exactly that segment without a translation.
    props = editor_props(admin_client, en_course)
    untranslated = [
        s["source"]
        for s in props["segments"]
        if s["type"] == "string"
        and not any(
            t["segment_id"] == s["id"] for t in props["initialStringTranslations"]
        )
    ]
    assert sorted(untranslated) == sorted([*before, new_summary])


def test_po_files_go_out_and_come_back_through_the_admin(
    admin_client, django_capture_on_commit_callbacks
):
    course = translated_course()
    translation = translation_of(course)
    response = admin_client.get(
        reverse("wagtail_localize:download_pofile", args=(translation.pk,))
    )
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    for entry in po:
        if entry.msgid == course.how_to_join:
            entry.msgstr = "Register at the centre or call its phone number."
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=(translation.pk,)),
        {"file": _upload(str(po)), "next": "/admin/"},
    )
    assert response.status_code == 302
    assert untranslated_segments(translation) == []
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    en_course = CoursePage.objects.get(pk=course.get_translation(english()).pk)
    assert en_course.how_to_join == "Register at the centre or call its phone number."


def test_a_po_file_without_its_header_is_refused_with_a_message(admin_client):
    translation = translation_of(translated_course())
    po = polib.POFile()
    po.append(polib.POEntry(msgid="x", msgstr="y"))
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=(translation.pk,)),
        {"file": _upload(str(po)), "next": "/admin/"},
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert any("PO" in m for m in messages), messages


def _form_errors(response):
    form = response.context["form"]
    return form.errors, [f.errors for f in form.formsets.get("sessions", [])]


def _upload(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("translation.po", text.encode(), "text/x-gettext")
