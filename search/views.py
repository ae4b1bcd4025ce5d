"""The finder page: a plain GET form that works without JavaScript; finder.js adds
"use my location" and suggestions when JavaScript is there."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.fields import WEEKDAYS
from courses.models import Audience, Category, Mode, teaching_language_choices
from courses.selectors import taxonomy_labels
from search.finder import (
    RADII_KM,
    SORTS,
    FinderInputError,
    FinderPage,
    FinderQuery,
    course_find,
    finder_query_from_params,
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
    labels = taxonomy_labels(model)
    return [
        (term.slug, labels[term.pk])
        for term in model.objects.filter(pk__in=labels, locale__language_code="vi")
    ]


def _filters(query, facets):
    """Return the filter groups the form shows, each option with its count."""
    groups = [
        ("category", _("Subject"), _slug_labels(Category), query.categories),
        ("audience", _("Who it is for"), _slug_labels(Audience), query.audiences),
        ("weekday", _("Day"), WEEKDAYS, query.weekdays),
        ("time_of_day", _("Time of day"), TIME_OF_DAY_LABELS, query.times_of_day),
        ("language", _("Taught in"), teaching_language_choices(), query.languages),
        ("mode", _("How"), Mode.choices, query.modes),
    ]
    return [
        {
            "name": name,
            "label": label,
            "options": [
                {
                    "value": value,
                    "label": option_label,
                    "count": facets.get(name, {}).get(value, 0),
                    "checked": value in selected,
                }
                for value, option_label in options
                if facets.get(name, {}).get(value, 0) or value in selected
            ],
        }
        for name, label, options, selected in groups
    ]


def _page_links(request, page):
    """Return (previous, numbered, next) links that keep every other parameter."""

    def url(number):
        params = request.GET.copy()
        params["page"] = number
        return "?" + params.urlencode()

    current, last = page.query.page, page.page_count
    numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    return {
        "previous": url(current - 1) if current > 1 else None,
        "next": url(current + 1) if current < last else None,
        "numbers": [(n, url(n), n == current) for n in numbers],
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
    page = course_find(query) if asked and not error else FinderPage(query=query)
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
            "filters": _filters(query, page.facets),
            "free_count": page.facets.get("free", {}).get("true", 0),
            "radii": RADII_KM,
            "starts_within": STARTS_WITHIN_LABELS,
            "starts_within_counts": page.facets.get("starts_within", {}),
            "sorts": [(s, SORT_LABELS[s]) for s in SORTS],
            "links": _page_links(request, page) if page.count else None,
            "ranked_candidates": settings.FINDER_RANKED_CANDIDATES,
        },
        status=400 if error else 200,
    )
