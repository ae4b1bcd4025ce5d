"""Writes for staff groups, their permissions and their members.

Every centre gets a group of staff and a collection for its images and documents;
every province a group of editors and a collection holding its centres'
collections; the nation one group of editors for curricula and taxonomies; each
language other than the source one a group of translators, who may edit and
publish that language's page tree and nothing else. The
groups hold Wagtail page permissions on *each locale's copy* of their page (each
locale has its own page tree) and collection permissions on their collection, and
nothing else besides ``wagtailadmin.access_admin``: never user management, settings
or root-page permissions.

Every function here is idempotent: calling it again repairs what is missing and
changes nothing else.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from treebeard.numconv import NumConv
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
)

from centres.models import CentrePage, ProvincePage
from portal.tasks import at_block_end
from search.text import nfc
from staff.models import StaffGroup, StaffScope

CENTRE_WORDS = "trung tâm học tập cộng đồng"
CENTRE_ABBREVIATION = "TTHTCĐ"
NATIONAL_GROUP_NAME = "Biên tập viên quốc gia"
PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
MEDIA_ACTIONS = ("add", "change", "delete", "choose")
# The permissions Wagtail's image and document policies check: those of its own
# models (their auth_model), whatever the custom models are
# (wagtail/images/__init__.py, wagtail/documents/__init__.py,
# get_permission_policy). media.*_customimage ones would give nothing.
MEDIA_MODELS = ("wagtailimages.image", "wagtaildocs.document")
# What national editors may do with the national taxonomies (snippets).
TAXONOMY_MODELS = ("courses.category", "courses.audience")
GROUP_NAME_MAX = 150
# Translators edit and publish their language's pages; they add none: new pages
# in their tree come from translating a Vietnamese one (staff.views).
TRANSLATOR_PAGE_ACTIONS = ("change", "publish")
# Languages as Vietnamese names them, for the translators groups' names; a
# language missing here is named as in LANGUAGES.
LANGUAGE_NAMES_VI = {
    "en": "tiếng Anh",
    "km": "tiếng Khmer",
    "tyz": "tiếng Tày",
    "hmn": "tiếng Mông",
}
BULK_BATCH = 2000


# Names ---------------------------------------------------------------------------


def centre_short_name(title):
    """Return the centre's name with "Trung tâm học tập cộng đồng" abbreviated to
    "TTHTCĐ" ("TTHTCĐ phường Ea Kao"); other names are returned as they are."""
    title = nfc(title or "").strip()
    if title.casefold().startswith(CENTRE_WORDS):
        rest = title[len(CENTRE_WORDS) :].strip()
        return f"{CENTRE_ABBREVIATION} {rest}".strip()
    return title


def centre_group_name(title):
    """Return the readable name of a centre's staff group ("Cán bộ TTHTCĐ xã Ea
    Kao")."""
    return f"Cán bộ {centre_short_name(title)}"[:GROUP_NAME_MAX]


def province_group_name(province):
    """Return the readable name of a province's editors group ("Biên tập viên tỉnh
    Đắk Lắk")."""
    name = nfc(province.name)
    return f"Biên tập viên {name[:1].lower()}{name[1:]}"[:GROUP_NAME_MAX]


def translator_group_name(language_code):
    """Return the readable name of the translators group of ``language_code``
    ("Người dịch tiếng Khmer (km)")."""
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    name = LANGUAGE_NAMES_VI.get(language_code) or names.get(language_code, "")
    return f"Người dịch {name} ({language_code})"[:GROUP_NAME_MAX]


def _name_with_code(name, code):
    suffix = f" ({code})"
    return name[: GROUP_NAME_MAX - len(suffix)] + suffix


def _free_group_name(name, code, group=None):
    """Return ``name``, or ``name (code)`` when another group already has it (two
    communes of different provinces may share a name)."""
    taken = Group.objects.filter(name=name)
    if group is not None:
        taken = taken.exclude(pk=group.pk)
    return _name_with_code(name, code) if taken.exists() else name


# Permissions -----------------------------------------------------------------------


def _page_permissions(actions=PAGE_ACTIONS):
    """Return the Permission objects of the page ``actions`` (by default those
    centre and province groups hold)."""
    return list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore",
            content_type__model="page",
            codename__in=[f"{action}_page" for action in actions],
        )
    )


def _media_permissions():
    """Return the collection permissions (add, change, delete, choose) on images
    and documents, as Wagtail's permission policies read them (MEDIA_MODELS)."""
    condition = Q(pk__in=[])
    for label in MEDIA_MODELS:
        app_label, model = label.split(".")
        condition |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in MEDIA_ACTIONS],
        )
    return list(Permission.objects.filter(condition))


def _access_admin():
    return Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


def _page_permissions_ensure(group, page_ids, permissions=None):
    """Give ``group`` the page actions on every page of ``page_ids``; returns how
    many rules were added."""
    permissions = permissions or _page_permissions()
    have = set(
        GroupPagePermission.objects.filter(
            group=group, page_id__in=page_ids
        ).values_list("page_id", "permission_id")
    )
    missing = [
        GroupPagePermission(group=group, page_id=page_id, permission=permission)
        for page_id in page_ids
        for permission in permissions
        if (page_id, permission.pk) not in have
    ]
    GroupPagePermission.objects.bulk_create(missing)
    return len(missing)


def _collection_permissions_ensure(group, collection, permissions=None):
    permissions = permissions or _media_permissions()
    have = set(
        GroupCollectionPermission.objects.filter(
            group=group, collection=collection
        ).values_list("permission_id", flat=True)
    )
    missing = [
        GroupCollectionPermission(
            group=group, collection=collection, permission=permission
        )
        for permission in permissions
        if permission.pk not in have
    ]
    GroupCollectionPermission.objects.bulk_create(missing)
    return len(missing)


# Groups ----------------------------------------------------------------------------


def _source_copy(page, model):
    """Return the source-language copy of ``page`` (or ``page`` itself when it has
    none, e.g. a centre created directly in English)."""
    copies = model.objects.filter(translation_key=page.translation_key)
    source = copies.filter(locale=Locale.get_default()).first()
    return source or model.objects.get(pk=page.pk)


def _staff_group(scope, translation_key):
    return (
        StaffGroup.objects.select_related("group", "collection")
        .filter(scope=scope, translation_key=translation_key)
        .first()
    )


def _rename(staff_group, name, code, collection_name, parent_collection):
    """Keep ``staff_group``'s group and collection named after its page and its
    collection under ``parent_collection`` (None: the root)."""
    group = staff_group.group
    if group.name not in (name, _name_with_code(name, code)):
        group.name = _free_group_name(name, code, group)
        group.save(update_fields=["name"])
    collection = staff_group.collection
    if collection is None:
        return
    if collection.name != collection_name:
        collection.name = collection_name
        collection.save(update_fields=["name"])
    parent = parent_collection or Collection.get_first_root_node()
    if not collection.path.startswith(parent.path) or collection.depth != (
        parent.depth + 1
    ):
        collection.move(parent, pos="sorted-child")


@transaction.atomic
def province_groups_ensure(province_page):
    """Create or repair the editors group and the collection of the province of
    ``province_page`` (any locale's copy). The group may add, edit, publish, lock
    and unlock pages under every locale's copy of the province page (centres and
    their courses; adding a centre included) and manage images and documents in
    the province's collection, which holds its centres' collections. Returns the
    StaffGroup."""
    source = _source_copy(province_page, ProvincePage)
    name = province_group_name(source.province)
    staff_group = _staff_group(StaffScope.PROVINCE, source.translation_key)
    if staff_group is None:
        group = Group.objects.create(name=_free_group_name(name, source.province.code))
        group.permissions.add(_access_admin())
        collection = Collection.get_first_root_node().add_child(
            name=source.province.name
        )
        staff_group = StaffGroup.objects.create(
            group=group,
            scope=StaffScope.PROVINCE,
            translation_key=source.translation_key,
            collection=collection,
        )
    else:
        _rename(staff_group, name, source.province.code, source.province.name, None)
    copies = list(
        Page.objects.filter(translation_key=source.translation_key).values_list(
            "pk", flat=True
        )
    )
    _page_permissions_ensure(staff_group.group, copies)
    _collection_permissions_ensure(staff_group.group, staff_group.collection)
    return staff_group


@transaction.atomic
def centre_groups_ensure(centre_page):
    """Create or repair the staff group and the collection of the centre of
    ``centre_page`` (any locale's copy), and its province's.

    The group may add, edit, publish, lock and unlock pages in every locale's copy
    of the centre's subtree and manage the images and documents of its collection
    (inside the province's collection, so province editors manage them too). A
    renamed centre renames its group and collection; a centre moved to another
    province moves its collection. Returns the StaffGroup."""
    source = _source_copy(centre_page, CentrePage)
    parent = ProvincePage.objects.filter(pk=source.get_parent().pk).first()
    province_group = province_groups_ensure(parent) if parent else None
    parent_collection = province_group.collection if province_group else None
    name = centre_group_name(source.title)
    collection_name = centre_short_name(source.title)
    staff_group = _staff_group(StaffScope.CENTRE, source.translation_key)
    if staff_group is None:
        group = Group.objects.create(name=_free_group_name(name, source.code))
        group.permissions.add(_access_admin())
        collection = (parent_collection or Collection.get_first_root_node()).add_child(
            name=collection_name
        )
        staff_group = StaffGroup.objects.create(
            group=group,
            scope=StaffScope.CENTRE,
            translation_key=source.translation_key,
            collection=collection,
        )
    else:
        _rename(staff_group, name, source.code, collection_name, parent_collection)
    copies = list(
        Page.objects.filter(translation_key=source.translation_key).values_list(
            "pk", flat=True
        )
    )
    _page_permissions_ensure(staff_group.group, copies)
    _collection_permissions_ensure(staff_group.group, staff_group.collection)
    return staff_group


@transaction.atomic
def national_group_ensure():
    """Create or repair the national editors group: curricula (every locale's copy
    of the curricula index and the pages under it) and the national taxonomies
    (categories and audiences, add/change/delete/view). No centre pages, no
    residents' data. Returns the StaffGroup."""
    from courses.models import CurriculumIndexPage

    staff_group = StaffGroup.objects.filter(scope=StaffScope.NATIONAL).first()
    if staff_group is None:
        group, _created = Group.objects.get_or_create(name=NATIONAL_GROUP_NAME)
        staff_group = StaffGroup.objects.create(group=group, scope=StaffScope.NATIONAL)
    group = staff_group.group
    wanted = [_access_admin()]
    for label in TAXONOMY_MODELS:
        app_label, model = label.split(".")
        content_type = ContentType.objects.get(app_label=app_label, model=model)
        wanted += Permission.objects.filter(
            content_type=content_type,
            codename__in=[
                f"{action}_{model}" for action in ("add", "change", "delete", "view")
            ],
        )
    group.permissions.add(*wanted)
    index_ids = list(CurriculumIndexPage.objects.values_list("pk", flat=True))
    _page_permissions_ensure(group, index_ids)
    return staff_group


def translation_languages():
    """Return the codes of the content languages translated from the source
    language (every one of WAGTAIL_CONTENT_LANGUAGES but the default)."""
    languages = settings.WAGTAIL_CONTENT_LANGUAGES
    return [code for code, _name in languages if code != settings.LANGUAGE_CODE]


def _locale_home_ids(language_code):
    """Return the ids of the top pages (home pages) of ``language_code``'s tree."""
    return list(
        Page.objects.filter(depth=2, locale__language_code=language_code).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def translator_group_ensure(language_code):
    """Create or repair the translators group of ``language_code`` (one of
    ``translation_languages()``; raises ValueError for the source language or an
    unknown one).

    The group may edit and publish every page of that language's tree (page
    permissions on the language's home page) and submit translations, which
    staff.views narrows to the languages the user may edit. No "add" page
    permission, no images or documents (alt text is not translated per
    language), no snippets (national taxonomies stay with the national editors),
    no user management, settings or root-page permissions. Returns the
    StaffGroup."""
    if language_code not in translation_languages():
        raise ValueError(language_code)
    staff_group = (
        StaffGroup.objects.select_related("group")
        .filter(scope=StaffScope.TRANSLATOR, language=language_code)
        .first()
    )
    name = translator_group_name(language_code)
    if staff_group is None:
        group, _created = Group.objects.get_or_create(name=name)
        staff_group = StaffGroup.objects.create(
            group=group, scope=StaffScope.TRANSLATOR, language=language_code
        )
    elif staff_group.group.name != name:
        group = staff_group.group
        group.name = _free_group_name(name, language_code, group)
        group.save(update_fields=["name"])
    staff_group.group.permissions.add(
        _access_admin(),
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ),
    )
    _page_permissions_ensure(
        staff_group.group,
        _locale_home_ids(language_code),
        _page_permissions(TRANSLATOR_PAGE_ACTIONS),
    )
    return staff_group


def translator_groups_ensure():
    """Create or repair the translators group of every translated language.
    Returns the StaffGroups."""
    return [translator_group_ensure(code) for code in translation_languages()]


# Members ---------------------------------------------------------------------------


class AccountRefused(Exception):
    """An existing account a staff form may not add as asked: ``field`` is the
    form field the message is about ("username" or "email")."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def _user_for(username, email="", may_add=None):
    """Return ``(user, created)`` for ``username``; a new user gets ``email`` and
    no usable password (they set one through "Forgotten password?").

    An existing account keeps its email: whoever adds someone to a group must
    not be able to send that person's password reset link elsewhere, so another
    email than the account's raises AccountRefused (an empty one keeps it). With
    ``may_add(user)``, an existing account it refuses raises AccountRefused."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is not None:
        if email and email.strip().casefold() != (user.email or "").casefold():
            raise AccountRefused(
                "email",
                _(
                    "The account %(user)s already exists and its email address "
                    "cannot be changed here: leave the email empty."
                )
                % {"user": username},
            )
        if may_add is not None and not may_add(user):
            raise AccountRefused(
                "username",
                _(
                    "The account %(user)s has other rights than yours to give: "
                    "ask an administrator to add it."
                )
                % {"user": username},
            )
        return user, False
    user = user_model(username=username, email=email or "")
    user.set_unusable_password()
    user.save()
    return user, True


def _only_in_groups(user, group_ids):
    """Return whether everything ``user`` may do comes from groups among
    ``group_ids`` (a queryset of ids): not a superuser, no Django admin access,
    no permission of their own, no other group."""
    return not (
        user.is_superuser
        or user.is_staff
        or user.user_permissions.exists()
        or user.groups.exclude(pk__in=group_ids).exists()
    )


def _staff_addable_by(actor):
    """The rule of the "Centre staff" form: a province editor may add an
    existing account to their centres only when it has no rights beyond their
    provinces' centres (no group but those centres' staff groups); they may not
    enlist a superuser, a national editor, a translator, a province editor or
    another province's centre staff (whose reach the form would change).
    Superusers and the command line (no actor) may add any account."""
    if actor is None or actor.is_superuser:
        return None
    from staff.selectors import centres_managed_by

    groups = StaffGroup.objects.filter(
        scope=StaffScope.CENTRE,
        translation_key__in=centres_managed_by(actor).values("translation_key"),
    ).values("group_id")
    return lambda user: _only_in_groups(user, groups)


def _translator_addable_by(actor):
    """The rule of the "Translators" form: a national editor may make an
    existing account a translator only when it has no other rights than
    translating (no group but translators groups). Superusers and the command
    line (no actor) may add any account."""
    if actor is None or actor.is_superuser:
        return None
    groups = StaffGroup.objects.filter(scope=StaffScope.TRANSLATOR).values("group_id")
    return lambda user: _only_in_groups(user, groups)


def _check_manager(actor, centre_page):
    from staff.selectors import user_can_manage_staff_of

    if actor is not None and not user_can_manage_staff_of(actor, centre_page):
        raise PermissionDenied("You may not manage the staff of this centre.")


@transaction.atomic
def staff_add(centre_page, username, email="", actor=None):
    """Make ``username`` (created when needed) a member of the staff of the centre
    of ``centre_page``. With an ``actor``, raises PermissionDenied unless the
    actor is a superuser or an editor of the centre's province, and
    AccountRefused for an existing account beyond the actor's reach (see
    ``_staff_addable_by``); for anyone, AccountRefused when ``email`` is not the
    existing account's. Returns ``(user, created)``."""
    _check_manager(actor, centre_page)
    user, created = _user_for(username, email, _staff_addable_by(actor))
    staff_group = centre_groups_ensure(centre_page)
    user.groups.add(staff_group.group)
    return user, created


@transaction.atomic
def staff_remove(centre_page, user, actor=None):
    """Remove ``user`` from the staff of the centre of ``centre_page`` (the account
    itself stays). Same permission rule as ``staff_add``. Returns whether the user
    was a member."""
    _check_manager(actor, centre_page)
    source = _source_copy(centre_page, CentrePage)
    staff_group = _staff_group(StaffScope.CENTRE, source.translation_key)
    if staff_group is None or not user.groups.filter(pk=staff_group.group_id).exists():
        return False
    user.groups.remove(staff_group.group)
    return True


@transaction.atomic
def translator_add(language_code, username, email="", actor=None):
    """Make ``username`` (created when needed) a translator into
    ``language_code``; raises ValueError for the source language or an unknown
    one, AccountRefused for an existing account beyond ``actor``'s reach (see
    ``_translator_addable_by``) or when ``email`` is not the existing
    account's. Returns ``(user, created)``."""
    staff_group = translator_group_ensure(language_code)
    user, created = _user_for(username, email, _translator_addable_by(actor))
    user.groups.add(staff_group.group)
    return user, created


@transaction.atomic
def translator_remove(language_code, user):
    """Remove ``user`` from the translators into ``language_code`` (the account
    itself stays). Returns whether the user was one."""
    staff_group = StaffGroup.objects.filter(
        scope=StaffScope.TRANSLATOR, language=language_code
    ).first()
    if staff_group is None or not user.groups.filter(pk=staff_group.group_id).exists():
        return False
    user.groups.remove(staff_group.group)
    return True


@transaction.atomic
def province_editor_add(province_page, username, email=""):
    """Make ``username`` (created when needed) an editor of the province of
    ``province_page``. Only for administrators (the command line); province
    editors cannot grant it. Raises AccountRefused when ``email`` is not the
    existing account's. Returns ``(user, created)``."""
    staff_group = province_groups_ensure(province_page)
    user, created = _user_for(username, email)
    user.groups.add(staff_group.group)
    return user, created


# Backfill --------------------------------------------------------------------------

_collection_numconv = NumConv(Collection.alphabet)


def _collection_children_bulk(parent, names):
    """Add collections named ``names`` under ``parent`` with one insert, following
    treebeard's path rules; returns them in order."""
    last = parent.get_last_child()
    if last is not None and names and last.name > min(names):
        # Collections are kept sorted by name: among existing siblings, let
        # treebeard find each one's place (rare: the backfill fills new parents).
        return [parent.add_child(name=name) for name in names]
    step = _collection_numconv.str2int(last.path[-Collection.steplen :]) if last else 0
    children = []
    for name in names:
        step += 1
        path = parent.path + _collection_numconv.int2str(step).rjust(
            Collection.steplen, "0"
        )
        children.append(
            Collection(name=name, path=path, depth=parent.depth + 1, numchild=0)
        )
    Collection.objects.bulk_create(children, batch_size=BULK_BATCH)
    Collection.objects.filter(pk=parent.pk).update(
        numchild=parent.numchild + len(children)
    )
    by_path = {
        c.path: c
        for c in Collection.objects.filter(
            path__startswith=parent.path, depth=parent.depth + 1
        )
    }
    return [by_path[c.path] for c in children]


@transaction.atomic
def staff_groups_backfill(progress=None):
    """Create every missing centre, province, national and translators group,
    collection and permission in bulk (for centres written with bulk inserts,
    such as the benchmark's generator, which sends no signals). Existing groups
    keep their members; missing permissions are added. Returns counts by kind.

    ``progress(n)`` is called as centres are handled."""
    counts = {"provinces": 0, "centres": 0, "page_permissions": 0}
    national_group_ensure()
    translator_groups_ensure()
    source = Locale.get_default()
    provinces = {}
    for province_page in ProvincePage.objects.filter(locale=source).select_related(
        "province"
    ):
        existed = _staff_group(StaffScope.PROVINCE, province_page.translation_key)
        provinces[province_page.path] = province_groups_ensure(province_page)
        counts["provinces"] += existed is None

    page_permissions = _page_permissions()
    media_permissions = _media_permissions()
    access_admin = _access_admin()
    existing = set(
        StaffGroup.objects.filter(scope=StaffScope.CENTRE).values_list(
            "translation_key", flat=True
        )
    )
    centres = list(
        CentrePage.objects.filter(locale=source)
        .exclude(translation_key__in=existing)
        .order_by("path")
        .values_list("translation_key", "title", "code", "path")
    )
    names_taken = set(Group.objects.values_list("name", flat=True))
    new_groups = []
    by_province = {}
    steplen = Page.steplen
    for key, title, code, path in centres:
        name = centre_group_name(title)
        if name in names_taken:
            name = _name_with_code(name, code)
        names_taken.add(name)
        new_groups.append((key, name, centre_short_name(title)))
        by_province.setdefault(path[:-steplen], []).append(len(new_groups) - 1)
    Group.objects.bulk_create(
        [Group(name=name) for _k, name, _c in new_groups], batch_size=BULK_BATCH
    )
    # One read of every group beats a name__in list longer than SQLite allows.
    group_ids = dict(Group.objects.values_list("name", "pk"))
    Group.permissions.through.objects.bulk_create(
        [
            Group.permissions.through(
                group_id=group_ids[name], permission_id=access_admin.pk
            )
            for _k, name, _c in new_groups
        ],
        batch_size=BULK_BATCH,
    )
    collections = {}
    root = Collection.get_first_root_node()
    for province_path, indexes in by_province.items():
        province_group = provinces.get(province_path)
        parent = province_group.collection if province_group else root
        parent.refresh_from_db()
        indexes = sorted(indexes, key=lambda i: new_groups[i][2])
        made = _collection_children_bulk(parent, [new_groups[i][2] for i in indexes])
        for i, collection in zip(indexes, made, strict=True):
            collections[i] = collection
    StaffGroup.objects.bulk_create(
        [
            StaffGroup(
                group_id=group_ids[name],
                scope=StaffScope.CENTRE,
                translation_key=key,
                collection=collections[i],
            )
            for i, (key, name, _c) in enumerate(new_groups)
        ],
        batch_size=BULK_BATCH,
    )
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(
                group_id=group_ids[name],
                collection=collections[i],
                permission=permission,
            )
            for i, (_key, name, _c) in enumerate(new_groups)
            for permission in media_permissions
        ],
        batch_size=BULK_BATCH,
    )
    counts["centres"] = len(new_groups)
    if progress:
        progress(len(new_groups))

    # Page permissions on every locale's copy of every centre, for new and old
    # groups alike (a translation may have been bulk-inserted since).
    group_of_key = dict(
        StaffGroup.objects.filter(scope=StaffScope.CENTRE).values_list(
            "translation_key", "group_id"
        )
    )
    have = set(
        GroupPagePermission.objects.filter(
            group__staff_scope__scope=StaffScope.CENTRE
        ).values_list("group_id", "page_id", "permission_id")
    )
    missing = []
    for page_id, key in CentrePage.objects.values_list("pk", "translation_key"):
        group_id = group_of_key.get(key)
        if group_id is None:
            continue
        for permission in page_permissions:
            if (group_id, page_id, permission.pk) not in have:
                missing.append(
                    GroupPagePermission(
                        group_id=group_id, page_id=page_id, permission=permission
                    )
                )
    GroupPagePermission.objects.bulk_create(missing, batch_size=BULK_BATCH)
    counts["page_permissions"] = len(missing)
    return counts


def page_groups_follow(page):
    """Ensure the groups of ``page`` (see ``page_groups_ensure``) after it was
    created, published or moved: at once, or inside an import once, when the
    import ends."""
    if _groups_class(page) and not at_block_end(_page_groups_ensure_pk, page.pk):
        page_groups_ensure(page)


def _page_groups_ensure_pk(pk):
    page = Page.objects.filter(pk=pk).first()
    if page is not None:
        page_groups_ensure(page)


def _groups_class(page):
    """The class of ``page`` when pages like it may have groups (see
    ``page_groups_ensure``), else None."""
    from courses.models import CurriculumIndexPage

    if not isinstance(page, Page):
        return None
    # A moved page arrives as a plain Page: its class says what it is.
    cls = page.specific_class or type(page)
    if issubclass(cls, CentrePage | ProvincePage | CurriculumIndexPage):
        return cls
    return cls if page.depth == 2 else None


def page_groups_ensure(page):
    """Ensure the groups of ``page`` when it is a centre, province or curricula
    index page (any locale), or the home page of a translated language (its
    translators); do nothing (and query nothing) for other pages."""
    from courses.models import CurriculumIndexPage

    cls = _groups_class(page)
    if cls is None:
        return None
    if issubclass(cls, CentrePage):
        return centre_groups_ensure(page)
    if issubclass(cls, ProvincePage):
        return province_groups_ensure(page)
    if issubclass(cls, CurriculumIndexPage):
        return national_group_ensure()
    if page.depth == 2:
        language = Locale.objects.get(pk=page.locale_id).language_code
        if language in translation_languages():
            return translator_group_ensure(language)
    return None


# Spreadsheet and catalogue import in the admin ------------------------------------


@dataclass
class ImportOutcome:
    """What an admin import did or would do: counts by section and action, each
    course row's action and changed columns, and every rejected cell."""

    counts: dict = field(default_factory=dict)
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    phases: list = field(default_factory=list)
    ignored: list = field(default_factory=list)
    dry_run: bool = True

    @property
    def ok(self):
        return not self.problems

    @property
    def labelled_counts(self):
        """Return ``[(label, counts)]``: each section's counts, the section named
        as the import command's summary names it."""
        from courses.catalogue import SECTION_LABELS

        return [(SECTION_LABELS[section], c) for section, c in self.counts.items()]

    def as_json(self):
        """Return the outcome as JSON-ready data (kept by a background import
        job); ``ImportOutcome.from_json`` reads it back."""
        return {
            "counts": self.counts,
            "rows": [list(row) for row in self.rows],
            "problems": [[p.row, p.column, p.message] for p in self.problems],
            "phases": [list(phase) for phase in self.phases],
            "ignored": list(self.ignored),
            "dry_run": self.dry_run,
        }

    @classmethod
    def from_json(cls, data):
        """Return the ImportOutcome that ``as_json`` gave ``data``."""
        from staff.spreadsheet import RowProblem

        return cls(
            counts=data.get("counts", {}),
            rows=[tuple(row) for row in data.get("rows", [])],
            problems=[RowProblem(*p) for p in data.get("problems", [])],
            phases=[tuple(phase) for phase in data.get("phases", [])],
            ignored=data.get("ignored", []),
            dry_run=data.get("dry_run", True),
        )


def _catalogue_problems(error, where):
    """Turn a CatalogueError into RowProblems located by row."""
    from staff.spreadsheet import RowProblem, column_of

    problems = []
    for problem in error.problems:
        if problem.section == "courses" and problem.index is not None and where:
            row = where.get(("courses", problem.index), f"courses[{problem.index}]")
        elif problem.section:
            row = where.get(
                (problem.section, problem.index), f"{problem.section}[{problem.index}]"
            )
        else:
            row = "—"
        problems.append(RowProblem(row, column_of(problem.field), problem.message))
    return problems


def _read_only_curricula_drop(user, data):
    """Return ``(data, codes)``: ``data`` without the curricula that already exist
    when ``user`` may not edit curricula (a centre's export names the curricula
    its courses follow; importing it back must not need the right to edit them),
    and the codes left out."""
    from courses.models import CurriculumPage
    from staff.selectors import user_can_edit_curricula

    records = data.get("curricula") or []
    if not records or user_can_edit_curricula(user):
        return data, []
    codes = [r.get("code") for r in records if isinstance(r, dict)]
    existing = set(
        CurriculumPage.objects.filter(
            locale=Locale.get_default(), code__in=codes
        ).values_list("code", flat=True)
    )
    kept = [
        r for r in records if not (isinstance(r, dict) and r.get("code") in existing)
    ]
    return {**data, "curricula": kept}, sorted(existing)


def import_restrictions(user, data, where):
    """Return the RowProblems of catalogue ``data`` that ``user`` may not write:
    courses of centres they may not edit (or whose code belongs to a course of
    such a centre: an import would move it), centres they may not edit or create,
    curricula unless they edit curricula. Superusers may write everything."""
    from centres.selectors import PlaceNotFound, province_find
    from courses.models import CoursePage
    from staff.selectors import (
        centres_editable_by,
        provinces_editable_by,
        user_can_edit_curricula,
    )
    from staff.spreadsheet import RowProblem

    if user.is_superuser:
        return []
    problems = []
    source = Locale.get_default()

    def reject(section, index, column, message):
        label = where.get((section, index), f"{section}[{index}]")
        problems.append(RowProblem(label, column, str(message)))

    if data.get("curricula") and not user_can_edit_curricula(user):
        for index, _record in enumerate(data["curricula"]):
            message = _("You may not create national curricula.")
            reject("curricula", index, "code", message)
    editable = set(centres_editable_by(user).values_list("code", flat=True))
    province_ids = set(
        provinces_editable_by(user).values_list("province_id", flat=True)
    )
    existing_centres = {
        c.code: c
        for c in CentrePage.objects.filter(
            locale=source,
            code__in=[
                r.get("code") for r in data.get("centres", []) if isinstance(r, dict)
            ],
        ).select_related("commune")
    }
    creatable = set()
    for index, record in enumerate(data.get("centres", [])):
        if not isinstance(record, dict):
            continue
        code = record.get("code")
        try:
            province = province_find(record.get("province", ""))
        except (PlaceNotFound, LookupError):
            province = None  # the catalogue validation reports it
        current = existing_centres.get(code)
        if current is not None and code not in editable:
            reject("centres", index, "code", _("You may not edit this centre."))
        elif (
            current is None
            and province is not None
            and (province.pk not in province_ids)
        ):
            reject(
                "centres",
                index,
                "province",
                _("You may not create centres in this province."),
            )
        elif (
            current is not None
            and province is not None
            and province.pk != current.commune.province_id
            and province.pk not in province_ids
        ):
            reject(
                "centres",
                index,
                "province",
                _("You may not move this centre to this province."),
            )
        elif current is None:
            creatable.add(code)
    courses = [r for r in data.get("courses", []) if isinstance(r, dict)]
    existing_courses = {
        page.code: page
        for page in CoursePage.objects.filter(
            locale=source, code__in=[r.get("code") for r in courses]
        )
    }
    parents = dict(
        CentrePage.objects.filter(
            locale=source,
            path__in={page.path[: -Page.steplen] for page in existing_courses.values()},
        ).values_list("path", "code")
    )
    for index, record in enumerate(data.get("courses", [])):
        if not isinstance(record, dict):
            continue
        centre = record.get("centre")
        if centre not in editable and centre not in creatable:
            reject(
                "courses",
                index,
                "centre",
                _("You may not edit the centre %(code)s.") % {"code": centre},
            )
            continue
        current = existing_courses.get(record.get("code"))
        if current is not None:
            owner = parents.get(current.path[: -Page.steplen])
            if owner not in editable:
                reject(
                    "courses",
                    index,
                    "code",
                    _("This course code belongs to a centre you may not edit."),
                )
    return problems


def _row_actions(data, where):
    """Return, for each course, ``(row, code, action, changed columns)`` by
    comparing it with the portal's current catalogue record."""
    from courses.catalogue import catalogue_export
    from courses.models import CoursePage
    from staff.spreadsheet import course_row

    source = Locale.get_default()
    codes = [r.get("code") for r in data.get("courses", []) if isinstance(r, dict)]
    existing = CoursePage.objects.filter(locale=source, code__in=codes)
    parent_paths = {page.path[: -Page.steplen] for page in existing}
    current = {}
    if parent_paths:
        centres = CentrePage.objects.filter(locale=source, path__in=parent_paths)
        current = {r["code"]: r for r in catalogue_export(centres)["courses"]}
    rows = []
    for index, record in enumerate(data.get("courses", [])):
        if not isinstance(record, dict):
            continue
        code = record.get("code")
        label = where.get(("courses", index), f"courses[{index}]")
        if code not in current:
            rows.append((label, code, "created", []))
            continue
        new, old = course_row(record), course_row(current[code])
        changed = [
            c for c in sorted(set(new) | set(old)) if new.get(c, "") != old.get(c, "")
        ]
        rows.append((label, code, "updated" if changed else "unchanged", changed))
    return rows


def import_size(data):
    """Return the number of records (curricula, centres, courses) of catalogue
    ``data``: what an import handles one by one."""
    return sum(len(data.get(s, []) or []) for s in ("curricula", "centres", "courses"))


def staff_import(user, data, where, publish=False, dry_run=True, progress=None):
    """Import catalogue ``data`` (a dict, from JSON or a spreadsheet) as ``user``,
    all or nothing, in one transaction; ``where`` maps ``(section, index)`` to the
    row label shown in problems. With ``dry_run`` everything is applied and rolled
    back, so the counts are those the real import gives. Returns an
    ImportOutcome; nothing is written when it has problems. Exceptions other
    than invalid data propagate after the transaction is rolled back.

    ``progress(n)`` is called as records are imported, ``n`` being how many more
    are done (see ``catalogue_import``); it runs inside the import's transaction,
    so it must not write to the database."""
    import json
    import time

    from courses.catalogue import CatalogueError, catalogue_import

    outcome = ImportOutcome(dry_run=dry_run)
    started = time.perf_counter()
    data, outcome.ignored = _read_only_curricula_drop(user, data)
    outcome.problems = import_restrictions(user, data, where)
    records = import_size(data)
    outcome.phases.append(("checked", records, time.perf_counter() - started))
    if outcome.problems:
        return outcome
    started = time.perf_counter()
    outcome.rows = _row_actions(data, where)
    try:
        report = catalogue_import(
            json.dumps(data, ensure_ascii=False),
            publish=publish,
            dry_run=dry_run,
            user=user,
            progress=progress,
        )
    except CatalogueError as error:
        outcome.problems = _catalogue_problems(error, where)
        outcome.rows = []
        return outcome
    outcome.counts = report.counts
    outcome.phases.append(
        ("imported" if not dry_run else "tried", records, time.perf_counter() - started)
    )
    return outcome
