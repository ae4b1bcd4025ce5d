from courses import services
from courses.models import CoursePage


def course_published(sender, instance, **kwargs):
    if isinstance(instance, CoursePage):
        services.course_published(instance)


def taxonomy_changed(sender, **kwargs):
    """A national taxonomy term was saved or deleted: pages name it anew."""
    from courses.selectors import forget_taxonomy_labels

    forget_taxonomy_labels(sender)
