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
    ]


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
