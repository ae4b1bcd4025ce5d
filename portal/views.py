"""Views of the portal that are not pages."""

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

FAVICON_SECONDS = 86400


@require_safe
def favicon(request):
    """Redirect ``/favicon.ico``, which browsers and feed readers ask for
    whatever the page links, to the static icon: without it every page view
    cost a 404 (through the page router). The redirect is temporary, since the
    static file's hashed name changes with it, and cached for a day."""
    response = HttpResponseRedirect(static("portal/favicon.ico"))
    patch_cache_control(response, public=True, max_age=FAVICON_SECONDS)
    return response
