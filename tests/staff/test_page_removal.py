"""Who may delete and move pages: bulk move works, for superusers anywhere, for
staff within reach."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def bulk(client, action, pages, data=None):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"{url}?{query}", data or {})


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
