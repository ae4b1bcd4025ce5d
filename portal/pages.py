"""What every public page type of the portal shares."""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from staff.permissions import StaffPagePermissionTester


class PortalPage:
    """A mixin for the portal's page models (before ``Page`` in their bases)."""

    # Whether deleting or moving a page of this type needs the "add" permission
    # over its parent, not only over the page (StaffPagePermissionTester).
    removal_needs_add_on_parent = False

    def permissions_for_user(self, user):
        """Return what ``user`` may do to this page: Wagtail's tester, with
        deleting and moving narrowed by ``StaffPagePermissionTester`` (Wagtail
        asks a plain ``Page`` for its specific type's tester)."""
        return StaffPagePermissionTester(user, self)

    def get_view_restrictions(self):
        """The view restrictions of this page and its ancestors, in one query.

        Wagtail's own read the ancestors' ids (and which of them are aliases),
        then their restrictions: two queries before every page is served, at
        every depth, when hardly any page has one. The same pages are named
        here by their paths, each prefix of the page's own, and an alias
        stands for its source page, as in Wagtail's."""
        if self.pk is None or not self.path:
            return super().get_view_restrictions()
        paths = [
            self.path[:end]
            for end in range(self.steplen, len(self.path) + 1, self.steplen)
        ]
        pages = Page.objects.filter(path__in=paths)
        return PageViewRestriction.objects.filter(
            Q(page__in=pages.filter(alias_of__isnull=True).values("pk"))
            | Q(page__in=pages.filter(alias_of__isnull=False).values("alias_of"))
        )
