"""Province editors manage who is staff of their province's centres, and nothing
else; the add_centre_staff command; the dashboard of a centre's staff."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from staff.models import StaffGroup, StaffScope
from tests.factories import CentreStaffFactory, UserFactory
from tests.staff.conftest import B_USERNAME

pytestmark = pytest.mark.django_db


def group_of(page, scope=StaffScope.CENTRE):
    return StaffGroup.objects.get(
        scope=scope, translation_key=page.translation_key
    ).group


def test_command_adds_centre_staff_creating_the_user(world, capsys):
    call_command("add_centre_staff", world.a.code, "lan.nguyen", email="lan@example.vn")
    user = get_user_model().objects.get(username="lan.nguyen")
    assert user.email == "lan@example.vn"
    assert not user.has_usable_password()
    assert user.groups.filter(pk=group_of(world.a).pk).exists()
    assert world.a.permissions_for_user(user).can_edit()
    assert not world.b.permissions_for_user(user).can_edit()


def test_command_makes_a_province_editor(world):
    call_command("add_centre_staff", world.a.code, "tinh", "--province-editor")
    user = get_user_model().objects.get(username="tinh")
    assert user.groups.filter(pk=group_of(world.province, StaffScope.PROVINCE).pk)
    assert world.b.permissions_for_user(user).can_edit()
    assert world.province.permissions_for_user(user).can_add_subpage()
    assert not world.c.permissions_for_user(user).can_edit()


def test_command_refuses_an_unknown_centre(world):
    with pytest.raises(CommandError, match="HTCD-NOPE"):
        call_command("add_centre_staff", "HTCD-NOPE", "someone")
    assert not get_user_model().objects.filter(username="someone").exists()


@pytest.fixture
def editor_client(client, editor_b):
    client.force_login(editor_b)
    return client


def test_editor_sees_only_the_province_centres(editor_client, world):
    response = editor_client.get(reverse("staff:manage"))
    assert response.status_code == 200
    choices = {c.pk for c in response.context["form"].fields["centre"].queryset}
    assert world.a.pk in choices and world.b.pk in choices
    assert world.c.pk not in choices
    assert world.c.title not in response.content.decode()


def test_editor_adds_and_removes_a_person(editor_client, world):
    url = reverse("staff:manage")
    response = editor_client.post(
        url,
        {
            "action": "add",
            "centre": world.a.pk,
            "username": "moi",
            "email": "moi@example.vn",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="moi")
    assert user.groups.filter(pk=group_of(world.a).pk).exists()
    # The page offers the matching Remove form.
    html = editor_client.get(url, {"q": world.a.code}).content.decode()
    assert f'name="user" value="{user.pk}"' in html
    assert f'name="centre" value="{world.a.pk}"' in html
    assert f'name="province" value="{world.province.pk}"' in html
    assert 'name="language"' not in html
    editor_client.post(url, {"action": "remove", "centre": world.a.pk, "user": user.pk})
    assert not user.groups.exists()
    assert get_user_model().objects.filter(username="moi").exists()


def test_a_new_account_needs_an_email(editor_client, world):
    response = editor_client.post(
        reverse("staff:manage"),
        {"action": "add", "centre": world.a.pk, "username": "khong-email"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not get_user_model().objects.filter(username="khong-email").exists()


@pytest.mark.parametrize("target", ["other_province_centre", "national", "editors"])
def test_editor_cannot_escalate(editor_client, world, target):
    """Another province's centre, the national editors, Wagtail's own groups:
    none can be granted, whatever the form posts."""
    victim = UserFactory()
    groups_before = set(victim.groups.values_list("pk", flat=True))
    pk = {
        "other_province_centre": world.c.pk,
        "national": StaffGroup.objects.get(scope=StaffScope.NATIONAL).group_id,
        "editors": Group.objects.get(name="Editors").pk,
    }[target]
    response = editor_client.post(
        reverse("staff:manage"),
        {
            "action": "add",
            "centre": pk,
            "group": pk,
            "username": victim.username,
            "province": world.other_province.pk,
        },
    )
    assert response.status_code == 200
    assert "centre" in response.context["form"].errors
    assert set(victim.groups.values_list("pk", flat=True)) == groups_before


def test_editor_cannot_remove_staff_of_another_province(client, world, editor_other):
    client.force_login(editor_other)
    response = client.post(
        reverse("staff:manage"),
        {"action": "remove", "centre": world.b.pk, "user": world.b_staff.pk},
    )
    assert response.status_code in (302, 403, 404)
    assert world.b_staff.groups.filter(pk=group_of(world.b).pk).exists()


def test_centre_staff_cannot_manage_staff(client, staff_a):
    client.force_login(staff_a)
    response = client.get(reverse("staff:manage"))
    assert response.status_code in (302, 403)


def test_staff_dashboard_shows_their_centre(client, world):
    client.force_login(world.b_staff)
    response = client.get(reverse("wagtailadmin_home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert world.b.title in body
    add = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", world.b.pk))
    assert add in body
    assert world.b_hidden.title in body  # a draft awaiting publishing
    assert world.a.title not in body


def _accounts_beyond_a_province_editor(world, editor_other):
    from staff.services import national_group_ensure, translator_add

    national = UserFactory()
    national.groups.add(national_group_ensure().group)
    translator, _created = translator_add("km", "dich.km", "dich@example.vn")
    return {
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "national editor": national,
        "another province's editor": editor_other,
        "another province's centre staff": CentreStaffFactory(centre=world.c),
        "translator": translator,
    }


@pytest.mark.parametrize(
    "victim",
    [
        "superuser",
        "national editor",
        "another province's editor",
        "another province's centre staff",
        "translator",
    ],
)
@pytest.mark.parametrize("email", ["", "evil@example.com"])
def test_editor_cannot_take_over_an_account_beyond_their_reach(
    editor_client, world, editor_other, victim, email
):
    """Adding an existing account may neither change its email (where its
    password reset link goes) nor widen what an account beyond the editor's
    provinces may reach."""
    user = _accounts_beyond_a_province_editor(world, editor_other)[victim]
    email_before = user.email
    groups_before = set(user.groups.values_list("pk", flat=True))
    response = editor_client.post(
        reverse("staff:manage"),
        {
            "action": "add",
            "centre": world.a.pk,
            "username": user.username,
            "email": email,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors.get("email" if email else "username")
    user.refresh_from_db()
    assert user.email == email_before
    assert set(user.groups.values_list("pk", flat=True)) == groups_before


def test_editor_adds_their_own_centre_staff_to_another_centre(editor_client, world):
    """Staff of one of the editor's centres may join another of them; an empty
    email keeps theirs, the same email too."""
    for email in ("", world.b_staff.email.upper()):
        response = editor_client.post(
            reverse("staff:manage"),
            {
                "action": "add",
                "centre": world.a.pk,
                "username": world.b_staff.username,
                "email": email,
            },
        )
        assert response.status_code == 302
    world.b_staff.refresh_from_db()
    assert world.b_staff.email == f"{B_USERNAME}@example.invalid"
    assert world.b_staff.groups.filter(pk=group_of(world.a).pk).exists()


def test_an_account_without_email_does_not_get_one_from_the_form(editor_client, world):
    """An account without an email (a superuser made by createsuperuser, say)
    would otherwise send its reset link to whoever names it first."""
    user = UserFactory(email="")
    response = editor_client.post(
        reverse("staff:manage"),
        {
            "action": "add",
            "centre": world.a.pk,
            "username": user.username,
            "email": "evil@example.com",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    user.refresh_from_db()
    assert user.email == ""
    assert not user.groups.exists()


def test_command_does_not_change_an_existing_accounts_email(world):
    with pytest.raises(CommandError, match="email"):
        call_command(
            "add_centre_staff", world.a.code, world.b_staff.username, email="x@y.vn"
        )
    world.b_staff.refresh_from_db()
    assert world.b_staff.email == f"{B_USERNAME}@example.invalid"
    assert not world.b_staff.groups.filter(pk=group_of(world.a).pk).exists()


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", str(2**70)])
def test_ids_that_are_not_ids_are_not_found(editor_client, world, value):
    url = reverse("staff:manage")
    assert editor_client.get(url, {"province": value}).status_code == 404
    response = editor_client.post(
        url, {"action": "remove", "centre": value, "user": world.b_staff.pk}
    )
    assert response.status_code == 404
    response = editor_client.post(
        url, {"action": "remove", "centre": world.b.pk, "user": value}
    )
    assert response.status_code == 404
    assert world.b_staff.groups.exists()


@pytest.mark.parametrize("value", ["abc", str(2**70)])
def test_translator_ids_that_are_not_ids_are_not_found(client, value):
    from staff.services import national_group_ensure

    editor = UserFactory()
    editor.groups.add(national_group_ensure().group)
    client.force_login(editor)
    response = client.post(
        reverse("staff:translators"),
        {"action": "remove", "language": "km", "user": value},
    )
    assert response.status_code == 404
