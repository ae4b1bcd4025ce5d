"""Each language's page tree keeps the shape of the Vietnamese one when pages are
translated with their subtree or moved (wagtail-localize#773 and #906)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.synctree import PageIndex, synchronize_tree

from centres.models import CentrePage
from courses.models import CoursePage
from tests.translations.pages import translated, untranslated

pytestmark = pytest.mark.django_db


def locale(code):
    return Locale.objects.get(language_code=code)


def untranslated_centre(code):
    return untranslated(CentrePage, code).first()


def assert_tree_is_consistent(pages):
    for page in pages:
        page = Page.objects.get(pk=page.pk)
        assert page.numchild == page.get_children().count(), page
        assert page.get_parent().locale_id == page.locale_id, page


def test_translating_a_centre_with_its_subtree_keeps_the_tree_valid(admin_client):
    """wagtail-localize#773: the translated parent was left with numchild 0, so the
    admin did not list its translated children."""
    tay = locale("tyz")
    centre = untranslated_centre("tyz")
    courses = list(CoursePage.objects.child_of(centre))
    assert courses
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=(centre.pk,)),
        {"locales": [tay.pk], "include_subtree": "on"},
    )
    assert response.status_code == 302
    tay_centre = centre.get_translation(tay)
    tay_courses = CoursePage.objects.child_of(tay_centre)
    assert {c.translation_key for c in tay_courses} == {
        c.translation_key for c in courses
    }
    assert_tree_is_consistent([tay_centre, tay_centre.get_parent(), *tay_courses])
    # The admin explorer lists the translated courses under the translated centre.
    response = admin_client.get(reverse("wagtailadmin_explore", args=(tay_centre.pk,)))
    html = response.content.decode()
    for course in tay_courses:
        assert course.title in html.replace("&#x27;", "'")


def test_moving_a_translated_course_moves_its_translations(admin_client):
    """wagtail-localize#906: a translation left under the old parent broke the
    tree synchronisation of a later language."""
    en = locale("en")
    course = translated(CoursePage, "en").first()
    old_centre = course.get_parent().specific
    # Not a centre teaching a course of the same slug: Wagtail refuses that move.
    taken = [
        same.get_parent().pk
        for same in CoursePage.objects.filter(locale=course.locale, slug=course.slug)
    ]
    new_centre = translated(CentrePage, "en").exclude(pk__in=taken).first()
    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=(course.pk, new_centre.pk))
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=course.pk).get_parent().pk == new_centre.pk
    en_course = course.get_translation(en)
    assert en_course.get_parent().pk == new_centre.get_translation(en).pk
    assert_tree_is_consistent(
        [en_course.get_parent(), old_centre.get_translation(en), en_course]
    )

    # Synchronising a language from Vietnamese now follows the new tree.
    hmong = locale("hmn")
    pages = [
        *Page.objects.filter(translation_key=course.translation_key),
        *Page.objects.filter(translation_key=new_centre.translation_key),
        *Page.objects.filter(translation_key=old_centre.translation_key),
        *[p for p in new_centre.get_ancestors() if p.depth > 1],
    ]
    for page in Page.objects.filter(
        translation_key__in={p.translation_key for p in pages}, depth__gt=1
    ):
        pages.append(page)
    index = PageIndex([PageIndex.Entry.from_page_instance(p) for p in set(pages)])
    synchronize_tree(locale("vi"), hmong, page_index=index.sort_by_tree_position())
    hmong_course = Page.objects.get(
        translation_key=course.translation_key, locale=hmong
    )
    assert hmong_course.get_parent().translation_key == new_centre.translation_key


def test_moving_a_course_to_an_untranslated_centre_creates_that_centre_first(
    admin_client,
):
    en = locale("en")
    course = translated(CoursePage, "en").first()
    target = untranslated_centre("en")
    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=(course.pk, target.pk))
    )
    assert response.status_code == 302
    en_target = target.get_translation(en)
    assert course.get_translation(en).get_parent().pk == en_target.pk
    # A copy to translate, not a translation: wagtail-localize shows it as such.
    assert en_target.title == target.title
