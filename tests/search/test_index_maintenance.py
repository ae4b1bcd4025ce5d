"""The finder's index follows publishing at once, whichever way a page changes."""

import datetime as dt
import importlib
import io
import json
import os
import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import translation
from wagtail.models import Locale

from centres.models import CentrePage
from courses.models import CoursePage
from courses.schedule import LOCAL_TZ
from search.engines import get_engine
from search.finder import FinderQuery
from search.models import CourseIndexEntry
from search.services import EntryBuilder, _rows_counted

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2030, 1, 7, 7, 30, tzinfo=LOCAL_TZ)


def found(text, locale="vi"):
    """Codes of the courses matching every word of ``text`` (no fallback)."""
    query = FinderQuery(text=text, locale=locale, page_size=50)
    return {hit.code for hit in get_engine().search(query, NOW).hits}


def course(code, language="vi"):
    return CoursePage.objects.get(code=code, locale__language_code=language)


def fts_setting(key):
    """A setting stored with SQLite's full-text index (FTS5's config table)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT v FROM search_course_fts_config WHERE k = %s", [key])
        return cursor.fetchone()[0]


def fts_integrity_check():
    """Raises when SQLite's full-text index does not match the entries it was
    built from."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_course_fts(search_course_fts) "
            "VALUES ('integrity-check')"
        )


def test_unpublish_and_publish(admin_client):
    page = course("LC-A-02")
    page.unpublish()
    assert "LC-A-02" not in found("gieo ma")
    page.get_latest_revision().publish()
    assert "LC-A-02" in found("gieo ma")


def test_a_published_title_change_is_found_at_once():
    page = course("LC-A-02")
    page.title = "Ươm cây giống cà phê"
    page.save_revision().publish()
    assert "LC-A-02" in found("uom cay giong")
    assert "LC-A-02" not in found("gieo ma")


def test_a_word_new_to_the_index_is_found_once_published_and_not_after():
    """A word no entry holds is answered from the vocabulary without reading
    the entries (database engines), so the vocabulary must follow publishing:
    the new word is found at once, and not once the course is unpublished."""
    from django.test.utils import CaptureQueriesContext

    def read_entries(text):
        query = FinderQuery(text=text, page_size=50)
        with CaptureQueriesContext(connection) as queries:
            page = get_engine().search(query, NOW)
        statements = [q["sql"] for q in queries.captured_queries]
        return page, any("search_courseindexentry e" in sql for sql in statements)

    page, read = read_entries("quyzzaq gieo")
    assert page.count == 0 and not page.hits and page.count_exact
    # Every dimension a search that reads the entries counts, none counted.
    assert list(page.facets) == list(read_entries("gieo")[0].facets)
    assert not any(page.facets.values())
    assert not read
    changed = course("LC-A-02")
    changed.title = "Gieo mạ quyzzaq"
    changed.save_revision().publish()
    page, read = read_entries("quyzzaq gieo")
    assert [hit.code for hit in page.hits] == ["LC-A-02"] and read
    course("LC-A-02").unpublish()
    page, read = read_entries("quyzzaq gieo")
    assert page.count == 0 and not read


def test_a_draft_change_is_not_found():
    page = course("LC-A-02")
    page.title = "Ươm cây giống cà phê"
    page.save_revision()
    assert "LC-A-02" not in found("uom cay giong")
    assert "LC-A-02" in found("gieo ma")


def test_delete():
    course("LC-A-02").delete()
    assert "LC-A-02" not in found("gieo ma")
    assert not CourseIndexEntry.objects.filter(code="LC-A-02").exists()


def test_moving_a_course_to_another_centre_changes_its_results():
    page = course("LC-A-02")
    page.move(
        CentrePage.objects.get(code="LC-C", locale__language_code="vi"),
        pos="last-child",
    )
    assert "LC-A-02" in found("gieo ma bum to")
    assert "LC-A-02" not in found("gieo ma doan ket")


def test_renaming_a_centre_reindexes_its_courses():
    centre = CentrePage.objects.get(code="LC-B", locale__language_code="vi")
    centre.title = "Trung tâm Sìn Hồ mới"
    centre.save_revision().publish()
    assert {"LC-B-01", "LC-B-02", "LC-B-03"} <= found("sin ho moi")


def test_publishing_a_translation_makes_it_findable(tmp_path):
    en = Locale.objects.get(language_code="en")
    assert not course("LC-A-02").has_translation(en)
    path = tmp_path / "translate.json"
    path.write_text(
        '{"courses": [{"code": "LC-A-02", "centre": "LC-A", '
        '"title": "Gieo mạ khay cho lúa xuân", "category": "agriculture", '
        '"audiences": ["farmers"], "sessions": [{"start": "2030-01-07T08:00", '
        '"end": "2030-01-07T10:00", "repeat": {"weekdays": ["mo"], "count": 4}}], '
        '"translations": {"en": {"title": "Tray seedlings for spring rice"}}}]}'
    )
    call_command("import_catalogue", str(path), "--publish", "--no-progress")
    assert "LC-A-02" in found("seedling", "en")


def test_rebuild_command_rebuilds_everything(capsys):
    before = CourseIndexEntry.objects.count()
    CourseIndexEntry.objects.all().delete()
    assert found("gieo ma") == set()
    with translation.override("en"):
        call_command("rebuild_course_index", "--no-progress")
    assert CourseIndexEntry.objects.count() == before
    assert "LC-A-02" in found("gieo ma")
    assert f"Indexed {before} courses" in capsys.readouterr().out


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: its FTS5 index's settings"
)
def test_the_sqlite_rebuild_puts_the_full_text_settings_back():
    """The rebuild gives FTS5 a larger in-memory buffer (``REBUILD_HASH_BYTES``)
    and no merging while it writes, SQLite's index builds helper threads and its
    deletes no zeroing of freed pages, and puts every setting back afterwards,
    so later writes keep them."""
    from search.engines.sqlite import DEFAULT_HASH_BYTES, MERGE_SETTINGS

    def secure_delete():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            return cursor.fetchone()[0]

    before = secure_delete()
    call_command("rebuild_course_index", "--no-progress")
    assert secure_delete() == before
    assert fts_setting("hashsize") == DEFAULT_HASH_BYTES
    assert {key: fts_setting(key) for key in MERGE_SETTINGS} == MERGE_SETTINGS
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA threads")
        assert cursor.fetchall() == [(0,)]
    fts_integrity_check()
    assert "LC-A-02" in found("gieo ma")


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: its planner statistics"
)
def test_the_sqlite_rebuild_removes_the_statistics_of_fts5_tables():
    """Statistics of FTS5's own tables taken while the index was small made
    SQLite scan the whole _data table for each segment a merge removed, instead
    of reading the segment's range by key (2.4 s in every eighth publish at tier
    M). The rebuild removes them, and SQLite then plans by the key whatever the
    size; the entries keep theirs, taken again."""
    from search.engines.sqlite import FTS_SHADOW_TABLES

    def statistics():
        with connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
            return {table for (table,) in cursor.fetchall()}

    def segment_delete_plan():
        with connection.cursor() as cursor:
            # As FTS5 asks it, with the range's ends bound.
            cursor.execute(
                "EXPLAIN QUERY PLAN DELETE FROM search_course_fts_data "
                "WHERE id >= %s AND id <= %s",
                [1 << 37, (2 << 37) - 1],
            )
            return " ".join(row[-1] for row in cursor.fetchall())

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # What an ANALYZE of the whole database records before the first
        # rebuild (generate_scale_data's, or an operator's): the empty index's
        # two rows, its structure and its averages. Loaded into the planner.
        cursor.execute(
            "UPDATE sqlite_stat1 SET stat = '2' WHERE tbl = 'search_course_fts_data'"
        )
        cursor.execute("ANALYZE sqlite_schema")
    assert segment_delete_plan().startswith("SCAN")
    call_command("rebuild_course_index", "--no-progress")
    assert not statistics() & set(FTS_SHADOW_TABLES)
    assert "search_courseindexentry" in statistics()
    assert "LC-A-02" in found("gieo ma")


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: its FTS5 index's merges"
)
def test_sqlite_publishes_merge_nothing_and_the_refresh_merges_their_segments():
    """A publish writes a segment of the full-text index and merges none
    (migration 0023); ``refresh_next_sessions``, from cron, merges them, a step
    at a time, and says so. The index then holds fewer rows and finds the same."""

    def fts_rows():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM search_course_fts_data")
            return cursor.fetchone()[0]

    def refresh(*args):
        out = io.StringIO()
        with translation.override("en"):
            call_command("refresh_next_sessions", *args, stdout=out)
        return out.getvalue()

    assert fts_setting("automerge") == 0
    refresh()  # whatever the set-up left
    before = fts_rows()
    for code in ("LC-A-01", "LC-A-02", "LC-B-01", "LC-B-02", "LC-B-03"):
        page = course(code)
        page.title = f"{page.title} xyzzyq"
        page.save_revision().publish()
    written = fts_rows()
    assert written > before
    assert "Merged" not in refresh("--merge-seconds", "0")
    assert fts_rows() == written
    assert re.search(r"Merged the full-text index's segments in \d+ steps\.", refresh())
    assert fts_rows() < written
    assert "Merged" not in refresh()
    fts_integrity_check()
    assert {"LC-A-01", "LC-A-02", "LC-B-01"} <= found("xyzzyq")


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: its FTS5 index's merges"
)
def test_the_merges_migration_runs_both_ways():
    from types import SimpleNamespace

    from django.apps import apps

    operation = importlib.import_module(
        "search.migrations.0023_sqlite_merges_from_cron"
    ).Migration.operations[0]
    editor = SimpleNamespace(connection=connection)
    operation.reverse_code(apps, editor)
    assert fts_setting("automerge") == 4
    operation.code(apps, editor)
    assert fts_setting("automerge") == 0


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: its FTS5 index's triggers"
)
def test_sqlite_writes_the_full_text_index_again_only_when_the_text_changes():
    """The once-a-minute refresh of the next classes updates entries; their
    full-text index is written again only when their analysed text changes
    (migration 0013)."""

    def fts_pages():
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, block FROM search_course_fts_data ORDER BY id")
            return cursor.fetchall()

    before = fts_pages()
    assert CourseIndexEntry.objects.update(next_start=None, next_end=None, facets=0)
    assert fts_pages() == before
    entry = CourseIndexEntry.objects.get(page=course("LC-A-02"))
    CourseIndexEntry.objects.filter(pk=entry.pk).update(title_folded="uom cay giong")
    assert fts_pages() != before
    fts_integrity_check()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM search_course_fts WHERE search_course_fts "
            "MATCH 'title_folded : (uom AND giong)'"
        )
        assert cursor.fetchall() == [(entry.pk,)]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: its GIN indexes"
)
def test_postgresql_writes_refreshed_entries_into_the_gin_indexes_at_once():
    """The refresh of the next classes updates entries, and each update writes
    the entry's words again. Migration 0016: they go into the full-text,
    trigram and title indexes at once, not into a pending list that every
    search would read until the next vacuum."""
    assert CourseIndexEntry.objects.update(next_start=None, next_end=None)
    # A publish with words and a title new to the index writes the vocabulary's
    # and the titles' indexes too.
    page = course("LC-A-02")
    page.title = "Ươm cây giống cà phê xyzzyq"
    page.save_revision().publish()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, gin_clean_pending_list(c.oid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a "
            "ON a.oid = c.relam WHERE a.amname = 'gin' AND i.indrelid IN "
            "('search_courseindexentry'::regclass, 'search_searchterm'::regclass, "
            "'search_searchtitle'::regclass) ORDER BY c.relname"
        )
        # How many pages each pending list held.
        assert cursor.fetchall() == [
            ("search_cie_tsv_exact", 0),
            ("search_cie_tsv_folded", 0),
            ("search_term_trgm", 0),
            ("search_title_tsv", 0),
        ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: its own index"
)
def test_postgresql_indexes_the_vietnamese_entries_by_page_id():
    """Migration 0017: the newest Vietnamese entries are walked through their
    own index (at tier M the primary key's walk read the English rows too, and
    the planner took the (locale, page_id) index for a random one). The
    rebuild keeps it (test_the_postgresql_rebuild_swaps_in_a_table_of_the_same_
    schema compares every index)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indexrelid = 'search_cie_vi_newest'::regclass"
        )
        (definition,) = cursor.fetchone()
    assert definition.endswith(
        "USING btree (page_id) WHERE ((locale)::text = 'vi'::text)"
    ), definition


def test_the_migration_fills_each_entrys_facets_as_publishing_writes_them():
    """Migration 0013 fills the facet number of the entries already indexed
    with SQL; for every entry, in every language, it is the number publishing
    writes (search.engines.database.facet_key)."""
    migration = importlib.import_module("search.migrations.0013_entry_facets_number")
    entries = CourseIndexEntry.objects.all()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id, {migration._fill_expression()} "  # noqa: S608 - ours
            "FROM search_courseindexentry"
        )
        filled = dict(cursor.fetchall())
    assert filled == {entry.page_id: entry.facets for entry in entries}
    # What the comparison covered: every field of the number takes values.
    assert len({entry.facets for entry in entries}) > 10
    assert {e.locale for e in entries} >= {"vi", "en"}
    assert {e.mode for e in entries} >= {"online", "in_person"}
    assert {e.fee_vnd == 0 for e in entries} == {True, False}


def test_a_rebuild_writes_what_publishing_writes(tmp_path):
    """The rebuild reads course pages as plain values (``EntryBuilder.read``);
    every column of every entry equals what publishing the page writes
    (``EntryBuilder.build``): URLs, audiences in order, cancelled and moved
    classes, translations, and a slug Django's reverse() has to quote."""
    from search.services import EntryBuilder, entries_prepared
    from tests.courses import schedule_data

    schedule_data.publish_schedule(tmp_path)
    page = course("LC-A-02")
    page.slug = "gieo-mạ-khay"
    page.save_revision().publish()

    pages = [p.specific for p in CoursePage.objects.live().order_by("pk")]
    builder = EntryBuilder(now=NOW)
    published = [builder.build(p) for p in pages]
    rebuilt = builder.built(builder.read(pages[0].pk, pages[-1].pk))

    # As the database takes them: the rebuild reads a translation key as its
    # text, publishing as a UUID.
    for entry, row in zip(
        entries_prepared(published), entries_prepared(rebuilt), strict=True
    ):
        assert entry == row, entry
    # What the comparison covered.
    by_code = {(row.code, row.locale): row for row in rebuilt}
    assert {row.locale for row in rebuilt} >= {"vi", "en"}
    assert any(row.audiences for row in rebuilt)
    assert "%E1%BA%A1" in by_code["LC-A-02", "vi"].url  # ạ, quoted
    assert by_code["LC-A-02", "vi"].url == course("LC-A-02").url
    # Centres' URLs are their province's and their slug, as Wagtail's.
    centres = {
        (c.code, c.locale.language_code): c.url
        for c in CentrePage.objects.live().select_related("locale")
    }
    for row in rebuilt:
        assert row.centre_url == centres[row.centre_code, row.locale], row.code
    assert builder._pages_with_changes & {p.pk for p in pages}


def _built_in(builder, batch):
    """Stands in for search.services._rows_counted and notes the process that
    ran it (test_worker_processes_rebuild_the_same_index)."""
    with open(os.environ["HTCD_TEST_BUILT_IN"], "a") as pids:
        pids.write(f"{os.getpid()}\n")
    return _rows_counted(builder, batch)


def test_worker_processes_rebuild_the_same_index(tmp_path, monkeypatch):
    """With worker processes (``jobs``), the rebuild writes the same entries,
    vocabulary and titles as in this process, and the finder finds the same."""
    from search import services
    from search.models import SearchTerm, SearchTitle

    columns = [f.attname for f in CourseIndexEntry._meta.concrete_fields]

    def index():
        return (
            [
                tuple(getattr(entry, c) for c in columns)
                for entry in CourseIndexEntry.objects.order_by("page_id")
            ],
            sorted(SearchTerm.objects.values_list("locale", "term", "documents")),
            sorted(SearchTitle.objects.values_list("locale", "title", "courses")),
            found("gieo ma"),
        )

    count = services.course_index_rebuild(batch_size=7, jobs=0)
    alone = index()
    pids = tmp_path / "pids"
    monkeypatch.setenv("HTCD_TEST_BUILT_IN", str(pids))
    monkeypatch.setattr(services, "_rows_counted", _built_in)
    assert services.course_index_rebuild(batch_size=7, jobs=2) == count
    assert index() == alone
    # Every batch was built in one of two other processes.
    built_in = pids.read_text().split()
    assert len(built_in) == -(-count // 7) > 2
    assert len(set(built_in)) == 2 and str(os.getpid()) not in built_in
    assert count == CourseIndexEntry.objects.count() and "LC-A-02" in alone[3]


@pytest.fixture
def outside_transaction(tmp_path):
    """The default connection replaced by one outside the test's transaction,
    as the rebuild command has it: on SQLite, to a copy of the in-memory test
    database in a file (no other process can open the in-memory one); on
    PostgreSQL, a second connection to the test database, which sees what is
    committed (the demo portal)."""
    from django.db import DEFAULT_DB_ALIAS, connections

    inside = connections[DEFAULT_DB_ALIAS]
    outside = inside.copy()
    if inside.vendor == "sqlite":
        # The database as this connection sees it (the backup API waits for
        # the test's transaction to end).
        path = tmp_path / "portal.sqlite3"
        inside.ensure_connection()
        path.write_bytes(inside.connection.serialize())
        outside.settings_dict["NAME"] = str(path)
    connections[DEFAULT_DB_ALIAS] = outside
    try:
        yield outside
    finally:
        outside.close()
        connections[DEFAULT_DB_ALIAS] = inside


def _read_in(builder, first, last):
    """Stands in for EntryBuilder.read and notes the process that ran it
    (test_outside_a_transaction_the_workers_read_their_own_batches)."""
    with open(os.environ["HTCD_TEST_READ_IN"], "a") as pids:
        pids.write(f"{os.getpid()}\n")
    return _read(builder, first, last)


_read = EntryBuilder.read


def test_outside_a_transaction_the_workers_read_their_own_batches(
    outside_transaction, tmp_path, monkeypatch
):
    """Outside a transaction each worker process reads its batches on a
    connection of its own (this process only inserts); inside one, this
    process reads them on the caller's connection, which alone sees the
    caller's writes. Both build the same entries."""
    from search import services

    ids = list(CoursePage.objects.live().order_by("pk").values_list("pk", flat=True))
    ranges = [(ids[i], ids[min(i + 6, len(ids) - 1)]) for i in range(0, len(ids), 7)]
    pids = tmp_path / "pids"
    monkeypatch.setenv("HTCD_TEST_READ_IN", str(pids))
    monkeypatch.setattr(services.EntryBuilder, "read", _read_in)

    def built(own):
        pids.write_text("")
        batches = services._batches_built(
            services.EntryBuilder(NOW), ranges, jobs=2, own=own
        )
        return [rows for _ids, rows, _terms, _titles in batches], pids.read_text()

    assert services._reads_in_workers()
    own, read_in = built(own=True)
    assert len(read_in.split()) == len(ranges) > 2
    assert len(set(read_in.split())) == 2 and str(os.getpid()) not in read_in
    shared, read_in = built(own=False)
    assert set(read_in.split()) == {str(os.getpid())}
    assert own == shared
    with transaction.atomic():
        assert not services._reads_in_workers()


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite only: on PostgreSQL it would commit to the shared test database",
)
def test_the_command_outside_a_transaction_rebuilds_the_same_index(
    outside_transaction,
):
    """The command as a person runs it, on a database file: its workers read
    their own batches, and the index is the one built in a single process."""
    columns = [f.attname for f in CourseIndexEntry._meta.concrete_fields]

    def index():
        return [
            tuple(getattr(entry, c) for c in columns)
            for entry in CourseIndexEntry.objects.order_by("page_id")
        ]

    call_command("rebuild_course_index", "--no-progress", "--jobs", "0")
    alone = index()
    call_command("rebuild_course_index", "--no-progress", "--jobs", "2")
    assert index() == alone and len(alone) > 20
    assert "LC-A-02" in found("gieo ma")


def test_the_command_refuses_a_negative_number_of_jobs():
    from django.core.management.base import CommandError

    with translation.override("en"), pytest.raises(CommandError, match="0 or more"):
        call_command("rebuild_course_index", "--no-progress", "--jobs", "-1")


def _entry_table_schema():
    """The entry table's oid, its indexes, constraints, columns and storage
    parameters as the catalogue defines them (PostgreSQL), and the rebuild
    table if one is left."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT %s::regclass::oid, "
            "(SELECT array_agg(pg_get_indexdef(indexrelid) "
            "ORDER BY pg_get_indexdef(indexrelid)) "
            "FROM pg_index WHERE indrelid = %s::regclass), "
            "(SELECT array_agg(conname || ' ' || pg_get_constraintdef(oid) "
            "ORDER BY conname) FROM pg_constraint WHERE conrelid = %s::regclass), "
            "(SELECT array_agg(attname || ' ' || format_type(atttypid, atttypmod) "
            "|| ' ' || attnotnull || ' ' || coalesce(pg_get_expr(adbin, adrelid), '') "
            "ORDER BY attnum) FROM pg_attribute LEFT JOIN pg_attrdef "
            "ON adrelid = attrelid AND adnum = attnum "
            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped), "
            "(SELECT reloptions FROM pg_class WHERE oid = %s::regclass), "
            "to_regclass('search_courseindexentry_rebuild')",
            ["search_courseindexentry"] * 5,
        )
        oid, *schema, leftover = cursor.fetchone()
    return oid, schema, leftover


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: its rebuild fills a new table and swaps it in",
)
def test_the_postgresql_rebuild_swaps_in_a_table_of_the_same_schema():
    """The rebuild loads a bare copy of the entry table and gives it the old
    one's indexes, constraints and names: the schema is the same, the table
    is new, and publishing writes into it."""
    from search import services

    oid, schema, _ = _entry_table_schema()
    assert len(schema[0]) >= 10 and any("gin" in d for d in schema[0])
    assert schema[3] == ["toast_tuple_target=8160"]
    before = CourseIndexEntry.objects.count()
    # A publish earlier in the same transaction leaves a foreign-key check
    # deferred to the commit on the old table, which is dropped.
    page = course("LC-A-02")
    page.title = "Gieo mạ khay"
    page.save_revision().publish()
    assert services.course_index_rebuild(batch_size=50, jobs=0) == before
    new_oid, new_schema, leftover = _entry_table_schema()
    assert new_oid != oid and leftover is None
    assert new_schema == schema
    assert CourseIndexEntry.objects.count() == before
    assert "LC-A-02" in found("gieo ma") and "LC-A-02" in found("gieo mạ")
    # A publish writes into the swapped-in table.
    page = course("LC-A-02")
    page.title = "Gieo mạ khay cho người mới bắt đầu"
    page.save_revision().publish()
    assert "LC-A-02" in found("nguoi moi bat dau")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: its plan for rare words",
)
def test_postgresql_tests_the_language_per_candidate_only_for_rare_words(
    monkeypatch,
):
    """Words in few entries (by the vocabulary's counts) have the reader's
    language tested on each candidate instead of through an index; the results,
    count and facets are the same either way."""
    from search.engines import postgresql

    engine = get_engine()
    query = FinderQuery(text="gieo mạ", page_size=50)
    assert engine.text_match(query).locale_per_candidate
    per_candidate = engine.search(query, NOW)
    monkeypatch.setattr(postgresql, "RARE_ENTRIES", 0)
    assert not engine.text_match(query).locale_per_candidate
    indexed = engine.search(query, NOW)
    assert per_candidate.count == indexed.count > 0
    assert [h.code for h in per_candidate.hits] == [h.code for h in indexed.hits]
    assert per_candidate.facets == indexed.facets
    # With RARE_ENTRIES 0 only a word no entry holds is rare.
    assert engine.text_match(FinderQuery(text="xyzzyq")).locale_per_candidate


def pragma(name, value=None):
    """Set the SQLite connection's setting ``name`` to ``value`` when given, and
    return what it is."""
    with connection.cursor() as cursor:
        if value is not None:
            cursor.execute(f"PRAGMA {name} = {value:d}")
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: its connection settings"
)
def test_a_failed_sqlite_rebuild_puts_the_connection_settings_back(monkeypatch):
    """A rebuild that fails part way rolls back, and its connection frees pages
    as it did before (``SQLiteEngine.rebuild_end``)."""
    from search import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    def secure_delete(value=None):
        return pragma("secure_delete", value)

    before = secure_delete()
    count = CourseIndexEntry.objects.count()
    monkeypatch.setattr(services, "entries_insert", broken)
    try:
        secure_delete(1)
        with pytest.raises(RuntimeError, match="disk full"):
            services.course_index_rebuild(jobs=0)
        assert secure_delete() == 1
    finally:
        secure_delete(before)
    assert CourseIndexEntry.objects.count() == count > 0


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: its connection settings"
)
def test_a_sqlite_rebuild_puts_the_sorting_threads_back_as_they_were():
    """The rebuild sorts its indexes' keys on every processor, then gives the
    connection back the number of threads it had."""
    from search import services

    def threads(value=None):
        return pragma("threads", value)

    before = threads()
    try:
        threads(1)
        services.course_index_rebuild(jobs=0)
        assert threads() == 1
    finally:
        threads(before)


def test_entries_are_prepared_as_django_writes_them():
    """``entries_prepared`` converts datetimes itself, not through Django per
    value: each comes out as Django's backend writes it, in any time zone and
    with or without microseconds (SQLite compares them as text)."""
    from search.services import ENTRY_FIELDS, EntryBuilder, entries_prepared

    builder = EntryBuilder(now=NOW)
    row = builder.build(course("LC-A-02"))
    local = dt.datetime(2026, 3, 1, 19, 30, 5, 120, tzinfo=LOCAL_TZ)
    rows = [
        row._replace(last_end=local, next_start=None),
        row._replace(last_end=local.replace(microsecond=0), next_end=NOW),
    ]
    checked = 0
    for original, prepared in zip(rows, entries_prepared(rows), strict=True):
        for i, field in enumerate(ENTRY_FIELDS):
            if field.get_internal_type() != "DateTimeField":
                continue
            expected = original[i]
            if connection.vendor == "sqlite" and expected is not None:
                expected = connection.ops.adapt_datetimefield_value(expected)
            assert prepared[i] == expected, field.name
            checked += 1
    assert checked >= 6


def _next_classes():
    return dict(CourseIndexEntry.objects.values_list("page_id", "next_end"))


def test_the_finder_moves_a_few_next_classes_and_the_refresh_the_rest(
    settings, monkeypatch
):
    """A search moves at most FINDER_REFRESH_LIMIT entries' next class forward,
    those whose class ended first; the full refresh moves every running course
    in batches, and leaves the finished ones (which the finder hides) alone."""
    from search.engines import database
    from search.services import course_index_next_sessions_refresh

    later = NOW + dt.timedelta(days=8)
    running = CourseIndexEntry.objects.filter(next_end__lt=later, last_end__gte=later)
    order = list(
        running.order_by("next_end", "page_id").values_list("page_id", flat=True)
    )
    assert len(order) >= 3
    before = _next_classes()
    monkeypatch.setattr(database, "_last_refresh", {"at": None})
    settings.FINDER_REFRESH_LIMIT = 2
    get_engine().search(FinderQuery(text="lai chau"), later)
    after = _next_classes()
    assert {pk for pk in before if after[pk] != before[pk]} == set(order[:2])
    assert all(after[pk] is None or after[pk] >= later for pk in order[:2])
    assert course_index_next_sessions_refresh(later, batch_size=2) == len(order) - 2
    assert not running.exists()
    finished = {
        pk
        for pk, end in before.items()
        if end is not None and end < later and pk not in order
    }
    assert finished and all(_next_classes()[pk] == before[pk] for pk in finished)


def test_a_result_shows_the_next_class_even_before_its_entry_moves(
    settings, monkeypatch
):
    """Between refreshes an entry may still hold a class that has ended: the
    result line shows the course's next class from its timetable."""
    from courses.models import CourseOccurrence
    from search.engines import database

    later = NOW + dt.timedelta(days=8)
    monkeypatch.setattr(database, "_last_refresh", {"at": None})
    settings.FINDER_REFRESH_LIMIT = 0
    before = _next_classes()
    page = get_engine().search(FinderQuery(text="lai chau", page_size=50), later)
    assert _next_classes() == before  # nothing moved
    entries = {
        entry.code: entry
        for entry in CourseIndexEntry.objects.filter(
            locale="vi", code__in=[h.code for h in page.hits]
        )
    }
    stale = [
        h
        for h in page.hits
        if entries[h.code].next_end is not None and entries[h.code].next_end < later
    ]
    assert stale
    for hit in page.hits:
        first = (
            CourseOccurrence.objects.filter(
                translation_key=entries[hit.code].translation_key,
                end__gte=later,
                cancelled=False,
            )
            .order_by("start")
            .first()
        )
        assert hit.next_session == (first.start if first else None)


def test_the_refresh_command_moves_every_ended_class(capsys):
    from django.utils import timezone

    now = timezone.now()
    # Courses of 2030 whose entries say a class ended an hour ago.
    moved = CourseIndexEntry.objects.filter(code__startswith="LC-", last_end__gte=now)
    assert (
        moved.update(
            next_start=now - dt.timedelta(hours=2), next_end=now - dt.timedelta(hours=1)
        )
        >= 8
    )
    ended = CourseIndexEntry.objects.filter(next_end__lt=now, last_end__gte=now)
    expected = ended.count()
    with translation.override("en"):
        call_command("refresh_next_sessions")
    assert f"Refreshed the next class of {expected} courses." in capsys.readouterr().out
    assert not ended.exists()
    assert all(entry.next_end >= now for entry in moved)


def test_an_import_writes_the_finders_entries_once_at_its_end(
    tmp_path, catalogue_data, monkeypatch
):
    """On SQLite every statement that writes entries makes FTS5 write a
    segment, and at tier M merging one segment a course made an import write
    1.3 rows a second. An import's entries are written when it ends, every
    course at once (a publish in the admin still writes its own at once), and
    the finder finds them then as it did."""
    from courses.catalogue import catalogue_import
    from search import services

    written = []
    insert = services.entries_insert

    def counted(rows, table=None):
        written.append(len(rows))
        return insert(rows, table)

    monkeypatch.setattr(services, "entries_insert", counted)
    catalogue_import(json.dumps(catalogue_data, ensure_ascii=False), publish=True)
    codes = [record["code"] for record in catalogue_data["courses"]]
    courses = CoursePage.objects.live().filter(code__in=codes)
    assert courses.count() == 3  # two courses, one in English too
    assert written == [3]
    assert all(CourseIndexEntry.objects.filter(page_id=c.pk).exists() for c in courses)
    assert "DL-EAKAO-TH01" in found(course("DL-EAKAO-TH01").title)

    # Outside an import, a publish indexes its course at once.
    written.clear()
    page = course("LC-A-02")
    page.title = "Ươm cây giống cà phê"
    page.save_revision().publish()
    assert written == [1]
