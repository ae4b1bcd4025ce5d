"""Which auth group looks after which part of the portal.

A centre's or province's group is linked to its page by the page's
``translation_key``, which every locale's copy shares and which survives renaming
and moving: permissions are granted on the pages themselves, so they follow a moved
centre, and the group's readable name follows a renamed one.
"""

import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection


class StaffScope(models.TextChoices):
    CENTRE = "centre", _("Centre staff")
    PROVINCE = "province", _("Province editors")
    NATIONAL = "national", _("National editors")
    TRANSLATOR = "translator", _("Translators")


class StaffGroup(models.Model):
    """An auth group created by the portal for a centre, a province, the nation or
    the translators into one language."""

    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        related_name="staff_scope",
        verbose_name=_("group"),
    )
    scope = models.CharField(_("scope"), max_length=16, choices=StaffScope.choices)
    # The centre's or province's page (shared by its translations); null for the
    # national editors.
    translation_key = models.UUIDField(_("page translation key"), null=True)
    # The language (a code of WAGTAIL_CONTENT_LANGUAGES) of a translators group;
    # empty for the other scopes.
    language = models.CharField(_("language"), max_length=16, blank=True)
    collection = models.ForeignKey(
        Collection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collection"),
    )

    class Meta:
        verbose_name = _("staff group")
        verbose_name_plural = _("staff groups")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "translation_key"],
                name="unique_staff_group_per_page",
            ),
            models.UniqueConstraint(
                fields=["scope"],
                condition=models.Q(scope="national"),
                name="unique_national_staff_group",
            ),
            models.UniqueConstraint(
                fields=["language"],
                condition=models.Q(scope="translator"),
                name="unique_translator_group_per_language",
            ),
        ]

    def __str__(self):
        return self.group.name


class ImportPhase(models.TextChoices):
    DRY_RUN = "dry_run", _("Checking (dry run)")
    APPLY = "apply", _("Applying")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """A spreadsheet import too large for one request, run in the background
    (staff/jobs.py): first its dry run, then, when its user applies it, the apply.
    ``rows_done`` is saved when a run starts and ends; while it runs, the live
    count is in the cache (see ``staff.jobs.import_job_progress``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    # The parsed catalogue and each record's row label ([section, index, label]);
    # emptied once the import is applied.
    data = models.JSONField(_("data"), default=dict)
    where = models.JSONField(_("row labels"), default=list)
    publish = models.BooleanField(_("publish"), default=False)
    # The interface language of the upload: problems are reported in it.
    language = models.CharField(_("language"), max_length=16, default="vi")
    phase = models.CharField(
        _("phase"),
        max_length=16,
        choices=ImportPhase.choices,
        default=ImportPhase.DRY_RUN,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ImportStatus.choices,
        default=ImportStatus.QUEUED,
    )
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in total"), default=0)
    outcome = models.JSONField(_("outcome"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.file_name} ({self.get_phase_display()}, {self.status})"
