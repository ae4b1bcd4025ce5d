"""The production engine: PostgreSQL full-text search over generated tsvector
columns with GIN indexes (search/migrations/0003), built from the analysed text
with the ``simple`` configuration, so no stop words and no server defaults apply.
"""

import json
import math
import re

from django.conf import settings
from django.db import connection

from search.engines.database import (
    ENTRY_TABLE,
    NEWEST_MARGIN,
    ONLINE_NEWEST,
    ONLINE_SAMPLE,
    DatabaseEngine,
    TextMatch,
    groups_matched,
    query_groups,
)
from search.text import has_marks


def _quote(token):
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _group(tokens, weight=""):
    parts = [_quote(t) + (f":{weight}" if weight else "") for t in tokens]
    return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


def _expression(groups, index, operator):
    return f" {operator} ".join(_group(group[index]) for group in groups)


# Up to this many matching entries, the reader's language is tested on each
# candidate rather than through an index (PostgreSQLEngine.text_match).
RARE_ENTRIES = 20_000

# A capped text in at least this share of its language's entries is not looked
# for from the newest entries' index range (PostgreSQLEngine.newest_since).
KEY_ORDER_SHARE = 0.25

# What reading one posting of the full-text index costs against reading one
# row: "tin" took 33 ms for its 154,547 postings at tier M, and 120 ms to read
# its 21,593 online matches.
GIN_POSTING_COST = 0.04
# The full rebuild fills this table, then puts it in the entry table's place.
REBUILD_TABLE = f"{ENTRY_TABLE}_rebuild"
_REBUILT_PREFIX = "rebuilt_"


def _rebuilt(name):
    """A temporary name for an index or constraint of the rebuilt table."""
    return (_REBUILT_PREFIX + name)[:63]


class PostgreSQLEngine(DatabaseEngine):
    name = "postgresql"
    # The online courses from their own index, and the in-person ones in the
    # box. Without text the online ones are read index-only (migration 0010):
    # looking each candidate up by key (migration 0008) cost four index pages
    # apiece, 75 of the 131 ms of near me at tier M (32,000 online courses).
    # With text, the full-text index and the online courses' index are
    # combined, instead of reading each online course's row to match it.
    near_arms = (
        f"SELECT {{columns}} FROM {ENTRY_TABLE} WHERE locale = %s AND mode = 'online'",
        f"SELECT {{columns}} FROM {ENTRY_TABLE} WHERE locale = %s AND mode <> 'online' "
        "AND latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s",
    )
    near_source = f"({near_arms[0]} UNION ALL {near_arms[1]}) e"

    def rebuild_start(self):
        """Fill a bare copy of the entry table, then swap it in (``rebuild_finish``).

        Loading the entry table itself kept its ten indexes, two of them GIN,
        up to date row by row (and its foreign key checked row by row at
        commit); a new table takes the rows with none, and then builds each
        index in one pass, as a bulk load does. Readers keep the old table until
        the swap commits; writers (a publish) wait for the rebuild, as they
        waited on its row locks before, so no change made meanwhile is lost.
        """
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {ENTRY_TABLE} IN SHARE ROW EXCLUSIVE MODE")
            cursor.execute(f"DROP TABLE IF EXISTS {REBUILD_TABLE}")
            # Storage parameters (search/migrations/0009) are not part of LIKE.
            cursor.execute(
                "SELECT reloptions FROM pg_class WHERE oid = %s::regclass",
                [ENTRY_TABLE],
            )
            (options,) = cursor.fetchone()
            cursor.execute(
                f"CREATE TABLE {REBUILD_TABLE} (LIKE {ENTRY_TABLE} INCLUDING DEFAULTS "
                "INCLUDING GENERATED INCLUDING CONSTRAINTS INCLUDING STORAGE "
                "INCLUDING STATISTICS INCLUDING COMMENTS)"
                + (f" WITH ({', '.join(options)})" if options else "")
            )
        return REBUILD_TABLE

    def rebuild_finish(self):
        """Give the filled table the entry table's indexes and constraints, under
        temporary names, then drop the old table and rename the new one and its
        indexes. The definitions are read from the catalogue, so the rebuild
        follows any index a later migration adds."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid), con.conname, "
                "pg_get_constraintdef(con.oid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid "
                "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid "
                "AND con.conrelid = i.indrelid WHERE i.indrelid = %s::regclass "
                "ORDER BY c.relname",
                [ENTRY_TABLE],
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                [ENTRY_TABLE],
            )
            foreign_keys = cursor.fetchall()
            renames = []
            for name, definition, constraint, constraint_definition in indexes:
                if constraint:  # a primary key or unique constraint
                    cursor.execute(
                        f"ALTER TABLE {REBUILD_TABLE} ADD CONSTRAINT "
                        f"{_rebuilt(constraint)} {constraint_definition}"
                    )
                    renames.append(
                        f"ALTER TABLE {ENTRY_TABLE} RENAME CONSTRAINT "
                        f"{_rebuilt(constraint)} TO {constraint}"
                    )
                    continue
                head, _on, rest = definition.partition(" ON ")
                _table, using, rest = rest.partition(" USING ")
                head = re.sub(r"\S+$", _rebuilt(name), head)
                cursor.execute(f"{head} ON {REBUILD_TABLE}{using}{rest}")
                renames.append(f"ALTER INDEX {_rebuilt(name)} RENAME TO {name}")
            for name, definition in foreign_keys:
                # Checks deferred to the commit (entries written earlier in the
                # same transaction) must run before their table is dropped.
                cursor.execute(f"SET CONSTRAINTS {name} IMMEDIATE")
                # Constraint names are per table: the new one takes it at once.
                cursor.execute(
                    f"ALTER TABLE {REBUILD_TABLE} ADD CONSTRAINT {name} {definition}"
                )
            cursor.execute(f"DROP TABLE {ENTRY_TABLE}")
            cursor.execute(f"ALTER TABLE {REBUILD_TABLE} RENAME TO {ENTRY_TABLE}")
            for statement in renames:
                cursor.execute(statement)
            for name, _definition in foreign_keys:
                cursor.execute(f"SET CONSTRAINTS {name} DEFERRED")

    def newest_since(self, locale, entries, share):
        """From the (locale, page_id) index (migration 0012), read index-only.

        A capped text's newest candidates were taken by reading every match
        of the language, then keeping the newest: for "tin học cơ bản" at tier
        M, 61,709 pages of 54,953 Vietnamese matches for 10,000 candidates
        (487 ms). From this id on, the full-text index's matches are combined
        with the index range of the newest entries, and only those read.

        Not for words in at least KEY_ORDER_SHARE of the entries: PostgreSQL
        reads the newest entries in key order for them and stops at the
        candidates, without the full-text index, whose match lists are then
        the longest ("kỹ năng": 112 ms, against 166 ms from this id on)."""
        if share >= KEY_ORDER_SHARE:
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id FROM {ENTRY_TABLE} WHERE locale = %s "
                "ORDER BY page_id DESC LIMIT 1 OFFSET %s",
                [locale, entries - 1],
            )
            row = cursor.fetchone()
        return row[0] if row else None

    def online_matches(self, query, text):
        """The sample is read from the rows; how many online courses there
        are, as the planner estimates it (counting them took 3 ms at tier M)."""
        with connection.cursor() as cursor:
            # Matched on the sample's rows (a subquery with a LIMIT is not
            # merged into the query), never through the full-text index.
            newest = ONLINE_NEWEST.format(columns="tsv_folded")
            cursor.execute(
                f"SELECT COUNT(*) FROM ({newest}) e WHERE {text.where}",
                [query.locale, ONLINE_SAMPLE, *text.where_params],
            )
            (matched,) = cursor.fetchone()
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {ENTRY_TABLE} "
                "WHERE locale = %s AND mode = 'online'",
                [query.locale],
            )
            (plan,) = cursor.fetchone()
        if isinstance(plan, str):
            plan = json.loads(plan)
        return matched, plan[0]["Plan"]["Plan Rows"]

    def online_since(self, query, text, share, entries):
        """The newest online courses are read in key order when that reads
        fewer rows: the limit over the share that match, against each word's
        list in the full-text index (a posting costing about
        GIN_POSTING_COST of a row) and then every online match. PostgreSQL
        planned the online part of "tin học" near a place through the
        full-text index, read all 21,593 online matches at tier M and kept the
        newest 5,000 (155 ms); in key order it reads 7,600 online courses (27
        ms). "tiếng anh" (30% of the online courses, in short lists) is read
        faster through the full-text index. The id is the one from which the
        limit should be found with NEWEST_MARGIN to spare."""
        limit = settings.FINDER_RANKED_CANDIDATES
        postings = (text.documents or 0) * GIN_POSTING_COST
        if not share or limit / share >= share * entries + postings:
            return None
        with connection.cursor() as cursor:
            newest = ONLINE_NEWEST.format(columns="page_id")
            cursor.execute(
                f"SELECT MIN(page_id) FROM ({newest}) e",
                [query.locale, math.ceil(limit / share * NEWEST_MARGIN)],
            )
            (since,) = cursor.fetchone()
        return since

    def text_match(self, query):
        groups = query_groups(query.text, query.locale)
        if not groups:
            return None
        operator = "|" if query.any_word else "&"
        folded = _expression(groups, 1, operator)
        match = TextMatch(
            where="e.tsv_folded @@ to_tsquery('simple', %s)",
            where_params=[folded],
            # ts_rank grows with relevance; the shared order wants lower first.
            score="-ts_rank(e.tsv_folded, to_tsquery('simple', %s))",
            score_params=[folded],
        )
        counts = self.documents_bound(query, groups, match)
        # Words in at most RARE_ENTRIES entries of the reader's language: for
        # them PostgreSQL still combined the full-text index with a bitmap of
        # the language's 330,000 entries (a locale-led index), which took 40 of
        # a rare word's 52 ms at tier M; for frequent words that combination is
        # the faster plan (1,511 against 1,884 ms without it).
        match.locale_per_candidate = match.documents <= RARE_ENTRIES
        if not (query.any_word or match.locale_per_candidate):
            # A word every entry of the language holds ("học": every centre
            # is a "trung tâm học tập cộng đồng") matches them all: it is left
            # out of the match, and kept in the rank. Its list in the GIN index
            # is the longest: "tin học" online took 57 ms there, "tin" 37 ms,
            # with the same Vietnamese matches. Only where the language is
            # tested through an index: tested on each candidate, the other
            # languages' entries the word kept out would be read ("chiêng"
            # without "cồng": 4,892 matches instead of 3,186). Not a group of
            # several tokens (a Khmer word), whose adjacency each token's
            # count does not tell (groups_matched).
            kept = groups_matched(groups, counts, match.entries)
            if len(kept) < len(groups):
                match.where_params = [_expression(kept, 1, operator)]
        if has_marks(query.text):
            # On the candidate's own row: entries are stored inline (migration
            # 0009), so its exact tsvector is already read. Joining the exact
            # matches from the GIN index instead read the heap a second time
            # (161,000 pages for "kỹ năng" at tier M, 700 of its 1,800 ms).
            match.exact = (
                "CASE WHEN e.tsv_exact @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END"
            )
            match.exact_params = [_expression(groups, 0, operator)]
        if len(groups) > 1:
            tokens = [t for group in groups for t in group[1]]
            match.phrase = (
                "CASE WHEN strpos(' ' || e.title_folded || ' ', %s) > 0 "
                "THEN 1 ELSE 0 END"
            )
            match.phrase_params = [" " + " ".join(tokens) + " "]
        return match

    def autocomplete_match(self, complete, last, also=()):
        terms = [_group(g[1]) for g in complete]
        last_terms = [_quote(t) for t in last[1]]
        last_terms[-1] += ":*"
        terms.append(
            "(" + " | ".join([" <-> ".join(last_terms), *map(_quote, also)]) + ")"
        )
        return (
            "search_searchtitle t",
            "t.tsv @@ to_tsquery('simple', %s)",
            " & ".join(terms),
        )
