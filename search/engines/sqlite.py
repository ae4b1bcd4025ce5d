"""The embedded engine: SQLite FTS5 (search/migrations/0003) over the analysed text.

Recall comes from the folded columns (every spelling of a word is one token);
exact-tone matches and title phrases are ranked first, then FTS5's bm25 with the
title weighted five times the body. The index also holds where each course is
taught (migration 0015), so that a text near a place is matched within the
place's cells and among the online courses by FTS5 itself.
"""

import os
import time

from django.conf import settings
from django.db import connection, transaction

from search.engines.database import (
    ENTRY_TABLE,
    ONLINE_NEWEST,
    ONLINE_SAMPLE,
    DatabaseEngine,
    TextMatch,
    groups_matched,
    query_groups,
)
from search.finder import MODES
from search.spelling import ENTRIES, terms_documents_everywhere
from search.text import has_marks

FTS = "search_course_fts"
# bm25 weights per column: title_exact, title_folded, body_exact, body_folded,
# fts_tags (where the course is taught: search/migrations/0015; never weighed).
BM25 = f"bm25({FTS}, 0.0, 5.0, 0.0, 1.0, 0.0)"
# The tags of the full-text index's last column, as migration 0015 makes them:
# ``online``, else the cell of a grid of PLACE_CELLS_PER_DEGREE cells a degree
# that the course's centre stands in, numbered from the south pole and from the
# antimeridian.
PLACE_CELLS_PER_DEGREE = 4
ONLINE_TAG = "online"
COVERING_INDEX = "search_cie_finder"
# FTS5 gathers new entries in memory and writes them out as a segment whenever
# they reach its 'hashsize' (1 MB by default), merging the segments as they pile
# up. A full rebuild at tier M (a 584 MB index) wrote some six hundred small
# segments whose merges read the new index back from the write-ahead log about
# 100,000 pages a second: 324 s for the full-text pass alone. With 64 MB it took
# 66 s, and 16 MB 85 s. The setting is stored with the table, so the rebuild puts
# the default back. ('hashsize' is read by FTS5's fts5_config.c; the FTS5
# documentation does not list it. An SQLite without it would refuse the
# statement, and the rebuild tests would fail.)
REBUILD_HASH_BYTES = 64 * 1024 * 1024
DEFAULT_HASH_BYTES = 1024 * 1024
# FTS5 merges the segments its writes leave as they pile up, by default inside
# the writes themselves ('automerge' 4), and a level of 16 segments at once
# ('crisismerge'), whatever its size. At tier M that made a publish now and then
# merge the whole 580 MB index: 8.7 s (11.6 s finishing a merge the rebuild had
# left under way). So writes merge nothing ('automerge' 0, migration 0023) and
# ``merge_pending`` merges, from cron, MERGE_PAGES pages a transaction (the
# whole index in 235 steps of 32 ms, at most 77, at tier M); 'crisismerge'
# still bounds the segments when it is not run. The rebuild writes with
# 'crisismerge' 64 (a level is merged once it holds 64) and merges everything
# into one segment at its end ('optimize'): its full-text pass took 20.7 s so,
# 22.1 s merging as it wrote.
REBUILD_MERGE_SETTINGS = {"automerge": 0, "crisismerge": 64}
MERGE_SETTINGS = {"automerge": 0, "crisismerge": 16}
MERGE_PAGES = 500
TITLE_FTS = "search_title_fts"
# FTS5's own tables behind each full-text index. Each FTS5 merge deletes its
# input segments from the _data table by a range of its integer key. Planner
# statistics taken while the index was small ("2 rows", from an ANALYZE before
# the first rebuild) made SQLite scan the whole table instead, once per segment
# merged: at tier M each scan took 150 ms, and a merge of sixteen one-page
# segments 2.4 s, in every eighth publish. Without statistics SQLite reads the
# range by key whatever the index's size, so a rebuild removes theirs.
FTS_SHADOW_TABLES = tuple(
    f"{table}_{part}"
    for table in (FTS, TITLE_FTS)
    for part in ("data", "idx", "docsize", "config", "content")
)
NEAR_INDEX = "search_cie_near"
NEAR_ONLINE_INDEX = "search_cie_near_online"
_NOT_ONLINE = ", ".join(f"'{mode}'" for mode in MODES if mode != "online")


def _quote(token):
    return '"' + token.replace('"', '""') + '"'


def _expression(groups, index, operator):
    """FTS5 query text: each group a term or an adjacent phrase, joined."""
    parts = [_quote(" ".join(group[index])) for group in groups]
    return f" {operator} ".join(parts)


def full_text_statistics_forget(cursor):
    """Remove the planner statistics of FTS5's own tables (FTS_SHADOW_TABLES),
    if SQLite keeps any. A connection reads them when it reads the schema."""
    cursor.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    )
    if cursor.fetchone():
        cursor.execute(
            "DELETE FROM sqlite_stat1 WHERE tbl IN ("
            + ", ".join(["%s"] * len(FTS_SHADOW_TABLES))
            + ")",
            list(FTS_SHADOW_TABLES),
        )


class SQLiteEngine(DatabaseEngine):
    name = "sqlite"
    # Near me without text, from two indexes that hold every column it reads
    # (migrations 0011 and 0014): the online courses in one range, in the
    # order of their facet number, which the facets group them by (sorting
    # them cost a third of near me's time at tier M, 32,600 online courses);
    # the others in the box in one range per mode. Looking each online course
    # up by key in the covering index cost most of near me's time. Each
    # index is partial, and SQLite takes it only when the WHERE clause says
    # so in its very terms (``mode <> 'online'``).
    near_arms = (
        f"SELECT {{columns}} FROM {ENTRY_TABLE} INDEXED BY {NEAR_ONLINE_INDEX} "
        "WHERE locale = %s AND mode = 'online'",
        f"SELECT {{columns}} FROM {ENTRY_TABLE} INDEXED BY {NEAR_INDEX} "
        f"WHERE locale = %s AND mode <> 'online' AND mode IN ({_NOT_ONLINE}) "
        "AND latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s",
    )
    near_source = f"({near_arms[0]} UNION ALL {near_arms[1]}) e"

    def __init__(self):
        self._set_aside = []
        self._secure_delete = None

    def rebuild_start(self):
        """Set aside the entry table's indexes and full-text triggers for the
        rebuild, as a bulk load does: SQLite then empties the table at once and
        takes the new entries without a full-text segment per statement, and
        ``rebuild_finish`` builds each index in one pass. This is DDL inside the
        rebuild's transaction: readers keep the old index until it commits, and a
        failure rolls it back with the rest.

        Until ``rebuild_end``, this connection frees the old index's pages
        without writing zeros over them (``secure_delete`` FAST: still purged
        within pages that are written anyway). Debian's SQLite zeroes every
        freed page by default, some 3 GB at tier M, only for the new index to
        be written over them; the entries are copies of published pages, with
        nothing to hide from the database file."""
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            (self._secure_delete,) = cursor.fetchone()
            cursor.execute("PRAGMA secure_delete = FAST")
            # Gone once the rebuild commits: the connections opened afterwards
            # plan FTS5's statements without them. This one keeps what it read
            # (SQLite reads them with the schema), but the rebuild merges its
            # segments only once, at its end.
            full_text_statistics_forget(cursor)
            cursor.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = %s "
                "AND sql IS NOT NULL AND (type = 'index' OR (type = 'trigger' "
                "AND instr(sql, %s) > 0))",
                [ENTRY_TABLE, FTS],
            )
            self._set_aside = cursor.fetchall()
            for kind, name, _sql in self._set_aside:
                cursor.execute(f"DROP {kind} {connection.ops.quote_name(name)}")

    def rebuild_finish(self):
        with connection.cursor() as cursor:
            setting = f"INSERT INTO {FTS}({FTS}, rank) VALUES (%s, %s)"
            cursor.executemany(
                setting,
                [("hashsize", REBUILD_HASH_BYTES), *REBUILD_MERGE_SETTINGS.items()],
            )
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")
            cursor.executemany(
                setting,
                [("hashsize", DEFAULT_HASH_BYTES), *MERGE_SETTINGS.items()],
            )
            # Sort each index's keys on every processor (the worker processes
            # have finished): the seven indexes took 5.8 s instead of 7.3 s
            # at tier M. A setting of this connection, put back after as it was.
            cursor.execute("PRAGMA threads")
            (threads,) = cursor.fetchone()
            cursor.execute(f"PRAGMA threads = {os.cpu_count() or 1:d}")
            try:
                for _kind, _name, sql in self._set_aside:
                    cursor.execute(sql)
            finally:
                cursor.execute(f"PRAGMA threads = {threads:d}")
        self._set_aside = []

    def rebuild_end(self):
        if self._secure_delete is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA secure_delete = {self._secure_delete:d}")
            self._secure_delete = None

    def merge_pending(self, seconds):
        """FTS5's merges of the segments the writes left ('merge' commands of
        MERGE_PAGES pages, each in its own transaction, so that a publish
        waits for one step at most), until none is left or ``seconds`` have
        passed. A step that changed fewer than two rows found nothing to merge
        (FTS5's documentation)."""
        deadline = time.monotonic() + seconds
        steps = 0
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                with transaction.atomic():
                    cursor.execute("SELECT total_changes()")
                    (before,) = cursor.fetchone()
                    cursor.execute(
                        f"INSERT INTO {FTS}({FTS}, rank) VALUES ('merge', %s)",
                        [MERGE_PAGES],
                    )
                    cursor.execute("SELECT total_changes()")
                    (after,) = cursor.fetchone()
                if after - before < 2:
                    return steps, True
                steps += 1
        return steps, False

    def text_match(self, query):
        groups = query_groups(query.text, query.locale)
        if not groups:
            return None
        operator = "OR" if query.any_word else "AND"
        match = TextMatch(
            # CROSS JOIN makes SQLite run the full-text match once and look the
            # entries up by key; with a plain JOIN its planner scanned the entries
            # and re-ran the match for each of them. The lookups read the narrow
            # covering index (migration 0005), not the wide rows with their text.
            source=(
                f"(SELECT rowid AS id, {BM25} AS score FROM {FTS} "
                f"WHERE {FTS} MATCH %s) m CROSS JOIN search_courseindexentry e "
                f"INDEXED BY {COVERING_INDEX} ON e.page_id = m.id"
            ),
            join_params=[],
            score="m.score",
            # Newest first in the full-text index's own order (FTS5 walks its
            # rowids backwards), so a frequent text stops after its candidates.
            newest="m.id",
        )
        counts = self.documents_bound(query, groups, match)
        matched = ranked = groups
        # When no entry holds a word, nothing matches and search() answers at
        # once: no word to leave out (which asks every language's counts).
        if not query.any_word and match.documents:
            # A word every entry of the language holds ("học", "cộng": every
            # centre is a "trung tâm học tập cộng đồng") filters nothing there
            # and weighs nothing in bm25 once it is in half the index's entries:
            # FTS5 gives it its floor weight (an IDF of 1e-6), so it moves a
            # score by about 1e-5 at most. Left out of the match, bm25 no longer
            # reads its whole list, the longest in the index, before the first
            # row (at tier M, 23 ms for "tin học", 5 ms for "tin"; 16 ms of
            # "cồng chiêng"'s 33).
            unweighted = self._unweighted(groups, counts)
            matched = ranked = groups_matched(groups, counts, match.entries, unweighted)
            if match.documents <= settings.FINDER_RANKED_CANDIDATES:
                # Such a word that a few entries lack still filters them out,
                # and ranking with it still reads its whole list: the match is
                # ranked without it and its matches kept by the whole match,
                # which FTS5 answers without bm25 from the rarer word's list
                # (at tier M, with 490 of 330,500 entries lacking "cộng",
                # "cồng chiêng" took 42 ms ranked with it).
                ranked = [
                    group
                    for group in matched
                    if len(group[1]) > 1 or not unweighted(group[1][0])
                ] or matched
        if ranked != matched:
            match.where = f"+m.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"
            match.where_params = [
                f"{{title_folded body_folded}} : ({_expression(matched, 1, operator)})"
            ]
        match.join_params = [
            f"{{title_folded body_folded}} : ({_expression(ranked, 1, operator)})"
        ]
        if has_marks(query.text):
            exact = f"{{title_exact body_exact}} : ({_expression(groups, 0, operator)})"
            hit = (
                f"CASE WHEN {{key}} IN (SELECT rowid FROM {FTS} WHERE {FTS} "
                "MATCH %s{bound}) THEN 1 ELSE 0 END"
            )
            match.exact = hit.format(key="e.page_id", bound="")
            match.exact_params = [exact]
            # For a frequent text's newest candidates, only the exact matches
            # from the oldest of them on: FTS5 seeks to that rowid. The set of
            # every exact match of "kỹ năng" (239,574) took 184 ms at tier M;
            # from its newest 10,000 candidates on, 1.6 ms.
            match.exact_among = hit.format(
                key="c.page_id", bound=" AND rowid >= (SELECT MIN(page_id) FROM c)"
            )
            # For the classes within reach of a place, on their own analysed
            # text: the set of every exact match of "tin học" (132,186) took
            # 30 of the 105 ms of "tin học" near a place at tier M; a few
            # hundred rows tested by themselves, 3 ms. The same test as FTS5's
            # 'ascii' tokenizer makes: tokens are split on spaces and on ASCII
            # characters other than letters and digits, of which analysed
            # tokens (search.text) hold only "_"; a group is a phrase, and
            # never spans the title and the body.
            text_of_row = (
                "' ' || replace(e.title_exact || ' | ' || e.body_exact, '_', ' ') "
                "|| ' '"
            )
            match.exact_within = (
                "CASE WHEN "
                + f" {operator} ".join(
                    f"instr({text_of_row}, %s) > 0" for _group in groups
                )
                + " THEN 1 ELSE 0 END"
            )
            match.within_params = [
                " " + " ".join(" ".join(g[0]).replace("_", " ").split()) + " "
                for g in groups
            ]
        if len(groups) > 1:
            # In the short analysed title, which the covering index holds: a
            # second full-text pass built a set of every title match first.
            tokens = [t for group in groups for t in group[1]]
            match.phrase = (
                "CASE WHEN instr(' ' || e.title_folded || ' ', %s) > 0 "
                "THEN 1 ELSE 0 END"
            )
            match.phrase_params = [" " + " ".join(tokens) + " "]
        return match

    def near_matches(self, text, box):
        """The full-text index's own tags: the text within the cells that
        cover ``box``, and the text among the online courses."""
        ranked = text.join_params[0]
        lat_cells, lon_cells = (
            range(
                int((low + offset) * PLACE_CELLS_PER_DEGREE),
                int((high + offset) * PLACE_CELLS_PER_DEGREE) + 1,
            )
            for low, high, offset in ((box[0], box[1], 90), (box[2], box[3], 180))
        )
        cells = " OR ".join(f"g{y}x{x}" for y in lat_cells for x in lon_cells)
        return (
            f"{ranked} AND fts_tags : ({cells})",
            f"{ranked} AND fts_tags : {ONLINE_TAG}",
        )

    def online_matches(self, query, text):
        """The sample from the full-text index, which seeks to the oldest of
        the newest online courses (1-3 ms at tier M)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH newest AS ({ONLINE_NEWEST.format(columns='page_id')}) "
                f"SELECT (SELECT COUNT(*) FROM "
                f"{FTS} WHERE {FTS} MATCH %s AND rowid >= (SELECT MIN(page_id) "
                "FROM newest) AND +rowid IN (SELECT page_id FROM newest)), "
                f"(SELECT COUNT(*) FROM {ENTRY_TABLE} WHERE locale = %s "
                "AND mode = 'online')",
                [query.locale, ONLINE_SAMPLE, *text.join_params, query.locale],
            )
            return cursor.fetchone()

    @staticmethod
    def _unweighted(groups, counts):
        """A test of whether FTS5's bm25 gives a word its floor weight: an IDF
        of log((rows - hits + 0.5) / (hits + 0.5)) is at most 0 for a word in
        half the index's rows or more (every language's entries), and bm25
        then takes 1e-6 instead (fts5_aux.c). The vocabulary of every language
        is asked only when a word is in every entry of the reader's."""
        totals = {}

        def unweighted(word):
            if not totals:
                words = {token for group in groups for token in group[1]}
                totals.update(terms_documents_everywhere(words | {ENTRIES}))
            return 2 * totals.get(word, 0) >= totals.get(ENTRIES, 0) > 0

        return unweighted

    def autocomplete_match(self, complete, last, also=()):
        terms = [_quote(" ".join(g[1])) for g in complete]
        last_terms = [_quote(" ".join(last[1])) + " *", *map(_quote, also)]
        terms.append("(" + " OR ".join(last_terms) + ")")
        return (
            f"{TITLE_FTS} f JOIN search_searchtitle t ON t.id = f.rowid",
            f"{TITLE_FTS} MATCH %s",
            " AND ".join(terms),
        )
