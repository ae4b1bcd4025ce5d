"""Middleware of the portal."""

import hashlib

from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.middleware.locale import LocaleMiddleware

# Paths that are not public reading: never compressed, never cached.
NOT_PUBLIC = ("/admin/", "/documents/")


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 under a path that has no
    language prefix (the admin, the APIs, documents, the sitemap) stays a 404.
    Django would redirect it to the same path under /vi/, where the public page
    router answers 404 again: a needless round trip that also sends API clients
    and admin users to a public URL."""

    UNPREFIXED = ("/admin/", "/api/", "/documents/", "/sitemap.xml")

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            self.UNPREFIXED
        ):
            return response
        return super().process_response(request, response)


class PublicCompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for what residents read: the public pages, the
    finder, its API, the feeds and the sitemap, gzip-compressed for browsers
    that ask for it (every browser does). A page is several times smaller on
    the slow mobile links many readers have.

    The admin is left out: its pages carry a session's data and echo what an
    editor typed, the shape of page a compression side channel (BREACH) reads;
    the public pages carry neither a session nor a CSRF token. Document
    downloads are left out too: they are files, mostly compressed already.
    Django adds random bytes to each compressed response as well.
    """

    EXCLUDED = NOT_PUBLIC

    def process_response(self, request, response):
        if request.path_info.startswith(self.EXCLUDED):
            return response
        return super().process_response(request, response)


class PublicPageCacheMiddleware:
    """Whole-page cache for anonymous readers, first in the chain (settings
    PAGE_CACHE_SECONDS; off when 0).

    Django's cache middleware pair must wrap every other middleware, so each hit
    still ran sessions, locale, CSRF, authentication and messages (0.40-0.63x
    of a bare view's throughput at tier S). Here a hit returns before any of
    them. Only requests that carry no cookie at all are answered from the cache
    or stored, and only 200 responses that set no cookie and are not private:
    the public pages are the same for every such reader, their language is in
    their path, and anything personal (a session, a CSRF token) comes with a
    cookie. The admin and the document downloads are never cached.

    A page is stored once compressed and once not, so that a browser that
    accepts gzip gets the bytes PublicCompressionMiddleware made (inside this
    one, compressing before the page is stored) and a client that does not
    gets the page as written.
    """

    EXCLUDED = NOT_PUBLIC

    def __init__(self, get_response):
        from django.conf import settings
        from django.core.cache import cache

        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.cache = cache

    def _key(self, request):
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
        gzip = bool(
            re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        )
        return f"public-page:{request.method == 'HEAD'}:{gzip}:{digest}"

    def __call__(self, request):
        if (
            not self.seconds
            or request.method not in ("GET", "HEAD")
            or request.COOKIES
            or request.path_info.startswith(self.EXCLUDED)
        ):
            return self.get_response(request)
        key = self._key(request)
        cached = self.cache.get(key)
        if cached is not None:
            # Stored as plain bytes and header pairs: unpickling a whole
            # response object cost a third of a hit.
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        cache_control = response.get("Cache-Control", "")
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        ):
            if getattr(response, "is_rendered", True):
                self._store(key, response)
            else:
                response.add_post_render_callback(lambda r: self._store(key, r))
        return response

    def _store(self, key, response):
        headers = list(response.headers.items())
        self.cache.set(key, (response.content, headers), self.seconds)
