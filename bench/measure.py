"""The measurements behind `make bench`, each beside the limit it is judged by.

Run inside Django (``manage.py run_bench``) against a database filled by
``generate_scale_data``. Every figure is a list of timings summarised as p50 and
p95; ratios compare a figure with its limit measured in the same run on the same
data, so machines of different speed give comparable ratios.
"""

import datetime as dt
import math
import statistics
import time
from functools import partial

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from centres.models import CentrePage, Commune, ProvincePage
from courses.models import CoursePage
from portal.models import HomePage
from search.engines import get_engine
from search.engines.database import (
    ENTRY_TABLE,
    KM_PER_DEGREE_LATITUDE,
    KM_PER_DEGREE_LONGITUDE_AT_EQUATOR,
    query_groups,
)
from search.engines.sqlite import BM25, FTS
from search.finder import FinderQuery, Place, course_find
from search.models import CourseIndexEntry

FINDER_QUERIES = {
    "text_frequent": {"text": "kỹ năng"},
    "text_rare": {"text": "cồng chiêng"},
    "text_three_terms": {"text": "tin học cơ bản"},
    "text_no_hit": {"text": "xyzzyq"},
    "text_without_marks": {"text": "phong chong lua dao"},
}


def percentiles(samples):
    """Return {"p50", "p95", "n"} in milliseconds for ``samples`` in seconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return {
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p95": round(p95 * 1000, 2),
        "n": len(ordered),
    }


def timed(fn, runs, warmup=2):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def timed_in_turn(fns, runs, warmup=2):
    """Time each of ``fns`` (name: function) ``runs`` times, one run of each in
    turn, the order rotating every round: a figure and its limit then see the
    same machine. This machine's speed drifts within seconds (PostgreSQL's raw
    rare-word query took 4.5 and 7.9 ms a minute apart), and timed one block
    after the other their ratio moved with it. Returns {name: percentiles}."""
    names = list(fns)
    for _ in range(warmup):
        for name in names:
            fns[name]()
    samples = {name: [] for name in names}
    for i in range(runs):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            fns[name]()
            samples[name].append(time.perf_counter() - started)
    return {name: percentiles(samples[name]) for name in names}


def _busy_commune():
    """A commune with a centre (the generator puts one in every commune)."""
    centre = CentrePage.objects.filter(locale__language_code="vi").order_by("pk")
    centre = centre[centre.count() // 2]
    return centre.commune


def raw_text_top20(text, newest=None, since=None):
    """The engine's own top-20 query for ``text`` on the same index, nothing else:
    raw FTS5 MATCH ordered by bm25, or a raw tsquery ordered by ts_rank.

    With ``newest``, as the finder ranks a frequent text (settings.
    FINDER_RANKED_CANDIDATES): among the newest ``newest`` matching entries in
    Vietnamese, in the engine's own order (FTS5's rowids backwards; the primary
    key's index on PostgreSQL), from the page id ``since`` on when given (the
    range the finder looks in first, ``finder_since``)."""
    groups = query_groups(text)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            expression = " AND ".join('"' + " ".join(g[1]) + '"' for g in groups)
            match = f"{{title_folded body_folded}} : ({expression})"
            if newest:
                cursor.execute(
                    "SELECT id FROM (SELECT m.id, m.score FROM (SELECT rowid AS id, "  # noqa: S608 - constants
                    f"{BM25} AS score FROM {FTS} WHERE {FTS} MATCH %s) m "
                    "CROSS JOIN search_courseindexentry e INDEXED BY "
                    "search_cie_finder ON e.page_id = m.id WHERE e.locale = 'vi' "
                    "ORDER BY m.id DESC LIMIT %s) ORDER BY score LIMIT 20",
                    [match, newest],
                )
            else:
                cursor.execute(
                    f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s "  # noqa: S608 - constants
                    f"ORDER BY {BM25} LIMIT 20",
                    [match],
                )
        else:
            expression = _tsquery(text)
            if newest:
                cursor.execute(
                    "SELECT page_id FROM (SELECT page_id, tsv_folded FROM "  # noqa: S608 - no input in it
                    "search_courseindexentry WHERE tsv_folded @@ "
                    "to_tsquery('simple', %s) AND locale = 'vi' "
                    + ("AND page_id >= %s " if since else "")
                    + "ORDER BY page_id DESC LIMIT %s) c ORDER BY ts_rank("
                    "tsv_folded, to_tsquery('simple', %s)) DESC LIMIT 20",
                    [expression, *([since] if since else []), newest, expression],
                )
            else:
                cursor.execute(
                    "SELECT page_id FROM search_courseindexentry "
                    "WHERE tsv_folded @@ to_tsquery('simple', %s) ORDER BY "
                    "ts_rank(tsv_folded, to_tsquery('simple', %s)) DESC LIMIT 20",
                    [expression, expression],
                )
        return cursor.fetchall()


def finder_since(engine, query):
    """The page id from which the finder looks for the candidates of ``query``'s
    frequent text when that range holds them all (PostgreSQL's newest
    entries), else None."""
    if not hasattr(engine, "candidates_since"):  # not a database engine
        return None
    text = engine.text_match(query)
    limit = settings.FINDER_RANKED_CANDIDATES
    since = text.share and engine.candidates_since(query, text, text.share)
    if not since:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM search_courseindexentry WHERE tsv_folded @@ "
            "to_tsquery('simple', %s) AND locale = %s AND page_id >= %s",
            [_tsquery(query.text), query.locale, since],
        )
        (held,) = cursor.fetchone()
    return since if held >= limit else None


def _tsquery(text):
    groups = query_groups(text)
    return " & ".join("(" + " <-> ".join(f"'{t}'" for t in g[1]) + ")" for g in groups)


def raw_near_top20(place, radius_km, now, locale="vi"):
    """The raw bounding-box query that returns near me's top 20: the courses of
    ``locale`` still running at ``now`` inside the box around ``place`` and
    within ``radius_km``, nearest first (ties by next session, then page id, as
    the finder orders them), then online courses (no distance) by next session
    when fewer than 20 are within reach. No count and no facets."""
    ky = KM_PER_DEGREE_LATITUDE
    kx = KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(place.latitude))
    dist2 = (
        "((latitude - %s) * %s) * ((latitude - %s) * %s) + "
        "((longitude - %s) * %s) * ((longitude - %s) * %s)"
    )
    lat, lon = place.latitude, place.longitude
    dist_params = [lat, ky, lat, ky, lon, kx, lon, kx]
    soonest = "CASE WHEN next_start IS NULL THEN 1 ELSE 0 END, next_start, page_id"
    end = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id FROM {ENTRY_TABLE} WHERE locale = %s AND "  # noqa: S608 - no input in it
            "last_end >= %s AND mode <> 'online' AND latitude BETWEEN %s AND %s "
            f"AND longitude BETWEEN %s AND %s AND {dist2} <= %s "
            f"ORDER BY {dist2}, {soonest} LIMIT 20",
            [
                locale,
                end,
                lat - radius_km / ky,
                lat + radius_km / ky,
                lon - radius_km / kx,
                lon + radius_km / kx,
                *dist_params,
                radius_km * radius_km,
                *dist_params,
            ],
        )
        rows = cursor.fetchall()
        if len(rows) < 20:
            cursor.execute(
                f"SELECT page_id FROM {ENTRY_TABLE} WHERE locale = %s AND "  # noqa: S608 - no input in it
                f"last_end >= %s AND mode = 'online' ORDER BY {soonest} LIMIT %s",
                [locale, end, 20 - len(rows)],
            )
            rows += cursor.fetchall()
        return rows


def finder_figures(runs):
    """Finder latency per kind of query, with facets, without, and the raw limit."""
    engine = get_engine()
    now = timezone.now()
    commune = _busy_commune()
    place = Place(commune.latitude, commune.longitude, commune.name)
    figures = {}
    for name, params in FINDER_QUERIES.items():
        query = FinderQuery(**params)
        page = engine.search(query, now)
        # A frequent text is ranked among its newest candidates: its limit is
        # the raw query over the same candidates, and ranking every match is
        # kept beside it.
        newest = None if page.count_exact else settings.FINDER_RANKED_CANDIDATES
        since = finder_since(engine, query) if newest else None
        figures[name] = {
            **timed_in_turn(
                {
                    "finder": partial(engine.search, query, now),
                    "finder_without_facets": partial(
                        engine.search, query, now, facets=False
                    ),
                    "limit_raw_engine_top20": partial(
                        raw_text_top20, params["text"], newest, since
                    ),
                },
                runs,
            ),
            "raw_from_page_id": since,
            "count": page.count,
            "count_exact": page.count_exact,
        }
        if newest:
            figures[name]["raw_engine_top20_of_every_match"] = timed(
                lambda t=params["text"]: raw_text_top20(t), runs
            )
    near = FinderQuery(near=place, radius_km=10)
    found = engine.search(near, now)
    raw = raw_near_top20(place, 10, now)
    codes = dict(
        CourseIndexEntry.objects.filter(
            page_id__in=[row[0] for row in raw]
        ).values_list("page_id", "code")
    )
    figures["near_me"] = {
        **timed_in_turn(
            {
                "finder": lambda: engine.search(near, now),
                "finder_without_facets": lambda: engine.search(near, now, facets=False),
                "limit_raw_nearest_top20": lambda: raw_near_top20(place, 10, now),
            },
            runs,
        ),
        "count": found.count,
        # The limit answers with the finder's own first page.
        "same_top20": [codes[row[0]] for row in raw] == [h.code for h in found.hits],
    }
    combined = FinderQuery(
        text="tin học",
        near=place,
        radius_km=25,
        categories=("digital-skills",),
        free=True,
    )
    figures["text_near_two_filters_facets"] = timed_in_turn(
        {
            "finder": lambda: engine.search(combined, now),
            "finder_without_facets": lambda: engine.search(combined, now, facets=False),
            "limit_raw_engine_top20": lambda: raw_text_top20("tin học"),
        },
        runs,
    )
    page = engine.search(combined, now)
    # False when only the newest online matches were ranked (the raw query
    # ranks every match in the country).
    figures["text_near_two_filters_facets"].update(
        count=page.count, count_exact=page.count_exact
    )
    figures["autocomplete_prefix"] = {
        "finder": timed(lambda: engine.autocomplete("tin h", "vi", 8), runs),
    }
    figures["full_contract_with_fallbacks"] = {
        "finder": timed(lambda: course_find(FinderQuery(text="kỹ năng")), runs),
    }
    # A typo in a rare word: the search finds nothing, the vocabulary proposes
    # "chieng", and the corrected search runs (search.spelling).
    typo = FinderQuery(text="cong chiengg")
    figures["similar_spelling_fallback"] = {
        "finder": timed(lambda: course_find(typo), runs),
        "fallback": course_find(typo).fallback,
    }
    return figures


def page_urls():
    """One page of each public type, plus the finder page."""
    home = HomePage.objects.get(locale__language_code="vi")
    province = (
        ProvincePage.objects.filter(locale__language_code="vi")
        .order_by("-numchild")
        .first()
    )
    centre = CentrePage.objects.filter(locale__language_code="vi").order_by("pk").last()
    course = CoursePage.objects.filter(locale__language_code="vi").order_by("pk").last()
    return {
        "home": home.url,
        "province": province.url,
        "centre": centre.url,
        "course": course.url,
        "finder": "/vi/search/?q=tin+h%E1%BB%8Dc",
    }


def queries_per_page():
    """Queries each page runs (the figure that must not grow with the data)."""
    client = Client()
    result = {}
    for name, url in page_urls().items():
        client.get(url)  # warm caches that a running site has warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        # Counted before the next request, whose start clears the query log.
        count = len(queries)
        packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        result[name] = {
            "url": url,
            "status": response.status_code,
            "queries": count,
            # What the page weighs on the wire, as written and gzip-compressed
            # for a browser that asks for it.
            "bytes": len(response.content),
            "bytes_gzip": len(packed.content),
        }
    return result


def page_figures(runs):
    """Time of one uncached request per page through the test client (the view,
    its queries and the template, without HTTP or a server in front)."""
    client = Client()
    result = {}
    for name, url in page_urls().items():
        client.get(url)  # warm caches that a running site has warm
        result[name] = timed(lambda u=url: client.get(u), runs)
    return result


def writes_figures():
    """Publishing a course with 100 sessions (revision + occurrences + index)."""
    course = (
        CoursePage.objects.filter(locale__language_code="vi").order_by("pk").first()
    )
    latest = course.get_latest_revision_as_object()
    first = latest.sessions.first()
    from courses.models import CourseSession

    latest.sessions = [
        CourseSession(
            start=first.start + dt.timedelta(days=7 * i),
            end=first.end + dt.timedelta(days=7 * i),
            place=first.place,
        )
        for i in range(100)
    ]
    samples = []
    for _ in range(3):
        started = time.perf_counter()
        latest.save_revision().publish()
        samples.append(time.perf_counter() - started)
    return {"publish_course_with_100_sessions": percentiles(samples)}


def publish_series_figures(courses):
    """``courses`` Vietnamese courses published one after another, each on its
    own as an editor does in the admin: what a busy minute of editors meets,
    the full-text index's merges included. (The figure above publishes one
    course three times inside one transaction: at tier M it never met the
    merges that made every eighth of these take 2-3 s, BENCHMARKS session
    28.) p50, p95 and the slowest, in milliseconds."""
    pks = (
        CoursePage.objects.filter(locale__language_code="vi")
        .order_by("-pk")
        .values_list("pk", flat=True)[:courses]
    )
    samples = []
    for pk in list(pks):
        latest = CoursePage.objects.get(pk=pk).get_latest_revision_as_object()
        started = time.perf_counter()
        latest.save_revision().publish()
        samples.append(time.perf_counter() - started)
    return {**percentiles(samples), "max": round(max(samples, default=0) * 1000, 2)}


def scale_counts():
    from courses.models import CourseOccurrence
    from search.models import CourseIndexEntry

    return {
        "centres": CentrePage.objects.filter(locale__language_code="vi").count(),
        "courses": CoursePage.objects.filter(locale__language_code="vi").count(),
        "course_pages_all_locales": CoursePage.objects.count(),
        "occurrences": CourseOccurrence.objects.count(),
        "index_entries": CourseIndexEntry.objects.count(),
        "communes": Commune.objects.count(),
    }


def admin_figures(runs):
    """Admin views timed through the test client: as a superuser (the page
    explorer of the largest province, a centre's edit view, the dashboard), and as
    a centre's staff with every centre staff group present against only 10 of them
    (staff_admin_comparison)."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    user, _created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    province = (
        ProvincePage.objects.filter(locale__language_code="vi")
        .order_by("-numchild")
        .first()
    )
    centre = CentrePage.objects.filter(locale__language_code="vi").order_by("pk").last()
    urls = {
        "page_explorer_province": reverse("wagtailadmin_explore", args=[province.pk]),
        "centre_edit": reverse("wagtailadmin_pages:edit", args=[centre.pk]),
        "dashboard": reverse("wagtailadmin_home"),
    }
    result = {}
    for name, url in urls.items():
        status = client.get(url).status_code
        result[name] = {"status": status, **timed(lambda u=url: client.get(u), runs)}
    result["staff_groups"] = staff_admin_comparison(runs)
    return result


class _Rollback(Exception):
    pass


def staff_admin_comparison(runs):
    """Time the admin views centre staff use most (the page explorer of their
    centre and province, their centre's edit view, the dashboard) with every
    centre staff group present (created first by ``staff_groups_backfill``, as
    ``ensure_staff_groups`` does), then with only 10 groups, inside a transaction
    that is rolled back. Returns both sets of figures and the p50 ratios."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.urls import reverse
    from wagtail.models import Locale

    from staff.models import StaffGroup, StaffScope
    from staff.services import staff_add, staff_groups_backfill

    started = time.perf_counter()
    counts = staff_groups_backfill()
    backfill_seconds = time.perf_counter() - started
    centre = (
        CentrePage.objects.filter(locale=Locale.get_default())
        .order_by("-numchild", "pk")
        .first()
    )
    user, _created = staff_add(centre, "bench-centre-staff", "bench@example.vn")
    urls = {
        "page_explorer_centre": reverse("wagtailadmin_explore", args=[centre.pk]),
        "page_explorer_province": reverse(
            "wagtailadmin_explore", args=[centre.get_parent().pk]
        ),
        "centre_edit": reverse("wagtailadmin_pages:edit", args=[centre.pk]),
        "dashboard": reverse("wagtailadmin_home"),
    }
    result = {
        "backfill": {**counts, "seconds": round(backfill_seconds, 2)},
        "groups_all": _staff_views(user, urls, runs),
    }
    try:
        with transaction.atomic():
            keep = set(user.groups.values_list("pk", flat=True))
            keep |= set(
                StaffGroup.objects.filter(scope=StaffScope.PROVINCE)
                .order_by("pk")
                .values_list("group_id", flat=True)[:3]
            )
            others = Group.objects.exclude(pk__in=keep).order_by("pk")
            keep |= set(others.values_list("pk", flat=True)[: 10 - len(keep)])
            Group.objects.exclude(pk__in=keep).delete()
            result["groups_10"] = _staff_views(user, urls, runs)
            raise _Rollback
    except _Rollback:
        pass
    result["ratio_p50"] = {
        name: (
            round(
                result["groups_all"][name]["p50"] / result["groups_10"][name]["p50"], 2
            )
            if result["groups_10"][name]["p50"]
            else None
        )
        for name in urls
    }
    get_user_model().objects.filter(pk=user.pk).delete()
    return result


def _staff_views(user, urls, runs):
    from django.contrib.auth.models import Group

    client = Client()
    client.force_login(user)
    figures = {"groups": Group.objects.count()}
    for name, url in urls.items():
        status = client.get(url).status_code
        if status != 200:
            raise RuntimeError(
                f"{url} answered {status}: run with DJANGO_SETTINGS_MODULE="
                "bench.settings (its ALLOWED_HOSTS accept the test client)"
            )
        figures[name] = {"status": status, **timed(lambda u=url: client.get(u), runs)}
    return figures


def import_figures(courses):
    """Catalogue import of ``courses`` new courses in 10-course centres: rows/s."""
    import json as _json

    from courses.catalogue import catalogue_import

    communes = list(Commune.objects.select_related("province").order_by("code")[:50])
    centres, rows = [], []
    per_centre = 10
    for index in range((courses + per_centre - 1) // per_centre):
        commune = communes[index % len(communes)]
        code = f"BENCH-IMPORT-{index:05d}"
        centres.append(
            {
                "code": code,
                "name": f"Trung tâm nhập thử {index}",
                "province": commune.province.code,
                "commune": commune.name,
                "latitude": commune.latitude,
                "longitude": commune.longitude,
            }
        )
        for number in range(per_centre):
            if len(rows) >= courses:
                break
            rows.append(
                {
                    "code": f"{code}-{number:02d}",
                    "centre": code,
                    "title": f"Tin học cơ bản nhóm {number}",
                    "category": "digital-skills",
                    "audiences": ["older-adults"],
                    "sessions": [
                        {
                            "start": "2030-03-04T18:00",
                            "end": "2030-03-04T19:30",
                            "repeat": {"weekdays": ["mo", "we"], "count": 10},
                        }
                    ],
                    "translations": {
                        "en": {"title": f"Basic computing group {number}"}
                    },
                }
            )
    text = _json.dumps({"centres": centres, "courses": rows}, ensure_ascii=False)
    started = time.perf_counter()
    report = catalogue_import(text, publish=True)
    seconds = time.perf_counter() - started
    # The benchmark's records are in English, whatever the portal's language.
    with translation.override("en"):
        summary = report.summary()
    return {
        "courses": courses,
        "seconds": round(seconds, 1),
        "rows_per_second": round((len(centres) + len(rows)) / seconds, 1),
        "summary": summary,
    }
