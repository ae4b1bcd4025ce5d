from search import services


def page_published(sender, instance, **kwargs):
    services.page_changed(instance)


def page_unpublished(sender, instance, **kwargs):
    services.subtree_changed(instance)


def page_moved(sender, instance, **kwargs):
    services.subtree_changed(instance)


def page_deleted(sender, instance, **kwargs):
    services.course_index_remove([instance.pk])
