"""The finder contract, run against every engine available here.

The database engine of the test database (SQLite FTS5 or PostgreSQL) always runs;
Elasticsearch runs when ELASTICSEARCH_URL is set (see test_elasticsearch.py).
Searches run "at" 2030-01-07 08:30 Vietnam time, when only the Lai Châu courses of
tests/fixtures/finder_catalogue.json are current (the demo's classes are over).
"""

import datetime as dt
import os
import unicodedata
from dataclasses import replace

import pytest
from django.db import connection

from courses.schedule import LOCAL_TZ
from search.engines import get_engine
from search.finder import FinderQuery, Place, course_find

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2030, 1, 7, 7, 30, tzinfo=LOCAL_TZ)
DOAN_KET = Place(22.4412, 103.397, "Phường Đoàn Kết")
CURRENT = {
    "LC-A-01",
    "LC-A-02",
    "LC-A-03",
    "LC-B-01",
    "LC-B-02",
    "LC-B-03",
    "LC-C-01",
    "LC-C-02",
}


def engines():
    found = [pytest.param("database", id="database")]
    marks = []
    if not os.environ.get("ELASTICSEARCH_URL"):
        marks = [
            pytest.mark.skip(
                reason="ELASTICSEARCH_URL is not set: no "
                "Elasticsearch server to test against"
            )
        ]
    found.append(pytest.param("elasticsearch", id="elasticsearch", marks=marks))
    return found


@pytest.fixture(params=engines())
def find(request, settings):
    if request.param == "elasticsearch":
        from search.services import course_index_rebuild

        settings.FINDER_ENGINE = "search.engines.elasticsearch.ElasticsearchEngine"
        settings.FINDER_ELASTICSEARCH = {
            "URL": os.environ["ELASTICSEARCH_URL"],
            "INDEX": "htcd-test",
            "REFRESH": True,
        }
        course_index_rebuild()

    def run(**kwargs):
        kwargs.setdefault("page_size", 50)
        return course_find(FinderQuery(**kwargs), now=NOW)

    return run


def codes(page):
    return [hit.code for hit in page.hits]


@pytest.mark.parametrize(
    "text",
    [
        "Tin học",
        "tin hoc",
        "TIN HỌC",
        unicodedata.normalize("NFD", "Tin học"),
        "Tin ho\u0323c",
    ],
)
def test_every_spelling_finds_the_same_courses(find, text):
    assert set(codes(find(text=text))) == {"LC-A-01", "LC-B-03"}


@pytest.mark.parametrize("text", ["hòa giải", "hoà giải", "hoa giai", "HÒA GIẢI"])
def test_old_and_new_tone_placement_match(find, text):
    assert codes(find(text=text)) == ["LC-B-02"]


@pytest.mark.parametrize("text", ["dan lat", "Đan lát", "ĐAN LÁT", "đan lat"])
def test_d_and_dj_match(find, text):
    assert codes(find(text=text)) == ["LC-C-01"]


def test_exact_tone_ranks_above_folded_matches(find):
    assert codes(find(text="mạ"))[:1] == ["LC-A-02"]
    assert codes(find(text="mã"))[:1] == ["LC-B-01"]
    assert set(codes(find(text="ma"))) >= {"LC-A-02", "LC-B-01"}


def test_text_searches_centre_commune_and_province(find):
    assert set(codes(find(text="ta leng"))) == {"LC-B-01", "LC-B-02", "LC-B-03"}
    assert set(codes(find(text="lai chau"))) == CURRENT


def test_english_singular_and_plural_match(find):
    assert "LC-C-01" in codes(find(text="weaving class", locale="en"))
    assert "LC-C-02" in codes(find(text="literacy classes", locale="en"))


def test_khmer_word_inside_a_title_is_found(find):
    # ថ្នាក់រៀនអក្សរខ្មែរ: "class", "learn", "letters", "Khmer", with no spaces.
    for word in ("អក្សរ", "ខ្មែរ", "ថ្នាក់"):
        assert codes(find(text=word, locale="km")) == ["LC-C-02"], word


def test_results_are_in_the_reader_locale(find):
    page = find(text="computing", locale="en")
    assert codes(page) == ["LC-A-01"]
    assert page.hits[0].locale == "en"
    assert page.hits[0].url.startswith("/en/")
    assert page.hits[0].centre_name == "Doan Ket Community Learning Centre"


def test_finished_courses_are_hidden(find):
    assert "LC-A-04" not in codes(find(text="tin hoc"))
    assert "LC-A-04" not in codes(find(near=DOAN_KET, radius_km=50))


def test_near_keeps_courses_within_the_radius_and_online_ones(find):
    page = find(near=DOAN_KET, radius_km=10)
    assert set(codes(page)) == {"LC-A-01", "LC-A-02", "LC-A-03"}
    # The online course's centre is in the radius too: it is counted once.
    assert page.count == len(page.hits) == 3
    with_text = find(text="lai chau", near=DOAN_KET, radius_km=10)
    assert with_text.count == len(set(codes(with_text))) >= 2
    by_code = {hit.code: hit for hit in page.hits}
    assert by_code["LC-A-01"].distance_km < 1
    assert by_code["LC-A-03"].distance_km is None  # online: no distance
    wider = find(near=DOAN_KET, radius_km=25)
    assert {"LC-B-01", "LC-B-02", "LC-B-03"} <= set(codes(wider))
    assert "LC-C-01" not in codes(wider)
    tale = {hit.code: hit for hit in wider.hits}["LC-B-01"]
    assert 15 < tale.distance_km < 19


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: its near me indexes"
)
def test_sqlite_near_me_reads_online_courses_in_facet_order_without_the_rows():
    """Near me reads each part from a partial index that holds every column it
    needs: the online courses in the order of their facet number (which the
    facets group them by), the others in the box. After a rebuild too, which
    builds the indexes again from their definitions."""
    from django.core.management import call_command
    from django.test.utils import CaptureQueriesContext

    call_command("rebuild_course_index", "--no-progress")
    engine = get_engine()
    query = FinderQuery(near=DOAN_KET, radius_km=10)
    with CaptureQueriesContext(connection) as captured:
        page = engine.search(query, NOW)
    statements = [
        q["sql"] for q in captured if "INDEXED BY search_cie_near" in q["sql"]
    ]
    # The tally of each part, the classes within reach, then the online ones
    # (fewer than a page within reach here).
    assert len(statements) == 4, statements
    plans = []
    for statement in statements:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {statement}")
            plans.append([row[-1] for row in cursor.fetchall()])
    covering = "SEARCH search_courseindexentry USING COVERING INDEX"
    online = f"{covering} search_cie_near_online (locale=? AND mode=?)"
    box = f"{covering} search_cie_near ("
    for plan, part in zip(plans, ["online", "box", "box", "online"], strict=True):
        steps = [step for step in plan if "search_courseindexentry" in step]
        assert len(steps) == 1, plan
        if part == "online":
            assert steps[0] == online, plan
        else:
            assert steps[0].startswith(box), plan
    # Grouped in the index's own order: no sorting for the facets.
    assert not any("TEMP B-TREE" in step for step in plans[0]), plans[0]
    assert {hit.code for hit in page.hits} == {"LC-A-01", "LC-A-02", "LC-A-03"}


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"free": True},
        {"modes": ("online",)},
        {"starts_within": "week"},
        {"weekdays": ("mo", "we"), "times_of_day": ("evening",)},
        {"starts_within": "month", "categories": ("digital-skills",)},
    ],
    ids=["none", "free", "online", "week", "days-evening", "month-category"],
)
def test_near_me_read_by_its_parts_answers_as_one_candidate_set(filters, monkeypatch):
    """Near me without text reads the classes within reach and the online
    courses apart (DatabaseEngine.near_arms); read as one candidate set, which
    the page sorts and the tally groups, it gives the same pages, counts and
    facets, on pages that end within reach, cross into the online courses and
    lie past the classes within reach."""
    engine = get_engine()
    counted = set()
    for page_size, number in [(2, 1), (2, 2), (2, 3), (2, 4), (50, 1), (2, 9)]:
        query = FinderQuery(
            near=DOAN_KET, radius_km=25, page_size=page_size, page=number, **filters
        )
        for facets in (False, True):
            parts = engine.search(query, NOW, facets=facets)
            with monkeypatch.context() as m:
                m.setattr(type(engine), "near_arms", None)
                whole = engine.search(query, NOW, facets=facets)
            assert [(h.code, h.distance_km, h.next_session) for h in parts.hits] == [
                (h.code, h.distance_km, h.next_session) for h in whole.hits
            ], (page_size, number, facets)
            assert (parts.count, parts.facets) == (whole.count, whole.facets)
            counted.add(parts.count)
    # Every choice of filters finds something here, within reach or online.
    assert max(counted) > 0, counted
    everything = engine.search(FinderQuery(near=DOAN_KET, radius_km=25), NOW)
    online = [hit.distance_km is None for hit in everything.hits]
    assert online.count(False) >= 3 and online.count(True) >= 1


def test_with_text_and_a_place_classes_within_reach_rank_before_online_ones(find):
    """In the same tier of the text's order (no marks, no title phrase here),
    every class within reach comes first, then the online courses."""
    page = find(text="lai chau", near=DOAN_KET, radius_km=50)
    online = [hit.distance_km is None for hit in page.hits]
    assert page.query.effective_sort == "relevance"
    assert online.count(True) == 1 and online.count(False) >= 3
    assert online == sorted(online)
    # Without a place the online course ranks among the others by its text.
    national = codes(find(text="lai chau"))
    assert national.index("LC-A-03") < len(national) - 1


def test_distance_sort_is_the_default_with_a_place(find):
    page = find(near=DOAN_KET, radius_km=50)
    distances = [h.distance_km for h in page.hits if h.distance_km is not None]
    assert distances == sorted(distances)
    assert page.hits[-1].distance_km is None or all(
        h.distance_km is not None for h in page.hits
    )


def test_soonest_sort(find):
    page = find(text="lai chau", sort="soonest")
    starts = [h.next_session for h in page.hits]
    assert starts == sorted(starts)
    assert page.hits[0].code == "LC-A-02"  # Monday 7 January 08:00


def test_a_text_in_another_order_finds_the_same_courses(find):
    for near in ({}, {"near": DOAN_KET, "radius_km": 50}):
        relevance = find(text="trung tâm", **near)
        sorts = ("soonest", "distance") if near else ("soonest",)
        for sort in sorts:
            other = find(text="trung tâm", sort=sort, **near)
            assert set(codes(other)) == set(codes(relevance))
            assert other.count == relevance.count == len(relevance.hits)
            assert other.facets == relevance.facets
    assert set(codes(find(text="trung tâm", sort="soonest"))) == CURRENT
    soonest = find(text="trung tâm", sort="soonest")
    starts = [h.next_session for h in soonest.hits]
    assert starts == sorted(starts)
    distance = find(text="trung tâm", sort="distance", near=DOAN_KET, radius_km=50)
    distances = [h.distance_km for h in distance.hits if h.distance_km is not None]
    assert distances == sorted(distances) and distances


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"categories": ("digital-skills",)}, {"LC-A-01", "LC-B-01", "LC-B-03"}),
        ({"audiences": ("farmers", "women")}, {"LC-A-02", "LC-C-01"}),
        ({"weekdays": ("sa",)}, {"LC-B-01"}),
        ({"times_of_day": ("morning",)}, {"LC-A-02", "LC-C-01"}),
        ({"free": True, "categories": ("digital-skills",)}, {"LC-A-01", "LC-B-03"}),
        ({"languages": ("km",)}, {"LC-C-02"}),
        ({"modes": ("online",)}, {"LC-A-03"}),
        ({"starts_within": "week"}, CURRENT - {"LC-B-03"}),
        ({"starts_within": "month"}, CURRENT - {"LC-B-03"}),
        ({"starts_within": "week", "weekdays": ("we",)}, {"LC-B-02"}),
    ],
)
def test_filters(find, filters, expected):
    assert set(codes(find(text="lai chau", **filters))) == expected


def test_facets_count_what_choosing_each_value_would_give(find):
    base = find(text="lai chau", free=True)
    assert base.facets["category"]["digital-skills"] == 2
    for value, count in base.facets["category"].items():
        assert find(text="lai chau", free=True, categories=(value,)).count == count
    for value, count in base.facets["weekday"].items():
        assert find(text="lai chau", free=True, weekdays=(value,)).count == count
    # A facet ignores its own filter, so the other choices stay visible.
    chosen = find(text="lai chau", free=True, categories=("agriculture",))
    assert chosen.count == 1
    assert chosen.facets["category"] == base.facets["category"]
    assert chosen.facets["free"] == {"true": 1}


FACET_PARAMS = {
    "category": "categories",
    "audience": "audiences",
    "weekday": "weekdays",
    "time_of_day": "times_of_day",
    "language": "languages",
    "mode": "modes",
}


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"free": True},
        {"weekdays": ("mo", "we"), "times_of_day": ("morning",)},
        {"starts_within": "week", "audiences": ("farmers",)},
    ],
    ids=["none", "free", "weekdays-and-time", "week-and-audience"],
)
def test_every_facet_count_is_what_choosing_that_value_gives(find, filters):
    base = find(text="lai chau", **filters)
    assert base.facets["category"]
    for dim, values in base.facets.items():
        for value, count in values.items():
            if dim == "free":
                chosen = {**filters, "free": True}
            elif dim == "starts_within":
                chosen = {**filters, "starts_within": value}
            else:
                chosen = {**filters, FACET_PARAMS[dim]: (value,)}
            assert find(text="lai chau", **chosen).count == count, (dim, value)


def test_pagination_is_stable_and_past_the_end_is_empty(find):
    first = find(text="lai chau", page_size=3, sort="soonest")
    second = find(text="lai chau", page_size=3, page=2, sort="soonest")
    assert first.count == second.count == len(CURRENT)
    assert not set(codes(first)) & set(codes(second))
    beyond = find(text="lai chau", page_size=3, page=9)
    assert beyond.count == len(CURRENT) and beyond.hits == []


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "' OR 1=1 --",
        'tin" AND',
        "NEAR(tin hoc)",
        "tin*",
        "-tin",
        "{title}:x",
        "<script>",
        "%_",
        "\\",
        "ma:*",
        "a & b | !c",
    ],
)
def test_operators_and_quotes_are_just_text(find, text):
    page = find(text=text)
    assert page.count >= 0


def test_fallback_to_vietnamese_content(find):
    page = find(text="mạ", locale="km")
    assert page.fallback == "vi"
    assert codes(page)[:1] == ["LC-A-02"]
    assert page.fallback_label


def test_near_me_without_text_falls_back_to_vietnamese_courses(find):
    """A Khmer reader tapping "near me" where no course is translated into Khmer
    gets the Vietnamese courses nearby, labelled, linked under /km/."""
    page = find(near=DOAN_KET, radius_km=10, locale="km")
    assert page.fallback == "vi"
    assert page.count == find(near=DOAN_KET, radius_km=10).count > 0
    assert page.fallback_label
    assert all(hit.url.startswith("/km/") for hit in page.hits)
    assert all(hit.centre_url.startswith("/km/") for hit in page.hits)


def test_fallback_to_any_word(find):
    page = find(text="tin hoc xyzzyq")
    assert page.fallback == "any_word"
    assert {"LC-A-01", "LC-B-03"} <= set(codes(page))


def test_nothing_found_says_so(find):
    page = find(text="xyzzyq")
    assert page.count == 0 and page.fallback is None


def test_autocomplete_suggests_titles_by_prefix():
    titles = get_engine().autocomplete("gieo m", "vi", 5)
    assert "Gieo mạ khay cho lúa xuân" in titles
    assert get_engine().autocomplete("tin h", "en", 5) == []


def test_autocomplete_leaves_out_titles_whose_last_class_has_ended(find):
    """As the finder hides the course: "Lớp tin học đã kết thúc" (LC-A-04)
    had its last class in October 2029."""
    title = "Lớp tin học đã kết thúc"
    assert title not in get_engine().autocomplete("lop tin", "vi", 8, NOW)
    before = dt.datetime(2029, 10, 1, 9, 0, tzinfo=LOCAL_TZ)
    assert title in get_engine().autocomplete("lop tin", "vi", 8, before)
    assert "LC-A-04" not in codes(find(text=title))


def test_engine_is_the_database_own(settings):
    assert get_engine().name == connection.vendor


def test_any_word_query_finds_more():
    query = FinderQuery(text="gieo hoa", page_size=50)
    assert course_find(query, now=NOW).fallback == "any_word"
    assert course_find(replace(query, any_word=True), now=NOW).count >= 2
