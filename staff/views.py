"""Admin views: staff management for province editors, the spreadsheet import
(dry run, then apply) and export. Thin: permissions come from staff.selectors,
writes from staff.services."""

import copy
import json
import secrets

from django import forms
from django.conf import settings
from django.contrib.auth import get_permission_codename, get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.views import submit_translations, update_translations

from courses.catalogue import catalogue_export
from staff import jobs, selectors, services
from staff.forms import (
    ExportForm,
    ExportScope,
    ImportForm,
    StaffAddForm,
    TranslatorAddForm,
)
from staff.models import ImportPhase, ImportStatus
from staff.spreadsheet import (
    CONTENT_TYPES,
    TEMPLATE_NOTES,
    Format,
    export_file,
    read_upload,
    template_catalogue,
)

SESSION_KEY = "staff_pending_import"
RECENT_JOBS = 5


class BaseTemplateView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page with Wagtail's header and breadcrumbs."""


ID_LIMIT = 2**63  # a larger id overflows the database's integer


def _id(value):
    """Return ``value`` (a request parameter naming an object) as an id, or
    raise Http404: the ORM would fail with a server error on "abc"."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < number < ID_LIMIT:
        raise Http404
    return number


CENTRES_PER_PAGE = 50


class StaffManagementView(BaseTemplateView):
    """Province editors add people to their province's centres and remove them."""

    template_name = "staff/manage.html"
    page_title = gettext_lazy("Centre staff")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.provinces = selectors.managed_provinces(request.user).order_by("title")
        if not self.provinces.exists():
            raise PermissionDenied
        chosen = request.GET.get("province") or request.POST.get("province")
        self.province = (
            self.provinces.filter(pk=_id(chosen)).first() if chosen else None
        ) or self.provinces.first()
        self.centres = selectors.centres_managed_by(request.user).filter(
            path__startswith=self.province.path
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        centres = self.centres.order_by("title")
        if query:
            centres = centres.filter(Q(title__icontains=query) | Q(code=query))
        page = Paginator(centres, CENTRES_PER_PAGE).get_page(self.request.GET.get("p"))
        staff = selectors.centre_staff(page.object_list)
        context.update(
            provinces=self.provinces,
            province=self.province,
            page_obj=page,
            rows=[(c, staff.get(c.translation_key, [])) for c in page.object_list],
            query=query,
            form=form or StaffAddForm(centres=self.centres),
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "remove":
            centre = get_object_or_404(self.centres, pk=_id(request.POST.get("centre")))
            user = get_object_or_404(
                get_user_model().objects, pk=_id(request.POST.get("user"))
            )
            if services.staff_remove(centre, user, actor=request.user):
                messages.success(
                    request,
                    _("%(user)s is no longer staff of %(centre)s.")
                    % {"user": user.get_username(), "centre": centre.title},
                )
            return redirect(self._url())
        form = StaffAddForm(request.POST, centres=self.centres)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        centre = form.cleaned_data["centre"]
        try:
            user, created = services.staff_add(
                centre,
                form.cleaned_data["username"],
                form.cleaned_data["email"],
                actor=request.user,
            )
        except services.AccountRefused as refusal:
            form.add_error(refusal.field, refusal.message)
            return self.render_to_response(self.get_context_data(form=form))
        message = (
            _("Created the account %(user)s; %(user)s is now staff of %(centre)s.")
            if created
            else _("%(user)s is now staff of %(centre)s.")
        )
        messages.success(
            request, message % {"user": user.get_username(), "centre": centre.title}
        )
        return redirect(self._url())

    def _url(self):
        return f"{reverse('staff:manage')}?province={self.province.pk}"


class TranslatorManagementView(BaseTemplateView):
    """National editors add translators to a language and remove them."""

    template_name = "staff/translators.html"
    page_title = gettext_lazy("Translators")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not selectors.user_is_national_editor(request.user):
            raise PermissionDenied
        names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        self.languages = [
            (code, f"{names[code]} ({code})")
            for code in services.translation_languages()
        ]
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            rows=[
                (code, name, list(selectors.translators(code)))
                for code, name in self.languages
            ],
            form=form or TranslatorAddForm(languages=self.languages),
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "remove":
            language = request.POST.get("language")
            user = get_object_or_404(
                selectors.translators(language), pk=_id(request.POST.get("user"))
            )
            if services.translator_remove(language, user):
                messages.success(
                    request,
                    _("%(user)s no longer translates into %(language)s.")
                    % {"user": user.get_username(), "language": language},
                )
            return redirect("staff:translators")
        form = TranslatorAddForm(request.POST, languages=self.languages)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        language = form.cleaned_data["language"]
        try:
            user, created = services.translator_add(
                language,
                form.cleaned_data["username"],
                form.cleaned_data["email"],
                actor=request.user,
            )
        except services.AccountRefused as refusal:
            form.add_error(refusal.field, refusal.message)
            return self.render_to_response(self.get_context_data(form=form))
        message = (
            _("Created user %(user)s; they now translate into %(language)s.")
            if created
            else _("%(user)s now translates into %(language)s.")
        )
        messages.success(
            request, message % {"user": user.get_username(), "language": language}
        )
        return redirect("staff:translators")


def _require_importer(user):
    if not (
        selectors.centres_editable_by(user).exists()
        or selectors.user_can_edit_curricula(user)
    ):
        raise PermissionDenied


class ImportView(BaseTemplateView):
    """Upload a file; the dry run shows what would be created, changed and
    rejected; the apply button (ImportApplyView) writes it in one transaction."""

    template_name = "staff/import.html"
    page_title = gettext_lazy("Import courses")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _require_importer(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm())
        context["template_formats"] = [Format.XLSX, Format.CSV]
        context["recent_jobs"] = (
            selectors.import_jobs_visible_to(self.request.user)
            .filter(user=self.request.user)
            .only("file_name", "phase", "status", "created_at")[:RECENT_JOBS]
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        data, where, problems = read_upload(upload.name, upload.read())
        publish = form.cleaned_data["publish"]
        if problems:
            outcome = services.ImportOutcome(problems=problems)
        elif jobs.import_runs_in_background(data):
            # Too long for one request: checked (then applied) by a background
            # job whose page shows its progress.
            job = jobs.import_job_create(
                request.user, upload.name, data, where, publish
            )
            return redirect("staff:import_job", pk=job.pk)
        else:
            outcome = services.staff_import(
                request.user, data, where, publish=publish, dry_run=True
            )
        token = ""
        if outcome.ok:
            token = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {
                "token": token,
                "name": upload.name,
                "data": json.dumps(data, ensure_ascii=False),
                "where": [[s, i, label] for (s, i), label in where.items()],
                "publish": publish,
            }
        return self.render_to_response(
            self.get_context_data(
                form=ImportForm(),
                outcome=outcome,
                file_name=upload.name,
                token=token,
                apply_url=reverse("staff:import_apply") if token else "",
                publish=publish,
            )
        )


class ImportApplyView(BaseTemplateView):
    """Apply the import the user has just seen as a dry run."""

    template_name = "staff/import.html"
    page_title = gettext_lazy("Import courses")
    header_icon = "upload"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        _require_importer(request.user)
        pending = request.session.get(SESSION_KEY)
        if not pending or pending["token"] != request.POST.get("token"):
            messages.error(request, _("Nothing to apply: upload the file again."))
            return redirect("staff:import")
        del request.session[SESSION_KEY]
        where = {(s, i): label for s, i, label in pending["where"]}
        outcome = services.staff_import(
            request.user,
            json.loads(pending["data"]),
            where,
            publish=pending["publish"],
            dry_run=False,
        )
        if outcome.ok:
            messages.success(request, _("The import is done."))
        return self.render_to_response(
            self.get_context_data(
                form=ImportForm(),
                outcome=outcome,
                file_name=pending["name"],
                applied=True,
                template_formats=[Format.XLSX, Format.CSV],
            )
        )


class ImportJobView(BaseTemplateView):
    """The page of a background import (its user's, or any for superusers): the
    phase and "N of M rows" while it runs, refreshed by the browser itself (a
    meta refresh: no JavaScript needed); then the same result as the immediate
    import, with the apply button after a clean dry run."""

    template_name = "staff/import_job.html"
    page_title = gettext_lazy("Import courses")
    header_icon = "upload"
    refresh_seconds = 3

    def dispatch(self, request, *args, **kwargs):
        _require_importer(request.user)
        # Not the file's data: the page reloads every few seconds.
        self.job = get_object_or_404(
            selectors.import_jobs_visible_to(request.user).defer("data", "where"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.job
        stale = jobs.import_job_stale(job)
        waiting = job.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
        outcome = jobs.import_job_outcome(job)
        can_apply = (
            job.phase == ImportPhase.DRY_RUN
            and job.status == ImportStatus.DONE
            and outcome is not None
            and outcome.ok
        )
        context.update(
            job=job,
            rows_done=jobs.import_job_progress(job),
            waiting=waiting and not stale,
            stale=stale,
            refresh_seconds=self.refresh_seconds,
            outcome=outcome,
            file_name=job.file_name,
            applied=job.phase == ImportPhase.APPLY,
            publish=job.publish,
            apply_url=(
                reverse("staff:import_job_apply", args=[job.pk]) if can_apply else ""
            ),
        )
        return context


class ImportJobApplyView(ImportJobView):
    """Queue the apply of a background import whose dry run its user has seen."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not jobs.import_job_apply(self.job):
            messages.error(request, _("This import cannot be applied any more."))
        return redirect("staff:import_job", pk=self.job.pk)


@require_admin_access
def import_template(request, fmt):
    """The Vietnamese template spreadsheet with example rows, for the user's
    first centre."""
    _require_importer(request.user)
    if fmt not in (Format.XLSX, Format.CSV):
        raise PermissionDenied
    data = copy.deepcopy(template_catalogue())
    centre = selectors.centres_editable_by(request.user).order_by("title").first()
    if centre is not None:
        for number, course in enumerate(data["courses"], start=1):
            course["centre"] = centre.code
            course["code"] = f"{centre.code}-MAU-{number:02d}"
    body = export_file(data, fmt, TEMPLATE_NOTES)
    return _download(body, fmt, "mau-khoa-hoc")


def _download(body, fmt, stem):
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


class ExportView(BaseTemplateView):
    """Export the catalogue of a centre, a province or the nation, limited to the
    centres the user may see."""

    template_name = "staff/export.html"
    page_title = gettext_lazy("Export courses")
    header_icon = "download"

    def get(self, request, *args, **kwargs):
        visible = selectors.centres_visible_to(request.user)
        if not visible.exists():
            raise PermissionDenied
        if "scope" not in request.GET:
            first = visible.order_by("title").first()
            form = ExportForm(initial={"centre": first.code})
            return self.render_to_response(self.get_context_data(form=form))
        form = ExportForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        scope = form.cleaned_data["scope"]
        centres = visible
        stem = "danh-muc"
        if scope == ExportScope.CENTRE:
            centres = visible.filter(code=form.cleaned_data["centre"].strip())
            if not centres.exists():
                form.add_error("centre", _("You may not export this centre."))
                return self.render_to_response(self.get_context_data(form=form))
            stem = f"danh-muc-{centres.first().code}"
        elif scope == ExportScope.PROVINCE:
            province = form.cleaned_data["province"]
            centres = visible.filter(commune__province=province)
            # Everyone but national editors sees some provinces' centres: a
            # province with none of theirs is refused, as a centre is, rather
            # than exported empty.
            if not (
                selectors.user_is_national_editor(request.user) or centres.exists()
            ):
                form.add_error("province", _("You may not export this province."))
                return self.render_to_response(self.get_context_data(form=form))
            stem = f"danh-muc-{province.code}"
        fmt = form.cleaned_data["format"]
        return _download(export_file(catalogue_export(centres), fmt), fmt, stem)


# Translation: wagtail-localize's views, narrowed to what the user may edit ------


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", offering (and accepting) only the
    locales the user may translate into (``selectors.locales_translatable_by``):
    a translator into Khmer may create Khmer translations only. A user who may
    not edit the source page translates its published version only: they see
    its published title, and not its subtree. Anyone without a locale to
    translate into is refused."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(["wagtail_localize.submit_translation"]):
            raise PermissionDenied
        page = self.get_object()
        self.source_editable = page.permissions_for_user(request.user).can_edit()
        if not (self.source_editable or page.live):
            raise PermissionDenied
        self.allowed_locales = selectors.locales_translatable_by(request.user, page)
        if not self.allowed_locales.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_subtitle(self):
        if self.source_editable:
            return super().get_subtitle()
        return self.object.title

    def get_form(self):
        form = super().get_form()
        locales = form.fields["locales"]
        locales.queryset = locales.queryset.filter(
            pk__in=self.allowed_locales.values("pk")
        )
        if len(locales.queryset) < 2:
            form.fields["select_all"].widget = forms.HiddenInput()
        if not self.source_editable:
            form.fields["include_subtree"].widget = forms.HiddenInput()
        return form

    def form_valid(self, form):
        if not self.source_editable:
            form.cleaned_data["include_subtree"] = False
        return super().form_valid(form)

    def get_success_message(self, locales):
        if self.source_editable:
            return super().get_success_message(locales)
        return _(
            "The page '%(title)s' was submitted for translation into %(locales)s."
        ) % {"title": self.object.title, "locales": locales}


class SubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" for snippets, for those who may add the
    snippet (national editors for the national taxonomies): translators and
    centre staff may not create categories or audiences in another language."""

    def dispatch(self, request, *args, **kwargs):
        model = get_snippet_model_from_url_params(
            kwargs["app_label"], kwargs["model_name"]
        )
        codename = get_permission_codename("add", model._meta)
        if not request.user.has_perm(f"{model._meta.app_label}.{codename}"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", which rewrites (and may
    publish) every language's translation at once: only for those who may edit
    and publish all of them."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(["wagtail_localize.submit_translation"]):
            raise PermissionDenied
        source = self.get_object()
        if not selectors.translation_targets_editable_by(request.user, source):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
