from django.apps import AppConfig


class MediaConfig(AppConfig):
    # The app label "media" would clash with nothing in Django, but keep it explicit
    # because Wagtail's swappable image/document settings name it.
    name = "media"
    label = "media"
    default_auto_field = "django.db.models.BigAutoField"
