"""Indexes the portal adds to Wagtail's page table (portal/migrations)."""

import pytest
from django.db import connection
from wagtail.models import Page

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite only: PostgreSQL's statistics count NULLs apart",
)
def test_the_alias_lookup_of_every_publish_uses_an_index_after_analyze():
    """With planner statistics, where Wagtail's index on alias_of_id looks as
    if it matched every page (all NULL), a page's aliases are still found
    through an index instead of by walking the table in path order."""
    page = Page.objects.filter(depth=3).first()
    aliases = page.aliases.order_by("path")  # what Wagtail asks on each publish
    sql, params = aliases.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "portal_page_aliases" in plan, plan
    assert list(aliases) == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_a_province_pages_centres_are_read_from_the_children_index():
    """Migration portal 0007: a page's children in one language are read by
    language, depth and path, not through every page of the subtree."""
    from django.utils import translation

    from centres.models import CentrePage, ProvincePage
    from portal.selectors import reader_pages

    province = ProvincePage.objects.filter(locale__language_code="vi").first()
    with translation.override("vi"):
        centres = reader_pages(CentrePage, province).order_by("title")
        sql, params = centres.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "portal_page_locale_depth_path" in plan, plan
        assert list(centres) == list(
            CentrePage.objects.live().child_of(province).order_by("title")
        )


def _sqlite_plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_admins_root_and_locked_pages_are_read_from_indexes(admin_client):
    """Migration portal 0008: what every explorer view and the dashboard ask of
    a superuser, the root pages and the pages they locked, is read from an
    index, not by walking every page."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    roots = Page.objects.filter(depth=1)  # Wagtail's explorable root, unlimited
    assert "portal_page_depth_path" in _sqlite_plan(roots)
    user = get_user_model().objects.filter(is_superuser=True).first()
    locked = Page.objects.filter(locked=True, locked_by=user).order_by("-locked_at")
    assert "portal_page_locked_by" in _sqlite_plan(locked)
    page = Page.objects.filter(depth=3).first()
    page.locked, page.locked_by, page.locked_at = True, user, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    assert list(locked) == [page]
    admin_client.force_login(user)
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert page.title in response.content.decode()
