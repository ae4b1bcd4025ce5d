"""Closing the places where Wagtail's admin shows objects to users who may not act
on them (found by tests/staff/test_isolation.py):

- the admin API's image and document endpoints answer every admin user about every
  image and document: they are narrowed to what the user may choose;
- bulk actions list the titles (latest drafts included) of the objects the user
  may *not* act on: that list is dropped;
- the page chooser lists every page of the site: other centres' pages and other
  people's unpublished pages are hidden;
- the move confirmation shows a page's draft title before checking that the user
  may move it;
- the explorer of a page shows its latest draft's title to anyone whose
  explorable pages span two locales (their common ancestor is then the root,
  and Wagtail confines the explorer to that ancestor only):
  ``explorer_confine``;
- Wagtail offers the bulk actions "Delete" and "Move" to everyone, and
  translators could remove no page with them (``RemovalOfferedMixin``; who may
  delete or move which page: ``staff.permissions.StaffPagePermissionTester``).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.admin.views.pages.bulk_actions.delete import (
    DeleteBulkAction as PageDeleteBulkAction,
)
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views.bulk_actions.add_tags import (
    AddTagsBulkAction as DocumentAddTagsBulkAction,
)
from wagtail.documents.views.bulk_actions.add_to_collection import (
    AddToCollectionBulkAction as DocumentAddToCollectionBulkAction,
)
from wagtail.documents.views.bulk_actions.delete import (
    DeleteBulkAction as DocumentDeleteBulkAction,
)
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views.bulk_actions.add_tags import (
    AddTagsBulkAction as ImageAddTagsBulkAction,
)
from wagtail.images.views.bulk_actions.add_to_collection import (
    AddToCollectionBulkAction as ImageAddToCollectionBulkAction,
)
from wagtail.images.views.bulk_actions.delete import (
    DeleteBulkAction as ImageDeleteBulkAction,
)
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import (
    DeleteBulkAction as SnippetDeleteBulkAction,
)
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import (
    DeleteBulkAction as UserDeleteBulkAction,
)
from wagtail.users.views.bulk_actions.set_active_state import (
    SetActiveStateBulkAction,
)

from centres.models import CentrePage
from courses.models import CoursePage
from staff.permissions import user_removes_pages
from staff.selectors import user_is_national_editor


class ChoosableOnlyMixin:
    """Admin API endpoint narrowed to the instances the user may choose."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        return policy.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        ).order_by("id")


class ChoosableImagesAdminAPIViewSet(ChoosableOnlyMixin, ImagesAdminAPIViewSet):
    model = get_image_model()


class ChoosableDocumentsAdminAPIViewSet(ChoosableOnlyMixin, DocumentsAdminAPIViewSet):
    model = get_document_model()


class NoAccessListHiddenMixin:
    """A bulk action that does not name the objects the user may not act on
    (the other lists an action keeps, such as the move's pages without access
    to the destination, hold pages the user may act on)."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        return objects, {**extra, "items_with_no_access": []}


class RemovalOfferedMixin:
    """A page bulk action (delete, move) offered only to those who may remove
    some page (``staff.permissions.user_removes_pages``): its button is left out
    of the listings' bulk actions for everyone else (translators), whom it could
    only tell "no permission". Which pages it acts on the permission tester
    decides, as for one page (``StaffPagePermissionTester``)."""

    @classmethod
    def is_offered_to(cls, user):
        return user_removes_pages(user)


BULK_ACTIONS = (
    PageDeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
    ImageDeleteBulkAction,
    ImageAddTagsBulkAction,
    ImageAddToCollectionBulkAction,
    DocumentDeleteBulkAction,
    DocumentAddTagsBulkAction,
    DocumentAddToCollectionBulkAction,
    SnippetDeleteBulkAction,
    AssignRoleBulkAction,
    UserDeleteBulkAction,
    SetActiveStateBulkAction,
)


def quiet_bulk_actions():
    """Return a subclass of each of Wagtail's bulk actions that hides the objects
    the user may not act on (registered after Wagtail's, so it replaces them)."""
    removals = (PageDeleteBulkAction, MoveBulkAction)
    return [
        type(
            cls.__name__,
            (NoAccessListHiddenMixin, RemovalOfferedMixin, cls)
            if cls in removals
            else (NoAccessListHiddenMixin, cls),
            {},
        )
        for cls in BULK_ACTIONS
    ]


def page_chooser_filter(pages, user):
    """Return ``pages`` (a chooser listing) without other centres' pages and
    without unpublished pages the user may not explore. Superusers and national
    editors (read-only view of every centre) keep every live page."""
    if user.is_superuser:
        return pages
    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    mine = Q(pk__in=explorable.values("pk"))
    if user_is_national_editor(user):
        return pages.filter(mine | Q(live=True))
    # Filter on content_type (not its fields): chooser searches allow only
    # indexed filter fields.
    centre_types = Q(
        content_type__in=[
            ContentType.objects.get_for_model(model)
            for model in (CentrePage, CoursePage)
        ]
    )
    return pages.filter(mine | (Q(live=True) & ~centre_types))


def page_types_usage_report_narrow():
    """Make the "Page types usage" report name the last edited page of a type only
    when the user may explore it (it names the site's most recently edited page of
    each type, drafts of other centres included, to anyone who may edit any page).
    Wagtail offers no hook for it and registers its URL before any app's, so the
    view's method is wrapped once, from StaffConfig.ready()."""
    from wagtail.admin.views.reports.page_types_usage import (
        PageTypesUsageReportView,
    )

    original = PageTypesUsageReportView.decorate_paginated_queryset
    if getattr(original, "narrowed_by_staff", False):
        return

    def decorate_paginated_queryset(self, page_types):
        page_types = original(self, page_types)
        user = self.request.user
        if user.is_superuser:
            return page_types
        shown = [t.last_edited_page.pk for t in page_types if t.last_edited_page]
        explorable = set(
            policy_registry.get_by_type(Page)
            .explorable_instances(user)
            .filter(pk__in=shown)
            .values_list("pk", flat=True)
        )
        for item in page_types:
            if item.last_edited_page and item.last_edited_page.pk not in explorable:
                item.last_edited_page = None
        return page_types

    decorate_paginated_queryset.narrowed_by_staff = True
    PageTypesUsageReportView.decorate_paginated_queryset = decorate_paginated_queryset


def explorer_confine():
    """Make the page explorer (``pages/<id>/``) open only pages the user may
    explore (``explorable_instances``: the pages they hold permissions on and
    the ancestors leading to them), sending them elsewhere to their explorable
    root as Wagtail does for pages outside it. Wagtail only checks that the page
    lies under the first common ancestor of the user's pages, which for staff of
    a centre in two languages is the root: any page of the site, other centres'
    draft titles in its header. Wagtail offers no hook for it, so the view's
    method is wrapped once, from StaffConfig.ready()."""
    from django.shortcuts import redirect
    from wagtail.admin.views.pages.listing import ExplorableIndexView

    original = ExplorableIndexView.get
    if getattr(original, "confined_by_staff", False):
        return

    def get(self, request, parent_page_id=None):
        user = request.user
        if parent_page_id and not user.is_superuser:
            policy = policy_registry.get_by_type(Page)
            if not policy.explorable_instances(user).filter(pk=parent_page_id).exists():
                root = policy.explorable_root_instance(user)
                if root is None:
                    raise PermissionDenied
                return redirect(self.index_url_name, root.pk)
        return original(self, request, parent_page_id)

    get.confined_by_staff = True
    ExplorableIndexView.get = get
