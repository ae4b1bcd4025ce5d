"""The OpenAPI 3.1 description of the finder API, served at /api/v1/openapi.json."""

from django.conf import settings

from courses.fields import WEEKDAY_CODES
from courses.models import teaching_language_choices
from search.finder import (
    AUDIENCE_SLUGS,
    CATEGORY_SLUGS,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MODES,
    RADII_KM,
    SORTS,
    STARTS_WITHIN,
    TIMES_OF_DAY,
)


def _param(name, description, schema, explode=None):
    param = {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }
    if explode is not None:
        param["style"] = "form"
        param["explode"] = explode
    return param


def _list(values):
    return {"type": "array", "items": {"type": "string", "enum": list(values)}}


LANGUAGES = [code for code, _label in teaching_language_choices()]
# The portal's languages (content and the reader's), as the API takes them.
LOCALES = [code for code, _label in settings.LANGUAGES]
FACETS = {
    "category": CATEGORY_SLUGS,
    "audience": AUDIENCE_SLUGS,
    "weekday": WEEKDAY_CODES,
    "time_of_day": list(TIMES_OF_DAY),
    "language": LANGUAGES,
    "mode": MODES,
    "free": ["true"],
    "starts_within": ["week", "month"],
}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {
        "title": "Học tập cộng đồng – course finder API",
        "version": "1.0.0",
        "description": (
            "Find classes at Vietnam's community learning centres. Text is matched "
            "with or without Vietnamese tone marks; results are live courses whose "
            "last class has not passed. Errors are answered with HTTP 400 and "
            '{"error": "..."} in the language given by `locale`.'
        ),
    },
    "paths": {
        "/api/v1/courses/search": {
            "get": {
                "operationId": "searchCourses",
                "summary": "Search courses",
                "parameters": [
                    _param(
                        "q",
                        "Free text (at most 200 characters, counted in Unicode NFC).",
                        {"type": "string", "maxLength": MAX_QUERY_LENGTH},
                    ),
                    _param(
                        "locale",
                        "Content language, any case. Error messages are in it "
                        "when the interface has it (`vi`, `en`), else in Vietnamese.",
                        {"type": "string", "enum": LOCALES, "default": "vi"},
                    ),
                    _param(
                        "near",
                        "`lat,lon` or a commune or province name (`Ea Kao, Đắk Lắk`).",
                        {"type": "string"},
                    ),
                    _param(
                        "radius_km",
                        "Radius around `near`; online courses are always included.",
                        {"type": "integer", "enum": list(RADII_KM), "default": 10},
                    ),
                    _param(
                        "category",
                        "Comma-separated categories (any of).",
                        _list(CATEGORY_SLUGS),
                        explode=False,
                    ),
                    _param(
                        "audience",
                        "Comma-separated audiences (any of).",
                        _list(AUDIENCE_SLUGS),
                        explode=False,
                    ),
                    _param(
                        "weekday",
                        "Comma-separated days with a class (any of).",
                        _list(WEEKDAY_CODES),
                        explode=False,
                    ),
                    _param(
                        "time_of_day",
                        "Comma-separated times of day (any of).",
                        _list(TIMES_OF_DAY),
                        explode=False,
                    ),
                    _param("free", "Only free courses.", {"type": "boolean"}),
                    _param(
                        "language",
                        "Comma-separated teaching languages.",
                        _list(LANGUAGES),
                        explode=False,
                    ),
                    _param(
                        "mode", "Comma-separated modes.", _list(MODES), explode=False
                    ),
                    _param(
                        "starts_within",
                        "Next class within this period.",
                        {
                            "type": "string",
                            "enum": list(STARTS_WITHIN),
                            "default": "any",
                        },
                    ),
                    _param(
                        "sort",
                        "Default: relevance with text, distance with a "
                        "place, else soonest. Relevance with a place ranks "
                        "classes within reach before online courses that "
                        "match the text as well.",
                        {"type": "string", "enum": list(SORTS)},
                    ),
                    _param(
                        "page",
                        "1-based page; beyond the end gives an empty page.",
                        {"type": "integer", "minimum": 1, "default": 1},
                    ),
                    _param(
                        "page_size",
                        "Results per page.",
                        {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": MAX_PAGE_SIZE,
                            "default": DEFAULT_PAGE_SIZE,
                        },
                    ),
                ],
                "responses": {
                    "200": {
                        "description": "A page of results.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/SearchResult"}
                            }
                        },
                    },
                    "400": {
                        "description": "A parameter is invalid.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Error"}
                            }
                        },
                    },
                },
            }
        },
        "/api/v1/courses/autocomplete": {
            "get": {
                "operationId": "autocompleteCourses",
                "summary": "Course titles and places for what has been typed",
                "description": (
                    "Titles of the courses the search finds (in the language, "
                    "else in Vietnamese, while one of the title's courses has a "
                    "class to come), most taught first (counting the courses "
                    "with a class to come), and place names."
                ),
                "parameters": [
                    _param(
                        "q",
                        "The text typed so far.",
                        {"type": "string", "maxLength": MAX_QUERY_LENGTH},
                    ),
                    _param(
                        "locale",
                        "Content language, any case.",
                        {"type": "string", "enum": LOCALES, "default": "vi"},
                    ),
                ],
                "responses": {
                    "200": {
                        "description": "Suggestions.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["courses", "places"],
                                    "properties": {
                                        "courses": {
                                            "type": "array",
                                            "items": {"type": "string"},
                                        },
                                        "places": {
                                            "type": "array",
                                            "items": {"type": "string"},
                                        },
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
            },
            "Course": {
                "type": "object",
                "required": [
                    "code",
                    "title",
                    "url",
                    "locale",
                    "centre",
                    "distance_km",
                    "next_session",
                    "fee_vnd",
                    "category",
                ],
                "properties": {
                    "code": {"type": "string"},
                    "title": {"type": "string"},
                    "url": {"type": "string"},
                    "locale": {"type": "string"},
                    "centre": {
                        "type": "object",
                        "required": ["code", "name", "url"],
                        "properties": {
                            "code": {"type": "string"},
                            "name": {"type": "string"},
                            "url": {"type": "string"},
                        },
                    },
                    "distance_km": {"type": ["number", "null"]},
                    "next_session": {"type": ["string", "null"], "format": "date-time"},
                    "fee_vnd": {"type": "integer", "minimum": 0},
                    "category": {"type": "string", "enum": CATEGORY_SLUGS},
                    "teaching_language": {"type": "string"},
                    "mode": {"type": "string", "enum": MODES},
                },
            },
            "SearchResult": {
                "type": "object",
                "required": ["count", "results", "facets", "fallback"],
                "properties": {
                    "count": {"type": "integer", "minimum": 0},
                    "count_exact": {
                        "type": "boolean",
                        "description": "False when a search without a place has a "
                        "text in more courses than it ranks (5,000 by default): "
                        "count is then a lower bound, the results come from the "
                        "5,000 courses added most recently, in the order asked "
                        "for, and the facets count among them. With a place, "
                        "every class within reach is ranked and counted, and of "
                        "the online courses only the 5,000 added most recently "
                        "that match the text: count_exact is false when as many "
                        "matched (unless the mode filter leaves online courses "
                        "out), and the filters choose among those courses.",
                    },
                    "facets_exact": {
                        "type": "boolean",
                        "description": "False when the facets count only among the "
                        "5,000 courses matching the text that were added most "
                        "recently (see count_exact); a filter chosen can still "
                        "make count exact.",
                    },
                    "page": {"type": "integer"},
                    "page_size": {"type": "integer"},
                    "results": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Course"},
                    },
                    "facets": {
                        "type": "object",
                        "properties": {
                            name: {
                                "type": "object",
                                "propertyNames": {"enum": values},
                                "additionalProperties": {"type": "integer"},
                            }
                            for name, values in FACETS.items()
                        },
                    },
                    "fallback": {
                        "type": ["string", "null"],
                        "description": "What was done when nothing matched, for "
                        "the reader; null when the results match as asked.",
                    },
                    "fallback_kind": {
                        "type": ["string", "null"],
                        "enum": ["vi", "spelling", "any_word", None],
                    },
                },
            },
        }
    },
}
