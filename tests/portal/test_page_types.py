"""Parent/child rules of every page type: the tree mirrors Home > Province > Centre
> Course, with curricula beside the provinces."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from centres.models import CentrePage, ProvincePage
from courses.models import CoursePage, CurriculumIndexPage, CurriculumPage
from portal.models import HomePage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ProvincePage, CurriculumIndexPage})

    def test_province_page(self):
        self.assertAllowedParentPageTypes(ProvincePage, {HomePage})
        self.assertAllowedSubpageTypes(ProvincePage, {CentrePage})

    def test_centre_page(self):
        self.assertAllowedParentPageTypes(CentrePage, {ProvincePage})
        self.assertAllowedSubpageTypes(CentrePage, {CoursePage})

    def test_course_page(self):
        self.assertAllowedParentPageTypes(CoursePage, {CentrePage})
        self.assertAllowedSubpageTypes(CoursePage, set())

    def test_curricula(self):
        self.assertAllowedParentPageTypes(CurriculumIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CurriculumIndexPage, {CurriculumPage})
        self.assertAllowedParentPageTypes(CurriculumPage, {CurriculumIndexPage})
        self.assertAllowedSubpageTypes(CurriculumPage, set())

    def test_a_course_cannot_be_created_under_a_province(self):
        self.assertCanNotCreateAt(ProvincePage, CoursePage)
        self.assertCanNotCreateAt(HomePage, CentrePage)
