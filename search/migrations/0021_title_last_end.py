"""Autocomplete suggested the title of a course whose last class had ended when
no running course had that title, which the finder then did not find. Each
distinct title (search.models.SearchTitle) now keeps the latest end of its
entries' classes, and autocomplete suggests a title only while that is still
to come: a condition on the row it already reads, whatever the time.

The entries get a (locale, title, last_end) index, from which the latest end of
a title's entries is read without reading the entries (search.spelling keeps
the titles' column in step after every write). This fills it for the titles
already recorded.
"""

from django.conf import settings
from django.db import migrations, models

FILL = (
    "UPDATE search_searchtitle SET last_end = (SELECT MAX(e.last_end) "
    "FROM search_courseindexentry e WHERE e.locale = search_searchtitle.locale "
    "AND e.title = search_searchtitle.title)"
)


def fill(apps, schema_editor):
    schema_editor.execute(FILL)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0020_english_irregular_plurals"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="searchtitle",
            name="last_end",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddIndex(
            model_name="courseindexentry",
            index=models.Index(
                fields=["locale", "title", "last_end"],
                name="search_cour_locale_3dd17b_idx",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
