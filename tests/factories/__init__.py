import factory
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class ImageFactory(factory.django.DjangoModelFactory):
    """An uploaded image (a tiny PNG) in ``collection``."""

    title = factory.Sequence(lambda n: f"Ảnh {n}")
    alt_text = factory.LazyAttribute(lambda i: f"Mô tả {i.title}")
    file = factory.django.ImageField(width=8, height=8, color="green")

    class Meta:
        model = "media.CustomImage"


class DocumentFactory(factory.django.DjangoModelFactory):
    """An uploaded plain-text document in ``collection``."""

    title = factory.Sequence(lambda n: f"Tài liệu {n}")
    file = factory.django.FileField(data=b"Lich hoc", filename="lich-hoc.txt")

    class Meta:
        model = "media.CustomDocument"


class CentreStaffFactory(UserFactory):
    """A user who is staff of ``centre`` (a CentrePage, any locale's copy)."""

    @factory.post_generation
    def centre(obj, create, extracted, **kwargs):
        if extracted is not None:
            from staff.services import centre_groups_ensure

            obj.groups.add(centre_groups_ensure(extracted).group)


class ProvinceEditorFactory(UserFactory):
    """A user who is an editor of ``province`` (a ProvincePage)."""

    @factory.post_generation
    def province(obj, create, extracted, **kwargs):
        if extracted is not None:
            from staff.services import province_groups_ensure

            obj.groups.add(province_groups_ensure(extracted).group)


def first_live_course():
    """A live Vietnamese course of the demo portal (the first by id)."""
    from courses.models import CoursePage

    return (
        CoursePage.objects.live()
        .filter(locale__language_code="vi")
        .order_by("pk")
        .first()
    )


def retitled(language, titles):
    """Give the demo courses of ``titles`` (code: title) in ``language`` these
    titles, published (the index follows)."""
    from courses.models import CoursePage

    for code, title in titles.items():
        page = CoursePage.objects.get(code=code, locale__language_code=language)
        page.title = title
        page.save_revision().publish()


def english_withdrawn(pages):
    """Return the first by path of ``pages`` (a page queryset) that is live in
    Vietnamese, and its English translation, unpublished: an English reader of
    it is served the Vietnamese page."""
    from wagtail.models import Locale

    page = pages.live().filter(locale__language_code="vi").order_by("path").first()
    english = page.get_translation(Locale.objects.get(language_code="en"))
    english.unpublish()
    return page, english


def centre_edit_form(centre, **changes):
    """The admin's edit form of ``centre`` as it stands, with ``changes`` to its
    fields, publishing: ready to post to the edit view."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    values = {
        "title": centre.title,
        "slug": centre.slug,
        "code": centre.code,
        "commune": centre.commune_id,
        "address": centre.address,
        "latitude": str(centre.latitude),
        "longitude": str(centre.longitude),
        "phone": centre.phone,
        "email": centre.email,
        "opening_hours": centre.opening_hours,
        "description": rich_text(centre.description),
        "photos": inline_formset([]),
        "action-publish": "publish",
    }
    for flag in ("has_computers", "has_wifi", "step_free_access"):
        if getattr(centre, flag):
            values[flag] = "on"
    values.update(changes)
    return nested_form_data(values)
