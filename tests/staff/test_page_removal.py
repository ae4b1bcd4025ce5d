"""Who may delete and move pages (staff.permissions.StaffPagePermissionTester):
translators edit and publish their language's tree and remove nothing; a
centre's staff may not remove its page, its province's editors may once it has
no courses; bulk move works, for superusers anywhere, for staff within reach."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
import wagtail.admin
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page

import staff
from centres.models import ProvincePage
from courses.models import CoursePage, CurriculumIndexPage
from staff.services import national_group_ensure, translator_add
from tests.factories import ProvinceEditorFactory, UserFactory

pytestmark = pytest.mark.django_db

# Wagtail's admin turns a refusal into a redirect to the dashboard.
REFUSED = (302, 403)
FOOTER = "wagtailadmin/bulk_actions/footer.html"
TRANSLATION_EDITOR = re.compile(r'data-props="([^"]*)"')


def bulk(client, action, pages, data=None):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"{url}?{query}", data or {})


@pytest.fixture
def translator_client():
    user, _created = translator_add("km", "nguoidich.xoa", "xoa@example.vn")
    client = Client()
    client.force_login(user)
    return client


def khmer_leaves():
    km = Locale.objects.get(language_code="km")
    pages = [
        ProvincePage.objects.filter(locale=km, numchild=0).first(),
        CurriculumIndexPage.objects.filter(locale=km).first(),
    ]
    return [page for page in pages if page is not None]


def test_translators_cannot_delete_their_languages_pages(translator_client):
    pages = khmer_leaves()
    assert pages, "the demo has a Khmer province or curricula index"
    for page in pages:
        # Still theirs to edit.
        edit = translator_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert edit.status_code == 200
        response = translator_client.post(
            reverse("wagtailadmin_pages:delete", args=[page.pk])
        )
        assert response.status_code in REFUSED
        bulk(translator_client, "delete", [page])
        assert Page.objects.filter(pk=page.pk).exists()


def test_translators_cannot_move_their_languages_pages(translator_client):
    km = Locale.objects.get(language_code="km")
    provinces = ProvincePage.objects.filter(locale=km).order_by("path")
    page = provinces.filter(numchild=0).first()
    other = provinces.exclude(pk=page.pk).first()
    response = translator_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[page.pk, other.pk])
    )
    assert response.status_code in REFUSED
    bulk(translator_client, "move", [page], {"chooser": other.pk})
    assert Page.objects.get(pk=page.pk).get_parent().pk == page.get_parent().pk


def test_a_superuser_bulk_moves_a_course(admin_client, world):
    response = bulk(admin_client, "move", [world.b_hidden], {"chooser": world.a.pk})
    assert response.status_code == 302
    assert Page.objects.get(pk=world.b_hidden.pk).get_parent().pk == world.a.pk


def test_staff_bulk_move_stays_within_their_centre(client, world, staff_a):
    client.force_login(staff_a)
    own = CoursePage.objects.child_of(world.a).first()
    # Their own course into another centre: refused, the page stays.
    response = bulk(client, "move", [own], {"chooser": world.b.pk})
    assert response.status_code == 200
    assert Page.objects.get(pk=own.pk).get_parent().pk == world.a.pk
    # Another centre's course into theirs: refused, and not named.
    response = bulk(client, "move", [world.b_hidden], {"chooser": world.a.pk})
    assert world.b_hidden.title not in response.content.decode()
    assert Page.objects.get(pk=world.b_hidden.pk).get_parent().pk == world.b.pk


def test_province_editors_delete_an_empty_centre_only(client, world, editor_b, staff_a):
    """A centre with courses is not deleted with them (Wagtail asks for
    bulk_delete, which no group holds): it is emptied or unpublished first."""
    client.force_login(editor_b)
    delete = reverse("wagtailadmin_pages:delete", args=[world.b.pk])
    assert client.post(delete).status_code in REFUSED
    assert Page.objects.filter(pk=world.b.pk).exists()
    for course in CoursePage.objects.child_of(world.a):
        course.delete()
    # Its own staff may not delete it, empty or not.
    staff = Client()
    staff.force_login(staff_a)
    delete = reverse("wagtailadmin_pages:delete", args=[world.a.pk])
    refused = staff.post(delete)
    assert refused.status_code in REFUSED
    assert Page.objects.filter(pk=world.a.pk).exists()
    response = client.post(delete)
    assert response.status_code == 302
    assert response.url != refused.url
    assert not Page.objects.filter(pk=world.a.pk).exists()


def test_inactive_and_plain_users_remove_nothing(world):
    for user in (UserFactory(is_active=False), UserFactory()):
        permissions = world.b_hidden.permissions_for_user(user)
        assert not permissions.can_delete()
        assert not permissions.can_move()


# What the admin offers follows the same rule: no Delete or Move that ends in
# "no permission" (the page listing's menus, a page's header and the bulk actions).


def removal_links(html, page):
    """The Delete and Move offered for ``page`` in an admin page's ``html``: its
    links, and the Delete button of wagtail-localize's translation editor (its
    props hold the delete URL always, and whether to show the button)."""
    offered = set()
    editor = TRANSLATION_EDITOR.search(html)
    if editor:
        if json.loads(unescape(editor.group(1)))["perms"]["canDelete"]:
            offered.add("delete")
        html = html[: editor.start()] + html[editor.end() :]
    for name in ("delete", "move"):
        if reverse(f"wagtailadmin_pages:{name}", args=[page.pk]) in html:
            offered.add(name)
    return offered


def bulk_removal_buttons(html):
    return {
        action
        for action in ("delete", "move")
        if reverse("wagtail_bulk_action", args=("wagtailcore", "page", action)) in html
    }


def test_translators_are_offered_no_delete_or_move(translator_client):
    page = khmer_leaves()[0]
    home = page.get_parent()
    listing = translator_client.get(reverse("wagtailadmin_explore", args=[home.pk]))
    assert listing.status_code == 200
    html = listing.content.decode()
    # The listing shows the page with its other actions, not these.
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert removal_links(html, page) == set()
    assert bulk_removal_buttons(html) == set()
    edit = translator_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    # A translation opens in wagtail-localize's translation editor.
    assert TRANSLATION_EDITOR.search(edit.content.decode())
    assert removal_links(edit.content.decode(), page) == set()
    header = translator_client.get(reverse("wagtailadmin_explore", args=[page.pk]))
    assert header.status_code == 200
    assert removal_links(header.content.decode(), page) == set()


def test_staff_are_offered_delete_and_move_where_they_may(client, world, staff_a):
    client.force_login(staff_a)
    course = CoursePage.objects.child_of(world.a).first()
    listing = client.get(reverse("wagtailadmin_explore", args=[world.a.pk]))
    html = listing.content.decode()
    assert removal_links(html, course) == {"delete", "move"}
    assert bulk_removal_buttons(html) == {"delete", "move"}
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert removal_links(edit.content.decode(), course) == {"delete", "move"}
    # Their centre page is theirs to edit, its province's editors' to remove.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[world.a.pk]))
    assert edit.status_code == 200
    assert removal_links(edit.content.decode(), world.a) == set()


def test_province_editors_are_offered_to_move_their_centres(client, world, editor_b):
    client.force_login(editor_b)
    listing = client.get(reverse("wagtailadmin_explore", args=[world.province.pk]))
    assert "move" in removal_links(listing.content.decode(), world.a)


def test_the_bulk_actions_footer_is_wagtails_but_for_the_offered_actions():
    """staff/templates/wagtailadmin/bulk_actions/footer.html replaces Wagtail's:
    a Wagtail upgrade that changes Wagtail's shows up here."""
    ours = Path(staff.__file__).parent / "templates" / FOOTER
    wagtails = Path(wagtail.admin.__file__).parent / "templates" / FOOTER
    expected = (
        wagtails.read_text()
        .replace("wagtailadmin_tags %}", "wagtailadmin_tags staff_admin_tags %}", 1)
        .replace("{% bulk_action_choices ", "{% offered_bulk_action_choices ")
    )
    lines = [line for line in ours.read_text().splitlines(True) if line[:2] != "{#"]
    assert "".join(lines) == expected


def test_editors_remove_no_page_of_the_sites_skeleton(client):
    """Province editors hold "add" on every language's copy of their province
    page, national editors on every copy of the curricula index: a copy with
    nothing under it yet (a Khmer province without centres) is theirs to fill,
    not to delete or move. Only those who may add pages to the home page (no
    group) remove the skeleton built for every language."""
    province = khmer_leaves()[0]
    assert isinstance(province.specific, ProvincePage)
    editors = [
        ProvinceEditorFactory(province=province.specific),
        UserFactory(),
    ]
    editors[1].groups.add(national_group_ensure().group)
    curricula = CurriculumIndexPage.objects.filter(numchild=0).first()
    for user, page in zip(editors, (province, curricula), strict=True):
        if page is None:
            continue
        client.force_login(user)
        listing = client.get(
            reverse("wagtailadmin_explore", args=[page.get_parent().pk])
        )
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in (
            listing.content.decode()
        )
        assert removal_links(listing.content.decode(), page) == set()
        response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert response.status_code in REFUSED
        assert Page.objects.filter(pk=page.pk).exists()
