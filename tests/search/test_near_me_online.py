"""Near me's online courses are tallied once and kept between searches
(search.engines.database._online_counts): what every search counts must still
follow each write to the index and the clock, as a fresh tally would."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage
from search import services
from search.engines import database, get_engine
from search.finder import FinderQuery, Place
from search.models import CourseIndexEntry, IndexState
from search.services import course_index_next_sessions_refresh
from tests.search.test_engines import DOAN_KET, NOW

pytestmark = pytest.mark.django_db

TALLY = "MIN(e.last_end)"  # only the online courses' tally reads it


def near(now=NOW, place=DOAN_KET, facets=True, **filters):
    """Near me, and whether it tallied the online courses afresh."""
    query = FinderQuery(near=place, radius_km=10, **filters)
    with CaptureQueriesContext(connection) as captured:
        page = get_engine().search(query, now, facets=facets)
    return page, any(TALLY in q["sql"] for q in captured)


def fresh(now=NOW, **filters):
    """Near me with nothing kept from an earlier search."""
    database._ONLINE_TALLIES.clear()
    page, tallied = near(now, **filters)
    assert tallied
    return page


def same(a, b):
    assert [(h.code, h.next_session) for h in a.hits] == [
        (h.code, h.next_session) for h in b.hits
    ]
    assert (a.count, a.facets) == (b.count, b.facets)


def codes(page):
    return {hit.code for hit in page.hits}


def made_online(code):
    page = CoursePage.objects.get(code=code, locale__language_code="vi")
    page.mode = "online"
    page.save_revision().publish()


@pytest.fixture(autouse=True)
def no_inline_refresh(settings, monkeypatch):
    # Searches here must not move next classes themselves: a move is a write.
    settings.FINDER_REFRESH_LIMIT = 0
    monkeypatch.setattr(database, "_last_refresh", {"at": None})


def test_the_tally_is_kept_for_every_place_and_filter():
    first = fresh()
    assert codes(first) == {"LC-A-01", "LC-A-02", "LC-A-03"}
    assert first.facets["mode"]["online"] == 1
    again, tallied = near()
    assert not tallied
    same(again, first)
    elsewhere, tallied = near(place=Place(21.0285, 105.8542, "Hà Nội"))
    assert not tallied
    assert codes(elsewhere) == {"LC-A-03"}
    for filters in ({"free": True}, {"categories": ("foreign-languages",)}):
        for facets in (True, False):
            kept, tallied = near(facets=facets, **filters)
            assert not tallied
            assert kept.count == fresh(**filters).count, (filters, facets)


def test_a_course_published_online_is_counted_by_the_next_search():
    before = fresh()
    made_online("LC-C-01")  # taught 60 km away until now
    after, tallied = near()
    assert tallied
    assert after.count == before.count + 1
    assert after.facets["mode"]["online"] == 2
    assert "LC-C-01" in codes(after)
    same(after, fresh())
    without_facets, _tallied = near(facets=False)
    assert without_facets.count == after.count


def test_an_unpublished_online_course_leaves_the_next_search():
    fresh()
    CoursePage.objects.get(code="LC-A-03", locale__language_code="vi").unpublish()
    after, tallied = near()
    assert tallied
    assert codes(after) == {"LC-A-01", "LC-A-02"}
    assert "online" not in after.facets["mode"]
    same(after, fresh())


def test_an_online_course_leaves_the_count_when_its_last_class_ends():
    """No write marks it: the tally holds only until the soonest last class
    among the online courses it counted."""
    end = CourseIndexEntry.objects.get(locale="vi", code="LC-A-03").last_end
    before_end = end - dt.timedelta(minutes=1)
    assert "LC-A-03" in codes(fresh(before_end))
    kept, tallied = near(before_end)
    assert not tallied and kept.facets["mode"]["online"] == 1
    after_end, tallied = near(end + dt.timedelta(seconds=1))
    assert tallied
    assert "LC-A-03" not in codes(after_end)
    assert "online" not in after_end.facets["mode"]
    # An earlier moment than the tally's own is tallied again too.
    earlier, tallied = near(before_end)
    assert tallied and "LC-A-03" in codes(earlier)


def test_a_rolled_back_write_leaves_nothing_behind():
    before = fresh()
    with pytest.raises(RuntimeError), transaction.atomic():
        made_online("LC-C-01")
        inside, _tallied = near()
        assert inside.count == before.count + 1
        raise RuntimeError("roll back")
    after, _tallied = near()
    same(after, before)


def test_moving_next_classes_forward_counts_them_again():
    """The refresh writes next classes: "starts within this week" counts the
    moved ones by their new class."""
    later = NOW + dt.timedelta(days=8)
    stale = CourseIndexEntry.objects.filter(
        locale="vi", mode="online", next_end__lt=later, last_end__gte=later
    )
    assert stale.exists()
    fresh(later, starts_within="week")
    assert course_index_next_sessions_refresh(later) >= stale.count()
    moved, tallied = near(later, starts_within="week")
    assert tallied
    same(moved, fresh(later, starts_within="week"))


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's token")
def test_sqlite_replaces_the_token_in_the_writing_transaction():
    before = IndexState.objects.get(id=1).token
    made_online("LC-C-01")
    assert IndexState.objects.get(id=1).token != before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's token")
def test_postgresql_replaces_the_token_once_the_writes_commit(
    django_capture_on_commit_callbacks,
):
    """Writers take no lock on the token's row before they commit (another
    connection can lock it meanwhile), and replace it once, after."""
    import psycopg

    settings = connection.settings_dict
    before = IndexState.objects.get(id=1).token
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        made_online("LC-C-01")
        made_online("LC-C-02")
        with psycopg.connect(
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            dbname=settings["NAME"],
        ) as other:
            other.execute("SET lock_timeout = '2s'")
            row = other.execute(
                "SELECT token FROM search_indexstate WHERE id = 1 FOR UPDATE NOWAIT"
            ).fetchone()
            assert row == (before,)
            other.rollback()
        assert IndexState.objects.get(id=1).token == before
    assert [c for c in callbacks if c is services._token_replaced] == [
        services._token_replaced
    ]
    assert IndexState.objects.get(id=1).token != before


def test_one_tally_is_kept_per_language_whatever_the_week():
    database._ONLINE_TALLIES.clear()
    for days in (0, 7, 14, 35):
        near(NOW + dt.timedelta(days=days))
        near(NOW + dt.timedelta(days=days), locale="en")
    assert len(database._ONLINE_TALLIES) == 2
