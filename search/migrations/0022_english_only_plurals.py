"""In English text "men" (and "mens") folds to "man" and "leaves" to "leaf"
(search.text.ENGLISH_PLURALS): an English reader's "men" finds "Sewing for
man", "leaf" finds "Processing tea leaves". Elsewhere they fold as before
("men" is a Vietnamese syllable; "leaves" is made "leave"). English entries
already indexed hold the old folded words; this folds them again, with the
vocabulary's and the titles' counts and the index's state token, so that an
existing index finds them after ``migrate``. The full-text indexes follow the
entries by themselves (SQLite's triggers, PostgreSQL's generated columns); an
Elasticsearch index is a copy of the entries made when they were written, and
needs ``rebuild_course_index``.

The words are mirrored here as they were written (a migration does not import
the code it migrates). An entry keeps, position by position, each word's exact
token beside its folded one (search.text.analyse): an English word's exact
token is the word in lower case, so a position whose exact token is one of the
words gets its folded token again. The entries are found through the
vocabulary and each database's full-text index.
"""

import uuid
from collections import Counter

from django.db import migrations

ENGLISH = "en"
# search.text.ENGLISH_PLURALS as of this migration, and what the words folded
# to before it.
AFTER = {"men": "man", "mens": "man", "leaves": "leaf"}
BEFORE = {"men": "men", "mens": "men", "leaves": "leave"}
MAX_TERM_LENGTH = 64  # search.spelling.MAX_TERM_LENGTH when this was written
BATCH = 1000  # entries read and written at once (3 parameters each)


def refolded(exact, folded, words):
    """The folded text ``folded`` (whose exact text is ``exact``, word for word)
    with each word of ``words`` (by exact token) folded as ``words`` says."""
    exact_words, folded_words = exact.split(" "), folded.split(" ")
    if len(exact_words) != len(folded_words):
        return folded  # not written by search.text.analyse: left alone
    return " ".join(
        words.get(exact_word, folded_word)
        for exact_word, folded_word in zip(exact_words, folded_words, strict=True)
    )


def _holding(schema_editor, terms):
    """The page ids of the entries whose folded title or body holds any of
    ``terms``, from the database's full-text index."""
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            words = " OR ".join(f'"{t}"' for t in sorted(terms))
            cursor.execute(
                "SELECT rowid FROM search_course_fts WHERE search_course_fts "
                "MATCH %s",
                [f"{{title_folded body_folded}} : ({words})"],
            )
        elif vendor == "postgresql":
            cursor.execute(
                "SELECT page_id FROM search_courseindexentry "
                "WHERE tsv_folded @@ to_tsquery('simple', %s)",
                [" | ".join(f"'{t}'" for t in sorted(terms))],
            )
        else:
            cursor.execute("SELECT page_id FROM search_courseindexentry")
        return sorted(row[0] for row in cursor.fetchall())


def _rewrite(schema_editor, rows):
    """Write ``(page id, folded title, folded body)`` rows in one statement:
    SQLite's full-text index writes a segment for each statement."""
    if not rows:
        return
    values = ", ".join(["(%s, %s, %s)"] * len(rows))
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"WITH v (page_id, title_folded, body_folded) AS (VALUES {values}) "
            "UPDATE search_courseindexentry SET title_folded = v.title_folded, "
            "body_folded = v.body_folded FROM v "
            "WHERE search_courseindexentry.page_id = v.page_id",
            [value for row in rows for value in row],
        )


def _words(title, body):
    return {w for w in {*title.split(), *body.split()} if len(w) <= MAX_TERM_LENGTH}


def refold(words, old_terms):
    def run(apps, schema_editor):
        Entry = apps.get_model("search", "CourseIndexEntry")
        Term = apps.get_model("search", "SearchTerm")
        Title = apps.get_model("search", "SearchTitle")
        State = apps.get_model("search", "IndexState")
        terms = set(
            Term.objects.filter(locale=ENGLISH, term__in=old_terms).values_list(
                "term", flat=True
            )
        )
        if not terms:
            return  # no English entry holds them: nothing to fold again
        page_ids = _holding(schema_editor, terms)
        counts = Counter()
        titles = {}
        for start in range(0, len(page_ids), BATCH):
            rewritten = []
            for entry in Entry.objects.filter(
                locale=ENGLISH, page_id__in=page_ids[start : start + BATCH]
            ).only("title", "title_exact", "title_folded", "body_exact", "body_folded"):
                title = refolded(entry.title_exact, entry.title_folded, words)
                body = refolded(entry.body_exact, entry.body_folded, words)
                if (title, body) == (entry.title_folded, entry.body_folded):
                    continue
                old = _words(entry.title_folded, entry.body_folded)
                new = _words(title, body)
                counts.update(new - old)
                counts.subtract(old - new)
                if title != entry.title_folded:
                    titles[entry.title] = title
                rewritten.append((entry.page_id, title, body))
            _rewrite(schema_editor, rewritten)
        for term, n in counts.items():
            if not n:
                continue
            row = Term.objects.filter(locale=ENGLISH, term=term).first()
            documents = (row.documents if row else 0) + n
            if row and documents <= 0:
                row.delete()
            elif row:
                Term.objects.filter(pk=row.pk).update(documents=documents)
            elif documents > 0:
                Term.objects.create(locale=ENGLISH, term=term, documents=documents)
        for title, folded in titles.items():
            Title.objects.filter(locale=ENGLISH, title=title).update(
                title_folded=folded
            )
        if page_ids:  # what a process computed from the entries before is stale
            State.objects.update_or_create(id=1, defaults={"token": uuid.uuid4().hex})

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0021_title_last_end")]

    operations = [
        migrations.RunPython(
            refold(AFTER, set(BEFORE.values())), refold(BEFORE, set(AFTER.values()))
        )
    ]
