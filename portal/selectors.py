"""Reads behind the national home page, and what every public page list shares:
the pages a reader of the active language is shown (``reader_pages``) and
their URLs (``child_url``, ``reader_url``, ``with_reader_urls``)."""

from urllib.parse import quote

from django.conf import settings
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from centres.models import CentrePage, ProvincePage
from courses.models import CoursePage
from courses.selectors import (
    SOON_LIMIT,
    classes_starting,
    course_cards,
    soon_cards,
)
from portal.collation import place_sort_key
from portal.interface import reader_language
from search.selectors import live_course_count


def home_page_context(page, now=None):
    """Return provinces, the soonest-starting courses and national counts for the
    home page in ``page``'s locale, in a constant number of queries whose cost
    does not grow with the number of courses."""
    now = now or timezone.now()
    # Province pages by key, in three short queries: the province table's keys
    # (a few dozen per language), those of them that are live children of the
    # home page, then those pages. In one query SQLite scanned every page under
    # the home page (52 ms at tier S) unless driven from the province table, and
    # driven from it PostgreSQL walked all 682,000 pages in key order at tier M
    # (177 ms).
    keys = list(
        Page.objects.filter(
            id__in=list(ProvincePage.objects.values_list("pk", flat=True))
        )
        .live()
        .child_of(page)
        .values_list("pk", flat=True)
    )
    # In Vietnamese alphabetical order, without "Tỉnh" or "Thành phố": the
    # database's order by character code put "Huế" before "Hà Nội" and every
    # "Đ" after "V".
    provinces = sorted(
        ProvincePage.objects.filter(pk__in=keys).select_related("province"),
        key=lambda province: place_sort_key(province.title),
    )
    soon_keys = (
        classes_starting(now)
        .order_by("start")
        .values_list("translation_key", flat=True)[: SOON_LIMIT * 10]
    )
    upcoming = soon_cards(
        reader_pages(CoursePage, page, descendants=True), soon_keys, now
    )
    return {
        "provinces": provinces,
        "featured_courses": featured_courses(page, now),
        "upcoming_courses": upcoming,
        # What a reader can reach from the home page of any language: every
        # Vietnamese centre and course, in the reader's language where it is
        # translated, else in Vietnamese (``reader_pages``). The page's own
        # locale counted only its translations: 0 centres on /km/, /tyz/ and
        # /hmn/, which list Vietnamese centres and courses, and 241 of the 360
        # courses on /en/.
        "centre_count": live_centre_count(locale_id(settings.LANGUAGE_CODE)),
        "course_count": live_course_count(settings.LANGUAGE_CODE),
    }


def live_centre_count(locale):
    """Return the number of live centre pages in ``locale`` (a Locale or its
    id).

    Counted in the index of live pages by type and language (migration portal
    0006): 1.4 ms on SQLite and 1.2 ms on PostgreSQL at tier M, where each
    database read every page of the type or of the language without it (9.3
    and 13.1 ms).
    """
    return Page.objects.type(CentrePage).filter(live=True, locale=locale).count()


def featured_courses(page, now=None):
    """Return the editors' featured courses of home page ``page`` as course cards,
    in their order: each in ``page``'s language when translated and live, else the
    Vietnamese course. A translated home page without its own choice shows the
    Vietnamese home page's. Courses with no upcoming class are left out."""
    from portal.models import HomeFeaturedCourse

    def chosen_keys(chosen):
        return list(
            dict.fromkeys(
                chosen.order_by("sort_order").values_list(
                    "course__translation_key", flat=True
                )
            )
        )

    # Each chosen row names a course: no keys, no choice of its own.
    keys = chosen_keys(HomeFeaturedCourse.objects.filter(page=page))
    language = page_language(page)
    if not keys and language != settings.LANGUAGE_CODE:
        keys = chosen_keys(
            HomeFeaturedCourse.objects.filter(
                page__translation_key=page.translation_key,
                page__locale__language_code=settings.LANGUAGE_CODE,
            )
        )
    if not keys:
        return []
    candidates = CoursePage.objects.live().filter(
        translation_key__in=keys,
        locale__language_code__in={language, settings.LANGUAGE_CODE},
    )
    best = {}
    for course in course_cards(candidates, now):
        current = best.get(course.translation_key)
        if current is None or course.locale_id == page.locale_id:
            best[course.translation_key] = course
    return [best[k] for k in keys if k in best and best[k].next_start is not None]


def subtree_range(path):
    """Return the condition "``path`` or below" as a range of paths.

    Treebeard's ``path__startswith`` is a LIKE that SQLite cannot answer from the
    path index (its LIKE ignores case, the index does not), so it scanned every
    page of the language: 200 ms for a province at national scale. A range is
    answered from the index on both databases. Paths are base-36 numbers written
    with ``Page.alphabet``, so the subtree ends before the next number of the
    same length.
    """
    from django.db.models import Q
    from treebeard.numconv import NumConv
    from wagtail.models import Page

    numbers = NumConv(Page.alphabet)
    following = numbers.int2str(numbers.str2int(path) + 1).rjust(len(path), "0")
    if len(following) > len(path):  # the last possible path: no upper end
        return Q(path__gte=path)
    return Q(path__gte=path, path__lt=following)


def reader_pages(model, parent, descendants=False):
    """Return the live ``model`` pages under ``parent`` (children, or all
    descendants) for a reader of the active language: each page in that language
    where it is translated and live, else its Vietnamese page, never both.
    ``parent`` may be in any language (a Vietnamese page served to a reader of
    another language lists its children the same way)."""
    from django.db.models import Q

    source, reader = content_languages()
    # The parent in both languages, with their locales, in one query: Wagtail's
    # Locale.get_default() and get_active() were a query each. Kept on the
    # parent for its other lists (a province page lists centres and courses).
    kept = getattr(parent, "_reader_parents", None)
    if kept is None or kept[0] != (source, reader):
        kept = (
            (source, reader),
            {
                row["locale__language_code"]: row
                for row in Page.objects.filter(
                    translation_key=parent.translation_key,
                    locale__language_code__in={source, reader},
                ).values("path", "depth", "locale_id", "locale__language_code")
            },
        )
        parent._reader_parents = kept
    parents = kept[1]

    def under(page):
        inside = subtree_range(page["path"])
        if descendants:
            return inside & Q(depth__gt=page["depth"])
        return inside & Q(depth=page["depth"] + 1)

    query = Q(pk__in=[])
    if reader in parents:
        query |= Q(locale_id=parents[reader]["locale_id"]) & under(parents[reader])
    if reader != source and source in parents:
        translated = model.objects.live().filter(locale__language_code=reader)
        if reader in parents:
            # Translations sit in the mirrored tree (translations follow moves):
            # only those under the reader's parent can stand for a source page.
            translated = translated.filter(under(parents[reader]))
        query |= (
            Q(locale_id=parents[source]["locale_id"])
            & under(parents[source])
            & ~Q(translation_key__in=translated.values("translation_key"))
        )
    return model.objects.live().filter(query)


def content_languages():
    """The language codes of Wagtail's default locale and of the reader's (the
    active language's content language, as ``Locale.get_active`` looks it up;
    the default when there is none), without reading the locales."""
    source = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    try:
        reader = get_supported_content_language_variant(get_language())
    except LookupError:
        reader = source
    return source, reader


URL_SAFE = RFC3986_SUBDELIMS + "/~:@"


def child_url(parent_url, slug):
    """The URL of a page under the page at ``parent_url`` (none: no URL): its
    parent's and its slug, as Wagtail's url_path makes it, quoted as Django's
    reverse() quotes it."""
    return parent_url + quote(slug, safe=URL_SAFE) + "/" if parent_url else ""


_LOCALE_CODES = {}


def page_language(page):
    """Return the language code of ``page``'s locale without a query per page."""
    code = _LOCALE_CODES.get(page.locale_id)
    if code is None:
        from wagtail.models import Locale

        _LOCALE_CODES.update(Locale.objects.values_list("id", "language_code"))
        code = _LOCALE_CODES.get(page.locale_id, settings.LANGUAGE_CODE)
    return code


def title_language(page):
    """Return the language ``page``'s title is written in: its locale's, but
    Vietnamese for a home or curricula index page that still has the
    Vietnamese title the site's skeleton gave it in a language the portal
    writes none for (Khmer, Tày, Hmong: ``centres.services.site_setup``),
    until an editor translates it. A plain ``Page`` will do (breadcrumbs)."""
    from centres.services import CURRICULA_TITLES, SITE_TITLE

    code = page_language(page)
    source = settings.LANGUAGE_CODE
    skeleton = page.depth <= 3 and page.title in (SITE_TITLE, CURRICULA_TITLES[source])
    return source if code != source and skeleton else code


def locale_id(language):
    """Return the id of the locale of ``language`` (None when there is none),
    from the same table as ``page_language``: without a query once read."""
    for _attempt in range(2):
        for pk, code in _LOCALE_CODES.items():
            if code == language:
                return pk
        from wagtail.models import Locale

        _LOCALE_CODES.update(Locale.objects.values_list("id", "language_code"))
    return None


def reader_url(url, language):
    """``url`` of a page in ``language``, under the reader's language prefix
    when it is a Vietnamese page shown to a reader of another language (it is
    served there, marked as not translated)."""
    reader = reader_language()
    source = settings.LANGUAGE_CODE
    prefix = f"/{source}/"
    if reader != source and language == source and url.startswith(prefix):
        return f"/{reader}/{url[len(prefix) :]}"
    return url


def parent_urls(paths, request=None):
    """Return ``{parent's path: (its URL or None, its language code)}`` for the
    parents of the pages at ``paths``: read in one query, each URL asked of
    Wagtail once, for the children's URLs to be made from (``child_url``)."""
    if not paths:
        return {}
    parents = Page.objects.filter(
        path__in={path[: -Page.steplen] for path in paths}
    ).select_related("locale")
    return {
        parent.path: (parent.get_url(request), parent.locale.language_code)
        for parent in parents
    }


def with_reader_urls(pages, request=None):
    """Give each of ``pages`` (a list) ``reader_href``: its URL for the reader
    (``reader_url``), made from its parent's URL and its slug (``child_url``),
    and return the list. The ``readerurl`` tag uses ``reader_href`` when a page
    has it.

    Asked of Wagtail for each page, a URL took about 0.1 ms: a centre page
    with 30 courses asked for 63 (its cards and this week's classes)."""
    urls = parent_urls([page.path for page in pages], request)
    for page in pages:
        url, language = urls.get(page.path[: -Page.steplen], (None, None))
        if url:
            page.reader_href = reader_url(child_url(url, page.slug), language)
    return pages
