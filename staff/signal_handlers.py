"""One-line handlers: every centre, province and curricula index page written in
the admin or by an import gets its groups, in every locale, through the services."""

from staff import services


def page_saved(sender, instance, created, raw=False, **kwargs):
    """A new page (or a new translation of one) gets its group's permissions."""
    if created and not raw:
        services.page_groups_follow(instance)


def page_changed(sender, instance, **kwargs):
    """A published (perhaps renamed) or moved page keeps its group right."""
    services.page_groups_follow(instance)
