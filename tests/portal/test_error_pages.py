"""The error pages a reader can meet with DEBUG off: a 404 in the reader's
language with the site's layout, a way on (the course search, the home page),
and static 500, 400 and CSRF pages that need neither a database nor a request."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import bad_request, permission_denied, server_error

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "lang", "heading", "home"),
    [
        ("/vi/khong-co-trang-nay/", "vi", "Không tìm thấy trang", "/vi/"),
        ("/en/nope/", "en", "Page not found", "/en/"),
        # Khmer has no interface catalogue: the interface, so the whole page,
        # is in Vietnamese, under the reader's prefix.
        ("/km/nope/", "vi", "Không tìm thấy trang", "/km/"),
        ("/vi/tinh-khong-co/trung-tam-khong-co/", "vi", "Không tìm thấy trang", "/vi/"),
    ],
)
def test_not_found_page_is_in_the_readers_language_with_the_sites_layout(
    client, settings, path, lang, heading, home
):
    assert settings.DEBUG is False
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert VIEWPORT in html
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert f'action="{home}search/"' in html and 'name="q"' in html
    assert f'<a href="{home}">' in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.django_db
def test_not_found_without_a_prefix_goes_to_the_vietnamese_page(client):
    response = client.get("/khong-co-trang-nay/", follow=True)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.parametrize(
    ("view", "heading_vi", "heading_en"),
    [
        (server_error, "Đã có lỗi xảy ra", "Something went wrong"),
        (bad_request, "Yêu cầu không hợp lệ", "Bad request"),
    ],
)
def test_static_error_pages_need_no_database_and_speak_both_languages(
    view, heading_vi, heading_en
):
    """Outside a django_db test any query would raise: the page needs none."""
    request = RequestFactory().get("/vi/")
    response = view(request) if view is server_error else view(request, None)
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert VIEWPORT in html
    assert f"<h1>{heading_vi}</h1>" in html
    assert f'<section lang="en">\n      <h2>{heading_en}</h2>' in html
    assert '<a href="/vi/">' in html and '<a href="/en/">' in html


@pytest.mark.django_db
def test_csrf_failure_page_explains_in_both_languages():
    response = Client(enforce_csrf_checks=True).post("/vi/search/", {"q": "tin học"})
    assert response.status_code == 403
    html = response.content.decode()
    assert VIEWPORT in html
    assert "Không gửi được biểu mẫu" in html
    assert "The form could not be sent" in html


@pytest.mark.django_db
def test_permission_denied_page_has_the_sites_layout():
    request = RequestFactory().get("/en/private/")
    with translation.override("en"):
        response = permission_denied(request, PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="en">' in html
    assert "<h1>Access denied</h1>" in html
    assert 'action="/en/search/"' in html
