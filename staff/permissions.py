"""The pages a centre's staff may explore in the admin, asked in a form every
database answers from its path index.

Wagtail's page permission policy gives the explorable pages as one condition
per permission row (a centre's staff hold five on each of the centre's two
language copies: ten conditions, five of each the same), and then keeps only
those under the first common ancestor of the staff's pages. A centre exists in
two languages, so that ancestor is the root, whose path every page starts with.
SQLite, which cannot tell a prefix that holds every page from one that holds a
few, read the explorable pages through that prefix, that is the whole page
table: at tier M (682,000 pages) the explorer of a staff member's own centre
took 2.7 s, two statements of 1.2 s each (272 ms in this form), and that of
their province 2.6 s (146 ms). PostgreSQL planned either form well (298 and
283 ms).

The same pages are asked here as one prefix per distinct page (its subtree)
and the ancestors as a list of paths worked out from the pages' own paths, cut
at the common ancestor as Wagtail does: no condition is left that holds every
page, and each part is one index range. Everything else is Wagtail's policy.
"""

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy

# The actions that make a page explorable, as Wagtail's policy lists them.
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


class StaffPagePermissionPolicy(PagePermissionPolicy):
    def explorable_instances(self, user):
        if not user.is_active or user.is_superuser:
            return super().explorable_instances(user)
        codenames = {f"{action}_page" for action in EXPLORE_ACTIONS}
        held = self.get_cached_permissions_for_user(user)
        managed = {p.page.path for p in held if p.permission.codename in codenames}
        pages = {p.page.path: p.page for p in held}
        manager = self.model._default_manager
        if not pages:
            return manager.none()
        steplen = self.model.steplen
        # Each page's ancestors, from the root down, and never the page itself
        # (its own permissions say whether it is explorable): those under
        # the first common ancestor of the pages, the ancestor included.
        common = manager.first_common_ancestor_of(list(pages.values())).path
        ancestors = {
            path[:end]
            for path in pages
            for end in range(len(common), len(path), steplen)
        }
        condition = Q(path__in=sorted(ancestors))
        for path in sorted(managed):
            # A subtree inside another's adds nothing.
            if not any(path.startswith(p) and path != p for p in managed):
                condition |= Q(path__startswith=path)
        return manager.filter(condition)
