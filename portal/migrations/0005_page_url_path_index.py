"""An index on Wagtail's page URL paths, both databases.

The home page routes a request for a centre or a course by looking its page up
by URL path in one query (``HomePage.route``) instead of walking the tree a
level at a time. Wagtail does not index the column.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_page_aliases_index")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS portal_page_url_path "
            "ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS portal_page_url_path",
        ),
    ]
