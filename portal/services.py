"""Writes shared by every page type: saving a change as a revision, and publishing."""

from wagtail.models import Page

from search.text import ascii_slug


def page_add(parent, page, publish, user=None):
    """Add ``page`` under ``parent`` as a draft, save its first revision and publish
    it when ``publish`` is true. Returns the page."""
    page.live = False
    parent.add_child(instance=page)
    page_save(page, publish, user)
    return page


def page_save(page, publish, user=None):
    """Save ``page``'s current state as a revision; publish it when ``publish``.

    Publishing goes through ``Revision.publish`` so that the ``page_published``
    signal (occurrence refresh, translation sync, search index) always fires.
    """
    revision = page.save_revision(user=user, clean=False)
    if publish:
        revision.publish(user=user)
    return revision


def children_numbered(children):
    """Return ``children`` (Orderable rows about to be assigned to a page as a
    list) numbered in the order given. modelcluster gives children assigned
    as a list no sort_order: without one, their order would be the database's
    whim (a course session's position is its calendar UIDs)."""
    for position, child in enumerate(children):
        child.sort_order = position
    return children


def page_update(page, values, publish, user=None, extra=None):
    """Set ``values`` on the latest revision of ``page``; ``extra(latest)`` may
    change more (child objects) and returns whether it did. Saves a revision only
    when something changed, and publishes when asked and the live page is behind.
    Returns "updated" or "unchanged"."""
    latest = page_latest(page)
    changed = any(getattr(latest, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(latest, name, value)
    if extra is not None and extra(latest):
        changed = True
    needs_publish = publish and (not page.live or page.has_unpublished_changes)
    if changed or needs_publish:
        page_save(latest, publish, user)
    return "updated" if changed else "unchanged"


def page_latest(page):
    """Return the latest revision of ``page`` as an object (drafts included)."""
    latest = page.get_latest_revision_as_object()
    return latest if isinstance(latest, Page) else page


def free_slug(parent, title, code):
    """Return a slug for a new child of ``parent`` from ``title``; when a sibling
    already has it, the record's ``code`` is appended to keep URLs unique."""
    slug = ascii_slug(title) or ascii_slug(code)
    if parent.get_children().filter(slug=slug).exists():
        slug = f"{slug}-{ascii_slug(code)}"
    return slug


def home_featured_set(home, courses, publish, user=None):
    """Make ``courses`` (in this order) the featured courses of ``home``, as a new
    revision only when the choice changed. Returns "updated" or "unchanged"."""
    from portal.models import FEATURED_MAX, HomeFeaturedCourse

    wanted = [course.pk for course in courses][:FEATURED_MAX]

    def featured(latest):
        current = [item.course_id for item in latest.featured_courses.all()]
        if current == wanted:
            return False
        latest.featured_courses = children_numbered(
            [HomeFeaturedCourse(course_id=pk) for pk in wanted]
        )
        return True

    return page_update(home, {}, publish, user, extra=featured)
