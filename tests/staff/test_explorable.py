"""The pages a user may explore in the admin (staff/permissions.py): the same
pages as Wagtail's own policy, asked without a condition that holds every page."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from centres.models import CentrePage
from courses.models import CoursePage
from staff.permissions import StaffPagePermissionPolicy
from tests.factories import UserFactory
from tests.staff.conftest import SECRET

pytestmark = pytest.mark.django_db


def _user_with(*grants):
    """A user whose group holds ``codename`` on ``page`` for each grant."""
    user = UserFactory()
    group = Group.objects.create(name=f"explore-{user.username}")
    for page, codename in grants:
        GroupPagePermission.objects.create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user.groups.add(group)
    return user


def _explorable(policy, user):
    return set(policy.explorable_instances(user).values_list("pk", flat=True))


def _users(world, staff_a, editor_b):
    course = world.b_course
    en_course = world.b_course_en
    return {
        "centre staff": staff_a,
        "centre staff of B": world.b_staff,
        "province editor": editor_b,
        "one course, one language": _user_with((course, "change_page")),
        "a course in each language": _user_with(
            (course, "publish_page"), (en_course, "lock_page")
        ),
        "a centre and a course inside it": _user_with(
            (world.b, "add_page"), (course, "change_page")
        ),
        "two provinces": _user_with(
            (world.province, "change_page"), (world.other_province, "unlock_page")
        ),
        "view only": _user_with((course, "view_page")),
        "view and change": _user_with(
            (world.a, "view_page"), (course, "bulk_delete_page")
        ),
        "the root": _user_with((Page.get_first_root_node(), "change_page")),
        "nothing": UserFactory(),
    }


def test_every_kind_of_user_explores_the_pages_wagtail_gives(world, staff_a, editor_b):
    ours = StaffPagePermissionPolicy(Page)
    wagtails = PagePermissionPolicy(Page)
    for name, user in _users(world, staff_a, editor_b).items():
        # Each policy with the user fetched afresh: they cache on it.
        expected = _explorable(wagtails, type(user).objects.get(pk=user.pk))
        assert _explorable(ours, type(user).objects.get(pk=user.pk)) == expected, name
    assert _explorable(ours, staff_a) >= {world.a.pk, world.a.get_parent().pk}


@pytest.mark.parametrize(
    "actions",
    [{"change"}, {"add"}, {"publish"}, {"change", "publish"}, {"add", "change"}],
)
def test_every_kind_of_user_holds_the_pages_wagtail_gives(
    world, staff_a, editor_b, actions
):
    users = _users(world, staff_a, editor_b)
    # A page held with "add" only counts for "change" where the user owns it.
    adder = _user_with((world.b, "add_page"), (world.a, "publish_page"))
    CoursePage.objects.filter(pk=world.b_course.pk).update(owner=adder)
    users["add only, owner of a course"] = adder
    ours = StaffPagePermissionPolicy(Page)
    wagtails = PagePermissionPolicy(Page)
    for name, user in users.items():
        expected = wagtails.instances_user_has_any_permission_for(
            type(user).objects.get(pk=user.pk), actions
        )
        got = ours.instances_user_has_any_permission_for(
            type(user).objects.get(pk=user.pk), actions
        )
        assert set(got.values_list("pk", flat=True)) == set(
            expected.values_list("pk", flat=True)
        ), (name, actions)
    owned = ours.instances_user_has_permission_for(adder, "change")
    assert world.b_course.pk in set(owned.values_list("pk", flat=True))


def test_inactive_users_explore_nothing_and_superusers_everything(world):
    ours = StaffPagePermissionPolicy(Page)
    inactive = world.b_staff
    inactive.is_active = False
    assert not ours.explorable_instances(inactive).exists()
    superuser = UserFactory(is_superuser=True)
    assert ours.explorable_instances(superuser).count() == Page.objects.count()


def test_the_admin_asks_the_portals_policy():
    assert isinstance(
        policy_registry.get_by_type(CentrePage), StaffPagePermissionPolicy
    )
    assert isinstance(policy_registry.get_by_type(Page), StaffPagePermissionPolicy)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_sqlite_reads_staff_pages_through_index_ranges(world):
    """Wagtail's form kept the pages under the root, whose path every page
    starts with: SQLite read the whole page table through that prefix."""
    queryset = StaffPagePermissionPolicy(Page).explorable_instances(world.b_staff)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert not [step for step in plan if step.startswith("SCAN")], plan
    assert any("MULTI-INDEX OR" in step for step in plan), plan


def test_staff_explore_their_centre_and_nothing_else(client, world):
    client.force_login(world.b_staff)
    response = client.get(reverse("wagtailadmin_explore", args=[world.b.pk]))
    assert response.status_code == 200
    assert SECRET.encode() in response.content
    # Another centre is not explored: sent back to their explorable root.
    other = client.get(reverse("wagtailadmin_explore", args=[world.c.pk]), follow=True)
    assert other.redirect_chain
    assert SECRET.encode() not in other.content
    for child in world.c.get_children():
        edit = reverse("wagtailadmin_pages:edit", args=[child.pk])
        assert edit.encode() not in other.content
    own = reverse("wagtailadmin_pages:edit", args=[world.b_course.pk])
    assert own.encode() in response.content


def test_staff_cannot_explore_another_centres_pages(client, world, staff_a):
    """Staff of A hold permissions on A in two languages, so the first common
    ancestor of their pages is the root: Wagtail alone would open B's course in
    the explorer with its draft title in the header."""
    client.force_login(staff_a)
    for page in (world.b_course, world.b, world.c):
        response = client.get(reverse("wagtailadmin_explore", args=[page.pk]))
        assert response.status_code == 302, page
        assert SECRET not in response.content.decode()
        assert SECRET not in client.get(response.url).content.decode()
    own = client.get(reverse("wagtailadmin_explore", args=[world.a.pk]))
    assert own.status_code == 200
    assert world.a.title in own.content.decode()
    # The way down to their centre stays open.
    parent = client.get(reverse("wagtailadmin_explore", args=[world.a.get_parent().pk]))
    assert parent.status_code == 200


def test_superusers_explore_every_page(admin_client, world):
    response = admin_client.get(
        reverse("wagtailadmin_explore", args=[world.b_course.pk])
    )
    assert response.status_code == 200
