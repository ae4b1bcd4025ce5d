"""Admin wiring: the staff views and menu items, the dashboard panel for centre
staff, and the hooks that keep one centre's staff out of another's things (see
staff/restrictions.py)."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from staff import restrictions, selectors, views

app_name = "staff"
urlpatterns = [
    path("", views.StaffManagementView.as_view(), name="manage"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/apply/", views.ImportApplyView.as_view(), name="import_apply"),
    path("import/jobs/<uuid:pk>/", views.ImportJobView.as_view(), name="import_job"),
    path(
        "import/jobs/<uuid:pk>/apply/",
        views.ImportJobApplyView.as_view(),
        name="import_job_apply",
    ),
    path("import/template.<str:fmt>", views.import_template, name="import_template"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("translators/", views.TranslatorManagementView.as_view(), name="translators"),
]


@hooks.register("register_admin_urls")
def register_staff_urls():
    return [path("staff/", include((urlpatterns, "staff"), namespace="staff"))]


@hooks.register("register_admin_urls")
def register_translation_urls():
    # wagtail-localize's submit and sync views let anyone allowed to submit
    # translations write into every language. These paths are registered before
    # wagtail-localize's (this app comes first in INSTALLED_APPS), so the
    # narrowed views answer them, and wagtail-localize's URL names reverse to
    # them unchanged.
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            views.SubmitPageTranslationView.as_view(),
            name="staff_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.SubmitSnippetTranslationView.as_view(),
            name="staff_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.UpdateTranslationsView.as_view(),
            name="staff_update_translations",
        ),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.managed_provinces(request.user).exists()


class TranslatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.user_is_national_editor(request.user)


class SpreadsheetMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.centres_visible_to(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_staff_menu_item():
    return StaffMenuItem(
        _("Centre staff"), reverse("staff:manage"), icon_name="group", order=650
    )


@hooks.register("register_admin_menu_item")
def register_translators_menu_item():
    return TranslatorsMenuItem(
        _("Translators"), reverse("staff:translators"), icon_name="globe", order=655
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return SpreadsheetMenuItem(
        _("Import and export"),
        reverse("staff:import"),
        icon_name="table",
        order=660,
    )


class CentreDashboardPanel(Component):
    """The dashboard of centre staff and province editors: their centres'
    courses with the next class, drafts awaiting publishing, "add a course"."""

    name = "staff_centres"
    template_name = "staff/dashboard_panel.html"
    order = 50

    def __init__(self, centres):
        self.centres = centres

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["centres"] = [selectors.centre_dashboard(c) for c in self.centres]
        return context


@hooks.register("construct_homepage_panels")
def add_centre_panel(request, panels):
    centres = selectors.staff_centres(request.user)
    if centres:
        panels.insert(0, CentreDashboardPanel(centres))


class TranslatorDashboardPanel(Component):
    """The dashboard of translators: for each of their languages, the pages
    translated most recently (to open in the translation editor) and the
    Vietnamese pages published recently without a translation ("Translate")."""

    name = "staff_translations"
    template_name = "staff/translator_panel.html"
    order = 55

    def __init__(self, languages):
        self.languages = languages

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        items = []
        for code in self.languages:
            item = selectors.translator_dashboard(code)
            if item is not None:
                item["heading"] = _("Translations into %(language)s") % {
                    "language": item["locale"].get_display_name()
                }
                items.append(item)
        context["languages"] = items
        return context


@hooks.register("construct_homepage_panels")
def add_translator_panel(request, panels):
    languages = selectors.user_translation_languages(request.user)
    if languages:
        panels.insert(0, TranslatorDashboardPanel(languages))


# Isolation ----------------------------------------------------------------------


@hooks.register("construct_admin_api", order=100)
def narrow_admin_api(router):
    router.register_endpoint("images", restrictions.ChoosableImagesAdminAPIViewSet)
    router.register_endpoint(
        "documents", restrictions.ChoosableDocumentsAdminAPIViewSet
    )


for _action in restrictions.quiet_bulk_actions():
    hooks.register("register_bulk_action", _action, order=100)


@hooks.register("construct_page_chooser_queryset")
def hide_other_centres_in_chooser(pages, request):
    return restrictions.page_chooser_filter(pages, request.user)


@hooks.register("before_move_page")
def check_move_before_showing(request, page, destination):
    # Wagtail's confirmation page shows the page before the move action checks
    # the user's right to move it there.
    # (Who may move a page at all: staff.permissions.StaffPagePermissionTester.)
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
