from django.apps import AppConfig


class BenchConfig(AppConfig):
    """National-scale data generation and the benchmark harness (`make bench`)."""

    name = "bench"
    default_auto_field = "django.db.models.BigAutoField"
