"""Reads behind the province and centre pages, and place-name matching."""

import datetime as dt
import re
from itertools import groupby
from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from centres.models import CentrePage, Commune, Province
from courses.jsonld import centre_jsonld, jsonld_script
from courses.models import CoursePage
from courses.schedule import local_date
from courses.selectors import (
    calendar_links,
    course_cards,
    month_of,
    starting_soon,
    timetable,
    week_of,
)
from portal.collation import place_sort_key, sort_key, sorted_by_title
from portal.interface import reader_language
from portal.selectors import (
    child_url,
    parent_urls,
    reader_pages,
    reader_url,
    with_reader_urls,
)
from search.text import nfc, place_key, strip_place_type

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PlaceNotFound(LookupError):
    """No province or commune matches the name."""


class PlaceAmbiguous(LookupError):
    """Several communes match the name; ``candidates`` lists them."""

    def __init__(self, name, candidates):
        super().__init__(name)
        self.candidates = candidates


def _match(name, items):
    """Return the single item of ``items`` (objects with ``name``) matching ``name``.

    Tries, in order: the exact name (any case and Unicode form), the name without
    its type word, then the folded key (no marks, no ``đ``, no spaces). The first
    rule that finds exactly one item wins; several at the last rule is ambiguous.
    """
    wanted = nfc(name).casefold()
    rules = (
        lambda item: nfc(item.name).casefold() == wanted,
        lambda item: (
            strip_place_type(item.name).casefold()
            == strip_place_type(wanted).casefold()
        ),
        lambda item: place_key(item.name) == place_key(name),
    )
    found = []
    for rule in rules:
        found = [item for item in items if rule(item)]
        if len(found) == 1:
            return found[0]
    if found:
        raise PlaceAmbiguous(name, found)
    raise PlaceNotFound(name)


def province_find(name_or_code, provinces=None):
    """Return the Province named or coded ``name_or_code`` ("dak lak", "66").

    Raises PlaceNotFound (or PlaceAmbiguous, which cannot happen with today's 34).
    """
    text = nfc(str(name_or_code))
    provinces = provinces if provinces is not None else list(Province.objects.all())
    if text.isdigit():
        for province in provinces:
            if province.code == text.zfill(2):
                return province
        raise PlaceNotFound(text)
    return _match(text, provinces)


def commune_find(name, province, communes=None):
    """Return the Commune of ``province`` named ``name`` ("ea kao" = "Phường Ea Kao").

    Raises PlaceNotFound, or PlaceAmbiguous when two communes of the province share
    the folded name (for example "Phường Mỹ Tho" and "Xã Mỹ Thọ" for "my tho").
    """
    if communes is None:
        communes = list(Commune.objects.filter(province=province))
    return _match(name, communes)


def centre_page_context(page, request=None, now=None):
    """Return what the centre page shows besides its own fields: its courses with
    their next class, this week's timetable (Monday to Sunday, Vietnam time, as
    of ``now``), its calendar and feed links and its schema.org description. A
    constant number of queries whatever the number of courses."""
    # Its commune and province in one query.
    page.commune = Commune.objects.select_related("province").get(pk=page.commune_id)
    # In Vietnamese alphabetical order (the database's put "Chăm sóc…"
    # before "Cài đặt…").
    courses = with_reader_urls(
        sorted_by_title(course_cards(reader_pages(CoursePage, page), now)), request
    )
    monday, sunday = week_of(now)
    return {
        "province": page.commune.province,
        "courses": courses,
        "week": centre_week(page, now, courses),
        "week_start": monday,
        "week_end": sunday,
        "calendar": calendar_links(request, "centre_calendar", page.code),
        "feed_url": reverse("centre_feed", kwargs={"code": page.code}),
        "timetable_url": page.url + page.reverse_subpage("timetable"),
        "jsonld": jsonld_script(centre_jsonld(page, request)),
    }


def centre_week(page, now=None, courses=None):
    """Return this week's classes at the centre ``page`` (Monday to Sunday of the
    week of ``now`` in Vietnam time) as ``(date, [TimetableEntry])`` for each of
    the seven days, cancelled classes included and marked. ``courses`` are its
    live courses when the caller has them."""
    if courses is None:
        courses = list(CoursePage.objects.live().child_of(page))
    monday, sunday = week_of(now)
    return timetable(courses, monday, sunday, all_days=True)


def month_from_text(text, now=None):
    """Return ``(year, month)`` from "2027-01"; the month of ``now`` (Vietnam time)
    when ``text`` is missing or not a month between 2000 and 2100."""
    match = _MONTH.match(text or "")
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    today = local_date(now or timezone.now())
    return today.year, today.month


def centre_timetable_context(page, month_text=None, now=None, request=None):
    """Return the printable month timetable of the centre ``page``: its days with
    classes (cancelled ones marked), the month shown and its neighbours."""
    year, month = month_from_text(month_text, now)
    first, last = month_of(year, month)
    courses = with_reader_urls(
        list(reader_pages(CoursePage, page).order_by("title")), request
    )
    previous = first - dt.timedelta(days=1)
    following = last + dt.timedelta(days=1)
    return {
        "province": page.commune.province,
        "month": first,
        "days": timetable(courses, first, last),
        "previous_month": f"{previous:%Y-%m}",
        "next_month": f"{following:%Y-%m}",
    }


def province_page_context(page, request=None, now=None):
    """Return the province page's centres by commune, the courses starting soon
    in the province and its feed link.

    The centres are read as values, each with its URL made from its
    province's (as the rebuild makes a course's, ``child_url``): a page
    instance and a URL asked of Wagtail for each of Phú Thọ's 323 centres were
    about 80 ms of the page's rendering under the profiler at tier M."""
    # Communes, then their centres, in Vietnamese alphabetical order, communes
    # without their type word ("Phường", "Xã"): sorted here, as the database
    # sorts by character code ("Xã Đồng Tâm" after "Xã Yên Lạc").
    rows = sorted(
        reader_pages(CentrePage, page).values(
            "path", "slug", "title", "address", "commune__code", "commune__name"
        ),
        key=lambda row: (
            place_sort_key(row["commune__name"]),
            row["commune__code"],
            sort_key(row["title"]),
        ),
    )
    # The centres' parents: this province page, and its Vietnamese source
    # when some centres are shown untranslated.
    parents = parent_urls([row["path"] for row in rows], request)
    # The language of the page they are listed on: Vietnamese when the
    # province page is shown untranslated.
    reader = (
        settings.LANGUAGE_CODE
        if getattr(request, "translation_fallback", False)
        else reader_language()
    )
    centres = []  # (commune code and name, centre)
    for row in rows:
        parent_url, language = parents[row["path"][: -Page.steplen]]
        centres.append(
            (
                (row["commune__code"], row["commune__name"]),
                SimpleNamespace(
                    title=row["title"],
                    address=row["address"],
                    url=reader_url(child_url(parent_url, row["slug"]), language),
                    # Its language, when not the reader's (the lang attribute
                    # a lang_attr tag per centre gave, 600 times at tier M).
                    lang="" if language == reader else language,
                ),
            )
        )
    by_commune = [
        (SimpleNamespace(code=code, name=name), [centre for _c, centre in items])
        for (code, name), items in groupby(centres, key=lambda pair: pair[0])
    ]
    courses = reader_pages(CoursePage, page, descendants=True)
    return {
        "centres_by_commune": by_commune,
        "centre_count": len(centres),
        "upcoming_courses": starting_soon(courses, now),
        "feed_url": reverse("province_feed", kwargs={"code": page.province.code}),
    }
