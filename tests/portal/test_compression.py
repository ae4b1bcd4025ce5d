"""Public pages, the finder and its API reach a browser gzip-compressed (every
browser asks for it; many readers are on slow mobile links); the admin and the
document downloads never are, and the page cache keeps the two forms apart."""

import gzip
import json

import pytest
from django.core.cache import cache
from django.test import Client

from centres.models import CentrePage
from courses.models import CoursePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def public_urls():
    centre = CentrePage.objects.live().filter(locale__language_code="vi").first()
    course = CoursePage.objects.live().filter(locale__language_code="vi").first()
    return ["/vi/", centre.url, course.url, "/vi/search/?q=tin+hoc"]


def vary(response):
    return {v.strip().lower() for v in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("kind", ["home", "centre", "course", "finder"])
def test_a_public_page_is_compressed_for_a_browser_that_asks(client, kind):
    url = public_urls()[["home", "centre", "course", "finder"].index(kind)]
    plain = client.get(url)
    packed = client.get(url, **GZIP)
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "accept-encoding" in vary(plain) and "accept-encoding" in vary(packed)
    assert int(packed["Content-Length"]) == len(packed.content)
    # The same page, several times smaller on the wire.
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) * 3 < len(plain.content)


def test_the_api_answers_compressed_json(client):
    response = client.get(
        "/api/v1/courses/search", {"q": "tin hoc", "page_size": 50}, **GZIP
    )
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["count"] > 0


def test_the_admin_is_never_compressed(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for url in ("/admin/", "/admin/pages/"):
        response = client.get(url, **GZIP)
        assert response.status_code == 200
        assert "Content-Encoding" not in response
        assert b"<html" in response.content


def test_the_page_cache_keeps_compressed_and_plain_apart(
    settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 60
    settings.MIDDLEWARE = [
        "portal.middleware.PublicPageCacheMiddleware",
        *settings.MIDDLEWARE,
    ]
    cache.clear()
    try:
        reader = Client()
        url = public_urls()[2]
        plain = reader.get(url).content
        packed = reader.get(url, **GZIP)
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain
        with django_assert_num_queries(0):
            again = reader.get(url)
            assert "Content-Encoding" not in again
            assert again.content == plain
            again = reader.get(url, **GZIP)
            assert again["Content-Encoding"] == "gzip"
            assert gzip.decompress(again.content) == plain
    finally:
        cache.clear()


def test_document_downloads_and_the_admin_are_left_as_they_are(rf):
    """Checked on the middleware itself: Wagtail's document view already sends
    a Content-Encoding header of its own, which GZipMiddleware respects."""
    from django.http import HttpResponse

    from portal.middleware import PublicCompressionMiddleware

    body = b"Lich hoc tin hoc co ban, toi thu hai va thu nam.\n" * 40
    middleware = PublicCompressionMiddleware(lambda request: HttpResponse(body))
    for path, compressed in (
        ("/vi/", True),
        ("/api/v1/courses/search", True),
        ("/documents/1/lich-hoc.txt", False),
        ("/admin/pages/", False),
    ):
        response = middleware(rf.get(path, HTTP_ACCEPT_ENCODING="gzip"))
        assert (response.get("Content-Encoding") == "gzip") is compressed, path
        content = gzip.decompress(response.content) if compressed else response.content
        assert content == body
