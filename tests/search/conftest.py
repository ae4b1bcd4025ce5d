"""Fixtures shared by the finder's API and page tests."""

import pytest

from courses.models import CoursePage


@pytest.fixture
def plural_and_singular_titles():
    """Two English courses: one titled with irregular plurals, one with their
    singulars (and no audience "Women", which the other has)."""
    for code, title in (
        ("LC-A-01", "Weaving: a child, a woman and a fisherman"),
        ("LC-C-01", "Net mending for fishermen, women and their children"),
    ):
        page = CoursePage.objects.get(code=code, locale__language_code="en")
        page.title = title
        page.save_revision().publish()
