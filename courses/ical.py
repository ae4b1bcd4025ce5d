"""iCalendar (RFC 5545) feeds of courses, for Google Calendar, Apple Calendar and
Thunderbird.

Each session is one event with its weekly repetition as an RRULE; a cancelled
class is an EXDATE of it, a moved class an override with a RECURRENCE-ID. UIDs
come from the course's translation key and the session's position, which survive
publishing (Wagtail writes a course's session rows anew when it is synchronised or
imported, so their database ids do not) and are shared by the translations: a
reader who switches language keeps the same events.

A repeating session whose first class is not on one of its repeat days (allowed
by the editor: "first class on Saturday, then every Monday") would leave the
RRULE's DTSTART out of step with the rule, which RFC 5545 leaves undefined; that
first class becomes an event of its own.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneStandard, vDuration

from courses.fields import WEEKDAY_CODES, weekdays_split
from courses.formats import change_text
from courses.schedule import LOCAL_TZ
from search.text import strip_control_characters

UID_DOMAIN = "hoctapcongdong.vn"
# How often calendar apps should fetch a subscribed feed again.
REFRESH = "PT12H"
ICAL_DAYS = {
    "mo": "MO",
    "tu": "TU",
    "we": "WE",
    "th": "TH",
    "fr": "FR",
    "sa": "SA",
    "su": "SU",
}


def _vtimezone():
    """Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975: one
    STANDARD rule with no end, valid for every date a class can have."""
    tz = Timezone()
    tz.add("tzid", str(LOCAL_TZ))
    tz.add("x-lic-location", str(LOCAL_TZ))
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1975, 6, 13))
    standard.add("tzoffsetfrom", dt.timedelta(hours=7))
    standard.add("tzoffsetto", dt.timedelta(hours=7))
    standard.add("tzname", "+07")
    tz.add_component(standard)
    return tz


def _local(moment):
    return moment.astimezone(LOCAL_TZ)


def _uid(course, position, suffix=""):
    return f"{course.translation_key}-{position}{suffix}@{UID_DOMAIN}"


def change_line(occurrence):
    """Return the sentence a reader sees for a cancelled or moved class."""
    return change_text(
        occurrence.original_start or occurrence.start,
        None if occurrence.cancelled else occurrence.start,
        occurrence.note,
    )


class _CourseEvents:
    """Builds the events of one course; reasons are in the course's language."""

    def __init__(self, course, centre, request):
        self.course = course
        self.centre = centre
        self.url = course.get_full_url(request)
        self.stamp = course.last_published_at or timezone.now()
        # From the page's own cancellations: the reasons are in its language.
        self.occurrences = course.schedule()

    def location(self, place):
        centre = self.centre
        where = centre.address or centre.commune.name
        if centre.commune.name not in where:
            where = f"{where}, {centre.commune.name}"
        parts = [place, centre.title, where, centre.commune.province.name]
        return ", ".join(part for part in parts if part)

    def description(self, changes=()):
        lines = []
        if self.course.summary:
            lines.append(self.course.summary)
        lines.extend(change_line(o) for o in changes)
        if self.centre.phone:
            lines.append(
                _("Phone the centre: %(phone)s") % {"phone": self.centre.phone}
            )
        lines.append(self.url)
        return "\n\n".join(lines)

    def event(self, uid, start, end, place, changes=(), status="CONFIRMED"):
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", self.stamp)
        event.add("last-modified", self.stamp)
        event.add("dtstart", _local(start))
        event.add("dtend", _local(end))
        summary = self.course.title
        if status == "CANCELLED":
            summary = _("Cancelled: %(title)s") % {"title": summary}
        event.add("summary", summary)
        event.add("location", self.location(place))
        event.add("geo", (self.centre.latitude, self.centre.longitude))
        event.add("description", self.description(changes))
        event.add("url", self.url)
        event.add("status", status)
        return event

    def session_events(self, position, session):
        """Return the events of the session at ``position``."""
        pairs = session.occurrences()
        own = [o for o in self.occurrences if o.session == position]
        days = weekdays_split(session.repeat_weekdays)
        first_on_rule = WEEKDAY_CODES[_local(pairs[0][0]).weekday()] in days
        ruled = pairs if first_on_rule else pairs[1:]
        singles = [] if first_on_rule else [pairs[0]]
        if len(ruled) < 2:
            singles, ruled = pairs, []
        events = []
        for index, (start, _end) in enumerate(singles):
            occurrence = next(o for o in own if (o.original_start or o.start) == start)
            suffix = "" if not ruled and len(singles) == 1 else f"-{index}"
            events.append(self.single(_uid(self.course, position, suffix), occurrence))
        if ruled:
            events.extend(self.repeating(position, session, ruled, own))
        return events

    def single(self, uid, occurrence):
        """A class on its own: moved to its new time, or marked cancelled."""
        changes = [occurrence] if occurrence.note or occurrence.moved else []
        return self.event(
            uid,
            occurrence.start,
            occurrence.end,
            occurrence.place,
            changes,
            status="CANCELLED" if occurrence.cancelled else "CONFIRMED",
        )

    def repeating(self, position, session, ruled, own):
        """The session's repeating event, its EXDATEs and its moved classes."""
        uid = _uid(self.course, position)
        starts = {start for start, _end in ruled}
        changed = [
            o
            for o in own
            if (o.cancelled or o.moved) and (o.original_start or o.start) in starts
        ]
        first_start, first_end = ruled[0]
        master = self.event(uid, first_start, first_end, session.place, changed)
        rule = {
            "freq": "weekly",
            "interval": session.repeat_interval or 1,
            "byday": [ICAL_DAYS[d] for d in weekdays_split(session.repeat_weekdays)],
            "wkst": "MO",
        }
        if session.repeat_until:
            last_moment = dt.datetime.combine(
                session.repeat_until, dt.time(23, 59, 59), tzinfo=LOCAL_TZ
            )
            rule["until"] = last_moment.astimezone(dt.UTC)
        else:
            rule["count"] = len(ruled)
        master.add("rrule", rule)
        cancelled = sorted(_local(o.start) for o in changed if o.cancelled)
        if cancelled:
            master.add("exdate", cancelled)
        events = [master]
        for moved in (o for o in changed if o.moved):
            override = self.event(uid, moved.start, moved.end, moved.place, [moved])
            override.add("recurrence-id", _local(moved.original_start))
            events.append(override)
        return events

    def events(self):
        sessions = list(self.course.sessions.all())
        return [
            event
            for position, session in enumerate(sessions)
            for event in self.session_events(position, session)
        ]


def calendar_ical(courses, centre, name, request=None, description=""):
    """Return the iCalendar file (bytes) of ``courses`` (live course pages in one
    language, with sessions and cancellations) taught at ``centre``, named
    ``name``."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//{UID_DOMAIN}//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", str(LOCAL_TZ))
    calendar.add(
        "refresh-interval",
        vDuration.from_ical(REFRESH),
        parameters={"VALUE": "DURATION"},
    )
    calendar.add("x-published-ttl", REFRESH)
    calendar.add_component(_vtimezone())
    for course in courses:
        for event in _CourseEvents(course, centre, request).events():
            calendar.add_component(event)
    # RFC 5545 allows no control character in a text but tab, and calendar
    # apps refuse the file: a text stored with one before pages stripped them
    # on save keeps it. Line breaks between lines are CR LF, which stay.
    return strip_control_characters(calendar.to_ical().decode()).encode()
