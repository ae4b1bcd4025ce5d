"""English irregular plurals fold to their singular (search.text.singular):
"children" is "child", "women" "woman", "fishermen" "fisherman", "knives"
"knife". The entries already indexed hold the words as the analysis folded
them before ("children", "knive"), which a query no longer folds to: this
analyses those words again, with the vocabulary's and the titles' counts and
the index's state token, so that an existing index finds them after
``migrate``. The full-text indexes follow the entries by themselves (SQLite's
triggers, PostgreSQL's generated columns); an Elasticsearch index is a copy of
the entries made when they were written, and needs ``rebuild_course_index``.

The analysis is mirrored here as it was before and after (a migration does not
import the code it migrates). An entry keeps, position by position, each word's
exact token beside its folded one (search.text.analyse): a folded token that
either analysis may have made of a changed word is made again from its exact
token, once that token folded the old way gives the folded token as stored.
The entries holding such a word are found through the vocabulary and each
database's full-text index. A word longer than the vocabulary's terms
(MAX_TERM_LENGTH) is not looked for.
"""

import re
import unicodedata
import uuid
from collections import Counter

from django.db import migrations

MAX_TERM_LENGTH = 64  # search.spelling.MAX_TERM_LENGTH when this was written
# search.text as of this migration.
IRREGULAR_PLURALS = {
    "feet": "foot",
    "teeth": "tooth",
    "geese": "goose",
    "mice": "mouse",
    "lice": "louse",
    "oxen": "ox",
    "calves": "calf",
    "elves": "elf",
    "halves": "half",
    "hooves": "hoof",
    "knives": "knife",
    "lives": "life",
    "loaves": "loaf",
    "scarves": "scarf",
    "sheaves": "sheaf",
    "shelves": "shelf",
    "thieves": "thief",
    "wolves": "wolf",
    "buffaloes": "buffalo",
    "cargoes": "cargo",
    "dominoes": "domino",
    "echoes": "echo",
    "embargoes": "embargo",
    "heroes": "hero",
    "mangoes": "mango",
    "mosquitoes": "mosquito",
    "mottoes": "motto",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "tornadoes": "tornado",
    "torpedoes": "torpedo",
    "vetoes": "veto",
    "volcanoes": "volcano",
    "brownies": "brownie",
    "calories": "calorie",
    "cookies": "cookie",
    "movies": "movie",
    "smoothies": "smoothie",
    "alumni": "alumnus",
    "analyses": "analysis",
    "appendices": "appendix",
    "bacteria": "bacterium",
    "cacti": "cactus",
    "crises": "crisis",
    "criteria": "criterion",
    "curricula": "curriculum",
    "diagnoses": "diagnosis",
    "fungi": "fungus",
    "hypotheses": "hypothesis",
    "indices": "index",
    "matrices": "matrix",
    "nuclei": "nucleus",
    "phenomena": "phenomenon",
    "stimuli": "stimulus",
    "syllabi": "syllabus",
    "theses": "thesis",
}
IRREGULAR_PLURAL_ENDINGS = (
    ("children", "child"),
    ("people", "person"),
    ("wives", "wife"),
)
NOT_PLURALS_IN_MEN = frozenset({
    "abdomen", "acumen", "agnomen", "albumen", "amen", "bitumen", "bremen",
    "carmen", "cognomen", "culmen", "cyclamen", "dolmen", "duramen", "examen",
    "flamen", "foramen", "germen", "gravamen", "hegumen", "hymen", "limen", "lumen",
    "nomen", "numen", "omen", "praenomen", "putamen", "ramen", "regimen", "rumen",
    "semen", "specimen", "stamen", "tegmen", "velamen", "yemen",
})  # fmt: skip
_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})
_NON_WORD = re.compile(r"[^\w]+")
_TONES = "12345"  # the digit an exact token ends with when it had a tone mark
BATCH = 1000  # entries read and written at once (3 parameters each)


def _regular(word):
    """The singular the analysis made before this migration."""
    if not word.isascii() or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _irregular(word):
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    for ending, single in IRREGULAR_PLURAL_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + single
    if word.endswith("men") and len(word) > 3 and word not in NOT_PLURALS_IN_MEN:
        return word[:-3] + "man"
    return None


def _with_irregular(word):
    """The singular the analysis makes from this migration on."""
    if not word.isascii() or len(word) <= 3:
        return word
    irregular = _irregular(word)
    if irregular is not None:
        return irregular
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        stem = word[:-1]
        return (_irregular(stem) if len(stem) > 3 else None) or stem
    return word


def folded_before(word):
    return _regular(word).replace("y", "i")


def folded_after(word):
    return _with_irregular(word).replace("y", "i")


# The folded tokens each analysis may have made of a word the two fold apart:
# the listed plurals and their singulars, and words with the endings.
CHANGED_BEFORE = (
    {folded_before(w) for w in IRREGULAR_PLURALS}
    | {w.replace("y", "i") for w in IRREGULAR_PLURALS},
    ("children", "people", "wive", "men"),
)
CHANGED_AFTER = (
    {folded_after(w) for w in IRREGULAR_PLURALS},
    ("child", "person", "wife", "man"),
)


def _may_change(term, changed):
    words, endings = changed
    return term in words or term.endswith(endings)


def _spellings(exact):
    """What the word of exact token ``exact`` folded to before its English
    singular was made: the token without its marks, and without its last
    digit when that may be its tone."""
    decomposed = unicodedata.normalize("NFD", exact.translate(_D_MAP).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    word = _NON_WORD.sub("", stripped.translate(_D_MAP))
    yield word
    if word[-1:] in _TONES:
        yield word[:-1]


def refolded(exact, folded, before, after, changed):
    """The folded text ``folded`` (whose exact text is ``exact``, word for word)
    as ``after`` folds its words where ``before`` folded them."""
    exact_words, folded_words = exact.split(" "), folded.split(" ")
    if len(exact_words) != len(folded_words):
        return folded  # not written by search.text.analyse: left alone
    words = []
    for exact_word, folded_word in zip(exact_words, folded_words, strict=True):
        if folded_word and _may_change(folded_word, changed):
            for word in _spellings(exact_word):
                if before(word) == folded_word:
                    folded_word = after(word)
                    break
        words.append(folded_word)
    return " ".join(words)


def _holding(schema_editor, terms):
    """The page ids of the entries whose folded title or body holds any of
    ``terms``, from the database's full-text index."""
    vendor = schema_editor.connection.vendor
    found = set()
    with schema_editor.connection.cursor() as cursor:
        if vendor not in ("sqlite", "postgresql"):
            cursor.execute("SELECT page_id FROM search_courseindexentry")
            return sorted(row[0] for row in cursor.fetchall())
        terms = sorted(terms)
        for start in range(0, len(terms), 200):
            chunk = terms[start : start + 200]
            if vendor == "sqlite":
                words = " OR ".join('"' + t.replace('"', '""') + '"' for t in chunk)
                cursor.execute(
                    "SELECT rowid FROM search_course_fts WHERE search_course_fts "
                    "MATCH %s",
                    [f"{{title_folded body_folded}} : ({words})"],
                )
            else:
                words = " | ".join(
                    "'" + t.replace("\\", "\\\\").replace("'", "''") + "'"
                    for t in chunk
                )
                cursor.execute(
                    "SELECT page_id FROM search_courseindexentry "
                    "WHERE tsv_folded @@ to_tsquery('simple', %s)",
                    [words],
                )
            found.update(row[0] for row in cursor.fetchall())
    return sorted(found)


def _rewrite(schema_editor, rows):
    """Write ``(page id, folded title, folded body)`` rows in one statement:
    SQLite's full-text index writes a segment for each statement. For 21,000
    of 60,000 entries a statement a row took 374 s, bulk_update (500 rows a
    statement, most of it Django building its CASE) 28 s, BATCH rows a
    statement 3.5 s (PostgreSQL: 14 s, writing its GIN indexes in place)."""
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


def _words(entry_title, entry_body):
    words = set(entry_title.split()) | set(entry_body.split())
    return {w for w in words if len(w) <= MAX_TERM_LENGTH}


def reanalyse(before, after, changed):
    def run(apps, schema_editor):
        Entry = apps.get_model("search", "CourseIndexEntry")
        Term = apps.get_model("search", "SearchTerm")
        Title = apps.get_model("search", "SearchTitle")
        State = apps.get_model("search", "IndexState")
        terms = {
            term
            for term in Term.objects.values_list("term", flat=True).iterator()
            if term and _may_change(term, changed)
        }
        page_ids = _holding(schema_editor, terms) if terms else []
        counts = Counter()
        titles = {}
        for start in range(0, len(page_ids), BATCH):
            rewritten = []
            for entry in Entry.objects.filter(
                page_id__in=page_ids[start : start + BATCH]
            ).only(
                "locale",
                "title",
                "title_exact",
                "title_folded",
                "body_exact",
                "body_folded",
            ):
                title = refolded(
                    entry.title_exact, entry.title_folded, before, after, changed
                )
                body = refolded(
                    entry.body_exact, entry.body_folded, before, after, changed
                )
                if (title, body) == (entry.title_folded, entry.body_folded):
                    continue
                old = _words(entry.title_folded, entry.body_folded)
                new = _words(title, body)
                counts.update((entry.locale, w) for w in new - old)
                counts.subtract((entry.locale, w) for w in old - new)
                if title != entry.title_folded:
                    titles[(entry.locale, entry.title)] = title
                rewritten.append((entry.page_id, title, body))
            _rewrite(schema_editor, rewritten)
        for (locale, term), n in counts.items():
            if not n:
                continue
            row = Term.objects.filter(locale=locale, term=term).first()
            documents = (row.documents if row else 0) + n
            if row and documents <= 0:
                row.delete()
            elif row:
                Term.objects.filter(pk=row.pk).update(documents=documents)
            elif documents > 0:
                Term.objects.create(locale=locale, term=term, documents=documents)
        for (locale, title), folded in titles.items():
            Title.objects.filter(locale=locale, title=title).update(
                title_folded=folded
            )
        # What a process computed from the entries before is stale.
        State.objects.update_or_create(id=1, defaults={"token": uuid.uuid4().hex})

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0019_short_and_number_terms")]

    operations = [
        migrations.RunPython(
            reanalyse(folded_before, folded_after, CHANGED_BEFORE),
            reanalyse(folded_after, folded_before, CHANGED_AFTER),
        )
    ]
