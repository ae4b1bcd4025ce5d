"""What every public page type of the portal shares."""

from django.db import models
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from search.text import strip_control_characters
from staff.permissions import StaffPagePermissionTester


def control_characters_stripped(instance):
    """Strip the control characters (``search.text.strip_control_characters``)
    from every text field of model ``instance``, in place: called from the
    ``clean`` of the portal's pages and their inline rows, so that the admin's
    forms (a text pasted from a word processor) and the translation editor
    store none, and every export can write every text. Deferred fields are left
    as they are (reading them would query)."""
    deferred = instance.get_deferred_fields()
    for field in instance._meta.concrete_fields:
        if field.attname in deferred or not isinstance(
            field, models.CharField | models.TextField
        ):
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            setattr(instance, field.attname, strip_control_characters(value))


class PortalPage:
    """A mixin for the portal's page models (before ``Page`` in their bases)."""

    # Whether deleting or moving a page of this type needs the "add" permission
    # over its parent, not only over the page (StaffPagePermissionTester).
    removal_needs_add_on_parent = False

    def clean(self):
        super().clean()
        control_characters_stripped(self)

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
