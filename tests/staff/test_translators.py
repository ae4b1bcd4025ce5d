"""Translator language restriction: a translator into Khmer edits, publishes and
creates Khmer translations only, through wagtail-localize's own admin views."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Revision,
)
from wagtail_localize.models import StringSegment, Translation

from courses.models import Category, CoursePage
from staff import selectors
from staff.management.commands.add_translator import Command as AddTranslator
from staff.models import StaffGroup, StaffScope
from staff.services import national_group_ensure, translator_add
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KM_TITLE = "វគ្គសិក្សាការពារគ្រោះមហន្តរាយ"


def locale(code):
    return Locale.objects.get(language_code=code)


def offered_locales(response):
    return {int(pk) for pk in re.findall(r'name="locales" value="(\d+)"', response)}


@pytest.fixture
def translator(client):
    """A translator into Khmer, signed in."""
    user, _created = translator_add("km", "nguoidich.km", "km@example.vn")
    client.force_login(user)
    return user


@pytest.fixture
def course():
    """A live Vietnamese course translated into English but not into Khmer."""
    en_keys = CoursePage.objects.filter(locale__language_code="en").values(
        "translation_key"
    )
    km_keys = CoursePage.objects.filter(locale__language_code="km").values(
        "translation_key"
    )
    return (
        CoursePage.objects.live()
        .filter(locale__language_code="vi", translation_key__in=en_keys)
        .exclude(translation_key__in=km_keys)
        .order_by("path")
        .first()
    )


def submit(client, page, *locales):
    """POST wagtail-localize's "Translate this page" form (translations are
    published once the transaction commits: the caller captures on_commit)."""
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale(code).pk for code in locales]},
    )


@pytest.fixture
def km_course(course, django_capture_on_commit_callbacks):
    """The Khmer translation of ``course``, submitted by a superuser (with a
    client of their own: the test's ``client`` is the translator's)."""
    superuser = Client()
    superuser.force_login(UserFactory(is_superuser=True, is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(superuser, course, "km")
    assert response.status_code == 302
    return CoursePage.objects.get(pk=course.get_translation(locale("km")).pk)


def test_every_translated_language_has_one_translator_group_and_no_more():
    call_command("ensure_staff_groups")
    before = (Group.objects.count(), GroupPagePermission.objects.count())
    call_command("ensure_staff_groups")
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == before

    groups = StaffGroup.objects.filter(scope=StaffScope.TRANSLATOR)
    assert {g.language: g.group.name for g in groups} == {
        "en": "Người dịch tiếng Anh (en)",
        "km": "Người dịch tiếng Khmer (km)",
        "tyz": "Người dịch tiếng Tày (tyz)",
        "hmn": "Người dịch tiếng Mông (hmn)",
    }
    for staff_group in groups:
        group = staff_group.group
        assert set(group.permissions.values_list("codename", flat=True)) == {
            "access_admin",
            "submit_translation",
        }
        rules = GroupPagePermission.objects.filter(group=group)
        assert set(rules.values_list("permission__codename", flat=True)) == {
            "change_page",
            "publish_page",
        }
        # Only the home page of the group's language: its whole tree, no other.
        assert {(r.page.depth, r.page.locale.language_code) for r in rules} == {
            (2, staff_group.language)
        }
        assert not GroupSitePermission.objects.filter(group=group).exists()
        assert not GroupCollectionPermission.objects.filter(group=group).exists()


def test_khmer_translator_opens_and_publishes_the_khmer_translation(
    client, translator, km_course, django_capture_on_commit_callbacks
):
    edit = reverse("wagtailadmin_pages:edit", args=[km_course.pk])
    response = client.get(edit)
    assert response.status_code == 200
    # wagtail-localize's translation editor, not Wagtail's page form.
    assert "data-props" in response.content.decode()

    translation = Translation.objects.get(
        source__object_id=km_course.translation_key, target_locale=locale("km")
    )
    segment = StringSegment.objects.get(
        source=translation.source, context__path="title"
    )
    response = client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segment.pk],
        ),
        encode_multipart(BOUNDARY, {"value": KM_TITLE}),
        content_type=MULTIPART_CONTENT,
    )
    assert response.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"action": "publish"})
    assert response.status_code == 302
    published = CoursePage.objects.get(pk=km_course.pk)
    assert published.live and not published.has_unpublished_changes
    assert published.title == KM_TITLE
    assert published.live_revision.user == translator


@pytest.mark.parametrize("language", ["en", "vi"])
def test_khmer_translator_cannot_edit_another_language(
    client, translator, course, language, django_capture_on_commit_callbacks
):
    page = CoursePage.objects.get(pk=course.get_translation(locale(language)).pk)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit).status_code in (302, 403)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"action": "publish", "title": "Đã sửa"})
    assert response.status_code in (302, 403)
    after = CoursePage.objects.get(pk=page.pk)
    assert after.latest_revision_id == page.latest_revision_id
    assert after.title == page.title


def test_khmer_translator_is_offered_khmer_only(client, translator, course):
    url = reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert offered_locales(response.content.decode()) == {locale("km").pk}


@pytest.mark.parametrize("languages", [("tyz",), ("km", "tyz")])
def test_a_forged_translation_into_another_language_creates_nothing(
    client, translator, course, languages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, course, *languages)
    assert response.status_code == 200
    assert response.context["form"].errors["locales"]
    for code in languages:
        assert not course.has_translation(locale(code))
        assert not Translation.objects.filter(
            source__object_id=course.translation_key, target_locale=locale(code)
        ).exists()


def test_khmer_translator_translates_a_page_into_khmer_themselves(
    client, translator, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, course, "km")
    assert response.status_code == 302
    km_course = course.get_translation(locale("km"))
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[km_course.pk]
    )
    # The centre above it was copied into the Khmer tree too, where they may edit it.
    assert km_course.get_parent().permissions_for_user(translator).can_edit()


def test_a_translator_cannot_translate_an_unpublished_page(client, translator, world):
    url = reverse("wagtail_localize:submit_page_translation", args=[world.b_hidden.pk])
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert world.b_hidden.title not in response.content.decode()
    response = submit(client, world.b_hidden, "km")
    assert response.status_code in (302, 403)
    assert not world.b_hidden.has_translation(locale("km"))


def test_a_translator_sees_the_published_title_not_the_draft(client, translator, world):
    url = reverse("wagtail_localize:submit_page_translation", args=[world.b_course.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert world.b_course.title in html
    assert world.b_course.draft_title not in html


def test_a_translator_cannot_translate_the_national_taxonomies(client, translator):
    category = Category.objects.filter(locale__language_code="vi").first()
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["courses", "category", category.pk],
    )
    assert client.get(url).status_code in (302, 403)
    before = Category.objects.count()
    response = client.post(url, {"locales": [locale("km").pk]})
    assert response.status_code in (302, 403)
    assert Category.objects.count() == before


def test_a_translator_cannot_sync_every_language(client, translator, km_course):
    translation = Translation.objects.get(
        source__object_id=km_course.translation_key, target_locale=locale("km")
    )
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    response = client.post(url, {"publish_translations": "on"})
    assert response.status_code in (302, 403)


def test_add_translator_creates_the_user_in_the_language_group():
    call_command("add_translator", "sophea", "km", email="sophea@example.vn")
    user = get_user_model().objects.get(username="sophea")
    assert user.email == "sophea@example.vn"
    assert not user.has_usable_password()
    assert list(user.groups.values_list("staff_scope__language", flat=True)) == ["km"]


@pytest.mark.parametrize("language", ["vi", "fr", ""])
def test_add_translator_refuses_the_source_and_unknown_languages(language):
    with pytest.raises(CommandError, match="km"):
        call_command("add_translator", "sophea", language)
    assert not get_user_model().objects.filter(username="sophea").exists()


def test_add_translator_exits_non_zero_on_the_command_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        AddTranslator().run_from_argv(["manage.py", "add_translator", "sophea", "vi"])
    assert exit_.value.code != 0
    assert "vi" in capsys.readouterr().err


def test_the_dashboard_leads_a_translator_to_pages_to_translate(
    client, translator, km_course
):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    # Their Khmer translations, to open in the translation editor...
    edit = reverse("wagtailadmin_pages:edit", args=[km_course.pk])
    assert f'href="{edit}"' in html
    # ...and published Vietnamese pages without one, with "Translate" into Khmer.
    links = re.findall(r'href="(/admin/localize/submit/page/(\d+)/[^"]*)"', html)
    assert links
    assert all(url.endswith("?select_locale=km") for url, _pk in links)
    page = Page.objects.get(pk=links[0][1])
    assert page.live and page.locale == locale("vi")
    assert not page.has_translation(locale("km"))


def test_national_editors_add_and_remove_translators_in_the_admin(client):
    editor = UserFactory()
    editor.groups.add(national_group_ensure().group)
    client.force_login(editor)
    url = reverse("staff:translators")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"language": "km", "username": "sophea", "email": "sophea@example.vn"}
    )
    assert response.status_code == 302
    sophea = get_user_model().objects.get(username="sophea")
    assert list(selectors.translators("km")) == [sophea]
    # The page offers the matching Remove form.
    html = client.get(url).content.decode()
    assert f'name="user" value="{sophea.pk}"' in html
    assert 'name="language" value="km"' in html
    assert 'name="centre"' not in html and 'name="province"' not in html
    response = client.post(
        url, {"action": "remove", "language": "km", "user": str(sophea.pk)}
    )
    assert response.status_code == 302
    assert not selectors.translators("km").exists()


def test_a_translator_language_outside_the_choices_is_refused(client):
    editor = UserFactory()
    editor.groups.add(national_group_ensure().group)
    client.force_login(editor)
    response = client.post(
        reverse("staff:translators"),
        {"language": "vi", "username": "sophea", "email": "sophea@example.vn"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    assert not get_user_model().objects.filter(username="sophea").exists()


def test_only_national_editors_manage_translators(client, translator):
    url = reverse("staff:translators")
    assert client.get(url).status_code in (302, 403)
    response = client.post(
        url, {"language": "en", "username": translator.username, "email": ""}
    )
    assert response.status_code in (302, 403)
    assert not selectors.translators("en").exists()


@pytest.fixture
def national_client():
    """A national editor, signed in with a client of their own (the test's
    ``client`` may be the translator's)."""
    editor = UserFactory()
    editor.groups.add(national_group_ensure().group)
    client = Client()
    client.force_login(editor)
    return client


@pytest.mark.parametrize("email", ["", "evil2@example.com"])
def test_national_editors_cannot_take_over_a_province_editor(
    national_client, editor_b, email
):
    """Making a province editor (or anyone with other rights) a translator
    would change what they reach; another email would take their account."""
    email_before = editor_b.email
    groups_before = set(editor_b.groups.values_list("pk", flat=True))
    response = national_client.post(
        reverse("staff:translators"),
        {"language": "km", "username": editor_b.username, "email": email},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email" if email else "username"]
    editor_b.refresh_from_db()
    assert editor_b.email == email_before
    assert set(editor_b.groups.values_list("pk", flat=True)) == groups_before


def test_a_translator_may_translate_another_language_too(national_client, translator):
    response = national_client.post(
        reverse("staff:translators"),
        {"language": "en", "username": translator.username, "email": ""},
    )
    assert response.status_code == 302
    assert list(selectors.translators("en")) == [translator]
    translator.refresh_from_db()
    assert translator.email == "km@example.vn"


def test_a_translator_cannot_import_national_curricula(client, translator):
    """Translators edit their language's copy of the curricula index; that does
    not make them editors of the Vietnamese curricula an import writes."""
    from courses.models import CurriculumPage

    existing = CurriculumPage.objects.filter(locale=locale("vi")).first()
    revisions = Revision.objects.filter(object_id=str(existing.pk)).count()
    data = {
        "curricula": [
            {"code": "QA-CUR-TR", "title": "Chương trình giả"},
            {"code": existing.code, "title": "Tên bị đổi"},
        ]
    }
    upload = SimpleUploadedFile(
        "danh-muc.json", json.dumps(data).encode(), "application/json"
    )
    assert client.get(reverse("staff:import")).status_code in (302, 403)
    response = client.post(reverse("staff:import"), {"file": upload})
    assert response.status_code in (302, 403)
    assert not CurriculumPage.objects.filter(code="QA-CUR-TR").exists()
    assert Revision.objects.filter(object_id=str(existing.pk)).count() == revisions
    assert not selectors.user_can_edit_curricula(translator)
    national = UserFactory()
    national.groups.add(national_group_ensure().group)
    assert selectors.user_can_edit_curricula(national)
