"""The course page's admin form: checks that need the sessions and the cancelled or
moved classes together (each inline row checks itself in its model's ``clean``)."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from courses.formats import day_label, time_label
from courses.schedule import local_date, room_clashes, room_key, schedule_build
from media.forms import images_not_choosable_refuse


def _live_forms(formset):
    """Return the formset's filled-in forms that are not being deleted, in the
    order the editor gave them."""
    forms = [
        form
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    return sorted(
        forms,
        key=lambda form: (
            form.cleaned_data.get("ORDER") is None,
            form.cleaned_data.get("ORDER") or 0,
        ),
    )


class CoursePageForm(WagtailAdminPageForm):
    """Offers the categories and audiences of the course's own language only;
    accepts only images the editor may choose and a capacity of at least 1.
    Refuses a cancelled or moved class on a day without a class, the same day
    listed twice, and classes that overlap in the same room: within this course,
    or with another live course of the same centre."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._terms_in_page_language()

    def _terms_in_page_language(self):
        """Narrow the category and audience choices to the terms in the page's
        language. Listing every language's terms let an editor give a Vietnamese
        course an English audience, which its page could not label. A term the
        page holds in another language is shown as its translation; one with no
        translation in the page's language stays offered, so saving keeps it."""
        from courses.models import Audience, Category

        locale_id = self.instance.locale_id
        if locale_id is None:
            return
        for name, model in (("category", Category), ("audiences", Audience)):
            field = self.fields.get(name)
            if field is None:
                continue
            held = self.initial.get(name)
            many = name == "audiences"
            held_ids = [
                getattr(value, "pk", value)
                for value in ((held or []) if many else [held])
                if value is not None
            ]
            keys = dict(
                model.objects.filter(pk__in=held_ids).values_list(
                    "pk", "translation_key"
                )
            )
            own = dict(
                model.objects.filter(
                    locale_id=locale_id, translation_key__in=keys.values()
                ).values_list("translation_key", "pk")
            )
            shown = [own.get(keys.get(pk), pk) for pk in held_ids]
            foreign = [pk for pk in shown if pk not in own.values()]
            field.queryset = model.objects.filter(
                Q(locale_id=locale_id) | Q(pk__in=foreign)
            )
            if held_ids:
                self.initial[name] = list(dict.fromkeys(shown)) if many else shown[0]

    def clean_capacity(self):
        # The import refuses a capacity of 0 (it would mean nobody may join);
        # pages saved with 0 before stay as they are until edited.
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise ValidationError(_("The capacity must be at least 1."))
        return capacity

    def clean(self):
        cleaned_data = super().clean()
        images = self.formsets.get("images")
        if images is not None and images.is_valid():
            images_not_choosable_refuse(images, self.for_user)
        sessions = self.formsets.get("sessions")
        changes = self.formsets.get("cancellations")
        if sessions is None or changes is None:
            return cleaned_data
        # Each row is valid on its own first (times in order, repetition bounded).
        if not (sessions.is_valid() and changes.is_valid()):
            return cleaned_data
        session_forms = _live_forms(sessions)
        change_forms = self._check_changes(session_forms, _live_forms(changes))
        occurrences = schedule_build(
            [form.instance for form in session_forms],
            [form.instance for form in change_forms],
        )
        now = timezone.now()
        upcoming = [o for o in occurrences if o.end > now]
        self._check_rooms(session_forms, upcoming)
        return cleaned_data

    def _check_changes(self, session_forms, change_forms):
        """Flag changes that match no class; return the acceptable ones."""
        days = Counter(
            local_date(start)
            for form in session_forms
            for start, _end in form.instance.occurrences()
        )
        seen = set()
        accepted = []
        for form in change_forms:
            change = form.instance
            if change.date not in days:
                form.add_error(
                    "date",
                    _("No class of this course is planned on %(day)s.")
                    % {"day": day_label(change.date, year=True)},
                )
            elif change.date in seen:
                form.add_error("date", _("This day is already listed."))
            elif change.is_move and days[change.date] > 1:
                form.add_error(
                    "new_start",
                    _(
                        "There are several classes on %(day)s, so they cannot be "
                        "moved as one. Cancel the day and add a session for the "
                        "new time."
                    )
                    % {"day": day_label(change.date)},
                )
            else:
                accepted.append(form)
            seen.add(change.date)
        return accepted

    def _check_rooms(self, session_forms, upcoming):
        """Flag sessions whose classes overlap another class in the same room."""
        others = self._other_courses_classes(upcoming)
        flagged = set()
        for mine, other in room_clashes(upcoming, others):
            form = session_forms[mine.session]
            if form in flagged:
                continue  # one message per session is enough to act on
            flagged.add(form)
            values = {
                "place": mine.place,
                "day": day_label(mine.start, year=True),
                "time": time_label(other.start),
            }
            if hasattr(other, "course"):
                values["course"] = other.course.title
                message = _(
                    "%(place)s is already booked for “%(course)s” on %(day)s at "
                    "%(time)s."
                )
            else:
                message = _(
                    "This session overlaps another class of this course in "
                    "%(place)s on %(day)s at %(time)s."
                )
            form.add_error(None, message % values)

    def _other_courses_classes(self, upcoming):
        """Return the classes of the centre's other live courses that fall in the
        time span of ``upcoming`` and use one of its rooms."""
        from courses.models import CourseOccurrence, CoursePage

        rooms = {room_key(o.place) for o in upcoming} - {""}
        centre = self.parent_page
        if centre is None and self.instance.pk:
            centre = self.instance.get_parent()
        if not rooms or centre is None:
            return []
        siblings = CoursePage.objects.live().child_of(centre)
        if self.instance.pk:
            siblings = siblings.exclude(translation_key=self.instance.translation_key)
        rows = (
            CourseOccurrence.objects.filter(
                translation_key__in=siblings.values("translation_key"),
                cancelled=False,
                start__lt=max(o.end for o in upcoming),
                end__gt=min(o.start for o in upcoming),
            )
            .exclude(place="")
            .select_related("course")
        )
        return [row for row in rows if room_key(row.place) in rooms]
