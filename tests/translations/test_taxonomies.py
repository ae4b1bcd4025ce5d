"""National editors translate the national taxonomies with wagtail-localize; readers
see category names in their language where translated, else in Vietnamese."""

import polib
import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from courses.models import Category
from courses.selectors import taxonomy_labels

pytestmark = pytest.mark.django_db

KHMER_NAME = "ជំនាញឌីជីថល"


def test_a_category_is_translated_into_khmer_through_the_admin(
    admin_client, django_capture_on_commit_callbacks
):
    khmer = Locale.objects.get(language_code="km")
    category = Category.objects.get(slug="digital-skills", locale__language_code="vi")
    assert not Category.objects.filter(slug="digital-skills", locale=khmer).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=("courses", "category", category.pk),
            ),
            {"locales": [khmer.pk]},
        )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=category.translation_key, target_locale=khmer
    )
    po = polib.pofile(
        admin_client.get(
            reverse("wagtail_localize:download_pofile", args=(translation.pk,))
        ).content.decode()
    )
    (entry,) = [e for e in po if e.msgid == category.name]
    entry.msgstr = KHMER_NAME
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=(translation.pk,)),
        {"file": SimpleUploadedFile("km.po", str(po).encode()), "next": "/admin/"},
    )
    translation.save_target()
    khmer_category = Category.objects.get(
        translation_key=category.translation_key, locale=khmer
    )
    assert khmer_category.name == KHMER_NAME
    # The slug is a fact: the same in every language.
    assert khmer_category.slug == "digital-skills"

    from django.utils import translation as i18n

    with i18n.override("km"):
        assert taxonomy_labels(Category)[category.pk] == KHMER_NAME
    with i18n.override("tyz"):
        assert taxonomy_labels(Category)[category.pk] == category.name


@pytest.mark.parametrize("language", ["vi", "en", "km"])
def test_a_courses_teaching_language_is_named_in_the_readers_language(language):
    from django.utils import translation

    from courses.models import CoursePage, teaching_language_choices

    with translation.override(language):
        for code, label in teaching_language_choices():
            shown = CoursePage(teaching_language=code).get_teaching_language_display()
            assert str(shown) == str(label)
        if language == "vi":
            english = CoursePage(teaching_language="en")
            assert english.get_teaching_language_display() == "Tiếng Anh"
