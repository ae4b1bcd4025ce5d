"""Every centre and province has its staff group, with permissions on every
locale's copy of its page and on its own collection, and nothing more."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
)

from centres.models import CentrePage, ProvincePage
from centres.services import centre_upsert, page_translation_ensure
from portal.services import page_add
from portal.tasks import tasks_deferred
from search.text import ascii_slug
from staff.models import StaffGroup, StaffScope
from staff.services import centre_groups_ensure, staff_groups_backfill
from tests.factories import CentreStaffFactory, ProvinceEditorFactory

pytestmark = pytest.mark.django_db


def centre_group(centre):
    return StaffGroup.objects.get(
        scope=StaffScope.CENTRE, translation_key=centre.translation_key
    )


def test_every_demo_centre_has_a_readable_group_on_each_locale_copy():
    centres = CentrePage.objects.filter(locale=Locale.get_default())
    assert centres.count() >= 30
    for centre in centres:
        staff_group = centre_group(centre)
        copies = set(
            Page.objects.filter(translation_key=centre.translation_key).values_list(
                "pk", flat=True
            )
        )
        granted = set(
            GroupPagePermission.objects.filter(group=staff_group.group).values_list(
                "page_id", flat=True
            )
        )
        assert granted == copies
    ea_kao = CentrePage.objects.filter(title__endswith="Ea Kao").first()
    if ea_kao:
        assert centre_group(ea_kao).group.name == "Cán bộ TTHTCĐ phường Ea Kao"


def test_centre_collections_sit_in_their_province_collection(world):
    staff_group = centre_group(world.b)
    province = StaffGroup.objects.get(
        scope=StaffScope.PROVINCE, translation_key=world.province.translation_key
    )
    assert staff_group.collection.get_parent() == province.collection
    assert province.group.name.startswith("Biên tập viên ")
    actions = set(
        GroupCollectionPermission.objects.filter(
            group=staff_group.group, collection=staff_group.collection
        ).values_list("permission__codename", flat=True)
    )
    # Wagtail's image and document policies check its own models' permissions.
    assert actions == {
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
    }


def test_staff_groups_hold_no_user_settings_or_root_permissions():
    home_depth = 2
    groups = Group.objects.filter(
        staff_scope__scope__in=[StaffScope.CENTRE, StaffScope.PROVINCE]
    )
    assert groups.count() > 34
    codenames = set(groups.values_list("permissions__codename", flat=True))
    assert codenames == {"access_admin"}
    assert not GroupPagePermission.objects.filter(
        group__in=groups, page__depth__lte=home_depth
    ).exists()
    assert not GroupSitePermission.objects.filter(group__in=groups).exists()
    assert not GroupCollectionPermission.objects.filter(
        group__in=groups, collection__depth=1
    ).exists()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_staff_edit_their_centre_in_every_locale(client, world, staff_a, language):
    centre = world.a.get_translation(Locale.objects.get(language_code=language))
    client.force_login(staff_a)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[centre.pk])).status_code
        == 200
    )
    add = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", centre.pk))
    assert client.get(add).status_code == 200
    other = world.b.get_translation(centre.locale)
    assert client.get(
        reverse("wagtailadmin_pages:edit", args=[other.pk])
    ).status_code in (302, 403)


def test_a_translation_made_later_is_covered(client, world, staff_a):
    khmer = Locale.objects.get(language_code="km")
    province_km = world.province.get_translation_or_none(khmer)
    if province_km is None:
        pytest.skip("the demo has no Khmer province pages")
    copy, _changed = page_translation_ensure(
        world.a, khmer, {"title": "មជ្ឈមណ្ឌល A"}, publish=True
    )
    assert GroupPagePermission.objects.filter(
        group=centre_group(world.a).group, page=copy
    ).exists()
    client.force_login(staff_a)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[copy.pk]))
    assert response.status_code == 200


def new_centre(world, commune, code):
    """An unsaved centre page in centre A's commune, named after ``commune``."""
    return CentrePage(
        title=f"Trung tâm học tập cộng đồng xã {commune}",
        slug=ascii_slug(commune),
        code=code,
        commune=world.a.commune,
        latitude=world.a.latitude,
        longitude=world.a.longitude,
    )


def test_a_centre_created_outside_the_import_gets_its_group(world):
    centre = new_centre(world, "Thử Nghiệm", "HTCD-TEST-1")
    page_add(world.province, centre, publish=True)
    staff_group = centre_group(centre)
    assert staff_group.group.name == "Cán bộ TTHTCĐ xã Thử Nghiệm"
    assert (
        GroupPagePermission.objects.filter(group=staff_group.group, page=centre).count()
        == 5
    )


def test_an_import_gives_its_new_centre_a_group_once_when_it_ends(world):
    """Inside an import (a ``tasks_deferred`` block) the centre's creation, its
    publish and its translation ask for its groups; they are made once, at the
    end, with permissions on both copies."""
    centre = new_centre(world, "Nhập Khẩu", "HTCD-TEST-2")
    with tasks_deferred():
        page_add(world.province, centre, publish=True)
        english, _changed = page_translation_ensure(
            centre,
            Locale.objects.get(language_code="en"),
            {"title": "Nhap Khau Learning Centre"},
            publish=True,
        )
        assert not StaffGroup.objects.filter(
            translation_key=centre.translation_key
        ).exists()
    staff_group = centre_group(centre)
    assert staff_group.group.name == "Cán bộ TTHTCĐ xã Nhập Khẩu"
    granted = GroupPagePermission.objects.filter(group=staff_group.group)
    assert set(granted.values_list("page_id", flat=True)) == {centre.pk, english.pk}
    assert granted.count() == 2 * 5


def test_renaming_and_moving_a_centre_keeps_its_group_right(world, staff_a):
    other_commune = world.c.commune
    record = {
        "code": world.a.code,
        "name": "Trung tâm học tập cộng đồng xã Đổi Tên",
        "commune": other_commune,
        "latitude": world.c.latitude,
        "longitude": world.c.longitude,
    }
    editor_old = ProvinceEditorFactory(province=world.province)
    editor_new = ProvinceEditorFactory(province=world.other_province)
    centre_upsert(record, publish=True)
    centre = CentrePage.objects.get(pk=world.a.pk)
    assert centre.get_parent().pk == world.other_province.pk
    staff_group = centre_group(centre)
    assert staff_group.group.name == "Cán bộ TTHTCĐ xã Đổi Tên"
    new_province = StaffGroup.objects.get(
        scope=StaffScope.PROVINCE, translation_key=world.other_province.translation_key
    )
    assert staff_group.collection.get_parent() == new_province.collection
    assert centre.permissions_for_user(staff_a).can_edit()
    assert centre.permissions_for_user(editor_new).can_edit()
    assert not centre.permissions_for_user(editor_old).can_edit()


def test_backfill_creates_missing_groups_in_bulk_and_is_idempotent(world):
    lost = [world.a, world.b]
    for centre in lost:
        staff_group = centre_group(centre)
        collection = staff_group.collection
        staff_group.group.delete()
        Collection.objects.get(pk=collection.pk).delete()
    counts = staff_groups_backfill()
    assert counts["centres"] == 2
    for centre in lost:
        copies = Page.objects.filter(translation_key=centre.translation_key)
        assert (
            GroupPagePermission.objects.filter(group=centre_group(centre).group).count()
            == 5 * copies.count()
        )
    again = staff_groups_backfill()
    assert again == {"provinces": 0, "centres": 0, "page_permissions": 0}


def test_ensuring_twice_changes_nothing(world):
    before = (GroupPagePermission.objects.count(), Group.objects.count())
    centre_groups_ensure(world.b)
    centre_groups_ensure(
        world.b.get_translation(Locale.objects.get(language_code="en"))
    )
    assert (GroupPagePermission.objects.count(), Group.objects.count()) == before


def test_centre_staff_cannot_delete_their_centre_page(client, world):
    centre = CentrePage(
        title="Trung tâm học tập cộng đồng xã Trống",
        slug="trong",
        code="HTCD-TEST-2",
        commune=world.a.commune,
        latitude=world.a.latitude,
        longitude=world.a.longitude,
    )
    page_add(world.province, centre, publish=True)
    staff = CentreStaffFactory(centre=centre)
    client.force_login(staff)
    url = reverse("wagtailadmin_pages:delete", args=[centre.pk])
    response = client.post(url)
    assert response.status_code in (302, 403)
    assert response.get("Location") != reverse(
        "wagtailadmin_explore", args=[world.province.pk]
    )
    assert CentrePage.objects.filter(pk=centre.pk).exists()
    client.force_login(ProvinceEditorFactory(province=world.province))
    assert client.post(url).status_code == 302
    assert not CentrePage.objects.filter(pk=centre.pk).exists()


def test_national_editors_edit_curricula_and_taxonomies_only(client, world):
    from courses.models import CurriculumIndexPage
    from tests.factories import UserFactory

    national = StaffGroup.objects.get(scope=StaffScope.NATIONAL).group
    user = UserFactory()
    user.groups.add(national)
    index = CurriculumIndexPage.objects.filter(locale=Locale.get_default()).first()
    assert index.permissions_for_user(user).can_add_subpage()
    assert not world.b.permissions_for_user(user).can_edit()
    assert user.has_perm("courses.change_category")
    assert not user.has_perm("auth.change_user")
    assert ProvincePage.objects.exists()
