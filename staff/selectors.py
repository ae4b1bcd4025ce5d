"""Reads: who may edit, see and manage which centre, and what a staff member's
dashboard shows. Editing rights are Wagtail's own page permissions, so the admin,
the imports and these selectors can never disagree."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_permission_codename, get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

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
    policy = policy_registry.get_by_type(Page)  # staff.permissions
    pages = policy.instances_user_has_permission_for(user, action)
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
    """Return whether ``user`` may edit the national curricula: the Vietnamese
    (source) ones, which imports write. Translators may edit their language's
    copy of the curricula index (it is in their tree), which does not count."""
    from courses.models import CurriculumIndexPage

    source_indexes = CurriculumIndexPage.objects.filter(locale=Locale.get_default())
    return _permitted(user, "change", source_indexes).exists()


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


# Translation ---------------------------------------------------------------------


def locale_tree_editable_by(user, locale):
    """Return whether ``user`` may edit the whole page tree of ``locale`` (may
    edit its home page: translators into that language, superusers)."""
    homes = Page.objects.filter(depth=2, locale=locale)
    return any(home.permissions_for_user(user).can_edit() for home in homes)


def locales_translatable_by(user, page):
    """Return the locales (a queryset, ``page``'s own excluded) into which
    ``user`` may translate ``page``: those where they may add pages under the
    parent's translation, or, when the parent has no translation there yet (it
    would be copied too), those whose whole tree they may edit. Translators into
    a language may therefore translate any page into it and into no other; a
    centre's staff only their centre's pages, into the languages it already has
    (they would also need the ``submit_translation`` permission, which their
    groups do not hold). Superusers: every locale."""
    locales = Locale.objects.exclude(pk=page.locale_id)
    if not user.is_active:
        return locales.none()
    if user.is_superuser:
        return locales
    parent = page.get_parent()
    parents = {}
    if parent is not None and not parent.is_root():
        parents = {p.locale_id: p for p in parent.get_translations()}
    allowed = [
        locale.pk
        for locale in locales
        if (
            locale.pk in parents
            and parents[locale.pk].permissions_for_user(user).can_add_subpage()
        )
        or locale_tree_editable_by(user, locale)
    ]
    return locales.filter(pk__in=allowed)


def translation_targets_editable_by(user, source):
    """Return whether ``user`` may edit and publish the target of every enabled
    translation of ``source`` (a wagtail-localize TranslationSource): what
    "Sync translated pages", which rewrites and may publish them all, needs."""
    if user.is_superuser:
        return user.is_active
    for translation in source.translations.filter(enabled=True):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            continue
        if isinstance(target, Page):
            perms = target.permissions_for_user(user)
            if not (perms.can_edit() and perms.can_publish()):
                return False
        else:
            opts = type(target)._meta
            codename = get_permission_codename("change", opts)
            if not user.has_perm(f"{opts.app_label}.{codename}"):
                return False
    return True


def translators(language_code):
    """Return the users in the translators group of ``language_code``, by
    username."""
    return (
        get_user_model()
        .objects.filter(
            groups__staff_scope__scope=StaffScope.TRANSLATOR,
            groups__staff_scope__language=language_code,
        )
        .order_by("username")
    )


def user_translation_languages(user):
    """Return the language codes ``user`` translates into (their translators
    groups'), in the order of LANGUAGES."""
    mine = set(
        StaffGroup.objects.filter(
            scope=StaffScope.TRANSLATOR, group__user=user
        ).values_list("language", flat=True)
    )
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code in mine]


def translator_dashboard(language_code):
    """Return what a translator's dashboard shows of ``language_code`` (None
    when the language has no locale yet): its locale and home page, its pages
    translated most recently (wagtail-localize translations, newest first) and
    the Vietnamese centres and courses published most recently that have no
    translation into it yet (each list at most DASHBOARD_COURSES long)."""
    from wagtail_localize.models import Translation

    from courses.models import CoursePage

    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    keys = Translation.objects.filter(target_locale=locale, enabled=True).order_by(
        "-created_at"
    )[:DASHBOARD_COURSES]
    translated = Page.objects.filter(
        locale=locale, translation_key__in=keys.values("source__object_id")
    ).order_by("-latest_revision_created_at")
    untranslated = (
        Page.objects.live()
        .type(CentrePage, CoursePage)
        .filter(locale=Locale.get_default())
        .exclude(
            translation_key__in=Page.objects.filter(locale=locale).values(
                "translation_key"
            )
        )
        .order_by("-last_published_at")[:DASHBOARD_COURSES]
    )
    return {
        "locale": locale,
        "home": Page.objects.filter(depth=2, locale=locale).first(),
        "translated": list(translated),
        "untranslated": list(untranslated),
    }


def import_jobs_visible_to(user):
    """Return the background import jobs ``user`` may see: their own, every job
    for superusers, none for inactive users."""
    if not user.is_active:
        return ImportJob.objects.none()
    if user.is_superuser:
        return ImportJob.objects.all()
    return ImportJob.objects.filter(user=user)
