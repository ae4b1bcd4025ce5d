from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The translation workflow on top of wagtail-localize: translations written
    outside the segment editor (the catalogue import) are recorded segment by
    segment, sources are re-read when published so that changed segments show as
    out of date, and the coverage report."""

    name = "translations"
    verbose_name = _("Translations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, post_page_move

        from translations import signal_handlers

        page_published.connect(
            signal_handlers.page_published, dispatch_uid="translations_source"
        )
        post_page_move.connect(
            signal_handlers.page_moved, dispatch_uid="translations_follow"
        )
