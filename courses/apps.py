from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from courses import signal_handlers
        from courses.models import Audience, Category

        page_published.connect(signal_handlers.course_published, dispatch_uid="course")
        for model in (Category, Audience):
            for signal in (post_save, post_delete):
                signal.connect(
                    signal_handlers.taxonomy_changed,
                    sender=model,
                    dispatch_uid=f"taxonomy-{model._meta.model_name}",
                )
