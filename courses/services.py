"""Writes for courses and curricula: upsert from the catalogue, the occurrence table
that every schedule list reads, and keeping translations' facts in sync."""

from functools import partial

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale

from centres.models import CentrePage
from centres.services import (
    page_translation_ensure,
    richtext_markup_kept,
    text_to_richtext,
)
from courses.models import (
    COURSE_FACTS,
    CourseCancellation,
    CourseOccurrence,
    CoursePage,
    CourseSession,
    CurriculumIndexPage,
    CurriculumPage,
)
from courses.schedule import local_date
from portal.services import (
    children_numbered,
    free_slug,
    page_add,
    page_latest,
    page_save,
    page_update,
)
from search.text import ascii_slug

COURSE_SYNCED_FIELDS = COURSE_FACTS
SESSION_FIELDS = (
    "start",
    "end",
    "repeat_weekdays",
    "repeat_interval",
    "repeat_until",
    "repeat_count",
    "place",
)
# Copied to translations as they are; the reason is translated.
CANCELLATION_FIELDS = ("date", "new_start", "new_end")


def _is_source(page):
    return page.locale.language_code == settings.LANGUAGE_CODE


def course_published(page):
    """React to a course being published: refresh its occurrences and, for the
    Vietnamese source, carry its facts and sessions to every translation."""
    if not _is_source(page):
        return
    copied = _published_reasons(page)
    course_occurrences_refresh(page)
    course_translations_sync(page, copied_reasons=copied)


def _published_reasons(page):
    """Return ``{date: reason}`` of the cancelled and moved classes ``page`` had
    when it was last published (the occurrence table still holds them)."""
    rows = CourseOccurrence.objects.filter(translation_key=page.translation_key)
    rows = rows.exclude(note="").values_list("start", "original_start", "note")
    return {local_date(original or start): note for start, original, note in rows}


@transaction.atomic
def course_occurrences_refresh(page):
    """Rebuild the dated occurrences of ``page`` from its published sessions and
    cancelled or moved classes: a cancelled class is kept, marked ``cancelled``
    (timetables show it struck through); a moved one is at its new time with its
    ``original_start``. Returns how many classes take place."""
    CourseOccurrence.objects.filter(translation_key=page.translation_key).delete()
    rows = [
        CourseOccurrence(
            course=page,
            translation_key=page.translation_key,
            start=occurrence.start,
            end=occurrence.end,
            place=occurrence.place,
            cancelled=occurrence.cancelled,
            original_start=occurrence.original_start,
            note=occurrence.note,
        )
        for occurrence in page.schedule()
    ]
    CourseOccurrence.objects.bulk_create(rows, batch_size=1000)
    return sum(1 for row in rows if not row.cancelled)


def _session_tuples(sessions):
    return [tuple(getattr(s, name) for name in SESSION_FIELDS) for s in sessions]


def _cancellation_tuples(cancellations):
    return [
        (*(getattr(c, name) for name in CANCELLATION_FIELDS), c.reason)
        for c in cancellations
    ]


def _cancellations_apply(target, cancellations, reasons=None, copied=None):
    """Give ``target`` the cancelled and moved classes of ``cancellations`` (the
    source's). Each reason is, in order of preference: ``reasons[date]`` (a
    translation given by the catalogue), the reason ``target`` already has for
    that day unless it is ``copied[date]`` (the source's previous reason, copied
    untranslated), the source's. Returns whether anything changed."""
    reasons, copied = reasons or {}, copied or {}
    current = {
        c.date: c.reason
        for c in target.cancellations.all()
        if c.reason and c.reason != copied.get(c.date)
    }
    wanted = children_numbered(
        [
            CourseCancellation(
                **{name: getattr(c, name) for name in CANCELLATION_FIELDS},
                reason=reasons.get(c.date) or current.get(c.date) or c.reason,
            )
            for c in cancellations
        ]
    )
    if _cancellation_tuples(target.cancellations.all()) == _cancellation_tuples(wanted):
        return False
    target.cancellations = wanted
    return True


def course_translations_sync(source, user=None, copied_reasons=None):
    """Copy ``source``'s synchronised fields, audiences, sessions and cancelled or
    moved classes onto each of its translations (a class's reason stays as a
    translator wrote it; ``copied_reasons`` are the source's previous reasons,
    which a translation holding them untranslated gets anew). A translation that
    was live without pending changes is published again; one with a translator's
    draft keeps it as a draft."""
    sessions = list(source.sessions.all())
    cancellations = list(source.cancellations.all())
    audience_ids = sorted(a.pk for a in source.audiences.all())
    for translation in source.get_translations().specific():
        latest = page_latest(translation)
        changed = _course_facts_apply(
            latest,
            source,
            sessions,
            audience_ids,
            cancellations,
            copied=copied_reasons,
        )
        if changed:
            republish = translation.live and not translation.has_unpublished_changes
            page_save(latest, republish, user)


def _course_facts_apply(
    target, source, sessions, audience_ids, cancellations, reasons=None, copied=None
):
    changed = False
    for name in COURSE_SYNCED_FIELDS:
        if getattr(target, name) != getattr(source, name):
            setattr(target, name, getattr(source, name))
            changed = True
    if sorted(a.pk for a in target.audiences.all()) != audience_ids:
        target.audiences = audience_ids
        changed = True
    if _session_tuples(target.sessions.all()) != _session_tuples(sessions):
        target.sessions = children_numbered(
            [
                CourseSession(**{name: getattr(s, name) for name in SESSION_FIELDS})
                for s in sessions
            ]
        )
        changed = True
    if _cancellations_apply(target, cancellations, reasons, copied):
        changed = True
    return changed


def course_upsert(record, publish, user=None):
    """Create or update the Vietnamese course page described by ``record`` (a
    validated catalogue dict with resolved ``centre``, ``category``, ``audiences``,
    ``curriculum`` and ``sessions``), then its translations. Moves the course when
    its centre changed. Returns "created", "updated" or "unchanged"."""
    source = Locale.get_default()
    parent = record["centre"]
    values = {
        "title": record["title"],
        "code": record["code"],
        "summary": record.get("summary", ""),
        "description": text_to_richtext(record.get("description", "")),
        "category": record["category"],
        "level": record.get("level", "beginner"),
        "teaching_language": record.get("teaching_language", "vi"),
        "mode": record.get("mode", "in_person"),
        "fee_vnd": record.get("fee_vnd", 0),
        "capacity": record.get("capacity"),
        "instructor": record.get("instructor", ""),
        "how_to_join": record.get("how_to_join", ""),
        "curriculum": record.get("curriculum"),
    }
    sessions = children_numbered([CourseSession(**s) for s in record["sessions"]])
    cancellations = children_numbered(
        [
            CourseCancellation(
                date=c["date"],
                reason=c["reason"],
                new_start=c.get("new_start"),
                new_end=c.get("new_end"),
            )
            for c in record.get("cancellations", [])
        ]
    )
    audience_ids = sorted(a.pk for a in record["audiences"])
    page = CoursePage.objects.filter(code=record["code"], locale=source).first()
    if page is None:
        page = CoursePage(
            slug=free_slug(parent, record["title"], record["code"]), **values
        )
        page.audiences = record["audiences"]
        page.sessions = sessions
        page.cancellations = cancellations
        page_add(parent, page, publish, user)
        action = "created"
    else:
        if page.get_parent().pk != parent.pk:
            page.move(parent, pos="last-child", user=user)
            page.refresh_from_db()

        values["description"] = richtext_markup_kept(
            page_latest(page).description, values["description"]
        )

        def children(latest):
            changed = False
            if sorted(a.pk for a in latest.audiences.all()) != audience_ids:
                latest.audiences = audience_ids
                changed = True
            if _session_tuples(latest.sessions.all()) != _session_tuples(sessions):
                latest.sessions = sessions
                changed = True
            if _cancellation_tuples(latest.cancellations.all()) != _cancellation_tuples(
                cancellations
            ):
                latest.cancellations = cancellations
                changed = True
            return changed

        action = page_update(page, values, publish, user, extra=children)
    page = CoursePage.objects.get(pk=page.pk)
    for code, texts in record.get("translations", {}).items():
        locale = Locale.objects.get(language_code=code)
        centre_tr = parent.get_translation_or_none(locale)
        if centre_tr is None:
            # The course is translated but its centre is not: the centre appears
            # in the reader's language with its Vietnamese name until translated.
            page_translation_ensure(
                parent, locale, {"title": parent.title}, publish, translated=()
            )
        fields = {"title": texts.get("title", record["title"])}
        if "summary" in texts:
            fields["summary"] = texts["summary"]
        if "description" in texts:
            fields["description"] = text_to_richtext(texts["description"])
            current = page.get_translation_or_none(locale)
            if current is not None:
                fields["description"] = richtext_markup_kept(
                    page_latest(current.specific).description,
                    fields["description"],
                )
        if "how_to_join" in texts:
            fields["how_to_join"] = texts["how_to_join"]
        latest_source = page_latest(page)
        source_sessions = list(latest_source.sessions.all())
        source_cancellations = list(latest_source.cancellations.all())
        reasons = {
            c["date"]: c["translations"][code]
            for c in record.get("cancellations", [])
            if code in c.get("translations", {})
        }
        _tr, tr_changed = page_translation_ensure(
            latest_source,
            locale,
            fields,
            publish,
            # A title the file did not translate is the Vietnamese one, for now.
            translated=[name for name in fields if name in texts],
            extra=partial(
                _course_facts_apply,
                source=latest_source,
                sessions=source_sessions,
                audience_ids=audience_ids,
                cancellations=source_cancellations,
                reasons=reasons,
            ),
        )
        if tr_changed and action == "unchanged":
            action = "updated"
    return action


def curriculum_upsert(record, publish, user=None):
    """Create or update a national curriculum page (in the source language) from
    ``record`` with code, title, summary, total_hours and modules. Returns the
    action taken."""
    index = CurriculumIndexPage.objects.filter(locale=Locale.get_default()).first()
    values = {
        "title": record["title"],
        "code": record["code"],
        "summary": record.get("summary", ""),
        "total_hours": record.get("total_hours", 0),
    }
    modules = [("module", module) for module in record.get("modules", [])]
    page = CurriculumPage.objects.filter(
        code=record["code"], locale=index.locale
    ).first()
    if page is None:
        page = CurriculumPage(
            slug=ascii_slug(record["code"]), modules=modules, **values
        )
        page_add(index, page, publish, user)
        action = "created"
    else:

        def module_blocks(latest):
            if [dict(block.value) for block in latest.modules] == [
                dict(m) for _t, m in modules
            ]:
                return False
            latest.modules = modules
            return True

        action = page_update(page, values, publish, user, extra=module_blocks)
    for code, texts in record.get("translations", {}).items():
        locale = Locale.objects.get(language_code=code)
        page_translation_ensure(
            CurriculumPage.objects.get(pk=page.pk),
            locale,
            {k: v for k, v in texts.items() if k in ("title", "summary")},
            publish,
            sync=("code", "total_hours"),
        )
    return action


def centre_for_code(code, locale=None):
    """Return the centre page with ``code`` in ``locale`` (default: source)."""
    return CentrePage.objects.get(code=code, locale=locale or Locale.get_default())
