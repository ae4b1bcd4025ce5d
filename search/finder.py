"""The finder contract: a FinderQuery in, a FinderPage out, whatever engine runs.

``finder_query_from_params`` turns request parameters into a FinderQuery or raises
FinderInputError with a message in the reader's language; ``course_find`` runs the
query on the configured engine and applies the labelled fallbacks when nothing
matches. Nothing outside ``search/`` knows which engine runs.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from centres.models import VIETNAM_LATITUDE, VIETNAM_LONGITUDE
from courses.fields import WEEKDAY_CODES
from courses.models import Mode, teaching_language_choices
from courses.schedule import LOCAL_TZ
from courses.taxonomy import AUDIENCES, CATEGORIES
from search.spelling import spelling_correct
from search.text import tokens

MAX_QUERY_LENGTH = 200
# The page a number past it stands for: beyond the end of any search (its
# offset still fits the databases' 64-bit LIMIT and OFFSET).
BEYOND_ANY_END = 10**9
RADII_KM = (2, 5, 10, 25, 50)
DEFAULT_RADIUS_KM = 10
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
CATEGORY_SLUGS = [slug for slug, _vi, _en in CATEGORIES]
AUDIENCE_SLUGS = [slug for slug, _vi, _en in AUDIENCES]
# Local start hour ranges: morning before noon, afternoon until 17:00, then evening.
TIMES_OF_DAY = ("morning", "afternoon", "evening")
STARTS_WITHIN = ("week", "month", "any")
SORTS = ("relevance", "distance", "soonest")
MODES = list(Mode.values)


def language_codes():
    return [code for code, _label in teaching_language_choices()]


def time_of_day(moment):
    """Return "morning", "afternoon" or "evening" for a start time (Vietnam time)."""
    hour = moment.astimezone(LOCAL_TZ).hour
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"


def mask(values, universe):
    """Return the bit mask of ``values`` within ``universe`` (bit i = universe[i])."""
    return sum(1 << universe.index(v) for v in set(values) if v in universe)


@dataclass(frozen=True)
class Place:
    """Where the reader looks from: a point, with the name they typed if any."""

    latitude: float
    longitude: float
    name: str = ""


@dataclass(frozen=True)
class FinderQuery:
    """What the reader asked for. Lists are ORed within a filter, filters ANDed."""

    text: str = ""
    locale: str = "vi"
    near: Place | None = None
    radius_km: int = DEFAULT_RADIUS_KM
    categories: tuple = ()
    audiences: tuple = ()
    weekdays: tuple = ()
    times_of_day: tuple = ()
    free: bool = False
    languages: tuple = ()
    modes: tuple = ()
    starts_within: str = "any"
    sort: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    any_word: bool = False  # set by the fallback: match any word, not all

    @property
    def effective_sort(self):
        """The sort asked for, or the default: relevance with text, distance with a
        place and no text, soonest next session otherwise."""
        if self.sort:
            return self.sort
        if self.text.strip():
            return "relevance"
        return "distance" if self.near else "soonest"

    def horizon(self, now):
        """Return the end of "this week" or "this month" (Vietnam time), or None."""
        today = now.astimezone(LOCAL_TZ).date()
        if self.starts_within == "week":
            end = today + dt.timedelta(days=7 - today.weekday())
        elif self.starts_within == "month":
            end = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            return None
        return dt.datetime.combine(end, dt.time(), tzinfo=LOCAL_TZ)


# The fields of a course's index entry that its FinderHit shows (its distance
# and next session come from the search).
HIT_FIELDS = (
    "code",
    "title",
    "url",
    "locale",
    "centre_code",
    "centre_name",
    "centre_url",
    "fee_vnd",
    "category",
    "teaching_language",
    "mode",
    "commune",
    "province",
)


@dataclass
class FinderHit:
    """One course in the results, everything a result line shows."""

    code: str
    title: str
    url: str
    locale: str
    centre_code: str
    centre_name: str
    centre_url: str
    distance_km: float | None
    next_session: dt.datetime | None
    fee_vnd: int
    category: str
    teaching_language: str
    mode: str
    commune: str = ""
    province: str = ""

    def as_json(self):
        return {
            "code": self.code,
            "title": self.title,
            "url": self.url,
            "locale": self.locale,
            "centre": {
                "code": self.centre_code,
                "name": self.centre_name,
                "url": self.centre_url,
            },
            "distance_km": (
                round(self.distance_km, 2) if self.distance_km is not None else None
            ),
            "next_session": (
                self.next_session.astimezone(LOCAL_TZ).isoformat()
                if self.next_session
                else None
            ),
            "fee_vnd": self.fee_vnd,
            "category": self.category,
            "teaching_language": self.teaching_language,
            "mode": self.mode,
        }


@dataclass
class FinderPage:
    """A page of results with the total count, facet counts and any fallback."""

    query: FinderQuery
    count: int = 0
    # False when the text matched more courses than a search ranks
    # (settings.FINDER_RANKED_CANDIDATES): ``count`` is then that limit.
    count_exact: bool = True
    # False when the facets count only among that many courses matching the
    # text, the newest (a filter chosen can still make ``count`` exact).
    facets_exact: bool = True
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    fallback: str | None = None
    fallback_label: str = ""
    corrected_text: str = ""  # the text searched instead, with "spelling"

    @property
    def page_count(self):
        return max(1, -(-self.count // self.query.page_size))

    def as_json(self):
        return {
            "count": self.count,
            "count_exact": self.count_exact,
            "facets_exact": self.facets_exact,
            "page": self.query.page,
            "page_size": self.query.page_size,
            "results": [hit.as_json() for hit in self.hits],
            "facets": self.facets,
            "fallback": self.fallback,
        }


class FinderInputError(ValueError):
    """The request cannot be understood; the message is for the reader."""


def _unknown(label, value, allowed):
    return FinderInputError(
        _("Unknown %(filter)s: “%(value)s”. Choose from: %(allowed)s.")
        % {
            "filter": label,
            "value": value[:40],
            "allowed": ", ".join(a for a in allowed if a),
        }
    )


def param_values(params, name):
    """The values given for list parameter ``name`` (repeated, or separated by
    commas), trimmed and lower-cased, in order, each once; not checked."""
    raws = params.getlist(name) if hasattr(params, "getlist") else [params.get(name)]
    values = (value.strip().lower() for raw in raws for value in (raw or "").split(","))
    return tuple(dict.fromkeys(value for value in values if value))


def _list_param(params, name, allowed, label):
    values = param_values(params, name)
    for value in values:
        if value not in allowed:
            raise _unknown(label, value, allowed)
    return values


def _choice_param(params, name, allowed, label, default):
    value = (params.get(name) or "").strip().lower() or default
    if value not in allowed:
        raise _unknown(label, value, allowed)
    return value


def _int_param(params, name, default, label, minimum, maximum=None):
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise FinderInputError(
            capfirst(_("%(name)s must be a whole number.") % {"name": label})
        )
    # Any number of digits is a whole number; past a billion they all stand
    # for as much (Python refuses to read a number of over 4,300 digits).
    value = min(int(raw), BEYOND_ANY_END) if len(raw) <= 10 else BEYOND_ANY_END
    if value < minimum or (maximum is not None and value > maximum):
        message = (
            _("%(name)s must be between %(min)s and %(max)s.")
            if maximum is not None
            else _("%(name)s must be at least %(min)s.")
        )
        raise FinderInputError(
            capfirst(message % {"name": label, "min": minimum, "max": maximum})
        )
    return value


_COORDINATES = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def place_parse(text):
    """Return the Place for ``text``: "lat,lon" or a commune or province name
    ("ea kao", "Ea Kao, Đắk Lắk", "dak lak"). Raises FinderInputError."""
    from search.places import place_lookup

    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    match = _COORDINATES.match(text)
    if match:
        latitude, longitude = float(match.group(1)), float(match.group(2))
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise FinderInputError(
                _("The location %(value)s is not a valid latitude,longitude.")
                % {"value": text}
            )
        if not (
            VIETNAM_LATITUDE[0] - 1 <= latitude <= VIETNAM_LATITUDE[1] + 1
            and VIETNAM_LONGITUDE[0] - 1 <= longitude <= VIETNAM_LONGITUDE[1] + 1
        ):
            raise FinderInputError(
                _("The location %(value)s is outside Vietnam.") % {"value": text}
            )
        return Place(latitude, longitude)
    if re.search(r"\d", text) and "," in text and not re.search(r"[^\d\s.,-]", text):
        raise FinderInputError(
            _("The location %(value)s is not a valid latitude,longitude.")
            % {"value": text}
        )
    return place_lookup(text)


def finder_query_from_params(params):
    """Return the FinderQuery for request ``params`` (a QueryDict or dict).

    Raises FinderInputError, with a message in the active language, for anything
    out of range or unknown: the API answers it with a 400.
    """
    # Counted as written in NFC: the same text typed with combining marks
    # (NFD) has up to twice as many code points.
    text = unicodedata.normalize("NFC", params.get("q") or "")
    if len(text) > MAX_QUERY_LENGTH:
        raise FinderInputError(
            _("The search text is too long (at most %(max)s characters).")
            % {"max": MAX_QUERY_LENGTH}
        )
    languages = [code for code, _name in settings.LANGUAGES]
    locale = _choice_param(params, "locale", languages, _("language"), "vi")
    near = None
    if (params.get("near") or "").strip():
        near = place_parse(params.get("near"))
    radius = _int_param(params, "radius_km", DEFAULT_RADIUS_KM, _("radius"), 1, 50)
    if radius not in RADII_KM:
        raise FinderInputError(
            _("The radius must be one of %(choices)s km.")
            % {"choices": ", ".join(str(r) for r in RADII_KM)}
        )
    free = (params.get("free") or "").strip().lower()
    if free not in ("", "0", "1", "true", "false", "on"):
        raise FinderInputError(_("free must be true or false."))
    return FinderQuery(
        text=text.strip(),
        locale=locale,
        near=near,
        radius_km=radius,
        categories=_list_param(params, "category", CATEGORY_SLUGS, _("category")),
        audiences=_list_param(params, "audience", AUDIENCE_SLUGS, _("audience")),
        weekdays=_list_param(params, "weekday", WEEKDAY_CODES, _("weekday")),
        times_of_day=_list_param(
            params, "time_of_day", list(TIMES_OF_DAY), _("time of day")
        ),
        free=free in ("1", "true", "on"),
        languages=_list_param(params, "language", language_codes(), _("language")),
        modes=_list_param(params, "mode", MODES, _("mode")),
        starts_within=_choice_param(
            params, "starts_within", STARTS_WITHIN, _("start period"), "any"
        ),
        sort=_choice_param(params, "sort", ("", *SORTS), _("sort order"), ""),
        # A page past the last one is an empty page, however far past.
        page=_int_param(params, "page", 1, _("page"), 1),
        page_size=_int_param(
            params, "page_size", DEFAULT_PAGE_SIZE, _("page size"), 1, MAX_PAGE_SIZE
        ),
    )


def course_find(query, now=None):
    """Return the FinderPage for ``query`` from the configured engine.

    When nothing matches in a locale other than Vietnamese, the same query runs on
    the Vietnamese content (fallback "vi"; its links keep the reader's language
    prefix, where untranslated pages are shown in Vietnamese with a note); then a
    text query whose words are not all in the index is retried with the closest
    known spellings (fallback "spelling", search.spelling), in the reader's
    language and then, for another language, in Vietnamese; last, a text of
    several words is retried matching any of them (fallback "any_word"). The page
    says which fallback produced it.
    """
    from search.engines import get_engine

    engine = get_engine()
    now = now or timezone.now()
    result = engine.search(query, now)
    if result.count:
        return result
    vietnamese = replace(query, locale=settings.LANGUAGE_CODE)
    if query.locale != settings.LANGUAGE_CODE:
        fallback = engine.search(vietnamese, now)
        if fallback.count:
            if query.text.strip():
                label = _(
                    "Nothing in your language; showing Vietnamese courses for “%(q)s”."
                ) % {"q": query.text}
            else:
                label = _("Nothing in your language; showing Vietnamese courses.")
            return _labelled(fallback, query, "vi", label)
    if not query.text.strip():
        return result
    corrected = spelling_correct(query.text, query.locale)
    if corrected:
        fallback = engine.search(replace(query, text=corrected), now)
        if fallback.count:
            label = _(
                "No course matches “%(q)s”; showing courses for the similar "
                "spelling “%(corrected)s”."
            ) % {"q": query.text, "corrected": corrected}
            return _labelled(fallback, query, "spelling", label, corrected)
    if query.locale != settings.LANGUAGE_CODE:
        # A Vietnamese word misspelt by a reader of another language ("tin
        # hok" on the Khmer finder): the closest Vietnamese spelling, in the
        # Vietnamese courses.
        corrected = spelling_correct(query.text, settings.LANGUAGE_CODE)
        if corrected:
            fallback = engine.search(replace(vietnamese, text=corrected), now)
            if fallback.count:
                label = _(
                    "No course matches “%(q)s”; showing Vietnamese courses for the "
                    "similar spelling “%(corrected)s”."
                ) % {"q": query.text, "corrected": corrected}
                return _labelled(fallback, query, "spelling", label, corrected)
    if len(tokens(query.text)) > 1:
        fallback = engine.search(replace(query, any_word=True), now)
        if fallback.count:
            label = _(
                "No course matches all of “%(q)s”; showing courses that match some "
                "of the words."
            ) % {"q": query.text}
            return _labelled(fallback, query, "any_word", label)
    return result


def _labelled(page, query, kind, label, corrected=""):
    """``page``, found for ``query`` by the fallback ``kind``, as the answer to
    ``query``: labelled, and its links under the reader's language prefix when
    it holds the Vietnamese courses (untranslated pages are shown there in
    Vietnamese with a note)."""
    if page.query.locale != query.locale:
        for hit in page.hits:
            hit.url = _reader_url(hit.url, query.locale)
            hit.centre_url = _reader_url(hit.centre_url, query.locale)
    page.query = query
    page.fallback = kind
    page.fallback_label = label
    page.corrected_text = corrected
    return page


def _reader_url(url, language):
    """``url`` of a Vietnamese page under ``language``'s prefix."""
    prefix = f"/{settings.LANGUAGE_CODE}/"
    return f"/{language}/{url[len(prefix) :]}" if url.startswith(prefix) else url
