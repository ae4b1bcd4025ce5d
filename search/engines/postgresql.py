"""The production engine: PostgreSQL full-text search over generated tsvector
columns with GIN indexes (search/migrations/0003), built from the analysed text
with the ``simple`` configuration, so no stop words and no server defaults apply.
"""

from search.engines.database import (
    ENTRY_TABLE,
    DatabaseEngine,
    TextMatch,
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


class PostgreSQLEngine(DatabaseEngine):
    name = "postgresql"

    def text_match(self, query):
        groups = query_groups(query.text)
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
        # Each tsvector is about 1.2 kB, compressed out of line: testing the exact
        # and the phrase match on every candidate's own tsvectors read two more of
        # them per candidate (50,000 for a frequent word). The exact matches come
        # from the GIN index instead, joined by key, and the title phrase from the
        # short analysed title kept in the row.
        if has_marks(query.text):
            match.source = (
                f"{ENTRY_TABLE} e LEFT JOIN (SELECT page_id AS id FROM {ENTRY_TABLE} "
                "WHERE tsv_exact @@ to_tsquery('simple', %s) AND locale = %s) x "
                "ON x.id = e.page_id"
            )
            match.join_params = [_expression(groups, 0, operator), query.locale]
            match.exact = "CASE WHEN x.id IS NULL THEN 0 ELSE 1 END"
        if len(groups) > 1:
            tokens = [t for group in groups for t in group[1]]
            match.phrase = (
                "CASE WHEN strpos(' ' || e.title_folded || ' ', %s) > 0 "
                "THEN 1 ELSE 0 END"
            )
            match.phrase_params = [" " + " ".join(tokens) + " "]
        return match

    def autocomplete_match(self, complete, last):
        terms = [_group(g[1]) for g in complete]
        last_terms = [_quote(t) for t in last[1]]
        last_terms[-1] += ":*"
        terms.append(" <-> ".join(last_terms))
        return (
            "search_searchtitle t",
            "t.tsv @@ to_tsquery('simple', %s)",
            " & ".join(terms),
        )
