"""Centre staff manage the images and documents of their centre's collection in
Wagtail's admin, and nobody else's: the groups hold the permissions Wagtail's
image and document policies check (wagtailimages.*_image,
wagtaildocs.*_document), and existing groups are given them by a migration."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import GroupCollectionPermission

from media.models import CustomDocument, CustomImage
from staff.services import centre_groups_ensure
from tests.staff.conftest import DOCUMENT_TITLE, IMAGE_TITLE

pytestmark = pytest.mark.django_db


def test_centre_staff_upload_and_choose_images_of_their_centre(client, world, staff_a):
    collection = centre_groups_ensure(world.a).collection
    client.force_login(staff_a)
    assert client.get(reverse("wagtailimages:index")).status_code == 200
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Lop hoc cua A",
            "file": SimpleUploadedFile(
                "lop-hoc.png", get_test_image_file().file.getvalue(), "image/png"
            ),
            "collection": collection.pk,
            "alt_text": "Học viên trong lớp",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    image = CustomImage.objects.get(title="Lop hoc cua A")
    assert image.collection == collection
    edit = client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert edit.status_code == 200
    listing = client.get(reverse("wagtailimages:index")).content.decode()
    chooser = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    for html in (listing, chooser):
        assert "Lop hoc cua A" in html
        assert IMAGE_TITLE not in html
    # Another centre's image (B's, same province) can be neither seen nor edited.
    other = client.get(reverse("wagtailimages:edit", args=[world.b_image.pk]))
    assert other.status_code in (302, 403)
    assert IMAGE_TITLE not in other.content.decode()


def test_centre_staff_upload_and_choose_documents_of_their_centre(
    client, world, staff_a
):
    collection = centre_groups_ensure(world.a).collection
    client.force_login(staff_a)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Lich hoc cua A",
            "file": SimpleUploadedFile("lich.txt", b"Thu hai", "text/plain"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert CustomDocument.objects.get(title="Lich hoc cua A").collection == collection
    listing = client.get(reverse("wagtaildocs:index")).content.decode()
    chooser = client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    for html in (listing, chooser):
        assert "Lich hoc cua A" in html
        assert DOCUMENT_TITLE not in html
    other = client.get(reverse("wagtaildocs:edit", args=[world.b_document.pk]))
    assert other.status_code in (302, 403)


def test_province_editors_manage_their_centres_images(client, world, editor_b):
    client.force_login(editor_b)
    response = client.get(reverse("wagtailimages:edit", args=[world.b_image.pk]))
    assert response.status_code == 200


def test_the_migration_gives_existing_groups_wagtails_permissions(world):
    """A group set up before the fix holds media.*_customimage permissions: the
    migration gives it the same actions on Wagtail's models and drops those."""
    staff_group = centre_groups_ensure(world.a)
    group, collection = staff_group.group, staff_group.collection
    GroupCollectionPermission.objects.filter(group=group).delete()
    old = Permission.objects.filter(
        content_type__app_label="media",
        codename__in=["add_customimage", "choose_customimage", "change_customdocument"],
    )
    for permission in old:
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=permission
        )
    migration = importlib.import_module(
        "staff.migrations.0005_wagtail_media_permissions"
    )
    migration.wagtail_permissions(apps, None)
    held = set(
        GroupCollectionPermission.objects.filter(
            group=Group.objects.get(pk=group.pk), collection=collection
        ).values_list("permission__content_type__app_label", "permission__codename")
    )
    assert held == {
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "change_document"),
    }
