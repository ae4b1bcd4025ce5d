"""Staff may put on their pages only the images they may choose (Wagtail's image
permission policy, "choose" action): the form accepted any image id posted, and
centre staff published another province's centre's photo (found by an audit)."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupCollectionPermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from centres.models import CentrePage, CentrePhoto
from staff.services import centre_groups_ensure
from tests.courses.test_course_admin import course_edit_form, vietnamese
from tests.factories import CentreStaffFactory, ImageFactory, first_live_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    """Logged in as staff of the first demo course's centre, allowed to choose
    the images of their centre's collection (what the staff groups are meant
    to give; the check asks Wagtail's image permission policy, whatever the
    groups hold)."""
    centre = first_live_course().get_parent().specific
    user = CentreStaffFactory(centre=centre)
    staff_group = centre_groups_ensure(centre)
    GroupCollectionPermission.objects.get_or_create(
        group=staff_group.group,
        collection=staff_group.collection,
        permission=Permission.objects.get(
            content_type__app_label="wagtailimages", codename="choose_image"
        ),
    )
    client.force_login(user)
    client.staff_collection = staff_group.collection
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def _other_centres_image(centre):
    other = CentrePage.objects.filter(locale__language_code="vi").exclude(
        translation_key=centre.translation_key
    )
    other = other.exclude(path__startswith=centre.get_parent().path).first()
    return ImageFactory(collection=centre_groups_ensure(other).collection)


def _course_form(course, image):
    form = course_edit_form(course)
    form.update(
        {
            "images-TOTAL_FORMS": "1",
            "images-0-image": str(image.pk),
            "images-0-caption": "",
            "images-0-id": "",
            "images-0-ORDER": "1",
            "images-0-DELETE": "",
        }
    )
    return form


def _centre_form(centre, image, photo=None):
    """The edit form of ``centre`` as it stands, with one photo: ``image``
    (``photo``, the CentrePhoto that holds it already, when given)."""
    form = nested_form_data(
        {
            "title": centre.title,
            "slug": centre.slug,
            "code": centre.code,
            "commune": centre.commune_id,
            "address": centre.address,
            "latitude": centre.latitude,
            "longitude": centre.longitude,
            "phone": centre.phone,
            "email": centre.email,
            "opening_hours": centre.opening_hours,
            "description": rich_text(centre.description),
            "photos": inline_formset(
                [
                    {
                        "id": str(photo.pk) if photo else "",
                        "image": str(image.pk),
                        "caption": "",
                    }
                ],
                initial=1 if photo else 0,
            ),
            "action-publish": "publish",
        }
    )
    for name in ("has_computers", "has_wifi", "step_free_access"):
        if getattr(centre, name):
            form[name] = "on"
    return form


def test_staff_cannot_publish_another_centres_image_on_a_course(staff_client):
    course = first_live_course()
    foreign = _other_centres_image(course.get_parent())
    response = staff_client.post(edit_url(course), _course_form(course, foreign))
    assert response.status_code == 200
    assert vietnamese("You may not use this image.") in response.content.decode()
    assert not course.images.filter(image=foreign).exists()
    own = ImageFactory(collection=staff_client.staff_collection)
    response = staff_client.post(edit_url(course), _course_form(course, own))
    assert response.status_code == 302
    assert course.images.filter(image=own).exists()


def test_staff_cannot_publish_another_centres_photo_on_their_centre(staff_client):
    centre = first_live_course().get_parent().specific
    foreign = _other_centres_image(centre)
    response = staff_client.post(edit_url(centre), _centre_form(centre, foreign))
    assert response.status_code == 200
    assert vietnamese("You may not use this image.") in response.content.decode()
    assert not centre.photos.filter(image=foreign).exists()
    assert foreign.file.url not in Client().get(centre.url).content.decode()


def test_a_photo_the_centre_holds_already_stays(staff_client):
    """A photo a province editor put on the centre, from the province's
    collection: the centre's staff can still save their page."""
    centre = first_live_course().get_parent().specific
    foreign = _other_centres_image(centre)
    centre.photos = [CentrePhoto(image=foreign)]
    centre.save_revision().publish()
    photo = CentrePhoto.objects.get(page=centre, image=foreign)
    response = staff_client.post(edit_url(centre), _centre_form(centre, foreign, photo))
    assert response.status_code == 302, response.context["form"].errors
    assert centre.photos.filter(image=foreign).exists()
