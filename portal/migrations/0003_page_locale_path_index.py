"""Indexes on Wagtail's page table for subtrees at national scale.

(locale, path), both databases: the public pages list a parent's children or
descendants in one language (portal.selectors.reader_pages, with a path range
from ``subtree_range``). With only Wagtail's own indexes, the database read
every page of the language and tested its path: at national scale a province's
centres and courses cost 140 and 200 ms of SQLite's time per request, reading
341,000 pages each.

(path COLLATE NOCASE, depth), SQLite only: Wagtail and treebeard select subtrees with
``path LIKE 'prefix%'``; SQLite's LIKE ignores case, so it can use an index on
the path only when that index ignores case too (paths are upper-case digits and
letters, so the order is the same). Without it every child_of and descendant_of
in the admin read the whole page table: a centre's explorer took 1.8 s for its
staff at tier M, 1.1 s with this index. The depth beside the path lets the
whole-tree count of the admin dashboard read the index alone (469 ms through
the path only, 29 ms with the depth). PostgreSQL already has Django's
``varchar_pattern_ops`` index on the path for LIKE.
"""

from django.db import migrations


def path_nocase_create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS portal_page_path_nocase "
            "ON wagtailcore_page (path COLLATE NOCASE, depth)"
        )


def path_nocase_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS portal_page_path_nocase")


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
        ),
        migrations.RunPython(path_nocase_create, path_nocase_drop),
    ]
