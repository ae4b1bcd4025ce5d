"""The finder page: a plain GET form that works without JavaScript; finder.js adds
"use my location" and suggestions when JavaScript is there."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.fields import WEEKDAYS
from courses.models import Audience, Category, Mode, teaching_language_choices
from courses.selectors import taxonomy_labels
from portal.interface import interface_language
from search.finder import (
    RADII_KM,
    SORTS,
    FinderInputError,
    FinderPage,
    FinderQuery,
    course_find,
    finder_query_from_params,
    param_values,
)

TIME_OF_DAY_LABELS = [
    ("morning", _("Morning")),
    ("afternoon", _("Afternoon")),
    ("evening", _("Evening")),
]
STARTS_WITHIN_LABELS = [
    ("any", _("Any time")),
    ("week", _("This week")),
    ("month", _("This month")),
]
SORT_LABELS = {
    "relevance": _("Best match"),
    "distance": _("Nearest"),
    "soonest": _("Starting soonest"),
}


def _slug_labels(model):
    """Return ``(slug, label, lang)`` for each term of ``model``: ``lang`` is
    the language the label is written in when it is not the interface's (a
    term's Khmer name in the Vietnamese form of a Khmer page, an untranslated
    term's Vietnamese name in the English form), else None."""
    labels = taxonomy_labels(model)
    interface = interface_language()
    options = []
    for term in model.objects.filter(pk__in=labels, locale__language_code="vi"):
        label = labels[term.pk]
        options.append(
            (term.slug, label, label.lang if label.lang != interface else None)
        )
    return options


FILTER_NAMES = ("category", "audience", "weekday", "time_of_day", "language", "mode")


def _filters(params, facets, counted):
    """Return the filter groups the form shows, each option with its count.

    With ``counted`` (a search ran), the options that find something or are
    chosen, with their counts. Else (the page before any search, or a request
    it could not read) every option, without counts, the reader's choices
    kept: the first search can already ask for a subject or a day."""
    groups = [
        ("category", _("Subject"), _slug_labels(Category)),
        ("audience", _("Who it is for"), _slug_labels(Audience)),
        ("weekday", _("Day"), WEEKDAYS),
        ("time_of_day", _("Time of day"), TIME_OF_DAY_LABELS),
        ("language", _("Taught in"), teaching_language_choices()),
        ("mode", _("How"), Mode.choices),
    ]
    found = []
    for name, label, options in groups:
        selected = param_values(params, name)
        counts = facets.get(name, {})
        found.append(
            {
                "name": name,
                "label": label,
                "options": [
                    {
                        "value": value,
                        "label": option_label,
                        "lang": lang[0] if lang else None,
                        "count": counts.get(value, 0) if counted else None,
                        "checked": value in selected,
                    }
                    for value, option_label, *lang in options
                    if not counted or counts.get(value, 0) or value in selected
                ],
            }
        )
    return found


def _page_links(request, page):
    """Return (previous, numbered, next) links that keep every other parameter."""

    def url(number):
        params = request.GET.copy()
        params["page"] = number
        return "?" + params.urlencode()

    current, last = page.query.page, page.page_count
    numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    links = []
    for n in numbers:
        if links and n > links[-1][0] + 1:
            links.append((None, None, False))  # pages left out: "…"
        links.append((n, url(n), n == current))
    return {
        # From past the end, back to the last page.
        "previous": url(min(current - 1, last)) if current > 1 else None,
        "next": url(current + 1) if current < last else None,
        "numbers": links,
    }


def course_search(request):
    params = request.GET.copy()
    params["locale"] = get_language()
    error = None
    try:
        query = finder_query_from_params(params)
    except FinderInputError as exc:
        error = str(exc)
        query = FinderQuery(locale=get_language())
    asked = bool({k for k, v in request.GET.items() if v and k not in ("page", "sort")})
    counted = asked and not error
    page = course_find(query) if counted else FinderPage(query=query)
    free = (request.GET.get("free") or "").strip().lower() in ("1", "true", "on")
    starts_within = (request.GET.get("starts_within") or "").strip().lower()
    near_typed = bool((request.GET.get("near") or "").strip())
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "q": request.GET.get("q", "")[:200],
            "near": request.GET.get("near", "")[:200],
            "asked": asked,
            "error": error,
            "page": page,
            "counted": counted,
            "chosen": any(param_values(request.GET, name) for name in FILTER_NAMES)
            or free,
            "filters": _filters(request.GET, page.facets, counted),
            "free": free,
            "free_count": page.facets.get("free", {}).get("true", 0),
            "starts_within_chosen": starts_within
            if starts_within in dict(STARTS_WITHIN_LABELS)
            else "any",
            "radii": RADII_KM,
            "starts_within": STARTS_WITHIN_LABELS,
            "starts_within_counts": page.facets.get("starts_within", {}),
            # Nearest first only means something with a place.
            "sorts": [
                (s, SORT_LABELS[s])
                for s in SORTS
                if s != "distance" or query.near or near_typed
            ],
            "links": _page_links(request, page) if page.count else None,
            "ranked_candidates": settings.FINDER_RANKED_CANDIDATES,
        },
        status=400 if error else 200,
    )
