"""Middleware of the portal."""

from django.middleware.locale import LocaleMiddleware


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
