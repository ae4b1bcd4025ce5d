"""Similar spellings: when a typed word is in no course of the reader's language,
propose the closest word of the index's vocabulary (search.models.SearchTerm).

Candidates come from each database's own trigram index (SQLite FTS5 ``trigram``,
PostgreSQL ``pg_trgm``, migration 0006); the closest one by edit distance wins,
the more frequent one on a tie. A word typed without its space ("thongminh") is
split into two known words first. The finder shows a correction only when it
finds courses (search.finder.course_find).

The vocabulary, and the distinct titles autocomplete suggests (SearchTitle),
are counts over the index's entries: ``terms_change`` applies the difference of
every write (search.services), so both stay exact without a periodic rebuild.
Inside an import (``portal.tasks.tasks_deferred``) the differences are summed
and applied once, when the import ends. Each title also keeps the latest end
of its entries' classes and how many of them still run (``titles_ends_record``),
read again for the titles a write touched once the entries are written; the
running count also drops with time, so it is counted again once a course it
counted has had its last class (``titles_running_refresh``).
"""

from collections import Counter

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from portal.tasks import at_block_end_for, counts_add
from search.models import SearchTerm
from search.text import folded_token, tokens

MAX_TERM_LENGTH = 64
# The vocabulary also counts each language's entries, as this word (which no
# text holds): a finder text's share of the entries is estimated from it
# (search.engines.database.DatabaseEngine.documents_bound).
ENTRIES = ""
MAX_WORDS = 6  # typed words looked at; longer texts are not corrected
CANDIDATES = 40


def counted_term(word):
    """Whether the vocabulary counts ``word`` (a folded token): every word that
    fits its term column."""
    return len(word) <= MAX_TERM_LENGTH


def entry_terms(entries):
    """Return a Counter of ``(locale, term)`` over ``entries`` (CourseIndexEntry
    objects): each folded word of the title and body, once per entry, and each
    entry as ENTRIES. Every word counts, one letter or a number too ("y tế",
    "lớp 1", "2024", a Khmer syllable of one consonant): a text search takes a
    word the vocabulary lacks for one no entry holds (documents_bound). Only
    words longer than the term column are left out (counted_term)."""
    by_locale = {}
    for entry in entries:
        words = set(entry.title_folded.split())
        words.update(entry.body_folded.split())
        words.add(ENTRIES)
        by_locale.setdefault(entry.locale, Counter()).update(words)
    # Which words count is decided once per distinct word, not per occurrence.
    return Counter(
        {
            (locale, word): n
            for locale, counts in by_locale.items()
            for word, n in counts.items()
            if counted_term(word)
        }
    )


def entry_titles(entries):
    """Return a Counter of ``(locale, title, analysed title)`` over ``entries``."""
    return Counter((e.locale, e.title, e.title_folded) for e in entries)


# Each table's name, the columns of its key (the conflict target), any column
# that follows from the key, and the count column.
TERMS = ("search_searchterm", ("locale", "term"), (), "documents")
TITLES = ("search_searchtitle", ("locale", "title"), ("title_folded",), "courses")


def _counts_apply(table, counts):
    """Add ``counts`` (a Counter keyed by the table's key columns then its
    derived columns; negative to take away) to the table's count column, and
    drop the rows whose count reaches zero. Names come from TERMS and TITLES."""
    name, key, derived, count = table
    columns = (*key, *derived, count)
    more = [(*k, n) for k, n in counts.items() if n > 0]
    less = [(n, *k[: len(key)]) for k, n in counts.items() if n < 0]
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    match = " AND ".join(f"{column} = %s" for column in key)
    with connection.cursor() as cursor:
        for start in range(0, len(more), 500):
            rows = more[start : start + 500]
            cursor.execute(
                f"INSERT INTO {name} ({', '.join(columns)}) VALUES "  # noqa: S608 - names are ours
                + ", ".join([row] * len(rows))
                + f" ON CONFLICT ({', '.join(key)}) DO UPDATE "
                f"SET {count} = {name}.{count} + excluded.{count}",
                [value for r in rows for value in r],
            )
        if less:
            cursor.executemany(
                f"UPDATE {name} SET {count} = {count} + %s WHERE {match}",  # noqa: S608 - names are ours
                less,
            )
            cursor.executemany(
                f"DELETE FROM {name} WHERE {match} AND {count} <= 0",  # noqa: S608 - names are ours
                [r[1:] for r in less],
            )


def terms_record(counts):
    """Add ``counts`` (a Counter of ``(locale, term)``, negative to take away) to
    the vocabulary's document counts; a word no entry holds any more is dropped."""
    _counts_apply(TERMS, counts)


def titles_record(counts):
    """The same for the distinct titles autocomplete suggests."""
    _counts_apply(TITLES, counts)


# Each title's last_end (the latest of its entries'), and how many of its
# entries run at a moment (the parameter, twice) with the earliest last_end
# among them: read from the entries' (locale, title, last_end) index
# (migration 0021), without reading the entries.
_ENTRIES_OF_TITLE = (
    "FROM search_courseindexentry e WHERE e.locale = search_searchtitle.locale "
    "AND e.title = search_searchtitle.title"
)
TITLE_LAST_END = f"last_end = (SELECT MAX(e.last_end) {_ENTRIES_OF_TITLE})"
TITLE_RUNNING = (
    f"running = (SELECT COUNT(*) {_ENTRIES_OF_TITLE} AND e.last_end >= %s), "
    f"running_until = (SELECT MIN(e.last_end) {_ENTRIES_OF_TITLE} "
    "AND e.last_end >= %s)"
)
# Titles counted again at a time (a statement's parameters).
RECOUNT_BATCH = 500


def titles_ends_record(keys=None, now=None):
    """Set the last_end of the titles ``keys`` (``(locale, title)`` pairs; every
    title when None) to the latest last_end of their entries as they are now
    (null when none has a class): whether autocomplete may suggest the title
    (search.engines.database.DatabaseEngine.autocomplete); and count their
    entries still running at ``now`` (by default the present). Neither is a
    count a write's difference can give: the latest end is lost when the entry
    that held it is removed, and the running ones change with time. So both
    are read again."""
    moment = connection.ops.adapt_datetimefield_value(now or timezone.now())
    statement = f"UPDATE search_searchtitle SET {TITLE_LAST_END}, {TITLE_RUNNING}"  # noqa: S608 - no input in it
    with connection.cursor() as cursor:
        if keys is None:
            cursor.execute(statement, [moment, moment])
        else:
            cursor.executemany(
                statement + " WHERE locale = %s AND title = %s",
                [(moment, moment, *key) for key in keys],
            )


def titles_running_refresh(now=None, limit=None):
    """Count again the running entries of each title one of whose counted
    entries has had its last class by ``now`` (by default the present): at
    most ``limit`` titles, the ones due first, or all. Returns how many were
    counted. A title's count only drops with time, at the moment it keeps
    (``running_until``); a write counts its titles itself
    (``titles_ends_record``)."""
    moment = connection.ops.adapt_datetimefield_value(now or timezone.now())
    counted = 0
    with connection.cursor() as cursor:
        while limit is None or counted < limit:
            size = (
                RECOUNT_BATCH if limit is None else min(RECOUNT_BATCH, limit - counted)
            )
            # Looked for first, so a search that finds none writes nothing.
            cursor.execute(
                "SELECT id FROM search_searchtitle WHERE running_until < %s "
                "ORDER BY running_until LIMIT %s",
                [moment, size],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                break
            cursor.execute(
                f"UPDATE search_searchtitle SET {TITLE_RUNNING} "  # noqa: S608 - no input in it
                f"WHERE id IN ({', '.join(['%s'] * len(ids))})",
                [moment, moment, *ids],
            )
            counted += len(ids)
            if len(ids) < size:
                break
    return counted


def terms_change(written, removed):
    """Follow the index: ``written`` entries were added, ``removed`` ones (as they
    were before the write) taken away, for the words and for the titles. Called
    once the entries are written: each title touched reads its entries' latest
    end (inside an import, all of them once when it ends, after the counts)."""
    for table, count in ((TERMS, entry_terms), (TITLES, entry_titles)):
        counts = count(written)
        counts.subtract(count(removed))
        counts_add(_counts_apply, table, counts)
    keys = sorted({(e.locale, e.title) for e in (*written, *removed)})
    if keys and not at_block_end_for(titles_ends_record, keys):
        titles_ends_record(keys)


def terms_documents(locale, words):
    """How many entries of ``locale`` hold each of ``words`` that the vocabulary
    knows, as a dict (a word no entry holds is left out).

    One (locale, term) pair per word: PostgreSQL answered ``term IN (...)``
    from the trigram index, whose equality reads every term sharing a trigram
    with each word (13 ms for a misspelt word and its halves at tier M); the
    pairs are looked up in the (locale, term) key, in 0.2 ms. Every text
    search asks, so the statement is written here: building it through the
    ORM took 0.4 of the 0.76 ms of a search that finds nothing (SQLite, tier
    M)."""
    if not words:
        return {}
    words = list(words)
    pairs = " OR ".join(["(locale = %s AND term = %s)"] * len(words))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, documents FROM {SearchTerm._meta.db_table} "  # noqa: S608 - no input in it
            f"WHERE {pairs}",
            [value for word in words for value in (locale, word)],
        )
        return dict(cursor.fetchall())


def terms_documents_everywhere(words):
    """How many entries of every content language together hold each of
    ``words`` that the vocabulary knows, as a dict (ENTRIES: how many entries
    there are in all). For the SQLite engine, which answers it from the
    (locale, term) key: 0.4 ms at tier M, against 1 ms for the same as one pair
    per language and word (PostgreSQL answers ``term IN`` from the trigram
    index instead; see terms_documents)."""
    if not words:
        return {}
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    words = list(words)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, SUM(documents) FROM {SearchTerm._meta.db_table} "  # noqa: S608 - no input in it
            f"WHERE locale IN ({', '.join(['%s'] * len(codes))}) "
            f"AND term IN ({', '.join(['%s'] * len(words))}) GROUP BY term",
            [*codes, *words],
        )
        return {term: int(n) for term, n in cursor.fetchall()}


def terms_reset():
    """Empty the vocabulary and the titles (a rebuild records them again)."""
    from search.models import SearchTitle

    SearchTerm.objects.all().delete()
    SearchTitle.objects.all().delete()


def edit_distance(a, b):
    """Return the optimal string alignment distance between ``a`` and ``b``: the
    insertions, deletions, substitutions and swaps of two neighbours."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def _allowed(word):
    """How many edits a word of this length may be away from its correction."""
    return 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3


def _candidates(word, locale):
    """Return ``[(term, documents)]``: vocabulary words sharing trigrams with
    ``word``, most similar first, from the database's own trigram index."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                # The index answers ``%`` above this similarity; pg_trgm's default
                # (0.3) misses one-letter slips in short syllables ("nag", "nang").
                cursor.execute("SET LOCAL pg_trgm.similarity_threshold = 0.2")
                cursor.execute(
                    "SELECT term, documents FROM search_searchterm "
                    "WHERE locale = %s AND term %% %s "
                    "ORDER BY similarity(term, %s) DESC, documents DESC LIMIT %s",
                    [locale, word, word, CANDIDATES],
                )
                return cursor.fetchall()
        padded = f"^{word}$"
        grams = {padded[i : i + 3] for i in range(len(padded) - 2)}
        expression = " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)
        cursor.execute(
            "SELECT t.term, t.documents FROM search_term_trigrams f "
            "JOIN search_searchterm t ON t.id = f.rowid "
            "WHERE search_term_trigrams MATCH %s AND t.locale = %s "
            "ORDER BY f.rank LIMIT %s",
            [expression, locale, CANDIDATES],
        )
        return cursor.fetchall()


def _closest(word, locale):
    best = None
    for term, documents in _candidates(word, locale):
        if not _correction(term) or abs(len(term) - len(word)) > _allowed(word):
            continue
        distance = edit_distance(word, term)
        if distance > _allowed(word):
            continue
        key = (distance, -documents, term)
        if best is None or key < best[0]:
            best = (key, term)
    return best[1] if best else None


def _correction(word):
    """Whether ``word`` may be typed for another or proposed for one: not a
    single letter or a number ("lớp 1" is not a slip for "lớp 12")."""
    return len(word) >= 2 and not word.isdigit()


def _halves(word):
    """Return the ways to cut ``word`` in two words of at least two letters."""
    return [(word[:i], word[i:]) for i in range(2, len(word) - 1)]


def _split(word, known):
    """Return "a b" when ``word`` is two known words written without a space."""
    found = [
        (known[a], known[b], a, b)
        for a, b in _halves(word)
        if a in known and b in known
    ]
    if not found:
        return None
    _da, _db, a, b = max(found, key=lambda f: (min(f[0], f[1]), f[0] + f[1]))
    return f"{a} {b}"


def spelling_correct(text, locale):
    """Return ``text`` with each word the vocabulary of ``locale`` lacks replaced
    by the closest known word (or split in two), or None when nothing changes.
    Khmer words (written without spaces) are left alone."""
    words = (text or "").split()
    if not words or len(words) > MAX_WORDS:
        return None
    folded = []
    for word in words:
        parts = tokens(word)
        if len(parts) != 1 or "\u1780" <= parts[0][0] <= "\u17ff":
            folded.append(None)  # punctuation only, several tokens, or Khmer
        else:
            folded.append(folded_token(parts[0], locale))
    looked_up = {f for f in folded if f}
    splits = {part for f in looked_up for pair in _halves(f) for part in pair}
    known = terms_documents(locale, looked_up | splits)
    corrected, changed = [], False
    for word, token in zip(words, folded, strict=True):
        replacement = None
        if token and token not in known and _correction(token):
            replacement = _split(token, known) or _closest(token, locale)
        if replacement:
            corrected.append(replacement)
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
