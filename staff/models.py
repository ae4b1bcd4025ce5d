"""Which auth group looks after which part of the portal.

A centre's or province's group is linked to its page by the page's
``translation_key``, which every locale's copy shares and which survives renaming
and moving: permissions are granted on the pages themselves, so they follow a moved
centre, and the group's readable name follows a renamed one.
"""

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
