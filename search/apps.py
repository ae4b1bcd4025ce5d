from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, pre_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from search import signal_handlers as h

        # Connected after the courses app's handler (INSTALLED_APPS order), so a
        # course's occurrences are fresh when it is indexed.
        page_published.connect(h.page_published, dispatch_uid="finder-publish")
        page_unpublished.connect(h.page_unpublished, dispatch_uid="finder-unpublish")
        post_page_move.connect(h.page_moved, dispatch_uid="finder-move")
        pre_delete.connect(h.page_deleting, sender=Page, dispatch_uid="finder-del")
        post_delete.connect(h.page_deleted, sender=Page, dispatch_uid="finder-delete")
