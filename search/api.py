"""The public JSON API of the finder (documented by ``openapi_schema``)."""

from functools import wraps

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from search.engines import get_engine
from search.finder import (
    MAX_QUERY_LENGTH,
    FinderInputError,
    course_find,
    finder_query_from_params,
)
from search.openapi import OPENAPI
from search.places import place_suggestions

AUTOCOMPLETE_LIMIT = 8


def _reader_language(request):
    """The reader's language from ``locale``, in any case ("EN" is "en"), as
    finder_query_from_params reads it; Vietnamese when it names none."""
    code = (request.GET.get("locale") or "").strip().lower() or settings.LANGUAGE_CODE
    codes = [c for c, _n in settings.LANGUAGES]
    return code if code in codes else settings.LANGUAGE_CODE


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _json_bad_request(view):
    """Answer a query string Django refuses to read (more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS parameters) with the API's JSON 400, in
    Vietnamese (the ``locale`` it asks for cannot be read), instead of Django's
    HTML 400 page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            request.GET  # noqa: B018 - reading it is the test
        except TooManyFieldsSent:
            with translation.override(settings.LANGUAGE_CODE):
                message = _("The request has too many parameters.")
            return _json({"error": message}, status=400)
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
@_json_bad_request
@cache_control(public=True, max_age=60)
def course_search(request):
    """``GET /api/v1/courses/search``: see the OpenAPI schema."""
    with translation.override(_reader_language(request)):
        try:
            query = finder_query_from_params(request.GET)
        except FinderInputError as exc:
            return _json({"error": str(exc)}, status=400)
        page = course_find(query)
        data = page.as_json()
        data["fallback"] = page.fallback_label or None
        data["fallback_kind"] = page.fallback
    return _json(data)


@require_GET
@_json_bad_request
@cache_control(public=True, max_age=300)
def course_autocomplete(request):
    """``GET /api/v1/courses/autocomplete?q=tin h&locale=vi``: course titles and
    places starting with what the reader has typed so far; a title only while
    one of its courses has a class to come, as the finder finds them."""
    language = _reader_language(request)
    text = (request.GET.get("q") or "")[:MAX_QUERY_LENGTH]
    if len(text.strip()) < 2:
        return _json({"courses": [], "places": []})
    now = timezone.now()
    with translation.override(language):
        try:
            courses = get_engine().autocomplete(text, language, AUTOCOMPLETE_LIMIT, now)
            if not courses and language != settings.LANGUAGE_CODE:
                # As the search does: the Vietnamese courses when none in the
                # reader's language begins so (their titles find them there).
                courses = get_engine().autocomplete(
                    text, settings.LANGUAGE_CODE, AUTOCOMPLETE_LIMIT, now
                )
        except FinderInputError as exc:
            return _json({"error": str(exc)}, status=400)
    return _json({"courses": courses, "places": place_suggestions(text)})


@require_GET
@cache_control(public=True, max_age=3600)
def openapi_schema(request):
    """``GET /api/v1/openapi.json``: the OpenAPI 3.1 description of this API."""
    return _json(OPENAPI)
