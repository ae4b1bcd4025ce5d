from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from courses import signal_handlers

        page_published.connect(signal_handlers.course_published, dispatch_uid="course")
