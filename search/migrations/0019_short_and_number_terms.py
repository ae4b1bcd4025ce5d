"""The vocabulary counts one-letter words and numbers too (search.spelling.
entry_terms): "y tế", "lớp 1", "Luật Đất đai 2024" and a Khmer syllable of one
consonant were answered "nothing matches all the words", because a text search
takes a word the vocabulary lacks for one no entry holds. Adds their counts
from the entries already indexed, as migration 0006 recorded the others."""

from collections import Counter

from django.db import migrations

MAX_TERM_LENGTH = 64  # search.spelling.MAX_TERM_LENGTH when this was written


def newly_counted(word):
    # What entry_terms left out before and counts now ("" is the entries' own
    # count, recorded already).
    return word and (len(word) < 2 or word.isdigit()) and len(word) <= MAX_TERM_LENGTH


def record_short_and_numbers(apps, schema_editor):
    Entry = apps.get_model("search", "CourseIndexEntry")
    Term = apps.get_model("search", "SearchTerm")
    counts = Counter()
    rows = Entry.objects.values_list("locale", "title_folded", "body_folded")
    for locale, title, body in rows.iterator(chunk_size=2000):
        counts.update(
            (locale, word)
            for word in set(title.split()) | set(body.split())
            if newly_counted(word)
        )
    # Written by nothing before this migration: none is there yet.
    Term.objects.bulk_create(
        [Term(locale=loc, term=term, documents=n) for (loc, term), n in counts.items()],
        batch_size=2000,
        ignore_conflicts=True,
    )


def forget_short_and_numbers(apps, schema_editor):
    Term = apps.get_model("search", "SearchTerm")
    ids = [
        pk
        for pk, term in Term.objects.values_list("pk", "term").iterator()
        if newly_counted(term)
    ]
    for start in range(0, len(ids), 900):
        Term.objects.filter(pk__in=ids[start : start + 900]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0018_index_state")]

    operations = [
        migrations.RunPython(record_short_and_numbers, forget_short_and_numbers),
    ]
