"""Atom feeds of new and changed courses, per centre and per province, in the
language of the URL. Only live courses without view restrictions appear."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from centres.models import CentrePage, ProvincePage
from courses.selectors import courses_recently_published, live_public_page
from search.text import strip_control_characters


def _without_control_characters(values):
    """``values`` (a feed's or an item's fields) with every text stripped of
    control characters, in lists too."""

    def stripped(value):
        if isinstance(value, str):
            return strip_control_characters(value)
        if isinstance(value, list | tuple):
            return type(value)(stripped(item) for item in value)
        return value

    return {name: stripped(value) for name, value in values.items()}


class PortalAtomFeed(Atom1Feed):
    """An Atom feed that writes no control character: XML 1.0 cannot hold
    them, Django's writer refuses them, and a course whose title or summary
    was stored with one before pages stripped them on save (a word
    processor's line break) made its centre's and province's feeds answer
    500. A vertical tab becomes a space (``strip_control_characters``)."""

    def write(self, outfile, encoding):
        self.feed = _without_control_characters(self.feed)
        self.items = [_without_control_characters(item) for item in self.items]
        super().write(outfile, encoding)


@dataclass
class FeedSource:
    """What one request's feed is about (the feed objects themselves are shared
    between requests, so nothing request-bound is kept on them)."""

    page: Page
    request: object
    items: list


class _CoursesFeed(Feed):
    feed_type = PortalAtomFeed
    description_template = "courses/feed_item.html"
    model = None

    def lookup(self, code):
        raise NotImplementedError

    def get_object(self, request, code):
        page = self.lookup(code)
        if page is None:
            raise Http404
        return FeedSource(page, request, courses_recently_published(page))

    def title(self, source):
        return _("New and changed courses: %(place)s") % {"place": source.page.title}

    def subtitle(self, source):
        return _("Courses of %(place)s, most recently published first.") % {
            "place": source.page.title
        }

    def author_name(self, source):
        return source.page.title

    def link(self, source):
        return source.page.get_url(source.request)

    def feed_url(self, source):
        return source.request.path

    def feed_guid(self, source):
        return source.request.build_absolute_uri(source.request.path)

    def items(self, source):
        for card in source.items:
            card.feed_url = card.get_full_url(source.request)
        return source.items

    def item_title(self, course):
        return course.title

    def item_link(self, course):
        return course.feed_url

    def item_pubdate(self, course):
        return course.first_published_at

    def item_updateddate(self, course):
        return course.last_published_at

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = kwargs["item"]
        return context


class CentreCoursesFeed(_CoursesFeed):
    """New and changed courses of the centre ``code``."""

    def lookup(self, code):
        return live_public_page(CentrePage, get_language(), code=code)


class ProvinceCoursesFeed(_CoursesFeed):
    """New and changed courses of the province with the two-digit ``code``."""

    def lookup(self, code):
        return live_public_page(ProvincePage, get_language(), province__code=code)
