"""The Elasticsearch engine.

Without a server, these tests check what the engine sends: the mapping, the
documents built from CourseIndexEntry rows and the request bodies, plus the hit
fields computed in Python. The integration tests at the end run only when
ELASTICSEARCH_URL points at a server; they rebuild a throw-away index from the
demo entries and compare the answers with the database engine's.
"""

import datetime as dt
import json
import logging
import math
import os
import socket
import uuid
from dataclasses import replace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone
from elasticsearch import Elasticsearch, TransportError
from elasticsearch.serializer import JSONSerializer

from courses.fields import WEEKDAY_CODES
from courses.models import CourseOccurrence
from courses.schedule import LOCAL_TZ
from search.engines import get_engine
from search.engines.database import (
    KM_PER_DEGREE_LATITUDE,
    KM_PER_DEGREE_LONGITUDE_AT_EQUATOR,
    query_groups,
)
from search.engines.elasticsearch import (
    DEFAULT_INDEX,
    EXACT_BOOST,
    FACETS,
    MAX_RESULT_WINDOW,
    PHRASE_BOOST,
    PREFIX_MAX_GRAM,
    PREFIX_MIN_GRAM,
    REACH_BOOST,
    TITLE_BOOST,
    CourseDocument,
    ElasticsearchEngine,
    build_autocomplete_body,
    build_search_body,
    course_document,
    es_time,
    hit_from_source,
)
from search.finder import (
    AUDIENCE_SLUGS,
    MODES,
    TIMES_OF_DAY,
    FinderPage,
    FinderQuery,
    Place,
    mask,
)
from search.models import CourseIndexEntry
from search.text import analyse

NOW = dt.datetime(2030, 1, 7, 7, 30, 15, 250_400, tzinfo=LOCAL_TZ)
NOW_ES = "2030-01-07T00:30:15.251+00:00"  # UTC, rounded up to the millisecond
HANOI = Place(21.0285, 105.8542, "Hà Nội")
NO_SERVER = "ELASTICSEARCH_URL is not set: no Elasticsearch server to test against"


def walk(node):
    """Every dict inside ``node`` (a request body), depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def clauses(node, kind):
    """The bodies of every ``kind`` clause (``match``, ``terms``...) in ``node``."""
    return [d[kind] for d in walk(node) if kind in d]


def text_part(body):
    return body["query"]["bool"]


def recall(body):
    """The AND/OR bool of per-word clauses inside the function_score."""
    return text_part(body)["must"][0]["function_score"]["query"]["bool"]


def named(body, name):
    found = [
        d["constant_score"]
        for d in walk(body)
        if "constant_score" in d and d["constant_score"].get("_name") == name
    ]
    return found[0] if found else None


def search_body(**kwargs):
    return build_search_body(FinderQuery(**kwargs), NOW)


# -- the mapping --------------------------------------------------------------------


def test_mapping_has_a_geo_point_and_keyword_filters():
    properties = CourseDocument._doc_type.mapping.to_dict()["properties"]
    assert properties["location"] == {"type": "geo_point"}
    for field in (
        "locale",
        "translation_key",
        "code",
        "category",
        "teaching_language",
        "mode",
        "province_code",
        "audiences",
        "weekdays",
        "times_of_day",
    ):
        assert properties[field] == {"type": "keyword"}, field
    assert properties["page_id"] == {"type": "integer"}
    assert properties["fee_vnd"] == {"type": "integer"}
    assert properties["last_end"] == {"type": "date"}
    assert properties["starts"] == {"type": "date"}
    assert properties["sessions"]["type"] == "nested"
    assert properties["sessions"]["properties"] == {
        "start": {"type": "date"},
        "end": {"type": "date"},
    }
    assert properties["latitude"] == properties["longitude"] == {"type": "double"}


def test_display_fields_are_stored_not_searched():
    properties = CourseDocument._doc_type.mapping.to_dict()["properties"]
    for field in ("url", "centre_code", "centre_name", "centre_url", "commune"):
        assert properties[field]["index"] is False, field
    # The title keeps doc values: autocomplete counts titles.
    assert properties["title"] == {"type": "keyword", "index": False}


def test_text_is_split_on_white_space_only():
    index = CourseDocument._index.to_dict()
    analysis = index["settings"]["analysis"]
    assert analysis["analyzer"]["tokens"] == {
        "type": "custom",
        "tokenizer": "whitespace",
    }
    properties = index["mappings"]["properties"]
    for field in ("title_exact", "title_folded", "body_exact", "body_folded"):
        assert properties[field]["type"] == "text"
        assert properties[field]["analyzer"] == "tokens"


def test_title_has_an_edge_ngram_prefix_subfield():
    index = CourseDocument._index.to_dict()
    prefix = index["mappings"]["properties"]["title_folded"]["fields"]["prefix"]
    assert prefix == {
        "type": "text",
        "analyzer": "title_prefix",
        "search_analyzer": "tokens",
    }
    analysis = index["settings"]["analysis"]
    assert analysis["analyzer"]["title_prefix"]["tokenizer"] == "whitespace"
    (name,) = analysis["analyzer"]["title_prefix"]["filter"]
    assert analysis["filter"][name] == {
        "type": "edge_ngram",
        "min_gram": PREFIX_MIN_GRAM,
        "max_gram": PREFIX_MAX_GRAM,
    }
    assert (PREFIX_MIN_GRAM, PREFIX_MAX_GRAM) == (2, 20)


def test_mapping_is_strict_and_the_index_has_one_shard():
    index = CourseDocument._index.to_dict()
    assert index["mappings"]["dynamic"] == "strict"
    assert index["settings"]["number_of_shards"] == 1


# -- configuration: nothing connects before it must -----------------------------------


def test_the_engine_is_made_without_a_server(settings, monkeypatch):
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    settings.FINDER_ELASTICSEARCH = {}
    engine = ElasticsearchEngine()
    assert engine.index_name == DEFAULT_INDEX
    with pytest.raises(ImproperlyConfigured, match="ELASTICSEARCH_URL"):
        engine.client  # noqa: B018


def test_settings_come_before_the_environment(settings, monkeypatch):
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://from-env:9200")
    settings.FINDER_ELASTICSEARCH = {}
    assert ElasticsearchEngine().config["URL"] == "http://from-env:9200"
    settings.FINDER_ELASTICSEARCH = {"URL": "http://from-settings:9200", "INDEX": "x"}
    engine = ElasticsearchEngine()
    assert engine.config["URL"] == "http://from-settings:9200"
    assert engine.index_name == "x"
    # Making the client sends nothing (there is no server at either address).
    assert isinstance(engine.client, Elasticsearch)


def test_a_text_of_punctuation_answers_without_a_request(settings, monkeypatch):
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    settings.FINDER_ELASTICSEARCH = {}
    engine = ElasticsearchEngine()
    for text in ('"', "***", " - "):
        assert build_search_body(FinderQuery(text=text), NOW) is None
        page = engine.search(FinderQuery(text=text), NOW)
        assert isinstance(page, FinderPage) and page.count == 0 and not page.hits
    assert engine.autocomplete("?!", "vi", 5) == []
    assert engine.autocomplete("tin", "vi", 0) == []


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_cluster_does_not_stop_publishing(settings, caplog):
    settings.FINDER_ELASTICSEARCH = {
        "URL": f"http://127.0.0.1:{_closed_port()}",
        "OPTIONS": {"max_retries": 0, "request_timeout": 2},
    }
    engine = ElasticsearchEngine()
    with caplog.at_level(logging.ERROR, logger="search.engines.elasticsearch"):
        engine.entries_changed([1, 2], {3})
    assert "was not updated for pages [1, 2]" in caplog.text
    # ...but a rebuild that cannot reach it fails loudly, start to end.
    with pytest.raises(TransportError):
        engine.rebuild_start()
    with pytest.raises(TransportError):
        engine.entries_changed([1, 2], set())


def test_times_are_sent_in_utc_rounded_up_to_the_millisecond():
    assert es_time(NOW) == NOW_ES
    exact = dt.datetime(2030, 1, 7, 8, 0, tzinfo=LOCAL_TZ)
    assert es_time(exact) == "2030-01-07T01:00:00.000+00:00"
    assert es_time(exact + dt.timedelta(microseconds=1)).endswith("00.001+00:00")


# -- the text ------------------------------------------------------------------------


def test_every_word_must_match_in_the_folded_title_or_body():
    body = search_body(text="Tin hoc co ban")
    words = recall(body)["must"]
    assert len(words) == 4
    for word, expected in zip(words, ["tin", "hoc", "co", "ban"], strict=True):
        title, text = word["bool"]["should"]
        assert title == {
            "match": {"title_folded": {"query": expected, "boost": TITLE_BOOST}}
        }
        assert text == {"match": {"body_folded": {"query": expected}}}
    assert "should" not in recall(body)
    # The words are folded as the index is: "học" and "hoc" send the same.
    assert recall(search_body(text="Tin HỌC cơ bản")) == recall(body)


def test_any_word_needs_only_one_word():
    body = search_body(text="tin hoc xyzzyq", any_word=True)
    words = recall(body)
    assert "must" not in words
    assert len(words["should"]) == 3
    assert words["minimum_should_match"] == 1


def test_the_text_score_is_squashed_below_one():
    score = text_part(search_body(text="tin"))["must"][0]["function_score"]
    assert score["boost_mode"] == "replace"
    (function,) = score["functions"]
    assert function["script_score"]["script"]["source"] == "_score / (_score + 1.0)"


def test_marks_add_an_exact_tone_clause():
    body = search_body(text="mạ")
    exact = named(body, "exact")
    assert exact is not None and exact["boost"] == EXACT_BOOST
    (word,) = exact["filter"]["bool"]["must"]
    assert word["bool"]["should"] == [
        {"match": {"title_exact": {"query": "ma5"}}},
        {"match": {"body_exact": {"query": "ma5"}}},
    ]
    # Recall stays folded: "mạ" finds "ma", "mã", "má"... too.
    assert clauses(recall(body), "match")[0] == {
        "title_folded": {"query": "ma", "boost": TITLE_BOOST}
    }
    assert named(search_body(text="mã"), "exact")["filter"] != exact["filter"]


def test_without_marks_there_is_no_exact_clause():
    for text in ("ma", "tin hoc", "dan lat", "អក្សរ"):
        assert named(search_body(text=text), "exact") is None, text


def test_old_and_new_tone_placement_send_the_same_exact_tokens():
    old = named(search_body(text="hòa giải"), "exact")
    new = named(search_body(text="hoà giải"), "exact")
    assert old == new
    assert clauses(old, "match")[0] == {"title_exact": {"query": "hoa2"}}


def test_the_exact_clause_follows_any_word():
    exact = named(search_body(text="mạ khay", any_word=True), "exact")
    assert exact["filter"]["bool"]["minimum_should_match"] == 1
    assert len(exact["filter"]["bool"]["should"]) == 2


def test_several_words_add_a_title_phrase_clause():
    body = search_body(text="làm mạ khay")
    phrase = named(body, "phrase")
    assert phrase == {
        # Folded as the index is: "y" is "i" ("kỹ" = "kĩ").
        "filter": {"match_phrase": {"title_folded": "lam ma khai"}},
        "boost": PHRASE_BOOST,
        "_name": "phrase",
    }
    assert named(search_body(text="mạ"), "phrase") is None


def test_tiers_rank_exact_then_phrase_then_reach_then_score():
    # The squashed text score is below 1: an exact match outranks any phrase
    # match within reach with any score, a phrase match any match within reach,
    # and a match within reach any online one.
    assert REACH_BOOST >= 1
    assert PHRASE_BOOST >= REACH_BOOST + 1
    assert EXACT_BOOST >= PHRASE_BOOST + REACH_BOOST + 1


def test_with_a_place_a_class_within_reach_outranks_an_online_one():
    reach = named(search_body(text="tin học", near=HANOI, radius_km=10), "reach")
    assert reach == {
        "filter": {"bool": {"must_not": {"term": {"mode": "online"}}}},
        "boost": REACH_BOOST,
        "_name": "reach",
    }
    assert named(search_body(text="tin học"), "reach") is None


def test_a_khmer_word_is_a_phrase_of_syllables():
    body = search_body(text="អក្សរ", locale="km")
    ((_exact, syllables),) = query_groups("អក្សរ")
    assert len(syllables) > 1
    (word,) = recall(body)["must"]
    title, text = word["bool"]["should"]
    assert title == {
        "match_phrase": {
            "title_folded": {"query": " ".join(syllables), "boost": TITLE_BOOST}
        }
    }
    assert text == {"match_phrase": {"body_folded": {"query": " ".join(syllables)}}}
    # The syllables are the ones the index holds for a title with that word.
    assert " ".join(syllables) in analyse("ថ្នាក់រៀនអក្សរខ្មែរ")[1]


# -- filters, place, sort, pages ------------------------------------------------------


def test_every_search_is_in_the_locale_and_current():
    filters = text_part(search_body(locale="en"))["filter"]
    assert filters[:2] == [
        {"term": {"locale": "en"}},
        {"range": {"last_end": {"gte": NOW_ES}}},
    ]


def test_near_keeps_the_radius_and_online_courses():
    body = search_body(near=HANOI, radius_km=25)
    (near,) = text_part(body)["filter"][2:]
    within, online = near["bool"]["should"]
    assert near["bool"]["minimum_should_match"] == 1
    assert online == {"term": {"mode": "online"}}
    latitude, longitude, script = within["bool"]["filter"]
    ky = KM_PER_DEGREE_LATITUDE
    kx = KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(HANOI.latitude))
    # The database engines' bounding box, to the last bit.
    assert latitude == {
        "range": {
            "latitude": {
                "gte": HANOI.latitude - 25 / ky,
                "lte": HANOI.latitude + 25 / ky,
            }
        }
    }
    assert longitude == {
        "range": {
            "longitude": {
                "gte": HANOI.longitude - 25 / kx,
                "lte": HANOI.longitude + 25 / kx,
            }
        }
    }
    params = script["script"]["script"]["params"]
    assert params == {
        "lat": HANOI.latitude,
        "lon": HANOI.longitude,
        "ky": ky,
        "kx": kx,
        "r2": 625.0,
    }
    assert "<= params.r2" in script["script"]["script"]["source"]


def test_a_place_without_text_sorts_by_distance():
    body = search_body(near=HANOI)
    distance, soonest, by_id = body["sort"]
    assert distance["_script"]["order"] == "asc"
    assert distance["_script"]["script"]["params"]["lat"] == HANOI.latitude
    # Online courses have no distance: they come after every other one.
    assert "'online'" in distance["_script"]["script"]["source"]
    assert "sessions.start" in soonest
    assert by_id == {"page_id": {"order": "asc"}}
    assert search_body(near=HANOI, sort="distance", text="tin")["sort"][0] == distance


def test_a_place_with_text_sorts_by_relevance():
    assert search_body(near=HANOI, text="tin hoc")["sort"] == [
        {"_score": {"order": "desc"}},
        {"page_id": {"order": "asc"}},
    ]


def test_soonest_is_the_first_session_not_over():
    body = search_body(text="tin", sort="soonest")
    assert body["sort"] == [
        {
            "sessions.start": {
                "order": "asc",
                "mode": "min",
                "missing": "_last",
                "nested": {
                    "path": "sessions",
                    "filter": {"range": {"sessions.end": {"gte": NOW_ES}}},
                },
            }
        },
        {"page_id": {"order": "asc"}},
    ]
    # The default without text or place, and what distance means without a place.
    assert search_body()["sort"] == body["sort"]
    assert search_body(sort="distance")["sort"] == body["sort"]
    assert search_body(sort="relevance")["sort"] == body["sort"]


def test_filters_go_in_the_post_filter():
    body = search_body(
        text="tin",
        categories=("digital-skills", "not-a-category"),
        audiences=("women", "farmers"),
        weekdays=("sa",),
        times_of_day=("evening",),
        languages=("km",),
        modes=("online", "blended"),
    )
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"category": ["digital-skills"]}},
                # Values in the universe's order, whatever order they came in.
                {
                    "terms": {
                        "audiences": [
                            a for a in AUDIENCE_SLUGS if a in {"women", "farmers"}
                        ]
                    }
                },
                {"terms": {"weekdays": ["sa"]}},
                {"terms": {"times_of_day": ["evening"]}},
                {"terms": {"teaching_language": ["km"]}},
                {"terms": {"mode": [m for m in MODES if m in {"online", "blended"}]}},
            ]
        }
    }
    # The query itself, which the facets count, does not filter them.
    assert not clauses(text_part(body), "terms")


def test_unknown_values_filter_nothing():
    body = search_body(categories=("not-a-category",), starts_within="year")
    assert "post_filter" not in body


def test_no_filter_no_post_filter_and_facets_count_everything():
    body = search_body(text="tin")
    assert "post_filter" not in body
    assert set(body["aggs"]) == set(FACETS)
    for dim in FACETS:
        assert body["aggs"][dim]["filter"] == {"match_all": {}}, dim


def test_each_facet_applies_every_other_filter_but_its_own():
    query = FinderQuery(
        text="tin",
        categories=("digital-skills",),
        weekdays=("sa", "su"),
        free=True,
        starts_within="week",
    )
    body = build_search_body(query, NOW)
    active = {
        "category": {"terms": {"category": ["digital-skills"]}},
        "weekday": {"terms": {"weekdays": ["sa", "su"]}},
        "free": {"term": {"fee_vnd": 0}},
    }
    filters = body["post_filter"]["bool"]["filter"]
    for clause in active.values():
        assert clause in filters
    (starts_within,) = [f for f in filters if "nested" in f]
    active["starts_within"] = starts_within
    assert len(filters) == 4
    for dim in FACETS:
        applied = body["aggs"][dim]["filter"]["bool"]["filter"]
        expected = [clause for name, clause in active.items() if name != dim]
        assert sorted(map(json.dumps, applied)) == sorted(map(json.dumps, expected))


def test_without_facets_the_filters_join_the_query():
    query = FinderQuery(text="tin", categories=("digital-skills",), free=True)
    body = build_search_body(query, NOW, facets=False)
    assert "aggs" not in body and "post_filter" not in body
    with_facets = build_search_body(query, NOW)
    assert (
        text_part(body)["filter"]
        == text_part(with_facets)["filter"]
        + with_facets["post_filter"]["bool"]["filter"]
    )


def test_keyword_facets_count_every_value_of_their_universe():
    aggs = search_body()["aggs"]
    terms = aggs["weekday"]["aggs"]["values"]["terms"]
    assert terms == {"field": "weekdays", "include": WEEKDAY_CODES, "size": 7}
    terms = aggs["time_of_day"]["aggs"]["values"]["terms"]
    assert terms["field"] == "times_of_day"
    assert terms["include"] == list(TIMES_OF_DAY)
    assert aggs["category"]["aggs"]["values"]["terms"]["size"] == len(
        aggs["category"]["aggs"]["values"]["terms"]["include"]
    )
    assert aggs["language"]["aggs"]["values"]["terms"]["field"] == "teaching_language"


def test_free():
    body = search_body(free=True)
    assert body["post_filter"] == {"bool": {"filter": [{"term": {"fee_vnd": 0}}]}}
    assert body["aggs"]["free"]["aggs"]["values"] == {
        "filters": {"filters": {"true": {"term": {"fee_vnd": 0}}}}
    }


def _starts_before(horizon):
    return {
        "nested": {
            "path": "sessions",
            "query": {
                "bool": {
                    "filter": [
                        {"range": {"sessions.end": {"gte": NOW_ES}}},
                        {"range": {"sessions.start": {"lt": es_time(horizon)}}},
                    ]
                }
            },
        }
    }


def test_starts_within_is_the_next_session_before_the_horizon():
    week = FinderQuery(starts_within="week").horizon(NOW)
    month = FinderQuery(starts_within="month").horizon(NOW)
    assert es_time(week) == "2030-01-13T17:00:00.000+00:00"  # Monday 14, 00:00 VN
    body = search_body(starts_within="week")
    assert body["post_filter"] == {"bool": {"filter": [_starts_before(week)]}}
    assert search_body(starts_within="month")["post_filter"]["bool"]["filter"] == [
        _starts_before(month)
    ]
    assert body["aggs"]["starts_within"]["aggs"]["values"] == {
        "filters": {
            "filters": {"week": _starts_before(week), "month": _starts_before(month)}
        }
    }


def test_pages():
    body = search_body(text="tin", page=3, page_size=10)
    assert (body["from"], body["size"]) == (20, 10)
    assert body["track_total_hits"] is True
    first = search_body(text="tin")
    assert (first["from"], first["size"]) == (0, 20)
    # Past what from/size can reach: counts and facets only.
    far = search_body(text="tin", page=MAX_RESULT_WINDOW, page_size=50)
    assert (far["from"], far["size"]) == (0, 0)


def test_hits_bring_back_display_fields_not_the_analysed_text():
    source = search_body(text="tin")["_source"]
    assert {"title", "url", "centre_name", "sessions", "latitude"} <= set(source)
    assert not {"title_exact", "title_folded", "body_exact", "body_folded"} & set(
        source
    )


def test_the_body_is_plain_json():
    body = search_body(
        text="mạ khay", near=HANOI, free=True, starts_within="month", sort="soonest"
    )
    assert json.loads(json.dumps(body)) == body


# -- autocomplete --------------------------------------------------------------------


def test_autocomplete_prefix_uses_the_edge_ngram_subfield():
    body = build_autocomplete_body("Tin hõ", "vi", 5, NOW)
    assert body["size"] == 0
    assert body["query"]["bool"]["filter"] == [
        {"term": {"locale": "vi"}},
        {"range": {"last_end": {"gte": NOW_ES}}},
        {"match": {"title_folded": {"query": "tin"}}},
        {"match": {"title_folded.prefix": "ho"}},
    ]
    assert body["aggs"]["titles"] == {
        "terms": {
            "field": "title",
            "size": 5,
            "order": [{"_count": "desc"}, {"_key": "asc"}],
        }
    }


@pytest.mark.parametrize("typed", ["me", "men", "Men", "men -"])
def test_english_autocomplete_takes_a_begun_men_whole_too(typed):
    """English text holds "men" as "man": the last word typed, which may also
    begin "menu", matches either (punctuation after it is no word)."""
    body = build_autocomplete_body(f"shirts for {typed}", "en", 5, NOW)
    typed = typed.removesuffix(" -")
    assert body["query"]["bool"]["filter"][-1] == {
        "bool": {
            "should": [
                {"match": {"title_folded.prefix": typed.casefold()}},
                {"match": {"title_folded": {"query": "man"}}},
            ],
            "minimum_should_match": 1,
        }
    }
    vietnamese = build_autocomplete_body(f"ao cho {typed}", "vi", 5, NOW)
    assert vietnamese["query"]["bool"]["filter"][-1] == {
        "match": {"title_folded.prefix": typed.casefold()}
    }


def test_an_english_query_folds_men_as_english_entries_hold_it():
    """An English reader's "men" is searched as English entries hold it."""

    def folded(locale):
        body = build_search_body(FinderQuery(text="men", locale=locale), NOW)
        matches = clauses(body, "match")
        return {m[f]["query"] for m in matches for f in m if f.endswith("_folded")}

    assert folded("en") == {"man"}
    assert folded("vi") == {"men"}


def test_autocomplete_counts_only_the_courses_with_a_class_to_come():
    """Only the courses whose last class ends at or after the time asked about
    are matched (as the finder finds them, to the millisecond as ``es_time``
    gives it): a title comes only while one runs, and its bucket counts the
    running ones, most taught first (as SearchTitle's running count orders the
    database engines' titles)."""
    body = build_autocomplete_body("tin h", "vi", 5, NOW)
    assert {"range": {"last_end": {"gte": NOW_ES}}} in body["query"]["bool"]["filter"]
    assert "aggs" not in body["aggs"]["titles"]


def test_autocomplete_answers_the_first_titles_kept(settings, monkeypatch):
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    settings.FINDER_ELASTICSEARCH = {}
    engine = ElasticsearchEngine()
    buckets = [{"key": f"Tin học {n}", "doc_count": 9 - n} for n in range(9)]
    sent = {}

    class Client:
        def search(self, index, body):
            sent.update(body)
            return {"aggregations": {"titles": {"buckets": buckets}}}

    monkeypatch.setattr(ElasticsearchEngine, "client", Client())
    assert engine.autocomplete("tin h", "vi", 3, NOW) == [
        "Tin học 0",
        "Tin học 1",
        "Tin học 2",
    ]
    assert sent["aggs"]["titles"]["terms"]["size"] == 3


def test_autocomplete_prefixes_the_subfield_cannot_hold():
    body = build_autocomplete_body("tin h", "vi", 5, NOW)
    assert body["query"]["bool"]["filter"][-1] == {"prefix": {"title_folded": "h"}}
    long = "x" * (PREFIX_MAX_GRAM + 1)
    filters = build_autocomplete_body(long, "en", 5, NOW)["query"]["bool"]["filter"]
    assert filters[-1] == {"prefix": {"title_folded": long}}


def test_autocomplete_khmer_prefix_is_a_phrase_prefix():
    body = build_autocomplete_body("អក្សរ", "km", 5, NOW)
    filters = body["query"]["bool"]["filter"]
    ((_exact, syllables),) = query_groups("អក្សរ")
    assert filters[-1]["match_phrase_prefix"]["title_folded"]["query"] == " ".join(
        syllables
    )


def test_autocomplete_of_nothing_is_nothing():
    assert build_autocomplete_body("", "vi", 5, NOW) is None
    assert build_autocomplete_body("  ,;", "vi", 5, NOW) is None


# -- documents from the entry rows (database, no server) ------------------------------


def _source(entry):
    """The JSON the client sends for ``entry``, as the server returns it."""
    occurrences = CourseOccurrence.objects.filter(
        translation_key=entry.translation_key
    ).values_list("start", "end")
    document = course_document(entry, occurrences)
    return json.loads(JSONSerializer().dumps(document.to_dict()))


@pytest.mark.django_db
def test_a_document_holds_the_entry_with_its_schedule():
    entry = (
        CourseIndexEntry.objects.exclude(audiences=0)
        .exclude(weekdays=0)
        .filter(mode="in_person")
        .first()
    )
    document = course_document(
        entry,
        CourseOccurrence.objects.filter(
            translation_key=entry.translation_key
        ).values_list("start", "end"),
    )
    assert document.meta.id == entry.page_id
    source = _source(entry)
    assert mask(source["audiences"], AUDIENCE_SLUGS) == entry.audiences
    assert mask(source["weekdays"], WEEKDAY_CODES) == entry.weekdays
    assert mask(source["times_of_day"], list(TIMES_OF_DAY)) == entry.times_of_day
    assert source["location"] == {"lat": entry.latitude, "lon": entry.longitude}
    assert source["title_folded"] == entry.title_folded
    occurrences = list(
        CourseOccurrence.objects.filter(translation_key=entry.translation_key)
        .order_by("start")
        .values_list("start", "end")
    )
    assert len(source["sessions"]) == len(occurrences) > 0
    assert [dt.datetime.fromisoformat(s) for s in source["starts"]] == [
        start for start, _end in occurrences
    ]
    assert dt.datetime.fromisoformat(source["last_end"]) == entry.last_end


@pytest.mark.django_db
def test_a_write_also_reindexes_the_translations_sharing_its_schedule(settings):
    settings.FINDER_ELASTICSEARCH = {"URL": "http://unused:9200", "INDEX": "x"}
    keys = CourseIndexEntry.objects.filter(locale="en").values("translation_key")
    source = CourseIndexEntry.objects.filter(
        locale="vi", translation_key__in=keys
    ).first()
    translations = set(
        CourseIndexEntry.objects.filter(
            translation_key=source.translation_key
        ).values_list("page_id", flat=True)
    )
    assert len(translations) > 1
    engine = ElasticsearchEngine()
    actions = engine._index_actions([source.page_id], translations=True)
    assert {a["_id"] for a in actions} == translations
    assert {a["_index"] for a in actions} == {"x"}
    assert {a["_op_type"] for a in actions} == {"index"}
    schedules = {json.dumps(a["_source"]["sessions"], default=str) for a in actions}
    assert len(schedules) == 1  # one schedule, shared
    (only,) = engine._index_actions([source.page_id])
    assert only["_id"] == source.page_id
    # An id without a row (removed meanwhile) becomes a delete.
    missing = CourseIndexEntry.objects.order_by("-page_id").first().page_id + 1000
    assert engine._index_actions([missing]) == [
        {"_op_type": "delete", "_index": "x", "_id": missing}
    ]


def _database_engine():
    """The engine of the test database: what Elasticsearch must agree with."""
    if connection.vendor == "sqlite":
        return get_engine("search.engines.sqlite.SQLiteEngine")
    return get_engine("search.engines.postgresql.PostgreSQLEngine")


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["in_person", "online"])
def test_hit_distance_and_next_session_are_the_database_engines(mode):
    entry = CourseIndexEntry.objects.filter(
        locale="vi", mode=mode, last_end__gte=timezone.now()
    ).first()
    near = Place(entry.latitude + 0.05, entry.longitude - 0.04)
    now = timezone.now()
    query = FinderQuery(locale="vi", near=near, radius_km=25, page_size=50)
    reference = None
    page = 1
    while reference is None:
        result = _database_engine().search(replace(query, page=page), now)
        reference = next((h for h in result.hits if h.url == entry.url), None)
        assert result.hits, "the entry is within 25 km of the place"
        page += 1
    hit = hit_from_source(_source(entry), query, now)
    assert hit.next_session == reference.next_session
    if mode == "online":
        assert hit.distance_km is reference.distance_km is None
    else:
        assert hit.distance_km == pytest.approx(reference.distance_km, rel=1e-12)
    assert (hit.code, hit.title, hit.centre_name, hit.province) == (
        reference.code,
        reference.title,
        reference.centre_name,
        reference.province,
    )
    assert (
        hit_from_source(_source(entry), replace(query, near=None), now).distance_km
        is None
    )


# -- against a server (only with ELASTICSEARCH_URL) -----------------------------------


@pytest.fixture(scope="session")
def es_url():
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip(NO_SERVER)
    return url


@pytest.fixture
def es(es_url, db, settings):
    """The engine on a fresh index holding every CourseIndexEntry row."""
    settings.FINDER_ELASTICSEARCH = {
        "URL": es_url,
        "INDEX": f"htcd-courses-test-{uuid.uuid4().hex[:12]}",
        "REFRESH": True,
    }
    engine = ElasticsearchEngine()
    engine.index_all()
    yield engine
    engine.client.indices.delete(index=engine.index_name, ignore_unavailable=True)


@pytest.fixture
def database(db):
    return _database_engine()


def _urls(page):
    return [hit.url for hit in page.hits]


def _all_hits(engine, query, now):
    hits, page = [], 1
    while True:
        result = engine.search(replace(query, page=page, page_size=50), now)
        hits += result.hits
        if len(hits) >= result.count or not result.hits:
            return hits
        page += 1


def test_server_mapping_is_ours(es):
    mapping = es.client.indices.get_mapping(index=es.index_name)
    properties = mapping[es.index_name]["mappings"]["properties"]
    assert properties["location"]["type"] == "geo_point"
    assert properties["sessions"]["type"] == "nested"
    assert es.client.count(index=es.index_name)["count"] == (
        CourseIndexEntry.objects.count()
    )


def test_server_tin_hoc_finds_the_tin_hoc_courses(es, database):
    now = timezone.now()
    query = FinderQuery(text="tin hoc", locale="vi")
    hits = _all_hits(es, query, now)
    expected = set(
        CourseIndexEntry.objects.filter(
            locale="vi", title__contains="Tin học", last_end__gte=now
        ).values_list("url", flat=True)
    )
    assert expected
    assert expected <= {hit.url for hit in hits}
    assert {hit.url for hit in hits} == {h.url for h in _all_hits(database, query, now)}


def test_server_exact_tone_ranks_first(es):
    now = timezone.now()
    hits = _all_hits(es, FinderQuery(text="mạ", locale="vi"), now)
    titles = [hit.title for hit in hits]
    assert "Kỹ thuật làm mạ khay cho lúa" in titles
    first_qr = next(
        (i for i, t in enumerate(titles) if t.startswith("Mã QR")), len(titles)
    )
    assert titles.index("Kỹ thuật làm mạ khay cho lúa") < first_qr
    # Every exact-tone match comes before every folded-only one.
    exact = {
        url
        for url, tokens in CourseIndexEntry.objects.filter(locale="vi").values_list(
            "url", "title_exact"
        )
        if "ma5" in tokens.split()
    } | {
        url
        for url, tokens in CourseIndexEntry.objects.filter(locale="vi").values_list(
            "url", "body_exact"
        )
        if "ma5" in tokens.split()
    }
    tiers = [hit.url in exact for hit in hits]
    assert tiers == sorted(tiers, reverse=True)


def _parity_queries():
    entry = (
        CourseIndexEntry.objects.filter(locale="vi", mode="in_person")
        .order_by("page_id")
        .first()
    )
    here = Place(entry.latitude, entry.longitude)
    base = FinderQuery(locale="vi", page_size=50)
    return [
        replace(base, text="tin hoc"),
        replace(base, text="ma"),
        replace(base, text="mạ khay"),
        replace(base, text="trồng rau xyzzyq", any_word=True),
        replace(base, text="digital", locale="en"),
        replace(base, near=here, radius_km=10),
        replace(base, near=here, radius_km=50, sort="soonest"),
        replace(base, near=here, radius_km=25, text="tin hoc"),
        replace(base, categories=(entry.category,)),
        replace(base, audiences=("women", "farmers"), free=True),
        replace(base, weekdays=("sa", "su"), times_of_day=("morning",)),
        replace(base, languages=("vi",), modes=("online", "blended")),
        replace(base, starts_within="week"),
        replace(base, starts_within="month", categories=(entry.category,)),
        replace(base, text="tin", page=2, page_size=5, sort="soonest"),
    ]


def test_server_counts_facets_and_orders_equal_the_database_engine(es, database):
    now = timezone.now()
    for query in _parity_queries():
        ours, theirs = es.search(query, now), database.search(query, now)
        assert ours.count == theirs.count, query
        assert ours.facets == theirs.facets, query
        bare = es.search(query, now, facets=False)
        assert bare.facets == database.search(query, now, facets=False).facets
        assert (bare.count, _urls(bare)) == (ours.count, _urls(ours))
        if query.effective_sort != "relevance":
            assert _urls(ours) == _urls(theirs), query
            for mine, reference in zip(ours.hits, theirs.hits, strict=True):
                assert mine.next_session == reference.next_session
                if reference.distance_km is None:
                    assert mine.distance_km is None
                else:
                    assert mine.distance_km == pytest.approx(reference.distance_km)
        elif ours.count <= query.page_size:
            assert set(_urls(ours)) == set(_urls(theirs)), query


def test_server_autocomplete_equals_the_database_engine(es, database):
    for prefix, locale in [
        ("tin h", "vi"),
        ("ky thu", "vi"),
        ("gieo m", "vi"),
        ("m", "vi"),
        ("dig", "en"),
        ("zzzz", "vi"),
    ]:
        ours = es.autocomplete(prefix, locale, 8)
        theirs = database.autocomplete(prefix, locale, 8)
        if connection.vendor == "sqlite":  # same title order (code points)
            assert ours == theirs, prefix
        else:
            assert set(ours) == set(theirs), prefix


def test_server_follows_removed_and_written_entries(es):
    now = timezone.now()
    entry = CourseIndexEntry.objects.filter(
        locale="vi", title__contains="Tin học", last_end__gte=now
    ).first()
    query = FinderQuery(text="tin hoc", locale="vi")
    es.entries_changed([], {entry.page_id})
    assert entry.url not in {h.url for h in _all_hits(es, query, now)}
    es.entries_changed([entry.page_id], set())
    assert entry.url in {h.url for h in _all_hits(es, query, now)}


@pytest.mark.parametrize(
    "text", ['"', "' OR 1=1 --", "tin*", "{title}:x", "a & b | !c", "x" * 500]
)
def test_server_operators_and_quotes_are_just_text(es, text):
    assert es.search(FinderQuery(text=text), timezone.now()).count >= 0


def test_server_rebuild_through_the_services(es, settings):
    from search.services import course_index_rebuild

    settings.FINDER_ENGINE = "search.engines.elasticsearch.ElasticsearchEngine"
    count = course_index_rebuild()
    assert count == CourseIndexEntry.objects.count()
    engine = get_engine()
    assert engine.client.count(index=engine.index_name)["count"] == count
