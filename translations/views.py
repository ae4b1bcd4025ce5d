"""Admin views that stand in front of wagtail-localize's own."""

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import (
    upload_pofile,
    user_can_edit_instance,
)
from wagtail_localize.views.report import (
    TranslationsReportView as LocalizeTranslationsReportView,
)

from staff.selectors import user_is_national_editor, user_translation_languages


@require_POST
def po_upload(request, translation_id):
    """Check an uploaded PO file before wagtail-localize imports it: a file that is
    missing, is not a PO file, or was not exported for this translation is refused
    with a message (wagtail-localize would fail with a server error on a file
    without its header)."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    upload = request.FILES.get("file")
    problem = None
    if upload is None:
        problem = _("Choose a PO file to upload.")
    else:
        try:
            po = polib.pofile(upload.read().decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            problem = _("This is not a PO file: %(name)s") % {"name": upload.name}
        else:
            if po.metadata.get("X-WagtailLocalize-TranslationID") != str(
                translation.uuid
            ):
                problem = _(
                    "This PO file was not exported for this translation: %(name)s. "
                    "Download the PO file of this page and translate that one."
                ) % {"name": upload.name}
            upload.seek(0)
    if problem is not None:
        messages.error(request, problem)
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
    return upload_pofile(request, translation_id)


def translations_report_visible_to(user):
    """Return whether ``user`` may open wagtail-localize's "Translations" report:
    superusers and national editors (every translation), translators (those into
    their languages). It lists every page submitted for translation, drafts of
    every centre included, which other staff must not see."""
    return user_is_national_editor(user) or bool(user_translation_languages(user))


class TranslationsReportView(LocalizeTranslationsReportView):
    """wagtail-localize's "Translations" report, for those
    ``translations_report_visible_to`` lets in; translators see the
    translations into their languages only."""

    def dispatch(self, request, *args, **kwargs):
        if not translations_report_visible_to(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # wagtail-localize's is unordered, and pages of it could repeat or
        # skip a translation: the newest first.
        translations = super().get_queryset().order_by("-pk")
        user = self.request.user
        if user_is_national_editor(user):
            return translations
        return translations.filter(
            target_locale__language_code__in=user_translation_languages(user)
        )
