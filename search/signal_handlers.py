from search import services


def page_published(sender, instance, **kwargs):
    services.page_changed(instance)


def page_unpublished(sender, instance, **kwargs):
    services.subtree_changed(instance)


def page_moved(sender, instance, **kwargs):
    services.subtree_changed(instance)


def page_deleting(sender, instance, **kwargs):
    # The delete's cascade removes the entry without a word to the vocabulary,
    # and Wagtail's own unpublish-on-delete may write it again before that; its
    # words are read here and taken away once the page is gone.
    instance._finder_entries = services.entries_words([instance.pk])


def page_deleted(sender, instance, **kwargs):
    services.course_index_remove(
        [instance.pk], deleted_entries=getattr(instance, "_finder_entries", ())
    )
