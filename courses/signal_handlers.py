from courses import services
from courses.models import CoursePage


def course_published(sender, instance, **kwargs):
    if isinstance(instance, CoursePage):
        services.course_published(instance)
