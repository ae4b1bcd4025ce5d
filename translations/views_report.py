"""Admin views of the translation coverage report (figures from
translations.selectors): the nation by province, a province by centre, each also
as a CSV download (``?format=csv``)."""

import csv
import io

from django.http import HttpResponse, HttpResponseForbidden
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from translations import selectors

# Spreadsheet programs run a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CoverageView(WagtailAdminTemplateMixin, TemplateView):
    """The nation: one row per province the user sees."""

    template_name = "translations/coverage.html"
    page_title = gettext_lazy("Translation coverage")
    header_icon = "doc-full"
    row_label = gettext_lazy("Province")
    csv_name = "translation-coverage"

    def get_table(self):
        return selectors.coverage_by_province(self.request.user)

    def row_url(self, page):
        return reverse("translations_coverage_province", args=(page.pk,))

    def get(self, request, *args, **kwargs):
        self.table = self.get_table()
        if request.GET.get("format") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Download CSV"),
                url=f"{self.request.path}?format=csv",
                icon_name="download",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            table=self.table,
            row_label=self.row_label,
            rows=[(row, self.row_url(row.page)) for row in self.table.rows],
            column_count=2 + 2 * len(self.table.locales),
        )
        return context

    def csv_response(self):
        out = io.StringIO()
        writer = csv.writer(out)
        header = [str(self.row_label), _("Courses in Vietnamese")]
        for locale in self.table.locales:
            name = locale.get_display_name()
            header += [
                _("%(language)s: translated") % {"language": name},
                _("%(language)s: out of date") % {"language": name},
            ]
        writer.writerow(header)
        for row in [*self.table.rows, self.table.total]:
            cells = [_cell(row.page.title) if row.page else _("Total"), row.courses]
            for figures in row.languages:
                cells += [figures.translated, figures.out_of_date]
            writer.writerow(cells)
        response = HttpResponse(
            ("\ufeff" + out.getvalue()).encode("utf-8"),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.csv_name}.csv"'
        return response


class ProvinceCoverageView(CoverageView):
    """A province: one row per centre of it the user sees; 403 for a province
    the user does not see (or that does not exist)."""

    row_label = gettext_lazy("Centre")

    def dispatch(self, request, *args, **kwargs):
        self.province = (
            selectors.coverage_provinces(request.user)
            .filter(pk=kwargs["page_id"])
            .select_related("province")
            .first()
        )
        if self.province is None:
            # A plain 403: Wagtail turns PermissionDenied into a redirect (an
            # HTML page where a CSV was asked for).
            return HttpResponseForbidden(_("You may not see this province."))
        self.csv_name = f"translation-coverage-{self.province.province.code}"
        return super().dispatch(request, *args, **kwargs)

    def get_table(self):
        return selectors.coverage_by_centre(self.request.user, self.province)

    def get_page_title(self):
        return self.province.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("translations_coverage"),
                "label": CoverageView.page_title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def row_url(self, page):
        return reverse("wagtailadmin_explore", args=(page.pk,))


def _cell(text):
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
