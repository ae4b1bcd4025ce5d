"""A course's sessions table scrolls sideways when it is wider than the screen (a
320 px window, a phone with large text): a keyboard must reach that scroller to
scroll it, and a screen reader must hear what it holds (axe-core's
scrollable-region-focusable)."""

from html.parser import HTMLParser

import pytest

from courses.models import CoursePage

pytestmark = pytest.mark.django_db


class Scrollers(HTMLParser):
    """The attributes of every sideways scroller and the ids on the page."""

    def __init__(self):
        super().__init__()
        self.scrollers = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "table-wrap" in (attrs.get("class") or "").split():
            self.scrollers.append(attrs)


@pytest.mark.parametrize("language", ["vi", "en", "km"])
def test_the_sessions_table_scroller_is_reached_by_keyboard_and_named(client, language):
    course = (
        CoursePage.objects.live()
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
    page = Scrollers()
    page.feed(client.get(course.url).content.decode())
    assert page.scrollers, "the demo course has upcoming sessions"
    for scroller in page.scrollers:
        assert scroller.get("tabindex") == "0"
        # A group inside the sessions section, not a second landmark of that name.
        assert scroller.get("role") == "group"
        assert scroller.get("aria-labelledby") == "sessions-heading"
        assert "sessions-heading" in page.ids
