"""The "similar spellings" fallback: a word in no course of the reader's language
is replaced by the closest word of the index's vocabulary, and the finder says so.
Runs on the test database's engine (SQLite FTS5 trigram or PostgreSQL pg_trgm)."""

import datetime as dt
import io
from importlib import import_module

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone, translation

from courses.models import CoursePage
from courses.schedule import LOCAL_TZ
from portal.tasks import tasks_deferred
from search.finder import FinderQuery, course_find
from search.models import CourseIndexEntry, SearchTerm, SearchTitle
from search.spelling import (
    ENTRIES,
    edit_distance,
    entry_terms,
    entry_titles,
    spelling_correct,
    titles_ends_record,
    titles_running_refresh,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2030, 1, 7, 7, 30, tzinfo=LOCAL_TZ)


def find(text, locale="vi"):
    return course_find(FinderQuery(text=text, locale=locale, page_size=50), now=NOW)


def codes(page):
    return {hit.code for hit in page.hits}


@pytest.mark.parametrize(
    "a, b, distance",
    [("hoc", "hoc", 0), ("hok", "hoc", 1), ("nag", "nang", 1), ("hcoc", "hoc", 1)],
)
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b) == distance
    assert edit_distance(b, a) == distance


def test_edit_distance_counts_a_swap_of_neighbours_as_one():
    assert edit_distance("computre", "computer") == 1


def test_a_typo_in_a_vietnamese_syllable_is_corrected():
    page = find("tin hok")
    assert page.fallback == "spelling"
    assert page.corrected_text == "tin hoc"
    assert {"LC-A-01", "LC-B-03"} <= codes(page)
    assert "“tin hok”" in page.fallback_label
    assert "“tin hoc”" in page.fallback_label


def test_words_typed_without_their_space_are_split():
    page = find("hoagiai")
    assert page.fallback == "spelling"
    assert page.corrected_text == "hoa giai"
    assert codes(page) == {"LC-B-02"}


def test_english_typo_is_corrected_in_english():
    page = find("computng", locale="en")
    assert page.fallback == "spelling"
    assert page.corrected_text == "computing"
    assert "LC-A-01" in codes(page)


def test_known_words_are_kept_as_typed():
    assert spelling_correct("Tin học", "vi") is None
    assert spelling_correct("tín hok", "vi") == "tín hoc"


def test_nothing_close_gives_no_correction():
    assert spelling_correct("xyzzyq", "vi") is None
    page = find("xyzzyq")
    assert page.count == 0 and page.fallback is None


def test_quotes_and_operators_in_the_text_do_not_break_it():
    for text in ['"tin hok', "hok OR 1=1", "h'ok; DROP TABLE", "*hok*", "^hok$"]:
        find(text)  # no exception
    assert spelling_correct('tin "hok"', "vi") == "tin hoc"


def test_a_published_word_joins_the_vocabulary_at_once():
    page = CoursePage.objects.get(code="LC-A-02", locale__language_code="vi")
    page.title = "Nuôi ong lấy mật mangosteen"
    page.save_revision().publish()
    assert SearchTerm.objects.filter(locale="vi", term="mangosteen").exists()
    corrected = find("mangostene")
    assert corrected.fallback == "spelling"
    assert codes(corrected) == {"LC-A-02"}


def test_a_rebuild_drops_words_no_course_has_any_more():
    SearchTerm.objects.create(locale="vi", term="hocc", documents=1000)
    call_command("rebuild_course_index", "--no-progress", stdout=io.StringIO())
    assert not SearchTerm.objects.filter(term="hocc").exists()
    assert SearchTerm.objects.get(locale="vi", term="hoc").documents >= 2


def test_a_stale_word_is_never_offered_when_it_finds_nothing():
    """A word left in the vocabulary after its course went is not a fallback."""
    SearchTerm.objects.create(locale="vi", term="zebra", documents=1000)
    page = find("zebr")
    assert page.fallback is None and page.count == 0


def test_the_api_says_which_spelling_it_searched(client):
    data = client.get("/api/v1/courses/search", {"q": "tin hok"}).json()
    assert data["fallback_kind"] == "spelling"
    assert "tin hoc" in data["fallback"]
    assert data["count"] >= 2


def test_the_finder_page_labels_the_correction(client):
    html = client.get("/vi/search/", {"q": "tin hok"}).content.decode()
    assert 'role="status"' in html
    assert "“tin hoc”" in html


def vocabulary():
    """The vocabulary's word counts, and the titles' counts, latest ends and
    running courses, as they are stored (the running ones counted again where
    one has ended since, as autocomplete does)."""
    titles_running_refresh(timezone.now())
    words = {(t.locale, t.term): t.documents for t in SearchTerm.objects.all()}
    titles = {
        (t.locale, t.title, t.title_folded): (
            t.courses,
            t.last_end,
            t.running,
            t.running_until,
        )
        for t in SearchTitle.objects.all()
    }
    return words, titles


def vocabulary_expected():
    """The same counted afresh over the index's entries; each language's
    entries are counted as the word ENTRIES, each title's latest end is the
    latest of its entries' last classes, its running courses those whose last
    class is still to come, and the moment that count drops the earliest of
    their last classes."""
    now = timezone.now()
    entries = CourseIndexEntry.objects.all()
    words = dict(+entry_terms(entries))
    for locale in ("vi", "en"):
        assert words[(locale, ENTRIES)] == entries.filter(locale=locale).count()
    ends, running = {}, {}
    for entry in entries:
        key = (entry.locale, entry.title, entry.title_folded)
        ends[key] = max(
            (end for end in (ends.get(key), entry.last_end) if end), default=None
        )
        if entry.last_end and entry.last_end >= now:
            running.setdefault(key, []).append(entry.last_end)
    titles = {
        key: (n, ends[key], len(running.get(key, [])), min(running.get(key, [None])))
        for key, n in entry_titles(entries).items()
    }
    return words, titles


def test_the_vocabulary_counts_exactly_the_live_entries():
    """Publishing, unpublishing, deleting and rebuilding keep each word's and
    each title's count equal to the entries holding it, and each title's
    latest end their latest, and drop what no entry holds."""
    page = CoursePage.objects.get(code="LC-A-02", locale__language_code="vi")
    page.title = "Nuôi ong lấy mật mangosteen"
    page.save_revision().publish()
    assert vocabulary() == vocabulary_expected()
    page.unpublish()
    assert vocabulary() == vocabulary_expected()
    assert not SearchTerm.objects.filter(term="mangosteen").exists()
    page.get_latest_revision().publish()
    CoursePage.objects.get(code="LC-B-02", locale__language_code="vi").delete()
    assert vocabulary() == vocabulary_expected()
    call_command("rebuild_course_index", "--no-progress", stdout=io.StringIO())
    assert vocabulary() == vocabulary_expected()


def test_an_import_adds_its_words_once_when_it_ends():
    """Inside an import (a ``tasks_deferred`` block) the counts are summed and
    added when it ends, exactly; an import that fails adds nothing."""
    page = CoursePage.objects.get(code="LC-A-02", locale__language_code="vi")
    with tasks_deferred():
        for title in ("Nuôi ong mangosteen", "Nuôi ong lấy mật mangosteen"):
            page.title = title
            page.save_revision().publish()
        assert not SearchTerm.objects.filter(term="mangosteen").exists()
    assert SearchTerm.objects.get(locale="vi", term="mangosteen").documents == 1
    assert vocabulary() == vocabulary_expected()
    with pytest.raises(RuntimeError), transaction.atomic(), tasks_deferred():
        page.title = "Nuôi ong rambutan"
        page.save_revision().publish()
        raise RuntimeError("the import stops")
    assert not SearchTerm.objects.filter(term="rambutan").exists()
    assert vocabulary() == vocabulary_expected()


def test_autocomplete_follows_publishing():
    from search.engines import get_engine

    page = CoursePage.objects.get(code="LC-A-02", locale__language_code="vi")
    assert get_engine().autocomplete("nuoi ong", "vi", 8) == []
    page.title = "Nuôi ong lấy mật"
    page.save_revision().publish()
    assert get_engine().autocomplete("nuoi o", "vi", 8) == ["Nuôi ong lấy mật"]
    assert get_engine().autocomplete("Nuôi ong l", "vi", 8) == ["Nuôi ong lấy mật"]
    assert get_engine().autocomplete("nuoi ong x", "vi", 8) == []
    page.unpublish()
    assert get_engine().autocomplete("nuoi ong", "vi", 8) == []


def test_cron_counts_again_the_titles_whose_courses_have_ended():
    """A title counted before one of its courses ended is counted again by
    ``refresh_next_sessions``, which says so in the portal's language."""
    page = CoursePage.objects.get(code="LC-A-02", locale__language_code="vi")
    page.title = "Nuôi ong lấy mật"
    page.save_revision().publish()
    title = SearchTitle.objects.get(locale="vi", title="Nuôi ong lấy mật")
    assert (title.running, title.courses) == (1, 1)
    # The course had its last class an hour ago, and the title was counted
    # before (in 2020), when it was to come.
    ended = timezone.now() - dt.timedelta(hours=1)
    entries = CourseIndexEntry.objects.filter(locale="vi", title=title.title)
    assert entries.update(last_end=ended) == 1
    titles_ends_record(
        [("vi", title.title)], now=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    title.refresh_from_db()
    assert title.running == 1
    assert title.running_until < timezone.now()
    due = SearchTitle.objects.filter(running_until__lt=timezone.now()).count()
    out = io.StringIO()
    with translation.override("vi"):
        call_command("refresh_next_sessions", "--merge-seconds", "0", stdout=out)
    assert f"Đã đếm lại số khóa học đang mở của {due} tên khóa học." in out.getvalue()
    title.refresh_from_db()
    assert (title.running, title.running_until) == (0, None)
    assert vocabulary() == vocabulary_expected()


def test_the_migration_counts_the_running_courses_of_each_title():
    """Migration 0024 fills the titles already recorded."""
    from types import SimpleNamespace

    from django.apps import apps

    SearchTitle.objects.update(running=0, running_until=None)
    fill = import_module("search.migrations.0024_title_running_courses").fill
    fill(apps, SimpleNamespace(connection=connection))
    assert vocabulary() == vocabulary_expected()
    assert SearchTitle.objects.filter(running__gt=0).exists()


def test_the_migration_counts_the_entries_of_each_language():
    """Migration 0012 records each language's count of entries for an index
    built before the vocabulary counted them."""
    migration = import_module("search.migrations.0012_entries_per_locale")
    SearchTerm.objects.filter(term=ENTRIES).delete()
    with connection.cursor() as cursor:
        cursor.execute(migration.UNCOUNT)
        cursor.execute(migration.COUNT)
    assert vocabulary() == vocabulary_expected()


def test_word_counts_are_per_language_and_summed_everywhere():
    from search.spelling import terms_documents, terms_documents_everywhere

    SearchTerm.objects.create(locale="vi", term="zzqa", documents=3)
    SearchTerm.objects.create(locale="en", term="zzqa", documents=4)
    SearchTerm.objects.create(locale="vi", term="zzqb", documents=1)
    assert terms_documents("vi", {"zzqa", "zzqb", "zzqc"}) == {"zzqa": 3, "zzqb": 1}
    assert terms_documents("en", {"zzqa", "zzqb"}) == {"zzqa": 4}
    assert terms_documents_everywhere({"zzqa", "zzqb"}) == {"zzqa": 7, "zzqb": 1}
    # Words are values, never SQL.
    assert terms_documents("vi", {"a' OR '1'='1", "%", "zzqb"}) == {"zzqb": 1}
    assert terms_documents("vi", set()) == terms_documents_everywhere(set()) == {}


def test_one_letter_words_and_numbers_are_searched_like_any_word(client):
    """ "y tế", "lớp 1" and "2024" are words of the vocabulary: a text with one
    of them finds its courses at once, not "no course matches all the words"
    and every course holding any of them."""
    page = CoursePage.objects.get(code="LC-A-02", locale__language_code="vi")
    page.title = "Bảo hiểm y tế 2024 cho lớp 1"
    page.save_revision().publish()
    for text in (
        "y tế",
        "bao hiem y te",
        "2024",
        "lớp 1",
        "Bảo hiểm y tế 2024 cho lớp 1",
    ):
        data = client.get("/api/v1/courses/search", {"q": text}).json()
        assert data["fallback"] is None, text
        assert "LC-A-02" in [r["code"] for r in data["results"]], text
    data = client.get("/api/v1/courses/search", {"q": "y te 2024 lop 1"}).json()
    assert [r["code"] for r in data["results"]] == ["LC-A-02"]
    assert SearchTerm.objects.get(locale="vi", term="1").documents >= 1
    assert vocabulary() == vocabulary_expected()
    # Nor are they typed for another word, or proposed for one: "lớp 13" is
    # not corrected to "lớp 1", nor "yx" to "y".
    assert spelling_correct("lớp 13", "vi") is None
    assert spelling_correct("yx", "vi") != "y"


def test_a_khmer_syllable_of_one_consonant_is_a_word(client):
    """Khmer is split into syllables, some of one letter (អ, រ in អក្សរ)."""
    assert SearchTerm.objects.filter(locale="km", term="អ").exists()
    data = client.get(
        "/api/v1/courses/search", {"q": "អក្សរខ្មែរ", "locale": "km"}
    ).json()
    assert data["fallback"] is None
    assert [r["code"] for r in data["results"]] == ["LC-C-02"]


def test_the_migration_adds_one_letter_words_and_numbers():
    """Migration 0019 counts them for an index built before the vocabulary did."""
    migration = import_module("search.migrations.0019_short_and_number_terms")
    from django.apps import apps

    page = CoursePage.objects.get(code="LC-A-02", locale__language_code="vi")
    page.title = "Bảo hiểm y tế 2024"
    page.save_revision().publish()
    expected = vocabulary()
    migration.forget_short_and_numbers(apps, None)
    assert not SearchTerm.objects.filter(term__in=["y", "2024"]).exists()
    migration.record_short_and_numbers(apps, None)
    assert vocabulary() == expected == vocabulary_expected()


def test_a_vietnamese_word_misspelt_on_another_languages_finder(client):
    """ "tin hok" on the Khmer finder: nothing in Khmer, nor in Vietnamese as
    typed, nor a Khmer spelling; the closest Vietnamese spelling finds the
    Vietnamese courses, under the reader's language prefix."""
    page = find("tin hok", locale="km")
    assert page.fallback == "spelling"
    assert page.corrected_text == "tin hoc"
    assert {"LC-A-01", "LC-B-03"} <= codes(page)
    assert all(hit.url.startswith("/km/") for hit in page.hits)
    data = client.get(
        "/api/v1/courses/autocomplete", {"q": "tin h", "locale": "km"}
    ).json()
    assert any(title.startswith("Tin học") for title in data["courses"])


def found_in_english(client, q):
    """The codes of the courses an English reader's ``q`` finds in English."""
    data = client.get("/api/v1/courses/search", {"q": q, "locale": "en"}).json()
    return {r["code"] for r in data["results"]} if not data["fallback"] else set()


def assert_migrates_both_ways(client, name, backwards, found_after):
    """Run migration ``name`` backwards, call ``backwards(entries)``, and
    forwards again: the vocabulary matches the entries each time, forwards
    gives back the entries as publishing wrote them, and an English reader
    finds LC-C-01 with each of ``found_after``."""
    from types import SimpleNamespace

    from django.apps import apps

    operation = import_module(f"search.migrations.{name}").Migration.operations[0]
    entries = CourseIndexEntry.objects.order_by("page_id")

    def analysed():
        return list(entries.values_list("title_folded", "body_folded"))

    indexed, counted = analysed(), vocabulary()
    editor = SimpleNamespace(connection=connection)
    operation.reverse_code(apps, editor)
    assert vocabulary() == vocabulary_expected()
    backwards(entries)
    operation.code(apps, editor)
    assert analysed() == indexed
    assert vocabulary() == counted == vocabulary_expected()
    for q in found_after:
        assert "LC-C-01" in found_in_english(client, q), q


def test_the_migration_analyses_english_irregular_plurals_again(client):
    """Migration 0020 makes the entries indexed before English irregular
    plurals folded to their singular ("children" to "child") hold them as
    publishing now does, with the vocabulary and the titles: run backwards it
    puts the analysis as it was, and the singular no longer finds them."""
    page = CoursePage.objects.get(code="LC-C-01", locale__language_code="en")
    page.title = "Net mending for fishermen, women and their children"
    page.summary = "Sharpening knives and sickles; the syllabi of two halves."
    page.save_revision().publish()

    def backwards(entries):
        entry = entries.get(page_id=page.pk)
        assert "children" in entry.title_folded.split()
        assert {"knive", "halve", "sillabi"} <= set(entry.body_folded.split())
        assert "LC-C-01" not in found_in_english(client, "child")

    assert_migrates_both_ways(
        client,
        "0020_english_irregular_plurals",
        backwards,
        ("child", "children", "fisherman", "woman", "knife", "half"),
    )


def test_the_migration_folds_english_men_and_leaves_again(client):
    """Migration 0022 makes the English entries indexed before English text
    folded "men" and "leaves" to their singular hold them as publishing now
    does, with the vocabulary and the titles; a Vietnamese entry's "men" stays.
    Run backwards it puts the analysis as it was, and "man" no longer finds
    them."""
    from search.text import ENGLISH_PLURALS

    migration = import_module("search.migrations.0022_english_only_plurals")
    assert migration.AFTER == ENGLISH_PLURALS
    page = CoursePage.objects.get(code="LC-C-01", locale__language_code="en")
    page.title = "Mending nets for MEN"
    page.summary = "Drying tea leaves; mens and women's hats, in Mèn."
    page.save_revision().publish()
    vietnamese = CoursePage.objects.get(code="LC-C-01", locale__language_code="vi")
    vietnamese.title = "Ủ men rượu"
    vietnamese.save_revision().publish()

    def backwards(entries):
        entry = entries.get(page_id=page.pk)
        assert entry.title_folded == "mending net for men"
        assert {"leave", "men"} <= set(entry.body_folded.split())
        assert "man" not in entry.body_folded.split()
        assert entries.get(page_id=vietnamese.pk).title_folded == "u men ruou"
        assert "LC-C-01" not in found_in_english(client, "leaf")

    assert_migrates_both_ways(
        client,
        "0022_english_only_plurals",
        backwards,
        ("man", "men", "leaf", "leaves", "mens"),
    )


def test_the_migration_folds_as_the_analysis_does():
    """The analysis the migration mirrors, before and after, is the analysis."""
    from search.text import (
        IRREGULAR_PLURAL_ENDINGS,
        IRREGULAR_PLURALS,
        NOT_PLURALS_IN_MEN,
        fold,
        folded_token,
    )

    migration = import_module("search.migrations.0020_english_irregular_plurals")
    assert migration.IRREGULAR_PLURALS == IRREGULAR_PLURALS
    assert migration.IRREGULAR_PLURAL_ENDINGS == IRREGULAR_PLURAL_ENDINGS
    assert migration.NOT_PLURALS_IN_MEN == NOT_PLURALS_IN_MEN
    words = {*IRREGULAR_PLURALS, *IRREGULAR_PLURALS.values(), *NOT_PLURALS_IN_MEN}
    words |= {w + "s" for w in words}
    words |= {
        "grandchildren", "salespeople", "midwives", "fishermen", "men", "mens",
        "classes", "libraries", "boxes", "bus", "status", "kỹ", "đồng", "man",
    }  # fmt: skip
    for word in words:
        assert migration.folded_after(fold(word)) == folded_token(word), word
    # As search.text.singular made them before.
    assert [
        migration.folded_before(w)
        for w in ("children", "knives", "fishermen", "classes", "libraries")
    ] == ["children", "knive", "fishermen", "class", "librari"]
