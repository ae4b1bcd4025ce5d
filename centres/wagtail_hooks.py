"""Admin views for the administrative reference data: anyone who can use the admin
may look provinces and communes up; nobody edits them by hand (they come from the
national statistics office's list, loaded by migration from centres/data/)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from centres.copying import coded_page_copy
from centres.models import Commune, Province


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Allows viewing to every admin user and no other action to anyone."""

    def user_has_permission(self, user, action):
        return (
            action == "view"
            and user.is_active
            and user.has_perm("wagtailadmin.access_admin")
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


for _model in (Province, Commune):
    register_permission_policy(
        _model, ReadOnlyPermissionPolicy(_model), exact_class=True
    )


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None  # plain database lookups over a small table
    exclude_form_fields = []  # no one may add or edit, but the viewset needs a form


class ProvinceViewSet(ReadOnlyViewSet):
    model = Province
    icon = "site"
    menu_label = _("Provinces")
    list_display = ["name", "code", "unit_type", "population", "area_km2"]
    search_fields = ["name", "code"]
    inspect_view_fields = [
        "code",
        "name",
        "unit_type",
        "latitude",
        "longitude",
        "population",
        "area_km2",
    ]


class CommuneViewSet(ReadOnlyViewSet):
    model = Commune
    icon = "home"
    menu_label = _("Communes")
    list_display = ["name", "code", "unit_type", "province", "population"]
    list_filter = ["province", "unit_type"]
    search_fields = ["name", "code"]
    inspect_view_fields = [
        "code",
        "name",
        "unit_type",
        "province",
        "latitude",
        "longitude",
        "population",
        "area_km2",
    ]


class ReferenceDataGroup(ViewSetGroup):
    menu_label = _("Reference data")
    menu_icon = "table"
    menu_order = 800
    items = (ProvinceViewSet("provinces"), CommuneViewSet("communes"))


@hooks.register("register_admin_viewset")
def register_reference_data():
    return ReferenceDataGroup()


# Centres and courses are copied with fresh codes, as drafts (centres/copying.py).
hooks.register("before_copy_page", coded_page_copy)
