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

from django.contrib.auth import get_permission_codename
from django.db.models import Q
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

# The actions that make a page explorable, as Wagtail's policy lists them.
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def _subtrees(paths):
    """The condition for the pages under (or at) each of ``paths``, leaving out
    a subtree that another one holds."""
    condition = Q(pk__in=[])
    for path in sorted(paths):
        if not any(path.startswith(p) and path != p for p in paths):
            condition |= Q(path__startswith=path)
    return condition


class StaffPagePermissionPolicy(PagePermissionPolicy):
    def _held(self, user, actions):
        """The paths of the pages ``user`` holds any of ``actions`` on, and of
        those held only with "add" when "change" is asked (where Wagtail counts
        the pages the user owns), as Wagtail's policy reads the permissions."""
        codenames = {get_permission_codename(a, self.model._meta) for a in actions}
        owned_only = "change" in actions and "add" not in actions
        adding = get_permission_codename("add", self.model._meta)
        every, owned = set(), set()
        for perm in self.get_cached_permissions_for_user(user):
            codename = perm.permission.codename
            if codename == adding and owned_only:
                owned.add(perm.page.path)
            elif codename in codenames:
                every.add(perm.page.path)
        return every, owned

    def instances_user_has_any_permission_for(self, user, actions):
        """The pages on which ``user`` holds any of ``actions``, as Wagtail's
        policy gives them (a page held with "add" counts for "change" where
        the user owns it), with one condition per distinct page: a province's
        editors hold five permissions on each of its five language copies,
        and Wagtail's form, ten conditions, took 48 ms on SQLite at tier M to
        find one centre they may edit."""
        if not user.is_active or user.is_superuser:
            return super().instances_user_has_any_permission_for(user, actions)
        every, owned = self._held(user, actions)
        condition = _subtrees(every)
        owned = {path for path in owned if not any(path.startswith(p) for p in every)}
        if owned:
            condition |= _subtrees(owned) & Q(owner=user)
        return self.model._default_manager.filter(condition)

    def explorable_instances(self, user):
        if not user.is_active or user.is_superuser:
            return super().explorable_instances(user)
        # "add" is among the actions: no page counts only where owned.
        managed, _owned = self._held(user, EXPLORE_ACTIONS)
        pages = {
            p.page.path: p.page for p in self.get_cached_permissions_for_user(user)
        }
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
        return manager.filter(Q(path__in=sorted(ancestors)) | _subtrees(managed))


class StaffPagePermissionTester(PagePermissionTester):
    """Wagtail's answers about what a user may do to one page, but deleting or
    moving it (taking it away from where it is) also needs the "add" permission
    over it: Wagtail lets whoever may edit a page without children delete it,
    so translators, who hold change and publish on their language's tree and
    add nothing, could delete its province pages and curricula index. A page
    type whose ``removal_needs_add_on_parent`` is true also needs "add" over
    its parent: a centre's staff edit its page, only its province's editors
    remove it (and only once it has no courses: Wagtail asks them for
    bulk_delete, which no group holds); province pages and the curricula
    index, the skeleton of every language, their editors fill and only
    superusers remove (no group may add to a home page).

    Every place of the admin asks the tester (the delete and move views, their
    bulk actions, the page listing's and page header's buttons), so they all
    agree; ``PortalPage.permissions_for_user`` returns it."""

    def can_delete(self, ignore_bulk=False):
        # can_move() is can_delete(ignore_bulk=True): moving follows too.
        return self.can_remove() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_remove(self):
        """Return whether the user holds what deleting or moving the page needs
        on top of Wagtail's own rules (which ``can_delete`` and ``can_move``
        add): "add" over the page, and over its parent where the page type
        asks for it. Read from the user's cached permissions: no query."""
        if not self.user.is_active:
            return False
        if self.user.is_superuser:
            return True
        if "add" not in self.permissions:
            return False
        if getattr(self.page.specific_class, "removal_needs_add_on_parent", False):
            parent_path = self.page.path[: -self.page.steplen]
            # As Wagtail reads the page's own: the action part of each codename
            # held on the parent or above it.
            return any(
                perm.permission.codename.rsplit("_", maxsplit=1)[0] == "add"
                and parent_path.startswith(perm.page.path)
                for perm in self.permission_policy.get_cached_permissions_for_user(
                    self.user
                )
            )
        return True


def user_removes_pages(user):
    """Return whether ``user`` may delete or move any page at all (what the
    bulk actions "Delete" and "Move" are offered for): they hold "add" somewhere
    (see ``StaffPagePermissionTester``), or are a superuser."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(Page).user_has_permission(user, "add")
