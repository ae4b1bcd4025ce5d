"""Who may delete and move pages (staff/restrictions.py, page_removable_by):
translators edit and publish their language's tree and remove nothing; a
centre's staff may not remove its page, its province's editors may once it has
no courses; bulk move works, for superusers anywhere, for staff within reach."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page

from centres.models import ProvincePage
from courses.models import CoursePage, CurriculumIndexPage
from staff.services import translator_add
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Wagtail's admin turns a refusal into a redirect to the dashboard.
REFUSED = (302, 403)


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
    from staff.restrictions import page_removable_by

    assert not page_removable_by(UserFactory(is_active=False), world.b_hidden)
    assert not page_removable_by(UserFactory(), world.b_hidden)
