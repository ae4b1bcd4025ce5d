"""A small run of the generator and of one benchmark of each kind, so the harness
behind `make bench` cannot rot. The figures themselves are measured by `make bench`,
never here."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from bench import measure
from bench.harness import serve
from bench.load import requests_per_second, warm_up
from bench.management.commands.run_bench import raw_bulk_load
from centres.models import CentrePage
from courses.models import CourseOccurrence, CoursePage
from search.models import CourseIndexEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(capsys):
    call_command(
        "generate_scale_data",
        "--centres",
        "3",
        "--courses-per-centre",
        "2",
        "--no-progress",
        "--seed",
        "7",
    )
    return capsys.readouterr().out


def test_generator_builds_a_valid_wagtail_site(generated):
    assert "Generated 3 centres, 6 courses, 18 pages and 60 occurrences" in generated
    assert Page.find_problems() == ([], [], [], [], [])
    centres = CentrePage.objects.filter(code__startswith="G0000")
    assert centres.filter(locale__language_code="vi").count() == 3
    assert centres.filter(locale__language_code="en").count() == 3
    course = CoursePage.objects.get(code="G000001-01", locale__language_code="vi")
    assert course.live and course.get_parent().specific.code == "G000001"
    assert course.live_revision.as_object().title == course.title
    assert course.get_translations().count() == 1
    assert CourseOccurrence.objects.filter(course=course).count() == 10
    assert CourseIndexEntry.objects.filter(code="G000001-01").count() == 2


def test_one_benchmark_of_each_kind(generated, client, settings):
    # So few that the frequent word is ranked among its newest candidates.
    settings.FINDER_RANKED_CANDIDATES = 2
    finder = measure.finder_figures(runs=1)
    assert finder["text_three_terms"]["finder"]["n"] == 1
    frequent = finder["text_frequent"]
    assert frequent["count"] == 2 and frequent["count_exact"] is False
    assert "limit_raw_engine_top20" in frequent
    assert "raw_engine_top20_of_every_match" in frequent
    # Near me's limit returns the finder's own first page, nearest first.
    assert finder["near_me"]["same_top20"] is True
    assert finder["near_me"]["limit_raw_nearest_top20"]["n"] == 1
    newest = [row[0] for row in measure.raw_text_top20("kỹ năng", newest=2)]
    entries = CourseIndexEntry.objects.filter(page_id__in=newest)
    assert len(newest) == 2 and set(entries.values_list("locale", flat=True)) == {"vi"}
    if connection.vendor == "postgresql":
        # From the finder's range on, as the finder looks there first.
        since = max(newest)
        raw = measure.raw_text_top20("kỹ năng", newest=2, since=since)
        assert [row[0] for row in raw] == [since]
    pages = measure.queries_per_page()
    assert {p["status"] for p in pages.values()} == {200}
    assert all(p["queries"] > 0 for p in pages.values())
    # Each page's weight as written and as a browser receives it.
    assert all(0 < p["bytes_gzip"] < p["bytes"] for p in pages.values())
    admin = measure.admin_figures(runs=1)
    assert admin["centre_edit"]["status"] == 200
    staff = admin["staff_groups"]
    assert staff["groups_10"]["groups"] == 10 < staff["groups_all"]["groups"]
    assert set(staff["ratio_p50"]) == {
        "page_explorer_centre",
        "page_explorer_province",
        "centre_edit",
        "dashboard",
    }
    writes = measure.writes_figures()
    assert writes["publish_course_with_100_sessions"]["n"] == 3
    series = measure.publish_series_figures(3)
    assert series["n"] == 3
    assert 0 < series["p50"] <= series["max"]
    imported = measure.import_figures(5)
    assert "Courses: 5 created" in imported["summary"]
    assert raw_bulk_load() >= 0


def test_load_generator_against_the_bare_view():
    process, port = serve(
        "sqlite", "XS", "bench.bare:application", DJANGO_SETTINGS_MODULE="bench.bare"
    )
    try:
        result = requests_per_second(port, ["/"], 2, seconds=0.5, max_requests=200)
        # Three rounds in a row under the time limit end the warm-up; a limit
        # no answer can meet runs it until its deadline.
        assert warm_up(port, ["/"], clients=2, max_seconds=10) == 3
        assert warm_up(port, ["/"], clients=2, max_seconds=0.3, slow=0) >= 1
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert result["requests"] > 0 and result["errors"] == 0
    # The bare view's page, too short to compress: its 41 bytes each time.
    assert result["bytes_per_response"] == 41


def test_the_table_judges_each_throughput_and_the_nearest_limit():
    from bench.harness import summarise

    def rps(one, sixteen):
        return {"clients_1": {"rps": one}, "clients_16": {"rps": sixteen}}

    rows = summarise(
        {
            "sqlite": {
                "finder": {
                    "near_me": {
                        "finder": {"p50": 30.0, "p95": 31.0},
                        "limit_raw_nearest_top20": {"p50": 10.0, "p95": 11.0},
                    }
                },
                "throughput": {
                    "bare_view_limit": rps(1000, 2000),
                    "uncached": rps(10, 20),
                    "cached": rps(900, 1300),
                    "uncached_goal_pages": rps(200, 400),
                    "cached_goal_pages": rps(950, 1500),
                },
            }
        }
    )
    table = {row[1]: row for row in rows}
    near = table["finder near_me p50/p95 ms"]
    assert near[3:5] == (10.0, 3.0) and near[6] is False
    assert table["pages uncached rps clients_1 (all five)"][4:] == (
        0.01,
        ">=0.15x bare",
        False,
    )
    assert table["pages uncached rps clients_16 (course, centre)"][6] is True
    assert table["pages cached rps clients_16 (all five)"][4] == 0.65
    assert table["pages cached rps clients_16 (course, centre)"][6] is True


def test_a_figure_and_its_limit_are_timed_in_turn():
    """Each function runs once a round, the round's first one rotating, so a
    drift of the machine's speed reaches a figure and its limit alike."""
    calls = []
    fns = {name: (lambda n=name: calls.append(n)) for name in ("a", "b", "c")}
    figures = measure.timed_in_turn(fns, runs=4, warmup=1)
    assert {name: figure["n"] for name, figure in figures.items()} == {
        "a": 4,
        "b": 4,
        "c": 4,
    }
    rounds = [calls[i : i + 3] for i in range(0, len(calls), 3)]
    assert rounds == [
        ["a", "b", "c"],
        ["a", "b", "c"],
        ["b", "c", "a"],
        ["c", "a", "b"],
        ["a", "b", "c"],
    ]
