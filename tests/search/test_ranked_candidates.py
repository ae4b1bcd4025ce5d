"""A text in more courses than a search ranks (settings.FINDER_RANKED_CANDIDATES)
is ranked, counted and faceted among the newest courses matching it; the count
says it is a lower bound, in the API and on the finder page. Run with a limit of
two over the finder catalogue, where "trung tâm" (every centre's name) is in
all eight current courses."""

import pytest
from django.db import connection
from django.db.models import F

from courses.models import CoursePage
from search.engines import get_engine
from search.engines.database import (
    ONLINE_SAMPLE,
    DatabaseEngine,
    TextMatch,
    query_groups,
)
from search.engines.sqlite import BM25, FTS
from search.finder import FinderQuery
from search.models import CourseIndexEntry, SearchTerm
from search.spelling import ENTRIES, terms_documents, terms_documents_everywhere
from search.text import analyse
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


def online_also(code):
    """Make the course ``code`` (outside the place's reach) an online course,
    published as an editor does: the place then has two online matches."""
    page = CoursePage.objects.get(code=code, locale__language_code="vi")
    page.mode = "online"
    page.save_revision().publish()
    return {"LC-A-03", code}


def test_with_a_place_every_class_within_reach_and_the_newest_online_ones(
    settings,
):
    """With a place, a frequent text ranks and counts every class within
    reach, and of the online courses only the newest ``limit`` that match."""
    online = online_also("LC-C-01")
    near = {"near": DOAN_KET, "radius_km": 10}
    whole = search(settings, 1000, **near)
    codes = [h.code for h in whole.hits]
    assert online <= set(codes) and whole.count_exact and whole.count > 2
    assert whole.facets["mode"]["online"] == 2
    left_out = online - newest(sorted(online), 1)
    for facets in (True, False):
        capped = search(settings, 1, facets=facets, **near)
        assert [h.code for h in capped.hits] == [c for c in codes if c not in left_out]
        assert capped.count == whole.count - 1
        assert not capped.count_exact and not capped.facets_exact
    assert search(settings, 1, **near).facets["mode"]["online"] == 1
    # No more online courses than the limit can match: every match is ranked.
    online_entries = CourseIndexEntry.objects.filter(locale="vi", mode="online")
    limit = online_entries.count()
    assert outcome(search(settings, limit, **near)) == outcome(whole)


def test_with_a_place_the_filters_choose_among_the_same_candidates(settings):
    """Every class within reach is among the candidates: a filter never hides
    one for being older; the count is exact when it leaves online courses out."""
    online = online_also("LC-C-01")
    near = {"near": DOAN_KET, "radius_km": 10}
    left_out = online - newest(sorted(online), 1)
    for filters in ({"modes": ("in_person",)}, {"modes": ("online",)}, {"free": True}):
        whole = search(settings, 1000, **near, **filters)
        capped = search(settings, 1, **near, **filters)
        codes = [h.code for h in whole.hits if h.code not in left_out]
        assert [h.code for h in capped.hits] == codes
        assert capped.count == len(codes)
        assert capped.count_exact == (filters == {"modes": ("in_person",)})
        assert not capped.facets_exact


def test_the_page_says_which_online_courses_a_place_ranks(client, settings):
    online_also("LC-C-01")
    settings.FINDER_RANKED_CANDIDATES = 1
    asked = {"q": TEXT, "near": f"{DOAN_KET.latitude},{DOAN_KET.longitude}"}
    body = client.get("/api/v1/courses/search", asked).json()
    assert body["count_exact"] is False and body["facets_exact"] is False
    assert {"LC-A-01", "LC-A-02"} <= {r["code"] for r in body["results"]}
    html = client.get("/vi/search/", asked).content.decode()
    assert "Tìm thấy ít nhất" in html
    assert "Mọi lớp học trong phạm vi đã chọn đều có ở đây" in html
    assert "chỉ 1 khóa học trực tuyến được thêm gần đây nhất" in html
    # In-person classes only: their count is exact, the facets are not.
    html = client.get("/vi/search/", {**asked, "mode": "in_person"})
    html = html.content.decode()
    assert "ít nhất" not in html and "đều có ở đây" not in html
    assert "được đếm trong số các lớp học trong phạm vi đã chọn và 1 khóa" in html
    settings.FINDER_RANKED_CANDIDATES = 1000
    html = client.get("/vi/search/", asked).content.decode()
    assert "ít nhất" not in html and "trong phạm vi đã chọn" not in html


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


def outcome(page):
    return (
        [hit.code for hit in page.hits],
        page.count,
        page.count_exact,
        page.facets,
        page.facets_exact,
    )


def test_candidates_looked_for_among_the_newest_entries_are_the_same(
    settings, monkeypatch
):
    """A frequent text's candidates are first looked for from the page id the
    engine's ``newest_since`` names on; when the entries from there on hold
    fewer than the limit, again among all of them. Whatever id it names, the
    page, the count and the facets are those of a search among all, with and
    without facets, with and without a filter."""
    requests = [
        {"facets": facets, **filters}
        for facets in (True, False)
        for filters in ({}, {"categories": ("digital-skills",)})
    ]
    expected = [outcome(search(settings, LIMIT, **r)) for r in requests]
    # From the oldest entry, from each current course's, and from none.
    ids = sorted(page_ids(CURRENT).values())
    oldest = CourseIndexEntry.objects.filter(locale="vi").order_by("page_id")
    ids = [oldest.first().page_id, *ids, ids[-1] + 1]
    oldest_candidate = min(page_ids(newest(CURRENT, LIMIT)).values())
    statements = []
    run = DatabaseEngine._run

    def counted(*args, **kwargs):
        statements.append(args)
        return run(*args, **kwargs)

    monkeypatch.setattr(DatabaseEngine, "_run", counted)
    engine = get_engine()
    for since in ids:
        monkeypatch.setattr(type(engine), "newest_since", lambda *a, s=since: s)
        for request, result in zip(requests, expected, strict=True):
            statements.clear()
            filters = {k: v for k, v in request.items() if k != "facets"}
            query = FinderQuery(text=TEXT, page_size=50, **filters)
            page = engine.search(query, NOW, facets=request["facets"])
            assert outcome(page) == result
            # From the oldest of the newest candidates on, once; from a newer
            # entry, once more among all.
            if "categories" not in request:
                assert len(statements) == (1 if since <= oldest_candidate else 2)


def test_without_the_count_of_entries_the_candidates_are_looked_for_in_all(
    settings,
):
    """A vocabulary that lacks the language's count of entries (recorded by
    migration 0012 or a rebuild) gives no share: every entry is searched."""
    requests = [{}, {"categories": ("digital-skills",)}]
    expected = [outcome(search(settings, LIMIT, **r)) for r in requests]
    SearchTerm.objects.filter(term=ENTRIES).delete()
    engine = get_engine()
    for request, result in zip(requests, expected, strict=True):
        for facets in (True, False):
            query = FinderQuery(text=TEXT, page_size=50, **request)
            page = engine.search(query, NOW, facets=facets)
            if facets:
                assert outcome(page) == result
            else:
                assert outcome(page)[:3] == result[:3]


def test_a_text_s_share_of_the_entries_is_estimated_from_the_vocabulary():
    """Every word must match: the product of each word's share (words are taken
    as independent); any word may: one less the product of their absences."""
    entries = CourseIndexEntry.objects.filter(locale="vi").count()
    counts = terms_documents("vi", {"lai", "chau", ENTRIES})
    assert counts[ENTRIES] == entries
    shares = [counts["lai"] / entries, counts["chau"] / entries]
    query = FinderQuery(text="Lai Châu")
    match = TextMatch()
    DatabaseEngine.documents_bound(query, query_groups(query.text), match)
    assert match.documents == min(counts["lai"], counts["chau"])
    assert match.entries == entries
    assert match.share == pytest.approx(shares[0] * shares[1])
    query = FinderQuery(text="Lai Châu", any_word=True)
    DatabaseEngine.documents_bound(query, query_groups(query.text), match)
    assert match.documents == counts["lai"] + counts["chau"]
    assert match.share == pytest.approx(1 - (1 - shares[0]) * (1 - shares[1]))


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own newest_since"
)
def test_postgresql_names_where_the_newest_entries_of_a_language_begin():
    from search.engines.postgresql import KEY_ORDER_SHARE

    engine = get_engine()
    ids = sorted(
        CourseIndexEntry.objects.filter(locale="en").values_list("page_id", flat=True),
        reverse=True,
    )
    assert engine.newest_since("en", 1, 0.1) == ids[0]
    assert engine.newest_since("en", 3, 0.1) == ids[2]
    assert engine.newest_since("en", len(ids), 0.1) == ids[-1]
    assert engine.newest_since("en", len(ids) + 1, 0.1) is None
    # Words in many entries are read in key order, without it.
    assert engine.newest_since("en", 3, KEY_ORDER_SHARE) is None


def analysed_words(entries):
    """Each entry's analysed words (title and body)."""
    return [set((e.title_folded + " " + e.body_folded).split()) for e in entries]


def assert_finds_the_courses_holding(engine, entries, words, second):
    """The courses found for "lai <second>" are those holding both words."""
    holding = {
        e.code
        for e, held in zip(entries, words, strict=True)
        if {"lai", second} <= held and e.code in CURRENT
    }
    page = engine.search(FinderQuery(text=f"lai {second}", page_size=50), NOW)
    assert {hit.code for hit in page.hits} == holding


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's match and rank"
)
def test_a_word_every_entry_holds_is_left_out_of_the_match_not_the_rank(
    monkeypatch,
):
    """Where the language is tested through an index (words in more than
    RARE_ENTRIES entries; none here, so the limit is lowered), not on each
    candidate, where the other languages' entries would be read."""
    from search.engines import postgresql

    entries = CourseIndexEntry.objects.filter(locale="vi")
    words = analysed_words(entries)
    everywhere = set.intersection(*words)
    somewhere = set.union(*words) - everywhere
    word = sorted(w for w in everywhere if len(w) > 1 and not w.isdigit())[0]
    other = sorted(w for w in somewhere if len(w) > 2 and not w.isdigit())[0]
    engine = get_engine()
    rare = engine.text_match(FinderQuery(text=f"lai {word}"))
    assert rare.locale_per_candidate and f"'{word}'" in rare.where_params[0]
    monkeypatch.setattr(postgresql, "RARE_ENTRIES", 0)
    for second, left_out in ((word, True), (other, False)):
        match = engine.text_match(FinderQuery(text=f"lai {second}"))
        assert (f"'{second}'" not in match.where_params[0]) == left_out
        assert f"'{second}'" in match.score_params[0]
        # The courses found are those holding every word, all the same.
        assert_finds_the_courses_holding(engine, entries, words, second)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 and bm25")
def test_sqlite_leaves_out_of_the_match_a_word_bm25_weighs_at_its_floor():
    entries = CourseIndexEntry.objects.filter(locale="vi")
    words = analysed_words(entries)
    everywhere = set.intersection(*words)
    somewhere = set.union(*words) - everywhere
    totals = terms_documents_everywhere(everywhere | {ENTRIES})
    # In every Vietnamese entry, and in half of all the index's entries.
    word = sorted(
        w
        for w in everywhere
        if len(w) > 1 and not w.isdigit() and 2 * totals[w] >= totals[ENTRIES]
    )[0]
    other = sorted(w for w in somewhere if len(w) > 2 and not w.isdigit())[0]
    # The counts are those of every language's entries.
    every = analysed_words(CourseIndexEntry.objects.all())
    assert totals[ENTRIES] == len(every)
    assert totals[word] == sum(word in held for held in every)
    engine = get_engine()
    for second, left_out in ((word, True), (other, False)):
        match = engine.text_match(FinderQuery(text=f"lai {second}"))
        assert (f'"{second}"' not in match.join_params[0]) == left_out
        # The courses found are those holding every word, all the same.
        assert_finds_the_courses_holding(engine, entries, words, second)

    # bm25 weighs the word at its floor: a score moves by less than 1e-4 without
    # it, so the order moves only among courses whose scores were that close.
    def scores(expression):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, {BM25} FROM {FTS} WHERE {FTS} MATCH %s",  # noqa: S608 - constants
                [f"{{title_folded body_folded}} : ({expression})"],
            )
            return dict(cursor.fetchall())

    with_word = scores(f'"lai" AND "{word}"')
    without = scores('"lai"')
    assert with_word
    assert all(abs(s - without[rowid]) < 1e-4 for rowid, s in with_word.items())
    # In every Vietnamese entry but in fewer than half of the index's: kept.
    SearchTerm.objects.filter(locale="en", term=ENTRIES).update(
        documents=F("documents") + 2 * totals[ENTRIES]
    )
    match = engine.text_match(FinderQuery(text=f"lai {word}"))
    assert f'"{word}"' in match.join_params[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 and bm25")
def test_sqlite_ranks_without_a_floor_weight_word_some_entries_lack():
    """A word in half of the index's entries or more (bm25 weighs it at its
    floor) that some Vietnamese entries lack: the match is ranked without it,
    and the entries lacking it are still left out."""
    entries = CourseIndexEntry.objects.filter(locale="vi")
    words = analysed_words(entries)
    everywhere = set.intersection(*words)
    holding_lai = [
        held
        for e, held in zip(entries, words, strict=True)
        if e.code in CURRENT and "lai" in held
    ]
    other = sorted(
        w
        for w in set.union(*words) - everywhere
        if len(w) > 2
        and not w.isdigit()
        and any(w in held for held in holding_lai)
        and not all(w in held for held in holding_lai)
    )[0]
    engine = get_engine()
    match = engine.text_match(FinderQuery(text=f"lai {other}"))
    assert f'"{other}"' in match.join_params[0] and not match.where
    # Make it a word of half the index's entries (in English, which the
    # Vietnamese counts do not see).
    totals = terms_documents_everywhere({other, ENTRIES})
    SearchTerm.objects.update_or_create(
        locale="en", term=other, defaults={"documents": totals[ENTRIES]}
    )
    match = engine.text_match(FinderQuery(text=f"lai {other}"))
    assert f'"{other}"' not in match.join_params[0]
    assert '"lai"' in match.join_params[0]
    assert f'"{other}"' in match.where_params[0]
    # The courses found are those holding both words, all the same.
    assert_finds_the_courses_holding(engine, entries, words, other)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5")
def test_sqlite_tests_a_class_within_reach_for_its_exact_spelling_as_fts5_does():
    """A place's classes within reach are tested for the text's exact spelling
    on their own analysed text (TextMatch.exact_within): the same entries pass
    as through FTS5's index (TextMatch.exact), whatever the words, phrases
    (Khmer syllables), "_" in a word, or any word instead of every one."""
    exact, folded = analyse("Gửi e_mail và thư điện tử ភាសាខ្មែរ")
    CourseIndexEntry.objects.filter(locale="vi", code="LC-C-01").update(
        title_exact=exact, title_folded=folded
    )
    engine = get_engine()
    # Only a text with marks has an exact spelling to test.
    texts = [
        "mạ",
        "mã hóa",
        "Tin học",
        "trung tâm",
        "gửi e_mail",
        "gửi e mail",
        "mail e gửi",
        "thư_điện",
        "điện tử",
        "tử điện",
        "gửi ភាសាខ្មែរ",
        "ខ្មែរ gửi",
        "hòa giải",
    ]
    differing = []
    for text in texts:
        for any_word in (False, True):
            match = engine.text_match(FinderQuery(text=text, any_word=any_word))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT e.code, {match.exact}, {match.exact_within} "  # noqa: S608 - the engine's fragments
                    f"FROM {CourseIndexEntry._meta.db_table} e",
                    [*match.exact_params, *match.within_params],
                )
                rows = cursor.fetchall()
            assert any(row[1] for row in rows), text
            differing += [(text, any_word, row) for row in rows if row[1] != row[2]]
    assert differing == []


def test_the_newest_online_courses_are_sampled_for_the_text():
    """``online_matches``: how many of the newest ONLINE_SAMPLE online courses
    of the language hold the text, and how many there are (PostgreSQL gives
    its planner's estimate)."""
    online_also("LC-C-01")
    online = CourseIndexEntry.objects.filter(locale="vi", mode="online")
    newest_first = list(online.order_by("-page_id")[:ONLINE_SAMPLE])
    engine = get_engine()
    for text in (TEXT, "lai chau", "đan lát", "tiếng anh"):
        words = {folded for _exact, folded in map(analyse, text.split())}
        holding = [e for e in newest_first if words <= set(analysed_words([e])[0])]
        query = FinderQuery(text=text)
        matched, entries = engine.online_matches(query, engine.text_match(query))
        assert matched == len(holding), text
        if connection.vendor == "sqlite":
            assert entries == online.count()
        else:
            assert entries >= 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_postgresql_reads_the_online_courses_in_key_order_when_it_reads_fewer(
    settings,
):
    """Key order when the limit over the share of online courses matching is
    fewer rows than every online match plus the words' postings (a twentyfifth
    of a row each); then from the id the limit should be found from."""
    engine = get_engine()
    online_also("LC-C-01")
    ids = sorted(
        CourseIndexEntry.objects.filter(locale="vi", mode="online").values_list(
            "page_id", flat=True
        ),
        reverse=True,
    )
    query = FinderQuery(text=TEXT)

    def since(share, entries, documents, limit=5000):
        settings.FINDER_RANKED_CANDIDATES = limit
        return engine.online_since(
            query, TextMatch(documents=documents), share, entries
        )

    # "tin học" at tier M: 0.63 of 32,287 online courses, in 110,606 entries.
    assert since(0.63, 32_287, 110_606) is not None
    # "tiếng anh": 0.30 of them, in 13,452 entries: through the index.
    assert since(0.30, 32_287, 13_452) is None
    assert since(0, 32_287, 13_452) is None
    # The newest online courses the limit needs, with NEWEST_MARGIN to spare:
    # two for one, when all of them match.
    assert len(ids) >= 2
    assert since(1.0, 10_000, 10_000, limit=1) == ids[1]


def test_online_courses_read_from_any_id_on_give_the_same_outcome(
    settings, monkeypatch
):
    """Whatever id ``online_since`` names, the page, the count and the facets
    are those of the online courses looked for among all: from an id after
    the newest, none are found there, and they are looked for again."""
    online_also("LC-C-01")
    near = {"near": DOAN_KET, "radius_km": 10}
    requests = [
        {"facets": facets, **filters}
        for facets in (True, False)
        for filters in ({}, {"free": True})
    ]
    expected = [outcome(search(settings, 1, **near, **r)) for r in requests]
    assert not expected[0][2]  # the online courses were capped
    ids = sorted(
        CourseIndexEntry.objects.filter(locale="vi", mode="online").values_list(
            "page_id", flat=True
        )
    )
    engine = type(get_engine())
    for since in (ids[0], ids[-1], ids[-1] + 1):
        monkeypatch.setattr(engine, "online_since", lambda *a, s=since: s)
        got = [outcome(search(settings, 1, **near, **r)) for r in requests]
        assert got == expected, since


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text tags")
def test_sqlite_finds_a_text_near_a_place_through_the_full_text_tags(
    settings, monkeypatch
):
    """The text within the box's cells and among the online courses, from
    the full-text index (migration 0015): the pages, counts and facets of the
    lookups through the box's and the online courses' index ranges."""
    online_also("LC-C-01")
    requests = [
        {"radius_km": radius, "sort": sort, "facets": facets, **filters}
        for radius in (2, 10, 50)
        for sort in ("relevance", "soonest", "distance")
        for facets in (True, False)
        for filters in ({}, {"free": True}, {"modes": ("online",)})
    ]
    engine = type(get_engine())
    used = []
    tags = engine.near_matches
    monkeypatch.setattr(engine, "near_matches", lambda *a: used.append(1) or tags(*a))
    got = [outcome(search(settings, 1, near=DOAN_KET, **r)) for r in requests]
    assert len(used) == len(requests)
    monkeypatch.setattr(engine, "near_matches", lambda *a: None)
    expected = [outcome(search(settings, 1, near=DOAN_KET, **r)) for r in requests]
    assert got == expected
    assert any(codes for codes, *_rest in got)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text tags")
def test_sqlite_full_text_tags_follow_an_entrys_place_and_mode():
    from search.engines.sqlite import ONLINE_TAG, PLACE_CELLS_PER_DEGREE

    def tagged(tag):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s",  # noqa: S608 - constant
                [f"fts_tags : {tag}"],
            )
            return {row[0] for row in cursor.fetchall()}

    def cell(latitude, longitude):
        row = int((latitude + 90) * PLACE_CELLS_PER_DEGREE)
        column = int((longitude + 180) * PLACE_CELLS_PER_DEGREE)
        return f"g{row}x{column}"

    entry = CourseIndexEntry.objects.filter(locale="vi").exclude(mode="online")[0]
    here = cell(entry.latitude, entry.longitude)
    assert entry.page_id in tagged(here)
    entries = CourseIndexEntry.objects.filter(pk=entry.pk)
    entries.update(latitude=F("latitude") + 1)
    assert entry.page_id not in tagged(here)
    assert entry.page_id in tagged(cell(entry.latitude + 1, entry.longitude))
    entries.update(mode="online")
    assert entry.page_id in tagged(ONLINE_TAG)
    entries.delete()
    assert entry.page_id not in tagged(ONLINE_TAG)
