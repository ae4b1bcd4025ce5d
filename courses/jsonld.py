"""schema.org descriptions (JSON-LD) of centres and courses, so that search engines
and assistants can show a class's days, place and fee.

Built as Python dicts and serialised with ``jsonld_script``, which escapes what
could end the ``<script>`` element; templates never assemble JSON by hand.
"""

import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from courses.fields import weekdays_split
from courses.schedule import LOCAL_TZ

SCHEMA = "https://schema.org"
COURSE_MODES = {"in_person": "Onsite", "online": "Online", "blended": "Blended"}
SCHEMA_DAYS = {
    "mo": "Monday",
    "tu": "Tuesday",
    "we": "Wednesday",
    "th": "Thursday",
    "fr": "Friday",
    "sa": "Saturday",
    "su": "Sunday",
}
# "<", ">" and "&" cannot end or confuse the script element once escaped; JSON
# readers decode them back.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_script(data):
    """Return ``data`` as a ``<script type="application/ld+json">`` element, safe
    to put in a template as it is."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - the only markup is ours; the JSON is escaped
        '<script type="application/ld+json">'
        + text.translate(_SCRIPT_ESCAPES)
        + "</script>"
    )


def _local_iso(moment):
    return moment.astimezone(LOCAL_TZ).isoformat(timespec="minutes")


def _duration(start, end):
    minutes = int((end - start).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")


def _full_url(page, request):
    return page.get_full_url(request)


def centre_postal_address(centre):
    """Return the centre's address as a schema.org PostalAddress."""
    province = centre.commune.province
    address = {
        "@type": "PostalAddress",
        "addressLocality": centre.commune.name,
        "addressRegion": province.name,
        "addressCountry": "VN",
    }
    if centre.address:
        address["streetAddress"] = centre.address
    return address


def _geo(centre):
    return {
        "@type": "GeoCoordinates",
        "latitude": centre.latitude,
        "longitude": centre.longitude,
    }


def centre_ref(centre, request):
    """Return the short reference to a centre that a course names as provider."""
    url = _full_url(centre, request)
    return {
        "@type": "EducationalOrganization",
        "@id": f"{url}#centre",
        "name": centre.title,
        "url": url,
    }


def centre_jsonld(centre, request=None):
    """Return the schema.org EducationalOrganization describing ``centre``: name,
    address, coordinates, contact and facilities."""
    data = {"@context": SCHEMA, **centre_ref(centre, request)}
    description = strip_tags(centre.description or "").strip()
    if description:
        data["description"] = description
    data["address"] = centre_postal_address(centre)
    data["geo"] = _geo(centre)
    data["hasMap"] = centre.osm_url
    if centre.phone:
        data["telephone"] = centre.phone
    if centre.email:
        data["email"] = centre.email
    features = [
        (centre.has_computers, gettext("Computers for learners")),
        (centre.has_wifi, gettext("Free wifi")),
        (centre.step_free_access, gettext("Step-free access")),
    ]
    amenities = [
        {"@type": "LocationFeatureSpecification", "name": name, "value": True}
        for present, name in features
        if present
    ]
    if amenities:
        data["amenityFeature"] = amenities
    return data


def _offer(course, url):
    return {
        "@type": "Offer",
        "category": "Free" if course.is_free else "Paid",
        "price": course.fee_vnd,
        "priceCurrency": "VND",
        "url": url,
    }


def _location(course, centre, place, url):
    if course.mode == "online":
        return {"@type": "VirtualLocation", "url": url}
    return {
        "@type": "Place",
        "name": ", ".join(part for part in (place, centre.title) if part),
        "address": centre_postal_address(centre),
        "geo": _geo(centre),
    }


def _schedule(session, first, last, except_dates, pairs):
    start, end = pairs[0]
    local = start.astimezone(LOCAL_TZ)
    schedule = {
        "@type": "Schedule",
        "startDate": first.isoformat(),
        "endDate": last.isoformat(),
        "startTime": local.strftime("%H:%M:%S"),
        "endTime": end.astimezone(LOCAL_TZ).strftime("%H:%M:%S"),
        "duration": _duration(start, end),
        "scheduleTimezone": str(LOCAL_TZ),
    }
    days = weekdays_split(session.repeat_weekdays) if session else []
    if days and len(pairs) > 1:
        interval = session.repeat_interval or 1
        # Google reads "Weekly"; schema.org allows a duration for every N weeks.
        schedule["repeatFrequency"] = "Weekly" if interval == 1 else f"P{interval}W"
        schedule["byDay"] = [f"{SCHEMA}/{SCHEMA_DAYS[day]}" for day in days]
    if except_dates:
        schedule["exceptDate"] = [day.isoformat() for day in sorted(except_dates)]
    return schedule


def _instance(course, centre, url, place, pairs, session, except_dates, taking):
    """One CourseInstance for classes ``taking`` place (pairs of start and end)."""
    instance = {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODES.get(course.mode, "Onsite"),
        "inLanguage": course.teaching_language,
        "startDate": _local_iso(taking[0][0]),
        "endDate": _local_iso(taking[-1][1]),
        "courseSchedule": _schedule(
            session,
            taking[0][0].astimezone(LOCAL_TZ).date(),
            taking[-1][0].astimezone(LOCAL_TZ).date(),
            except_dates,
            pairs,
        ),
        "location": _location(course, centre, place, url),
        "offers": _offer(course, url),
        "isAccessibleForFree": course.is_free,
    }
    if course.instructor:
        instance["instructor"] = {"@type": "Person", "name": course.instructor}
    return instance


def course_instances(course, centre, url, sessions=None, schedule=None):
    """Return one CourseInstance per session of ``course`` (its cancelled and moved
    classes in ``exceptDate``), and one per moved class at its new time.
    ``sessions`` and ``schedule`` (its Occurrences) are read from the course
    unless the caller has them."""
    if sessions is None:
        sessions = list(course.sessions.all())
    occurrences = schedule if schedule is not None else course.schedule()
    instances = []
    for position, session in enumerate(sessions):
        own = [o for o in occurrences if o.session == position]
        taking = [(o.start, o.end) for o in own if not o.cancelled and not o.moved]
        if not taking:
            continue
        except_dates = {o.original_date for o in own if o.cancelled or o.moved}
        instances.append(
            _instance(
                course,
                centre,
                url,
                session.place,
                session.occurrences(),
                session,
                except_dates,
                taking,
            )
        )
    for moved in (o for o in occurrences if o.moved):
        pair = [(moved.start, moved.end)]
        instances.append(
            _instance(course, centre, url, moved.place, pair, None, (), pair)
        )
    return instances


def course_jsonld(
    course,
    centre,
    request=None,
    category="",
    audiences=(),
    sessions=None,
    schedule=None,
):
    """Return the schema.org Course describing ``course`` (taught at ``centre``):
    its provider, fee and one CourseInstance per session with its schedule,
    place and offer. ``category`` and ``audiences`` are labels for the reader;
    see ``course_instances`` for ``sessions`` and ``schedule``."""
    url = _full_url(course, request)
    data = {
        "@context": SCHEMA,
        "@type": "Course",
        "@id": f"{url}#course",
        "name": course.title,
        "url": url,
        "courseCode": course.code,
        "inLanguage": course.teaching_language,
        "educationalLevel": str(course.get_level_display()),
        "provider": centre_ref(centre, request),
        "offers": [_offer(course, url)],
        "isAccessibleForFree": course.is_free,
        "hasCourseInstance": course_instances(course, centre, url, sessions, schedule),
    }
    description = course.summary or strip_tags(course.description or "").strip()
    if description:
        data["description"] = description
    if category:
        data["about"] = category
    if audiences:
        data["audience"] = [
            {"@type": "Audience", "audienceType": label} for label in audiences
        ]
    return data
