"""Reads: who may edit, see and manage which centre, and what a staff member's
dashboard shows. Editing rights are Wagtail's own page permissions, so the admin,
the imports and these selectors can never disagree."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from centres.models import CentrePage, ProvincePage
from staff.models import ImportJob, StaffGroup, StaffScope

DASHBOARD_CENTRES = 5
DASHBOARD_COURSES = 20


def _source_centres():
    return CentrePage.objects.filter(locale=Locale.get_default())


def _permitted(user, action, queryset):
    """Return ``queryset`` narrowed to the pages ``user`` holds ``action`` on
    (directly or through an ancestor)."""
    if not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, action)
    return queryset.filter(pk__in=pages.values("pk"))


def centres_editable_by(user):
    """Return the source-language centres whose pages ``user`` may edit (centre
    staff: theirs; province editors: their provinces'; superusers: all)."""
    return _permitted(user, "change", _source_centres())


def user_can_edit_centre(user, centre_page):
    """Return whether ``user`` may edit the centre of ``centre_page``."""
    return (
        centres_editable_by(user)
        .filter(translation_key=centre_page.translation_key)
        .exists()
    )


def provinces_editable_by(user):
    """Return the source-language province pages where ``user`` may add centres."""
    return _permitted(
        user, "add", ProvincePage.objects.filter(locale=Locale.get_default())
    )


def user_is_national_editor(user):
    """Return whether ``user`` is a superuser or in the national editors group."""
    return user.is_active and (
        user.is_superuser
        or user.groups.filter(staff_scope__scope=StaffScope.NATIONAL).exists()
    )


def user_can_edit_curricula(user):
    """Return whether ``user`` may edit national curricula."""
    from courses.models import CurriculumIndexPage

    return _permitted(user, "change", CurriculumIndexPage.objects.all()).exists()


def centres_visible_to(user):
    """Return the source-language centres whose catalogue ``user`` may export and
    look at in the admin: national editors and superusers see every centre
    (read-only for national editors), everyone else what they may edit."""
    if user_is_national_editor(user):
        return _source_centres()
    return centres_editable_by(user)


def managed_provinces(user):
    """Return the source-language province pages whose centres' staff ``user``
    manages: every province for superusers, otherwise the provinces whose editors
    group ``user`` belongs to."""
    provinces = ProvincePage.objects.filter(locale=Locale.get_default())
    if not user.is_active:
        return provinces.none()
    if user.is_superuser:
        return provinces
    keys = StaffGroup.objects.filter(
        scope=StaffScope.PROVINCE, group__user=user
    ).values("translation_key")
    return provinces.filter(translation_key__in=keys)


def centres_managed_by(user):
    """Return the source-language centres whose staff ``user`` may add and remove."""
    provinces = list(managed_provinces(user).values_list("path", flat=True))
    if not provinces:
        return _source_centres().none()
    condition = Q()
    for path in provinces:
        condition |= Q(path__startswith=path)
    return _source_centres().filter(condition)


def user_can_manage_staff_of(user, centre_page):
    """Return whether ``user`` may add and remove staff of ``centre_page``'s centre."""
    return (
        centres_managed_by(user)
        .filter(translation_key=centre_page.translation_key)
        .exists()
    )


def centre_staff(centres):
    """Return ``{translation_key: [user, ...]}``: the staff of each of ``centres``."""
    keys = [c.translation_key for c in centres]
    groups = StaffGroup.objects.filter(
        scope=StaffScope.CENTRE, translation_key__in=keys
    ).values_list("translation_key", "group_id")
    group_keys = {group_id: key for key, group_id in groups}
    result = {key: [] for key in keys}
    memberships = (
        get_user_model()
        .groups.through.objects.filter(group_id__in=group_keys)
        .select_related("user")
        .order_by("user__username")
    )
    for membership in memberships:
        result[group_keys[membership.group_id]].append(membership.user)
    return result


def staff_centres(user):
    """Return the source-language centres a staff member looks after, for the
    dashboard: their own centres first, then those of their provinces (at most
    DASHBOARD_CENTRES of them)."""
    if not user.is_active or user.is_superuser:
        return []
    keys = StaffGroup.objects.filter(scope=StaffScope.CENTRE, group__user=user).values(
        "translation_key"
    )
    own = list(_source_centres().filter(translation_key__in=keys).order_by("title"))
    if len(own) < DASHBOARD_CENTRES:
        more = centres_managed_by(user).exclude(pk__in=[c.pk for c in own])
        own += list(more.order_by("title")[: DASHBOARD_CENTRES - len(own)])
    return own


def centre_dashboard(centre, now=None):
    """Return what a staff member's dashboard shows of ``centre``: its courses
    (latest revisions' titles) with their next class, the drafts awaiting
    publishing in every locale, and where "add a course" goes."""
    from courses.models import CourseOccurrence, CoursePage

    now = now or timezone.now()
    courses = list(
        CoursePage.objects.child_of(centre).order_by("title")[:DASHBOARD_COURSES]
    )
    next_class = {}
    rows = (
        CourseOccurrence.objects.filter(
            translation_key__in=[c.translation_key for c in courses],
            start__gte=now,
            start__lt=now + dt.timedelta(days=366),
            cancelled=False,
        )
        .order_by("start")
        .values_list("translation_key", "start")
    )
    for key, start in rows:
        next_class.setdefault(key, start)
    translations = Page.objects.filter(translation_key=centre.translation_key)
    subtree = Q()
    for path in translations.values_list("path", flat=True):
        subtree |= Q(path__startswith=path)
    drafts = (
        Page.objects.filter(subtree)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .select_related("locale")
        .order_by("-latest_revision_created_at")[:DASHBOARD_COURSES]
    )
    return {
        "centre": centre,
        "courses": [(c, next_class.get(c.translation_key)) for c in courses],
        "course_count": CoursePage.objects.child_of(centre).count(),
        "drafts": list(drafts),
    }


def import_jobs_visible_to(user):
    """Return the background import jobs ``user`` may see: their own, every job
    for superusers, none for inactive users."""
    if not user.is_active:
        return ImportJob.objects.none()
    if user.is_superuser:
        return ImportJob.objects.all()
    return ImportJob.objects.filter(user=user)
