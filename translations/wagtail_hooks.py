from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from staff.selectors import centres_visible_to
from translations import views, views_report


@hooks.register("register_admin_urls")
def register_admin_urls():
    # Registered before wagtail-localize's (this app comes first in INSTALLED_APPS),
    # so this path is served by the checking view and reverses the same.
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            views.po_upload,
            name="translations_po_upload",
        ),
        # wagtail-localize's report, shown to those who may see it.
        path(
            "localize/reports/translations/",
            views.TranslationsReportView.as_view(),
            name="translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            views.TranslationsReportView.as_view(results_only=True),
            name="translations_report_results",
        ),
    ]


@hooks.register("construct_reports_menu")
def hide_translations_report(request, menu_items):
    if views.translations_report_visible_to(request.user):
        return
    url = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != url]


@hooks.register("register_admin_urls")
def register_coverage_urls():
    return [
        path(
            "translations/coverage/",
            views_report.CoverageView.as_view(),
            name="translations_coverage",
        ),
        path(
            "translations/coverage/<int:page_id>/",
            views_report.ProvinceCoverageView.as_view(),
            name="translations_coverage_province",
        ),
    ]


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return centres_visible_to(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return CoverageMenuItem(
        _("Translation coverage"),
        reverse("translations_coverage"),
        name="translation-coverage",
        icon_name="doc-full",
        order=1100,
    )
