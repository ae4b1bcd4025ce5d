"""The whole-page cache for anonymous readers (PAGE_CACHE_SECONDS): a hit is
answered before any other middleware, and nothing personal is ever stored."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.MIDDLEWARE = [
        "portal.middleware.PublicPageCacheMiddleware",
        *settings.MIDDLEWARE,
    ]
    cache.clear()
    yield Client()
    cache.clear()


def test_a_public_page_is_served_from_the_cache_without_a_query(
    cached, django_assert_num_queries
):
    first = cached.get("/vi/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = cached.get("/vi/")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_each_query_string_is_its_own_page(cached, django_assert_num_queries):
    a = cached.get("/vi/search/", {"q": "tin học"}).content
    b = cached.get("/vi/search/", {"q": "đan lát"}).content
    assert a != b
    with django_assert_num_queries(0):
        assert cached.get("/vi/search/", {"q": "đan lát"}).content == b


def test_a_reader_with_a_cookie_gets_a_fresh_page(cached):
    cached.get("/vi/")
    cached.force_login(UserFactory(is_superuser=True, is_staff=True))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert cached.get("/vi/").status_code == 200
    assert len(queries) > 0


def test_errors_and_redirects_are_not_stored(cached):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert cached.get("/").status_code == 302
    cached.get("/vi/no-such-page/")
    with CaptureQueriesContext(connection) as queries:
        assert cached.get("/vi/no-such-page/").status_code == 404
    assert len(queries) > 0
    assert len(cache._cache) == 0


@pytest.mark.parametrize(
    "kind", ["cookie", "private", "no-store", "post", "request-cookie", "admin"]
)
def test_nothing_personal_is_stored(settings, rf, kind):
    from django.http import HttpResponse

    from portal.middleware import PublicPageCacheMiddleware

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse(f"page {len(calls)}")
        if kind == "cookie":
            response.set_cookie("csrftoken", "secret")
        elif kind in ("private", "no-store"):
            response["Cache-Control"] = kind
        return response

    middleware = PublicPageCacheMiddleware(view)
    path = "/admin/pages/" if kind == "admin" else "/vi/page/"
    for _ in range(2):
        request = rf.post(path) if kind == "post" else rf.get(path)
        if kind == "request-cookie":
            request.COOKIES["sessionid"] = "abc"
        middleware(request)
    assert len(calls) == 2
    assert len(cache._cache) == 0


def test_a_plain_public_response_is_stored(settings, rf):
    from django.http import HttpResponse

    from portal.middleware import PublicPageCacheMiddleware

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    calls = []
    middleware = PublicPageCacheMiddleware(
        lambda request: calls.append(1) or HttpResponse("page")
    )
    for _ in range(3):
        assert middleware(rf.get("/vi/page/")).content == b"page"
    assert len(calls) == 1
    cache.clear()


def test_off_by_default(client, django_assert_num_queries, settings):
    assert settings.PAGE_CACHE_SECONDS == 0
    client.get("/vi/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/vi/")
    assert len(queries) > 0
