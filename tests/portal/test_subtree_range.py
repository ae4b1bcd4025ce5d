"""``subtree_range`` selects exactly treebeard's subtree, as an indexable range."""

import pytest
from wagtail.models import Page

from portal.selectors import subtree_range

pytestmark = pytest.mark.django_db


def test_the_range_holds_a_page_and_its_descendants_only():
    pages = list(Page.objects.filter(depth__in=[2, 3, 4]))
    assert len(pages) > 50
    for page in pages:
        ranged = set(
            Page.objects.filter(subtree_range(page.path)).values_list("pk", flat=True)
        )
        expected = set(
            Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
        )
        assert ranged == expected, page.path


def test_the_last_possible_path_has_no_upper_end():
    last = "Z" * Page.steplen * 2
    assert subtree_range(last).children == [("path__gte", last)]
    assert dict(subtree_range("0001000Z").children) == {
        "path__gte": "0001000Z",
        "path__lt": "00010010",
    }
