"""The isolation matrix: staff of centre A, and editors of another province, against
centre B's pages (each locale's copy), revisions, images, documents, collection,
group and staff, through every admin URL that takes an object id.

The URLs come from the URL resolver, so a new admin view is covered the day it is
added; a URL parameter nobody taught ``fill`` about fails the test until it is.
Each request (GET and POST) must answer 302, 403 or 404 (or a 200 without any of
B's secrets), change nothing in the database, and never show B's secrets."""

import contextlib
import json
import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
)

from media.models import CustomDocument, CustomImage
from staff.models import ImportJob, StaffGroup, StaffScope
from tests.staff.conftest import B_USERNAME, DOCUMENT_TITLE, SECRET, SECRETS

pytestmark = pytest.mark.django_db

# 400: a parameter the view refuses (the admin API's unknown query keys).
OK_STATUSES = {302, 400, 403, 404, 405}
# Parameterless admin URLs not requested, with the reason.
SKIPPED_PLAIN = {
    "wagtailadmin_logout": "ends the session the matrix runs in",
    "wagtailadmin_password_reset": "sends email; takes no object",
    "wagtailadmin_password_reset_done": "static page",
    "wagtailadmin_password_reset_complete": "static page",
    "wagtailadmin_error_test": "raises on purpose (Wagtail's error-page test)",
}
# URLs with parameters that take no object id, with the reason.
SKIPPED_WITH_PARAMS = {
    "wagtailadmin_password_reset_confirm": "takes a signed token, not an object id",
}


@dataclass(frozen=True)
class AdminURL:
    name: str
    route: str
    regex: str
    params: tuple


def _bare(regex):
    return regex.lstrip("^").removesuffix("\\Z").rstrip("$")


def _walk(patterns, route="", regex="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(
                pattern.url_patterns,
                route + str(pattern.pattern),
                regex + _bare(pattern.pattern.regex.pattern),
                ns,
            )
        elif isinstance(pattern, URLPattern):
            full = regex + _bare(pattern.pattern.regex.pattern)
            yield AdminURL(
                namespace + (pattern.name or ""),
                route + str(pattern.pattern),
                full,
                tuple(re.compile(full).groupindex),
            )


def admin_urls():
    """Every URL pattern under /admin/, from the resolver."""
    return [
        u for u in _walk(get_resolver().url_patterns) if u.route.startswith("admin/")
    ]


def _ids(world, locale):
    """The ids B's objects are addressed by; ``locale`` picks the page copies."""
    course = world.b_course if locale == "vi" else world.b_course_en
    centre = world.b if locale == "vi" else world.b.get_translation(course.locale)
    revisions = list(
        Revision.page_revisions.filter(object_id=str(world.b_course.pk))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    staff_group = StaffGroup.objects.get(
        scope=StaffScope.CENTRE, translation_key=world.b.translation_key
    )
    return {
        "page": course.pk,
        "centre": centre.pk,
        "revision": revisions[-1],
        "revision_a": revisions[0],
        "image": world.b_image.pk,
        "document": world.b_document.pk,
        "collection": staff_group.collection_id,
        "group": staff_group.group_id,
        "user": world.b_staff.pk,
        # A large import B's staff started: the job pages take its UUID.
        "import_job": ImportJob.objects.create(
            user=world.b_staff, file_name=f"{DOCUMENT_TITLE}.csv", rows_total=500
        ).pk,
    }


def fill(url, ids, own_centre):
    """Return the URL path of ``url`` addressing B's objects, or None when the
    pattern takes no object id. Raises LookupError for an unknown parameter."""
    name = url.name
    values = {}
    for param in url.params:
        if param in ("page_id", "parent_page_id", "page_to_move_id", "page_pk"):
            value = ids["page"] if param != "parent_page_id" else ids["centre"]
        elif param == "destination_id":
            value = own_centre.pk  # moving B's page into the attacker's centre
        elif param in ("revision_id", "revision_id_b"):
            value = ids["revision"]
        elif param == "revision_id_a":
            value = ids["revision_a"]
        elif param in ("image_id",):
            value = ids["image"]
        elif param in ("document_id", "doc_id"):
            value = ids["document"]
        elif param == "collection_id":
            value = ids["collection"]
        elif param in ("pk", "object_id"):
            value = _pk_for(name, ids)
        elif param in ("content_type_app_name", "app_label", "app_name"):
            value = "courses" if "settings" not in name else "wagtailcore"
            if name == "wagtail_bulk_action":
                value = "wagtailcore"
        elif param in ("content_type_model_name", "model_name"):
            value = "coursepage" if name != "wagtail_bulk_action" else "page"
        elif param == "action":
            value = "delete"
        elif param == "action_name":
            value = "publish"
        elif param == "fmt":
            value = "xlsx"
        elif param == "filter_spec":
            value = "original"
        elif param == "mode":
            value = ""
        elif param in (
            "task_state_id",
            "task_id",
            "workflow_state_id",
            "workflow_pk",
            "session_id",
            "uploaded_file_id",
            "redirect_id",
            "translation_id",
            "translation_source_id",
            "string_segment_id",
            "overridable_segment_id",
        ):
            # Objects B does not have in this world: any id must be refused.
            value = 999_999
        else:
            raise LookupError(f"{name}: teach fill() about the parameter {param!r}")
        values[param] = str(value)
    path = url.regex
    for param, value in values.items():
        path = re.sub(rf"\(\?P<{param}>[^)]*\)", value, path)
    return "/" + path.replace("\\.", ".").replace("\\", "")


def _pk_for(name, ids):
    if "import_job" in name:
        return ids["import_job"]
    if "pages" in name or name.startswith("wagtailadmin_api:pages"):
        return ids["page"]
    if "image" in name:
        return ids["image"]
    if "doc" in name:
        return ids["document"]
    if "collections" in name:
        return ids["collection"]
    if "groups" in name:
        return ids["group"]
    if "users" in name:
        return ids["user"]
    if "editing_sessions" in name:
        return ids["page"]
    # Other models (snippets, reference data, locales, sites, settings): the
    # first object; the user may or may not see it, B's secrets must not show.
    return 1


def snapshot(world):
    """What must not change: counts and B's objects' state."""
    b_pages = Page.objects.filter(
        translation_key__in=[world.b_course.translation_key, world.b.translation_key]
    ) | Page.objects.filter(pk=world.b_hidden.pk)
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": list(CustomImage.objects.values_list("pk", "title", "collection")),
        "documents": list(
            CustomDocument.objects.values_list("pk", "title", "collection")
        ),
        "collections": list(Collection.objects.values_list("pk", "name", "path")),
        "groups": list(Group.objects.values_list("pk", "name")),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
        "import_jobs": list(ImportJob.objects.values_list("pk", "status", "phase")),
        "memberships": list(
            get_user_model()
            .groups.through.objects.order_by("pk")
            .values_list("user_id", "group_id")
        ),
        "b_pages": list(
            b_pages.order_by("pk").values_list(
                "pk",
                "title",
                "path",
                "live",
                "locked",
                "has_unpublished_changes",
                "latest_revision_id",
            )
        ),
        "users": list(
            get_user_model().objects.values_list("pk", "username", "is_superuser")
        ),
    }


def _leaks(response):
    body = response.content.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        with contextlib.suppress(ValueError):
            body += json.dumps(json.loads(body), ensure_ascii=False)
    return [s for s in (*SECRETS, B_USERNAME) if s in body]


class Checker:
    """Requests paths as one user; each request returns a problem description,
    or None. The state after one request is the state before the next, so each
    is read once."""

    def __init__(self, client, world):
        self.client, self.world = client, world
        self.state = snapshot(world)

    def __call__(self, method, path, query=None):
        before = self.state
        response = getattr(self.client, method)(path, query)
        self.state = after = snapshot(self.world)
        return _problem(method, path, response, before, after)


def _problem(method, path, response, before, after):
    problems = []
    leaks = _leaks(response)
    if leaks:
        problems.append(f"shows {leaks}")
    if response.status_code not in OK_STATUSES | {200}:
        problems.append(f"status {response.status_code}")
    if before != after:
        changed = [k for k in before if before[k] != after[k]]
        problems.append(f"changed {changed}")
    if problems:
        return f"{method.upper()} {path} ({response.status_code}): " + "; ".join(
            problems
        )
    return None


def run_matrix(user, world, own_centre, locale, methods=("get", "post")):
    client = Client()
    client.force_login(user)
    ids = _ids(world, locale)
    problems, covered = [], 0
    check = Checker(client, world)
    paths = []
    for url in admin_urls():
        if not url.params or url.name in SKIPPED_WITH_PARAMS:
            continue
        if url.name == "wagtail_bulk_action":
            paths += bulk_paths(ids)
        else:
            paths.append(fill(url, ids, own_centre))
    for path in paths:
        for method in methods:
            covered += 1
            problem = check(method, path)
            if problem:
                problems.append(problem)
    return covered, problems


BULK_TARGETS = {
    "page": "page",
    "customimage": "image",
    "customdocument": "document",
    "user": "user",
}


def bulk_paths(ids):
    """Every registered bulk action, for B's object of its model (other models:
    object 1)."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")
    paths = []
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            target = ids.get(BULK_TARGETS.get(model_name), 1)
            for action in actions:
                paths.append(
                    f"/admin/bulk/{app_label}/{model_name}/{action}/?id={target}"
                )
    return paths


def test_every_parameter_of_every_admin_url_is_understood(world):
    ids = _ids(world, "vi")
    for url in admin_urls():
        if url.params and url.name not in SKIPPED_WITH_PARAMS:
            assert fill(url, ids, world.a).startswith("/admin/")


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_centre_staff_cannot_reach_another_centre(world, staff_a, locale):
    covered, problems = run_matrix(staff_a, world, world.a, locale)
    assert covered > 200
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_province_editors_cannot_reach_another_province(world, editor_other, locale):
    covered, problems = run_matrix(editor_other, world, world.c, locale)
    assert covered > 200
    assert not problems, "\n".join(problems)


def test_listings_and_choosers_hide_another_centre(world, staff_a):
    """Every admin URL without parameters (listings, choosers, search, reports),
    searched for B's secret word: B's things are not listed."""
    client = Client()
    client.force_login(staff_a)
    check = Checker(client, world)
    problems = []
    for url in admin_urls():
        if url.params or url.name in SKIPPED_PLAIN or "<" in url.route:
            continue
        path = fill(url, {}, world.a)
        query = {"search": SECRET} if "_api:" in url.name else {"q": SECRET}
        problem = check("get", path, query)
        if problem:
            problems.append(problem)
    assert not problems, "\n".join(problems)
