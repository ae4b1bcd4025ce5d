from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "centres"
    default_auto_field = "django.db.models.BigAutoField"
