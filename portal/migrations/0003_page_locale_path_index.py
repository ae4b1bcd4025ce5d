"""An index on Wagtail's page table over (locale, path).

The public pages list a parent's children or descendants in one language
(portal.selectors.reader_pages, with a path range from ``subtree_range``). With
only Wagtail's own indexes, the database read every page of the language and
tested its path: at national scale a province's centres and courses cost 140
and 200 ms of SQLite's time per request, reading 341,000 pages each.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_home_featured_courses"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS portal_page_locale_path "
            "ON wagtailcore_page (locale_id, path)",
            "DROP INDEX IF EXISTS portal_page_locale_path",
        )
    ]
