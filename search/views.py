"""The course search page (a plain GET form that works without JavaScript)."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from search.selectors import MAX_QUERY_LENGTH, course_title_search

PAGE_SIZE = 20


def course_search(request):
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    results = course_title_search(query) if query else []
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "results": page, "count": len(results)},
    )
