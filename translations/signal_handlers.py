from translations import services


def page_published(sender, instance, **kwargs):
    from courses.models import CoursePage

    services.source_refresh(instance)
    if not isinstance(instance, CoursePage):  # courses.services syncs courses
        services.facts_sync(instance)


def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if parent_page_before.pk != parent_page_after.pk:
        services.translations_follow(instance)
