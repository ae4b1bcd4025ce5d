"""Two centres of one province (A, B) and a centre of another province (C), from the
demo data, with B holding things nobody else may see: a live course with a draft,
a never-published course, an image and a document in B's collection, B's staff.

Every secret is marked with the ASCII word ZQXB so that a leak shows up in HTML and
in JSON (which escapes Vietnamese letters) alike."""

from dataclasses import dataclass

import pytest
from wagtail.models import Locale

from centres.models import CentrePage, ProvincePage
from courses.models import Category, CoursePage
from portal.services import page_add, page_save
from staff.services import centre_groups_ensure
from tests.factories import (
    CentreStaffFactory,
    DocumentFactory,
    ImageFactory,
    ProvinceEditorFactory,
)

SECRET = "ZQXB"
LIVE_TITLE = "Lop ZQXB song"
DRAFT_TITLE = "Lop ZQXB nhap"
HIDDEN_TITLE = "Lop ZQXB an"
IMAGE_TITLE = "Anh ZQXB lop hoc"
DOCUMENT_TITLE = "Tai lieu ZQXB lich"
B_USERNAME = "canbo-zqxb"
SECRETS = (LIVE_TITLE, DRAFT_TITLE, HIDDEN_TITLE, IMAGE_TITLE, DOCUMENT_TITLE)


@dataclass
class World:
    province: ProvincePage
    other_province: ProvincePage
    a: CentrePage
    b: CentrePage
    c: CentrePage
    b_course: CoursePage
    b_course_en: CoursePage
    b_hidden: CoursePage
    b_image: object
    b_document: object
    b_staff: object


def _course(centre, title, code):
    category = Category.objects.get(slug="digital-skills", locale=centre.locale)
    return CoursePage(
        title=title,
        slug=code.lower(),
        code=code,
        category=category,
        summary="",
    )


def _translate(page, locale, title):
    copy = page.copy_for_translation(locale)
    copy.title = title
    page_save(copy, publish=True)
    return CoursePage.objects.get(pk=copy.pk)


@pytest.fixture
def world(db):
    source = Locale.get_default()
    en = Locale.objects.get(language_code="en")
    provinces = [
        p
        for p in ProvincePage.objects.filter(locale=source).order_by("title")
        if CentrePage.objects.child_of(p).filter(locale=source).count() >= 2
    ]
    province, other = provinces[0], provinces[1]
    a, b = CentrePage.objects.child_of(province).order_by("code")[:2]
    c = CentrePage.objects.child_of(other).order_by("code").first()
    assert b.has_translation(en), "the demo translates every centre"
    course = page_add(b, _course(b, LIVE_TITLE, "ZQXB-01"), publish=True)
    latest = CoursePage.objects.get(pk=course.pk)
    latest.title = DRAFT_TITLE
    page_save(latest, publish=False)
    course_en = _translate(CoursePage.objects.get(pk=course.pk), en, LIVE_TITLE)
    hidden = page_add(b, _course(b, HIDDEN_TITLE, "ZQXB-02"), publish=False)
    collection = centre_groups_ensure(b).collection
    b_staff = CentreStaffFactory(username=B_USERNAME, centre=b)
    return World(
        province=province,
        other_province=other,
        a=a,
        b=b,
        c=c,
        b_course=CoursePage.objects.get(pk=course.pk),
        b_course_en=course_en,
        b_hidden=CoursePage.objects.get(pk=hidden.pk),
        b_image=ImageFactory(title=IMAGE_TITLE, collection=collection),
        b_document=DocumentFactory(title=DOCUMENT_TITLE, collection=collection),
        b_staff=b_staff,
    )


@pytest.fixture
def staff_a(world):
    """Staff of centre A (same province as B)."""
    return CentreStaffFactory(centre=world.a)


@pytest.fixture
def editor_other(world):
    """An editor of another province than B's."""
    return ProvinceEditorFactory(province=world.other_province)


@pytest.fixture
def editor_b(world):
    """An editor of B's province."""
    return ProvinceEditorFactory(province=world.province)
