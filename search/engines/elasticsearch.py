"""The Elasticsearch engine: the same finder contract as the database engines, over
one document per CourseIndexEntry row.

Choose it with ``FINDER_ENGINE = "search.engines.elasticsearch.ElasticsearchEngine"``
and point it at a cluster with the environment variable ``ELASTICSEARCH_URL`` or

    FINDER_ELASTICSEARCH = {
        "URL": "https://search.example:9200",  # default: $ELASTICSEARCH_URL
        "INDEX": "htcd-courses",  # the default
        "REFRESH": False,  # True (tests) or "wait_for": see below
        "OPTIONS": {},  # extra keyword arguments for elasticsearch.Elasticsearch
    }

Nothing connects at import or construction: the client is made on first use.

What is indexed is what the database engines search: the text arrives already
analysed by ``search.text.analyse`` (space-separated exact and folded tokens), so the
``tokens`` analyzer only splits on white space and every engine agrees on what
matches. The engine only matches, filters, counts and ranks.

Where the reference semantics (search/engines/database.py) are reproduced exactly
rather than approximately, and how:

* Schedule. Each document holds its class meetings as nested ``sessions`` (start,
  end). The database's "next session" is the earliest start of a meeting that has
  not ended (``end >= now``): a nested sort with that filter orders "soonest", a
  nested query with ``end >= now`` and ``start < horizon`` is the "starts within"
  filter, and the hit's ``next_session`` is computed from the same pairs. A flat
  list of starts cannot do this (a class in progress has started before ``now``),
  so ``starts`` is also stored but the finder does not read it.
* Distance. The database engines use an equirectangular approximation with their
  own constants; ``geo_distance`` uses arc distance on a sphere of another radius,
  which moves the edge of a 50 km circle by a few hundred metres. So the radius
  filter is the database's own: a latitude/longitude bounding box on the exact
  double values, then the same squared-distance formula in a painless script, and
  the distance sort is a script sort on that formula. Online courses are kept
  whatever the radius, sort after the others and have no distance. ``location``
  (geo_point) is stored for maps and ad hoc geo queries.
* Ranking. The database order is: exact-tone match first, then title phrase, then
  (with a place) a class within reach before an online course, then text score.
  Adding large boosts does not guarantee that order (a long match can outscore a
  boost), so the text score is squashed into [0, 1) by a function_score script,
  ``s / (s + 1)``, and the exact, phrase and reach clauses are constant scores of
  4, 2 and 1: the total is ``4 * exact + 2 * phrase + reach + squashed``, a strict
  lexicographic order. Within a tier the score is Lucene's BM25 (title five times
  the body, as on SQLite), so ties and near ties may fall differently than on
  SQLite or PostgreSQL, which disagree with each other there as well.
* Times are sent rounded up to the millisecond (Elasticsearch ``date`` precision),
  which gives the same answers as the database's microseconds.

Writes follow the database: ``entries_changed`` is called inside the transaction
that wrote the entry rows and indexes at once (reading the rows through the same
connection), so a rolled-back transaction can leave its documents behind until the
next change or rebuild. Refresh: by default Elasticsearch makes changes searchable
within its refresh interval (1 s) and publishing does not wait; ``REFRESH: True``
refreshes on every write (tests), ``"wait_for"`` makes each publish wait for it.
Outside a rebuild, a failed write is logged and does not stop the publication (as
Wagtail's own search backends do); during a rebuild it raises.
"""

import datetime as dt
import logging
import math
import os
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q as DbQ
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.dsl import (
    Date,
    Document,
    Double,
    GeoPoint,
    InnerDoc,
    Integer,
    Keyword,
    MetaField,
    Nested,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.helpers import bulk

from courses.fields import WEEKDAY_CODES
from courses.models import CourseOccurrence
from search.engines.base import BaseEngine
from search.engines.database import (
    KM_PER_DEGREE_LATITUDE,
    KM_PER_DEGREE_LONGITUDE_AT_EQUATOR,
    autocomplete_groups,
    query_groups,
)
from search.finder import (
    AUDIENCE_SLUGS,
    CATEGORY_SLUGS,
    HIT_FIELDS,
    MODES,
    TIMES_OF_DAY,
    FinderHit,
    FinderPage,
    language_codes,
)
from search.models import CourseIndexEntry
from search.text import has_marks

logger = logging.getLogger(__name__)


class IndexingError(RuntimeError):
    """Elasticsearch refused some of the documents of a bulk request."""


DEFAULT_INDEX = "htcd-courses"
# Edge n-grams of the folded title words, for autocomplete.
PREFIX_MIN_GRAM = 2
PREFIX_MAX_GRAM = 20
# How many terms a Khmer multi-syllable prefix may expand to.
PREFIX_MAX_EXPANSIONS = 500
# Tiers of the relevance score (see the module docstring): the text score is
# squashed below 1, so these add up to a strict order.
EXACT_BOOST = 4.0
PHRASE_BOOST = 2.0
REACH_BOOST = 1.0  # with a place: not an online course
TITLE_BOOST = 5.0  # as SQLite's bm25 weights: title five times the body
SQUASH_SCORE = "_score / (_score + 1.0)"
# Elasticsearch refuses from + size beyond index.max_result_window (default).
MAX_RESULT_WINDOW = 10_000
BULK_CHUNK = 500
# For online courses the distance sort returns this: after every real distance.
FAR = 1.7976931348623157e308  # Double.MAX_VALUE

DIST2_SCRIPT = (
    "double dy = (doc['latitude'].value - params.lat) * params.ky; "
    "double dx = (doc['longitude'].value - params.lon) * params.kx; "
    "return dy * dy + dx * dx;"
)
WITHIN_SCRIPT = (
    "double dy = (doc['latitude'].value - params.lat) * params.ky; "
    "double dx = (doc['longitude'].value - params.lon) * params.kx; "
    "return dy * dy + dx * dx <= params.r2;"
)
DISTANCE_SORT_SCRIPT = (
    "if (doc['mode'].value == 'online') { return params.far; } " + DIST2_SCRIPT
)

# Facet dimensions backed by a keyword field, in the database engine's order.
KEYWORD_FACETS = {
    "category": "category",
    "audience": "audiences",
    "weekday": "weekdays",
    "time_of_day": "times_of_day",
    "language": "teaching_language",
    "mode": "mode",
}
FACETS = (*KEYWORD_FACETS, "free", "starts_within")
STARTS_WITHIN_VALUES = ("week", "month")

# Fields a hit needs from _source (the analysed text stays on the server).
SOURCE_FIELDS = ["page_id", *HIT_FIELDS, "latitude", "longitude", "sessions"]


# -- the mapping --------------------------------------------------------------------

# The text is analysed in Python (search.text.analyse): split on spaces, nothing else.
tokens_analyzer = analyzer("tokens", tokenizer="whitespace")
prefix_filter = token_filter(
    "title_prefix_edges",
    "edge_ngram",
    min_gram=PREFIX_MIN_GRAM,
    max_gram=PREFIX_MAX_GRAM,
)
prefix_analyzer = analyzer(
    "title_prefix", tokenizer="whitespace", filter=[prefix_filter]
)


def _stored():
    """A display field: returned with the hit, never searched."""
    return Keyword(index=False, doc_values=False)


class Session(InnerDoc):
    """One dated class meeting (a CourseOccurrence)."""

    start = Date()
    end = Date()


class CourseDocument(Document):
    """One live course page in one locale: a CourseIndexEntry row with its
    schedule. The document id is the page id."""

    page_id = Integer()
    locale = Keyword()
    translation_key = Keyword()
    code = Keyword()
    category = Keyword()
    teaching_language = Keyword()
    mode = Keyword()
    province_code = Keyword()
    # Lists of slugs and codes (the entry's bit masks, expanded).
    audiences = Keyword(multi=True)
    weekdays = Keyword(multi=True)
    times_of_day = Keyword(multi=True)
    fee_vnd = Integer()
    location = GeoPoint()
    # The exact coordinates, for the database engines' own distance formula.
    latitude = Double()
    longitude = Double()
    last_end = Date()
    starts = Date(multi=True)
    sessions = Nested(Session, multi=True)
    title_exact = Text(analyzer=tokens_analyzer)
    title_folded = Text(
        analyzer=tokens_analyzer,
        fields={
            "prefix": Text(analyzer=prefix_analyzer, search_analyzer=tokens_analyzer)
        },
    )
    body_exact = Text(analyzer=tokens_analyzer)
    body_folded = Text(analyzer=tokens_analyzer)
    # The title is also a keyword with doc values: autocomplete counts titles.
    title = Keyword(index=False)
    url = _stored()
    centre_code = _stored()
    centre_name = _stored()
    centre_url = _stored()
    commune = _stored()
    province = _stored()

    class Index:
        name = DEFAULT_INDEX
        # One shard: term statistics (and so ranking) are the whole collection's.
        settings = {"number_of_shards": 1}

    class Meta:
        dynamic = MetaField("strict")


def _from_mask(value, universe):
    """Return the values of ``universe`` whose bit is set in ``value``."""
    return [v for i, v in enumerate(universe) if value & (1 << i)]


def _utc(moment):
    return moment.astimezone(dt.UTC) if moment is not None else None


def course_document(entry, occurrences):
    """Return the CourseDocument for a CourseIndexEntry and its ``(start, end)``
    occurrences (the CourseOccurrence rows of its translation key)."""
    pairs = sorted((_utc(start), _utc(end)) for start, end in occurrences)
    return CourseDocument(
        meta={"id": entry.page_id},
        page_id=entry.page_id,
        locale=entry.locale,
        translation_key=str(entry.translation_key),
        code=entry.code,
        category=entry.category,
        teaching_language=entry.teaching_language,
        mode=entry.mode,
        province_code=entry.province_code,
        audiences=_from_mask(entry.audiences, AUDIENCE_SLUGS),
        weekdays=_from_mask(entry.weekdays, WEEKDAY_CODES),
        times_of_day=_from_mask(entry.times_of_day, list(TIMES_OF_DAY)),
        fee_vnd=entry.fee_vnd,
        location={"lat": entry.latitude, "lon": entry.longitude},
        latitude=entry.latitude,
        longitude=entry.longitude,
        last_end=_utc(entry.last_end),
        starts=[start for start, _end in pairs],
        sessions=[Session(start=start, end=end) for start, end in pairs],
        title_exact=entry.title_exact,
        title_folded=entry.title_folded,
        body_exact=entry.body_exact,
        body_folded=entry.body_folded,
        title=entry.title,
        url=entry.url,
        centre_code=entry.centre_code,
        centre_name=entry.centre_name,
        centre_url=entry.centre_url,
        commune=entry.commune,
        province=entry.province,
    )


# -- configuration ------------------------------------------------------------------


def elasticsearch_settings():
    """Return the engine's settings: FINDER_ELASTICSEARCH over the environment."""
    conf = getattr(settings, "FINDER_ELASTICSEARCH", None) or {}
    return {
        "URL": conf.get("URL") or os.environ.get("ELASTICSEARCH_URL") or "",
        "INDEX": conf.get("INDEX") or DEFAULT_INDEX,
        "REFRESH": conf.get("REFRESH", False),
        "OPTIONS": dict(conf.get("OPTIONS") or {}),
    }


# -- query bodies -------------------------------------------------------------------


def es_time(moment):
    """Return ``moment`` as UTC ISO text, rounded up to the millisecond.

    Stored dates have millisecond precision, so for a stored value ``x``,
    ``x >= moment`` and ``x < moment`` give the same answer with the rounded-up
    value as the database gives with microseconds.
    """
    moment = moment.astimezone(dt.UTC)
    if moment.microsecond % 1000:
        moment += dt.timedelta(microseconds=1000 - moment.microsecond % 1000)
    return moment.isoformat(timespec="milliseconds")


def _match(field, group_tokens, boost=None):
    """A clause for one typed word: a term, or adjacent syllables (Khmer)."""
    kind = "match" if len(group_tokens) == 1 else "match_phrase"
    body = {"query": " ".join(group_tokens)}
    if boost is not None:
        body["boost"] = boost
    return {kind: {field: body}}


def _words(clauses, any_word):
    """Every clause (AND), or at least one (OR, the any-word fallback)."""
    if any_word:
        return {"bool": {"should": clauses, "minimum_should_match": 1}}
    return {"bool": {"must": clauses}}


def text_clauses(query):
    """Return ``(must, should)`` for the text of ``query``, or None when the text
    holds nothing searchable (only punctuation)."""
    groups = query_groups(query.text, query.locale)
    if not groups:
        return None
    # Recall: every word (or any, for the fallback) in the folded title or body.
    recall = _words(
        [
            {
                "bool": {
                    "should": [
                        _match("title_folded", folded, TITLE_BOOST),
                        _match("body_folded", folded),
                    ]
                }
            }
            for _exact, folded in groups
        ],
        query.any_word,
    )
    must = [
        {
            "function_score": {
                "query": recall,
                "functions": [{"script_score": {"script": {"source": SQUASH_SCORE}}}],
                "boost_mode": "replace",
            }
        }
    ]
    should = []
    if has_marks(query.text):
        # The reader typed marks: matches with the same marks rank first.
        exact = _words(
            [
                {
                    "bool": {
                        "should": [
                            _match("title_exact", exact),
                            _match("body_exact", exact),
                        ]
                    }
                }
                for exact, _folded in groups
            ],
            query.any_word,
        )
        should.append(
            {
                "constant_score": {
                    "filter": exact,
                    "boost": EXACT_BOOST,
                    "_name": "exact",
                }
            }
        )
    if len(groups) > 1:
        # The words side by side in the title, in the order typed.
        phrase = " ".join(t for _exact, folded in groups for t in folded)
        should.append(
            {
                "constant_score": {
                    "filter": {"match_phrase": {"title_folded": phrase}},
                    "boost": PHRASE_BOOST,
                    "_name": "phrase",
                }
            }
        )
    if query.near:
        # Within reach (the near filter keeps only those and online courses).
        should.append(
            {
                "constant_score": {
                    "filter": {"bool": {"must_not": {"term": {"mode": "online"}}}},
                    "boost": REACH_BOOST,
                    "_name": "reach",
                }
            }
        )
    return must, should


def _kx(latitude):
    return KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(latitude))


def _distance_params(place):
    return {
        "lat": float(place.latitude),
        "lon": float(place.longitude),
        "ky": KM_PER_DEGREE_LATITUDE,
        "kx": _kx(place.latitude),
    }


def near_filter(query):
    """Within the radius (the database's bounding box and formula), or online."""
    lat0, lon0 = query.near.latitude, query.near.longitude
    r = float(query.radius_km)
    ky, kx = KM_PER_DEGREE_LATITUDE, _kx(lat0)
    within = {
        "bool": {
            "filter": [
                {"range": {"latitude": {"gte": lat0 - r / ky, "lte": lat0 + r / ky}}},
                {"range": {"longitude": {"gte": lon0 - r / kx, "lte": lon0 + r / kx}}},
                {
                    "script": {
                        "script": {
                            "source": WITHIN_SCRIPT,
                            "params": {**_distance_params(query.near), "r2": r * r},
                        }
                    }
                },
            ]
        }
    }
    return {
        "bool": {
            "should": [within, {"term": {"mode": "online"}}],
            "minimum_should_match": 1,
        }
    }


def starts_before(now, horizon):
    """Courses whose next session (the first meeting not over at ``now``) starts
    before ``horizon``."""
    return {
        "nested": {
            "path": "sessions",
            "query": {
                "bool": {
                    "filter": [
                        {"range": {"sessions.end": {"gte": es_time(now)}}},
                        {"range": {"sessions.start": {"lt": es_time(horizon)}}},
                    ]
                }
            },
        }
    }


def horizons(query, now):
    """Return ``{"week": end, "month": end}`` as the database engine computes them."""
    return {
        name: type(query)(starts_within=name).horizon(now)
        for name in STARTS_WITHIN_VALUES
    }


def facet_universes():
    """The values each keyword facet counts, in the database engine's order."""
    return {
        "category": CATEGORY_SLUGS,
        "audience": AUDIENCE_SLUGS,
        "weekday": WEEKDAY_CODES,
        "time_of_day": list(TIMES_OF_DAY),
        "language": language_codes(),
        "mode": MODES,
    }


def active_filters(query, now):
    """Return ``{dimension: clause}`` for every filter the reader chose (values
    the database engine would ignore are ignored here too)."""
    selected = {
        "category": query.categories,
        "audience": query.audiences,
        "weekday": query.weekdays,
        "time_of_day": query.times_of_day,
        "language": query.languages,
        "mode": query.modes,
    }
    active = {}
    for dim, universe in facet_universes().items():
        values = [v for v in universe if v in selected[dim]]
        if values:
            active[dim] = {"terms": {KEYWORD_FACETS[dim]: values}}
    if query.free:
        active["free"] = {"term": {"fee_vnd": 0}}
    if query.starts_within in STARTS_WITHIN_VALUES:
        active["starts_within"] = starts_before(
            now, horizons(query, now)[query.starts_within]
        )
    return active


def _all(clauses):
    if not clauses:
        return {"match_all": {}}
    return {"bool": {"filter": clauses}}


def facet_aggregations(query, now, active):
    """One aggregation per facet, each filtered by every active filter except its
    own: the counts say what choosing that value would give."""
    aggs = {}
    universes = facet_universes()
    for dim in FACETS:
        others = _all([clause for name, clause in active.items() if name != dim])
        if dim in KEYWORD_FACETS:
            inner = {
                "terms": {
                    "field": KEYWORD_FACETS[dim],
                    "include": universes[dim],
                    "size": max(1, len(universes[dim])),
                }
            }
        elif dim == "free":
            inner = {"filters": {"filters": {"true": {"term": {"fee_vnd": 0}}}}}
        else:
            inner = {
                "filters": {
                    "filters": {
                        name: starts_before(now, horizon)
                        for name, horizon in horizons(query, now).items()
                    }
                }
            }
        aggs[dim] = {"filter": others, "aggs": {"values": inner}}
    return aggs


def soonest_sort(now):
    """The earliest start among the meetings not over at ``now``."""
    return {
        "sessions.start": {
            "order": "asc",
            "mode": "min",
            "missing": "_last",
            "nested": {
                "path": "sessions",
                "filter": {"range": {"sessions.end": {"gte": es_time(now)}}},
            },
        }
    }


def sort_clauses(query, now):
    """The database engine's order: see DatabaseEngine._order."""
    sort = query.effective_sort
    by_id = {"page_id": {"order": "asc"}}
    if sort == "distance" and query.near:
        distance = {
            "_script": {
                "type": "number",
                "order": "asc",
                "script": {
                    "source": DISTANCE_SORT_SCRIPT,
                    "params": {**_distance_params(query.near), "far": FAR},
                },
            }
        }
        return [distance, soonest_sort(now), by_id]
    if sort == "relevance" and query.text.strip():
        return [{"_score": {"order": "desc"}}, by_id]
    return [soonest_sort(now), by_id]


def build_search_body(query, now, facets=True):
    """Return the search request body for ``query`` at ``now`` (a plain dict), or
    None when the text holds nothing searchable (the answer is then empty).

    With facets, the reader's filters are a post_filter (the aggregations see the
    candidates before them); without, they simply join the query's filters."""
    must, should = [], []
    if query.text.strip():
        text = text_clauses(query)
        if text is None:
            return None
        must, should = text
    filters = [
        {"term": {"locale": query.locale}},
        {"range": {"last_end": {"gte": es_time(now)}}},
    ]
    if query.near:
        filters.append(near_filter(query))
    active = active_filters(query, now)
    if not facets:
        filters += active.values()
    bool_query = {"filter": filters}
    if must:
        bool_query["must"] = must
    if should:
        bool_query["should"] = should
    offset = (query.page - 1) * query.page_size
    size = query.page_size
    if offset + size > MAX_RESULT_WINDOW:
        # Beyond what from/size can reach: counts and facets only (see search()).
        offset, size = 0, 0
    body = {
        "query": {"bool": bool_query},
        "sort": sort_clauses(query, now),
        "from": offset,
        "size": size,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
    }
    if facets:
        body["aggs"] = facet_aggregations(query, now, active)
        if active:
            body["post_filter"] = _all(list(active.values()))
    return body


def build_autocomplete_body(prefix, locale, limit, now):
    """Return the request body for titles in ``locale`` whose folded words contain
    the words of ``prefix``, the last one as a prefix (None when ``prefix`` holds
    no word), of the courses with a class ending at or after ``now`` (the
    finder hides the others): titles come most taught first, counting only
    those courses (as SearchTitle's running count does for the database
    engines), then in code-point order."""
    groups = autocomplete_groups(prefix, locale)
    if not groups or limit < 1:
        return None
    complete, last, also = groups
    filters = [
        {"term": {"locale": locale}},
        {"range": {"last_end": {"gte": es_time(now)}}},
    ]
    filters += [_match("title_folded", folded) for _exact, folded in complete]
    folded = last[1]
    if len(folded) > 1:
        # Adjacent syllables (Khmer), the last one a prefix.
        begun = {
            "match_phrase_prefix": {
                "title_folded": {
                    "query": " ".join(folded),
                    "max_expansions": PREFIX_MAX_EXPANSIONS,
                }
            }
        }
    elif PREFIX_MIN_GRAM <= len(folded[0]) <= PREFIX_MAX_GRAM:
        begun = {"match": {"title_folded.prefix": folded[0]}}
    else:  # shorter or longer than the indexed edge n-grams
        begun = {"prefix": {"title_folded": folded[0]}}
    if also:  # or a word it may be, as the reader's language holds it
        begun = {
            "bool": {
                "should": [begun, *(_match("title_folded", [w]) for w in also)],
                "minimum_should_match": 1,
            }
        }
    filters.append(begun)
    return {
        "size": 0,
        "query": {"bool": {"filter": filters}},
        "aggs": {
            "titles": {
                "terms": {
                    "field": "title",
                    "size": limit,
                    "order": [{"_count": "desc"}, {"_key": "asc"}],
                }
            }
        },
    }


# -- responses ----------------------------------------------------------------------


def _parse_time(value):
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def next_session(sessions, now):
    """The start of the first meeting not over at ``now`` (as the database)."""
    starts = [
        _parse_time(s["start"]) for s in sessions or () if _parse_time(s["end"]) >= now
    ]
    return min(starts, default=None)


def distance_km(source, place):
    """The database engines' distance (equirectangular, their constants), or None
    without a place or for an online course."""
    if place is None or source.get("mode") == "online":
        return None
    ky, kx = KM_PER_DEGREE_LATITUDE, _kx(place.latitude)
    dy = (source["latitude"] - place.latitude) * ky
    dx = (source["longitude"] - place.longitude) * kx
    return math.sqrt(dy * dy + dx * dx)


def hit_from_source(source, query, now):
    """Return the FinderHit for a document's ``_source``."""
    return FinderHit(
        code=source["code"],
        title=source["title"],
        url=source.get("url", ""),
        locale=source["locale"],
        centre_code=source.get("centre_code", ""),
        centre_name=source.get("centre_name", ""),
        centre_url=source.get("centre_url", ""),
        distance_km=distance_km(source, query.near),
        next_session=next_session(source.get("sessions"), now),
        fee_vnd=source.get("fee_vnd", 0),
        category=source.get("category", ""),
        teaching_language=source.get("teaching_language", ""),
        mode=source.get("mode", ""),
        commune=source.get("commune", ""),
        province=source.get("province", ""),
    )


def facets_from_aggregations(aggregations):
    """Return the facet counts in the database engine's shape: every dimension,
    values in its order, zero counts left out."""
    universes = facet_universes()
    universes["free"] = ["true"]
    universes["starts_within"] = list(STARTS_WITHIN_VALUES)
    facets = {}
    for dim in FACETS:
        buckets = aggregations[dim]["values"]["buckets"]
        if isinstance(buckets, list):  # terms
            counts = {b["key"]: b["doc_count"] for b in buckets}
        else:  # filters, keyed
            counts = {k: b["doc_count"] for k, b in buckets.items()}
        facets[dim] = {v: counts[v] for v in universes[dim] if counts.get(v)}
    return facets


# -- the engine ---------------------------------------------------------------------


class ElasticsearchEngine(BaseEngine):
    name = "elasticsearch"

    def __init__(self):
        self._client = None
        self._client_key = None
        self._lock = threading.Lock()
        self._rebuilding = False

    # -- connection ---------------------------------------------------------------

    @property
    def config(self):
        return elasticsearch_settings()

    @property
    def index_name(self):
        return self.config["INDEX"]

    @property
    def client(self):
        """The client, made on first use (and again if the settings change)."""
        conf = self.config
        if not conf["URL"]:
            raise ImproperlyConfigured(
                "The Elasticsearch finder engine needs ELASTICSEARCH_URL or "
                "FINDER_ELASTICSEARCH['URL']."
            )
        key = (conf["URL"], repr(sorted(conf["OPTIONS"].items())))
        with self._lock:
            if self._client is None or self._client_key != key:
                hosts = [u.strip() for u in conf["URL"].split(",") if u.strip()]
                self._client = Elasticsearch(hosts, **conf["OPTIONS"])
                self._client_key = key
            return self._client

    def index(self):
        """The dsl Index for the configured name, with the document's mapping."""
        return CourseDocument._index.clone(name=self.index_name, using=self.client)

    def _refresh_option(self):
        refresh = self.config["REFRESH"]
        if refresh == "wait_for":
            return "wait_for"
        return bool(refresh)

    # -- the index ----------------------------------------------------------------

    def index_create(self):
        """Delete the index if it exists and create it with the mapping."""
        self.client.indices.delete(index=self.index_name, ignore_unavailable=True)
        self.index().create()

    def index_ensure(self):
        """Create the index if it is missing (never let a write auto-create it
        with a guessed mapping)."""
        index = self.index()
        if not index.exists():
            index.create()

    def index_sync(self, written_ids, removed_ids, translations=True):
        """Index the entry rows of ``written_ids`` now and delete the documents of
        ``removed_ids``. With ``translations``, every other locale's entry of the
        same courses is indexed again too: their schedule is shared through the
        translation key and may have changed with this write. Returns the number
        of documents indexed."""
        written = sorted(set(written_ids))
        removed = sorted(set(removed_ids) - set(written))
        if not written and not removed:
            return 0
        self.index_ensure()
        indexed = 0
        for start in range(0, len(written), BULK_CHUNK):
            actions = self._index_actions(
                written[start : start + BULK_CHUNK], translations
            )
            indexed += sum(a["_op_type"] == "index" for a in actions)
            self._bulk(actions)
        self._bulk(
            [
                {"_op_type": "delete", "_index": self.index_name, "_id": page_id}
                for page_id in removed
            ]
        )
        return indexed

    def _index_actions(self, page_ids, translations=False):
        """Bulk actions for these entries (and their translations): one query for
        the entries, one for their occurrences; deletes for ids without a row."""
        wanted = DbQ(page_id__in=page_ids)
        if translations:
            keys = CourseIndexEntry.objects.filter(page_id__in=page_ids).values(
                "translation_key"
            )
            wanted |= DbQ(translation_key__in=keys)
        entries = list(CourseIndexEntry.objects.filter(wanted).order_by("page_id"))
        schedule = {}
        for key, start, end in CourseOccurrence.objects.filter(
            translation_key__in={e.translation_key for e in entries}
        ).values_list("translation_key", "start", "end"):
            schedule.setdefault(key, []).append((start, end))
        actions = [
            {
                "_op_type": "index",
                "_index": self.index_name,
                "_id": entry.page_id,
                "_source": course_document(
                    entry, schedule.get(entry.translation_key, [])
                ).to_dict(),
            }
            for entry in entries
        ]
        # An entry gone since the call (removed in the same transaction): delete.
        gone = set(page_ids) - {entry.page_id for entry in entries}
        actions += [
            {"_op_type": "delete", "_index": self.index_name, "_id": page_id}
            for page_id in sorted(gone)
        ]
        return actions

    def _bulk(self, actions):
        if not actions:
            return
        _ok, errors = bulk(
            self.client,
            actions,
            refresh=self._refresh_option(),
            raise_on_error=False,
            raise_on_exception=True,
        )
        # A document already gone is what a delete wants.
        failures = [
            item
            for item in errors
            if not (
                "delete" in item
                and item["delete"].get("status") == 404
                and "error" not in item["delete"]
            )
        ]
        if failures:
            raise IndexingError(
                f"Elasticsearch refused {len(failures)} document(s): {failures[:3]}"
            )

    def index_all(self, batch_size=BULK_CHUNK):
        """Recreate the index from the CourseIndexEntry rows as they are (for when
        the cluster was unreachable or is new). Returns the number of documents."""
        self.index_create()
        ids = list(
            CourseIndexEntry.objects.order_by("page_id").values_list(
                "page_id", flat=True
            )
        )
        for start in range(0, len(ids), batch_size):
            self._bulk(self._index_actions(ids[start : start + batch_size]))
        self.index().refresh()
        return len(ids)

    # -- BaseEngine hooks ---------------------------------------------------------

    def entries_changed(self, written_ids, removed_ids):
        try:
            # In a rebuild every entry comes in its own batch: no translations.
            self.index_sync(written_ids, removed_ids, translations=not self._rebuilding)
        except (ApiError, TransportError, IndexingError):
            if self._rebuilding:
                raise
            logger.exception(
                "The Elasticsearch index %s was not updated for pages %s (removed "
                "%s); it will catch up at the next change or rebuild.",
                self.index_name,
                sorted(written_ids)[:20],
                sorted(removed_ids)[:20],
            )

    def rebuild_start(self):
        self._rebuilding = True
        self.index_create()

    def rebuild_finish(self):
        self.index().refresh()
        self._rebuilding = False

    # -- reads --------------------------------------------------------------------

    def search(self, query, now, facets=True):
        result = FinderPage(query=query)
        body = build_search_body(query, now, facets)
        if body is None:
            return result  # nothing searchable in the text (only punctuation)
        response = self.client.search(index=self.index_name, body=body)
        result.count = int(response["hits"]["total"]["value"])
        if facets:
            result.facets = facets_from_aggregations(response["aggregations"])
        result.hits = [
            hit_from_source(hit["_source"], query, now)
            for hit in response["hits"]["hits"]
        ]
        if body["size"] == 0 and result.count > (query.page - 1) * query.page_size:
            logger.warning(
                "Finder page %s is beyond Elasticsearch's result window (%s).",
                query.page,
                MAX_RESULT_WINDOW,
            )
        return result

    def autocomplete(self, prefix, locale, limit, now=None):
        body = build_autocomplete_body(prefix, locale, limit, now or timezone.now())
        if body is None:
            return []
        response = self.client.search(index=self.index_name, body=body)
        buckets = response["aggregations"]["titles"]["buckets"]
        return [b["key"] for b in buckets[:limit]]
