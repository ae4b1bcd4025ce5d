"""Provinces and communes can be looked up in the admin and changed by no one."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from centres.models import CentrePage, Commune, Province
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    group = Group.objects.create(name="Biên tập viên")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(group)
    client.force_login(user)
    return client


def test_staff_can_search_the_communes(editor_client):
    response = editor_client.get(reverse("communes:index"), {"q": "Ea Kao"})
    assert response.status_code == 200
    assert "Phường Ea Kao" in response.content.decode()


def test_staff_can_inspect_a_province(editor_client):
    province = Province.objects.get(code="66")
    response = editor_client.get(reverse("provinces:inspect", args=[province.pk]))
    assert response.status_code == 200
    assert "Tỉnh Đắk Lắk" in response.content.decode()


@pytest.mark.parametrize("user_kind", ["editor", "superuser"])
def test_nobody_edits_or_deletes_reference_data(client, user_kind):
    user = UserFactory(is_superuser=user_kind == "superuser")
    if user_kind == "editor":
        group = Group.objects.create(name="Biên tập viên")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(group)
    client.force_login(user)
    commune = Commune.objects.get(name="Phường Ea Kao")
    for url in (
        reverse("communes:edit", args=[commune.pk]),
        reverse("communes:delete", args=[commune.pk]),
        reverse("communes:add"),
    ):
        response = client.post(url, {"name": "Hacked", "code": "99999"})
        assert response.status_code in (302, 403)
    commune.refresh_from_db()
    assert commune.name == "Phường Ea Kao"
    assert not Commune.objects.filter(code="99999").exists()


def test_centre_form_offers_only_the_communes_of_its_province(admin_client):
    centre = CentrePage.objects.filter(locale__language_code="vi").first()
    province = centre.commune.province
    response = admin_client.get(f"/admin/pages/{centre.pk}/edit/")
    assert response.status_code == 200
    field = response.context["form"].fields["commune"]
    assert set(field.queryset.values_list("province_id", flat=True)) == {province.pk}
    assert field.queryset.count() == Commune.objects.filter(province=province).count()
