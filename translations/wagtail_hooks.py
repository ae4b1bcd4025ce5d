from django.urls import path
from wagtail import hooks

from translations import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    # Registered before wagtail-localize's (this app comes first in INSTALLED_APPS),
    # so this path is served by the checking view and reverses the same.
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            views.po_upload,
            name="translations_po_upload",
        ),
    ]
