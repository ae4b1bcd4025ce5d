"""Reads: the translation coverage report.

What is counted (the same figures on screen and in the CSV download):

- a *course* is a live Vietnamese ``CoursePage``; drafts and courses in other
  languages are not sources;
- a course is *translated* into a language when a live page of that language
  shares its ``translation_key`` (an alias is not a translation);
- a translated course is *out of date* when its enabled wagtail-localize
  ``Translation`` into that language has source string segments without a
  ``StringTranslation`` in that language (what ``Translation.get_progress()``
  reports as total > translated). A translated page without an enabled
  ``Translation`` (edited independently) cannot be measured and counts as up to
  date.

The figures are computed in one aggregate query per table (grouped by the
province's or centre's tree path), whatever the number of courses.

Who sees what: the rows are built from the centres ``staff.selectors.
centres_visible_to`` returns, so national editors and superusers see the nation,
province editors the centres of their provinces, centre staff their own centres;
a province's row sums only the centres the user sees in it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from centres.models import ProvincePage
from courses.models import CoursePage
from staff.selectors import centres_visible_to, user_is_national_editor


@dataclass
class LanguageFigures:
    """One language's figures for a row: courses translated, and how many of those
    translations are out of date."""

    locale: Locale
    translated: int = 0
    out_of_date: int = 0
    courses: int = 0

    @property
    def percent(self):
        """Translated courses as a whole percentage of the row's courses (None
        when the row has no course)."""
        if not self.courses:
            return None
        return round(100 * self.translated / self.courses)

    @property
    def up_to_date(self):
        return self.translated - self.out_of_date


@dataclass
class CoverageRow:
    """A province or a centre (``page``, a Vietnamese page; None for the total)
    with its number of courses and one ``LanguageFigures`` per language."""

    page: Page | None
    courses: int = 0
    languages: list = field(default_factory=list)


@dataclass
class CoverageTable:
    """The report: the target languages (columns), one row per province or
    centre, and the total row."""

    locales: list
    rows: list
    total: CoverageRow


def coverage_locales():
    """Return the locales translations are made into (every content locale but
    the default), in the order of ``settings.LANGUAGES``."""
    order = [code for code, _name in settings.LANGUAGES]
    locales = Locale.objects.exclude(language_code=settings.LANGUAGE_CODE)
    return sorted(
        locales,
        key=lambda lo: (
            order.index(lo.language_code) if lo.language_code in order else len(order)
        ),
    )


def coverage_provinces(user):
    """Return the Vietnamese province pages ``user`` sees in the report, by title:
    every province for national editors and superusers, otherwise the provinces
    holding a centre the user may see (``centres_visible_to``)."""
    provinces = ProvincePage.objects.filter(locale=Locale.get_default())
    if not user_is_national_editor(user):
        provinces = provinces.filter(
            path__in=_parent_paths(centres_visible_to(user), 1)
        )
    return provinces.order_by("title")


def coverage_by_province(user):
    """Return the national CoverageTable: one row per province of
    ``coverage_provinces(user)``, summing the centres the user sees in it."""
    provinces = list(coverage_provinces(user))
    courses = _visible_courses(user).annotate(group=_ancestor_path(2))
    return _table(provinces, courses)


def coverage_by_centre(user, province):
    """Return the CoverageTable of ``province`` (a Vietnamese ProvincePage): one
    row per centre of it the user sees, by title. Check first that ``province`` is
    one of ``coverage_provinces(user)``."""
    centres = list(
        centres_visible_to(user)
        .filter(path__startswith=province.path, depth=province.depth + 1)
        .order_by("title")
    )
    courses = (
        _visible_courses(user)
        .filter(path__startswith=province.path)
        .annotate(group=_ancestor_path(1))
    )
    return _table(centres, courses)


def _visible_courses(user):
    courses = CoursePage.objects.live().filter(locale=Locale.get_default())
    if user_is_national_editor(user):
        return courses
    return courses.annotate(centre_path=_ancestor_path(1)).filter(
        centre_path__in=centres_visible_to(user).values("path")
    )


def _ancestor_path(generations):
    """The tree path of a page's ancestor ``generations`` levels up, as an SQL
    expression (treebeard paths are fixed-width steps)."""
    return Substr("path", 1, Length("path") - generations * Page.steplen)


def _parent_paths(pages, generations):
    return pages.annotate(ancestor=_ancestor_path(generations)).values("ancestor")


def _table(pages, courses):
    locales = coverage_locales()
    source = Locale.get_default()
    figures = {"courses": Count("pk")}
    for locale in locales:
        live = _live_translation(locale)
        figures[f"translated_{locale.pk}"] = Count("pk", filter=Q(live))
        figures[f"out_of_date_{locale.pk}"] = Count(
            "pk", filter=Q(live) & Q(_out_of_date(source, locale))
        )
    counted = {
        row.pop("group"): row
        for row in courses.order_by().values("group").annotate(**figures)
    }
    rows = [_row(page, counted.get(page.path, {}), locales) for page in pages]
    total = CoverageRow(None, sum(r.courses for r in rows))
    for index, locale in enumerate(locales):
        figures = LanguageFigures(locale, courses=total.courses)
        for row in rows:
            figures.translated += row.languages[index].translated
            figures.out_of_date += row.languages[index].out_of_date
        total.languages.append(figures)
    return CoverageTable(locales=locales, rows=rows, total=total)


def _row(page, counted, locales):
    courses = counted.get("courses", 0)
    return CoverageRow(
        page,
        courses,
        [
            LanguageFigures(
                locale,
                translated=counted.get(f"translated_{locale.pk}", 0),
                out_of_date=counted.get(f"out_of_date_{locale.pk}", 0),
                courses=courses,
            )
            for locale in locales
        ],
    )


def _live_translation(locale):
    return Exists(
        Page.objects.filter(
            translation_key=OuterRef("translation_key"),
            locale=locale,
            live=True,
            alias_of__isnull=True,
        )
    )


def _out_of_date(source, locale):
    untranslated = StringSegment.objects.filter(source_id=OuterRef("source_id")).filter(
        ~Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale=locale,
                has_error=False,
            )
        )
    )
    return Exists(
        Translation.objects.filter(
            source__object_id=OuterRef("translation_key"),
            source__locale=source,
            target_locale=locale,
            enabled=True,
        ).filter(Exists(untranslated))
    )
