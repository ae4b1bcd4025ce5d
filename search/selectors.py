"""Reads for the course search page.

Until the finder (issue 4) lands this is Wagtail's own database search over course
titles, in the reader's locale only. Punctuation is removed from the query first:
a ``"`` raises OperationalError in SQLite FTS5 (wagtail#13227).
"""

from wagtail.models import Locale

from courses.models import CoursePage
from courses.selectors import with_next_session
from search.text import nfc

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 500


def course_title_search(query, locale=None):
    """Return up to MAX_RESULTS live courses of ``locale`` (default: the active one)
    whose title matches every word of ``query``, soonest next session first."""
    words = "".join(ch if ch.isalnum() else " " for ch in nfc(query)).split()
    if not words:
        return []
    locale = locale or Locale.get_active()
    hits = (
        CoursePage.objects.live()
        .filter(locale=locale)
        .search(
            " ".join(words), fields=["title"], operator="and", order_by_relevance=False
        )
    )
    ids = [page.pk for page in hits[:MAX_RESULTS]]
    courses = list(
        with_next_session(CoursePage.objects.filter(pk__in=ids)).select_related(
            "category", "locale"
        )
    )
    courses.sort(key=lambda c: (c.next_start is None, c.next_start or 0, c.title))
    return courses
