"""Fixtures shared by the finder's API and page tests."""

import pytest

from tests.factories import retitled


@pytest.fixture
def plural_and_singular_titles():
    """Two English courses: one titled with irregular plurals, one with their
    singulars (and no audience "Women", which the other has)."""
    retitled(
        "en",
        {
            "LC-A-01": "Weaving: a child, a woman and a fisherman",
            "LC-C-01": "Net mending for fishermen, women and their children",
        },
    )
