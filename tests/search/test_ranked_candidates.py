"""A text in more courses than a search ranks (settings.FINDER_RANKED_CANDIDATES)
is ranked, counted and faceted among the newest courses matching it; the count
says it is a lower bound, in the API and on the finder page. Run with a limit of
two over the finder catalogue, where "trung tâm" (every centre's name) is in
all eight current courses."""

import pytest

from search.engines import get_engine
from search.finder import FinderQuery
from search.models import CourseIndexEntry
from tests.search.test_engines import CURRENT, DOAN_KET, NOW

pytestmark = pytest.mark.django_db

LIMIT = 2
TEXT = "trung tâm"


def search(settings, limit, facets=True, **kwargs):
    settings.FINDER_RANKED_CANDIDATES = limit
    kwargs.setdefault("page_size", 50)
    return get_engine().search(FinderQuery(text=TEXT, **kwargs), NOW, facets=facets)


def page_ids(codes):
    entries = CourseIndexEntry.objects.filter(locale="vi", code__in=codes)
    return dict(entries.values_list("code", "page_id"))


def newest(codes, n):
    ids = page_ids(codes)
    return set(sorted(codes, key=ids.__getitem__, reverse=True)[:n])


def test_a_text_under_the_limit_is_ranked_and_counted_whole(settings):
    page = search(settings, 1000)
    assert page.count == len(CURRENT) and page.count_exact and page.facets_exact
    assert {hit.code for hit in page.hits} == CURRENT


def test_a_frequent_text_ranks_the_newest_candidates_in_the_same_order(settings):
    whole = [hit.code for hit in search(settings, 1000).hits]
    capped = search(settings, LIMIT)
    assert capped.count == LIMIT and not capped.count_exact
    assert not capped.facets_exact
    kept = newest(whole, LIMIT)
    assert [hit.code for hit in capped.hits] == [c for c in whole if c in kept]
    # The facets count among the same candidates: every course has one mode.
    assert sum(capped.facets["mode"].values()) == LIMIT
    assert search(settings, LIMIT, facets=False).count == LIMIT


def test_a_filter_finds_older_courses_left_out_of_the_newest(settings):
    whole = search(settings, 1000)
    kept = newest([hit.code for hit in whole.hits], LIMIT)
    assert {hit.code for hit in whole.hits} - kept
    for category in {hit.category for hit in whole.hits}:
        for facets in (True, False):
            filtered = search(settings, LIMIT, facets=facets, categories=(category,))
            expected = search(settings, 1000, facets=facets, categories=(category,))
            codes = [h.code for h in expected.hits]
            if facets:
                # Counted among the newest matches of the text alone.
                assert not filtered.facets_exact
                assert sum(filtered.facets["category"].values()) == LIMIT
            if expected.count <= LIMIT:
                # Every course of the category, older ones included.
                assert [h.code for h in filtered.hits] == codes
                assert filtered.count == expected.count
                assert filtered.count_exact == (expected.count < LIMIT)
            else:
                assert filtered.count == LIMIT and not filtered.count_exact
                in_newest = newest(codes, LIMIT)
                assert [h.code for h in filtered.hits] == [
                    c for c in codes if c in in_newest
                ]


def test_a_search_with_a_place_ranks_every_match(settings):
    whole = search(settings, 1000, near=DOAN_KET, radius_km=50)
    near = search(settings, LIMIT, near=DOAN_KET, radius_km=50)
    assert near.count == whole.count > LIMIT and near.count_exact
    assert [h.code for h in near.hits] == [h.code for h in whole.hits]
    assert near.facets == whole.facets


def test_every_page_of_a_frequent_text_is_stable_and_ends(settings):
    first = search(settings, LIMIT, page_size=1)
    second = search(settings, LIMIT, page_size=1, page=2)
    assert len(first.hits) == len(second.hits) == 1
    assert first.hits[0].code != second.hits[0].code
    assert search(settings, LIMIT, page_size=1, page=3).hits == []


def test_the_api_and_the_page_say_the_count_is_a_lower_bound(client, settings):
    settings.FINDER_RANKED_CANDIDATES = 2
    body = client.get("/api/v1/courses/search", {"q": "lai chau"}).json()
    assert body["count"] == 2 and body["count_exact"] is False
    settings.FINDER_RANKED_CANDIDATES = 10_000
    body = client.get("/api/v1/courses/search", {"q": "lai chau"}).json()
    assert body["count"] > 2 and body["count_exact"] is True

    settings.FINDER_RANKED_CANDIDATES = 2
    html = client.get("/vi/search/", {"q": "lai chau"}).content.decode()
    assert "Tìm thấy ít nhất 2 khóa học" in html
    assert "được thêm gần đây nhất" in html
    # One course of the category: its count is exact, the facets are not.
    html = client.get("/vi/search/", {"q": "lai chau", "category": "vocational"})
    html = html.content.decode()
    assert "Tìm thấy 1 khóa học" in html and "ít nhất" not in html
    assert "Số lượng bên cạnh các bộ lọc được đếm trong số 2 khóa học" in html
    html = client.get("/en/search/", {"q": "lai chau"}).content.decode()
    assert "At least 2 courses found" in html
