"""Courses, their sessions and occurrences, national curricula and taxonomies."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from courses.blocks import CurriculumModuleBlock
from courses.fields import WeekdaysField
from courses.forms import CoursePageForm
from courses.schedule import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_INTERVAL_WEEKS,
    MAX_OCCURRENCES,
    TooManyOccurrences,
    expand,
    schedule_build,
    year_in_range,
)
from portal.i18n import translatable_fields
from portal.pages import PortalPage, control_characters_stripped
from portal.serializers import (
    PageTermsField,
    PageTranslationsField,
    UpcomingClassSerializer,
)

# A course's facts: the same in every language, copied from the Vietnamese page.
# Audiences and cancelled classes are synchronised by courses.services (a cancelled
# class's reason is translated); wagtail-localize leaves them as they are.
COURSE_FACTS = (
    "code",
    "category",
    "level",
    "teaching_language",
    "mode",
    "fee_vnd",
    "capacity",
    "instructor",
    "curriculum",
)
TAXONOMY_FIELDS = translatable_fields(
    texts=("name",), facts=("slug", "sort_order"), page=False
)


class Taxonomy(TranslatableMixin, models.Model):
    """A national taxonomy term: ``slug`` is stable across languages, ``name`` is
    translated (wagtail-localize), ``sort_order`` orders the lists."""

    slug = models.SlugField(_("slug"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("slug"), FieldPanel("name")]
    translatable_fields = TAXONOMY_FIELDS

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_%(class)s_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class Category(Taxonomy):
    """A national course category (digital skills, literacy, ...)."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Audience(Taxonomy):
    """A national audience (older adults, farmers, ...)."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


def teaching_language_choices():
    return [
        ("vi", _("Vietnamese")),
        ("en", _("English")),
        ("km", _("Khmer")),
        ("zh", _("Chinese")),
        ("ko", _("Korean")),
        ("ja", _("Japanese")),
        ("tyz", _("Tày")),
        ("hmn", _("Hmong")),
    ]


# The labels of teaching_language_choices by code (lazy: translated when shown).
TEACHING_LANGUAGE_LABELS = dict(teaching_language_choices())


class CurriculumIndexPage(PortalPage, Page):
    """The list of national curricula."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["courses.CurriculumPage"]
    # Part of the skeleton built for every language (centres.services.
    # site_setup): national editors fill it, only superusers remove it.
    removal_needs_add_on_parent = True
    max_count_per_parent = 1
    template = "courses/curriculum_index_page.html"
    translatable_fields = translatable_fields(texts=("intro",))

    class Meta:
        verbose_name = _("curriculum index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from portal.collation import sort_key
        from portal.selectors import reader_pages

        # In the reader's alphabetical order ("ứng dụng" after "xóa mù chữ"
        # in Vietnamese), not by character code: a few dozen curricula.
        context["curricula"] = sorted(
            reader_pages(CurriculumPage, self), key=lambda page: sort_key(page.title)
        )
        return context


class CurriculumPage(PortalPage, Page):
    """A national curriculum that many centres teach (above all digital skills)."""

    code = models.CharField(_("curriculum code"), max_length=40, db_index=True)
    summary = models.TextField(_("summary"), blank=True)
    total_hours = models.PositiveIntegerField(_("total hours"), default=0)
    modules = StreamField(
        [("module", CurriculumModuleBlock())], blank=True, verbose_name=_("modules")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        FieldPanel("summary"),
        FieldPanel("total_hours"),
        FieldPanel("modules"),
    ]
    parent_page_types = ["courses.CurriculumIndexPage"]
    subpage_types = []
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    template = "courses/curriculum_page.html"
    translatable_fields = translatable_fields(
        texts=("summary", "modules"), facts=("code", "total_hours")
    )

    class Meta:
        verbose_name = _("curriculum page")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import curriculum_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(curriculum_page_context(self))
        return context


class CoursePage(PortalPage, Page):
    """A course offered by one centre; its sessions are inline so they are revisioned
    and published with it."""

    code = models.CharField(_("course code"), max_length=40, db_index=True)
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    description = RichTextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("category"),
    )
    audiences = ParentalManyToManyField(
        Audience, blank=True, related_name="+", verbose_name=_("audiences")
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER
    )
    teaching_language = models.CharField(
        _("teaching language"),
        max_length=8,
        choices=teaching_language_choices,
        default="vi",
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON
    )
    fee_vnd = models.PositiveIntegerField(
        _("fee (VND)"), default=0, help_text=_("0 means free.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    instructor = models.CharField(_("instructor"), max_length=200, blank=True)
    how_to_join = models.TextField(_("how to join"), blank=True)
    curriculum = models.ForeignKey(
        CurriculumPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("national curriculum"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("audiences"),
                FieldRowPanel([FieldPanel("level"), FieldPanel("mode")]),
                FieldPanel("teaching_language"),
                FieldPanel("curriculum"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("fee_vnd"), FieldPanel("capacity")]),
                FieldPanel("instructor"),
                FieldPanel("how_to_join"),
            ],
            heading=_("Joining"),
        ),
        InlinePanel("sessions", label=_("Sessions"), min_num=1),
        InlinePanel(
            "cancellations",
            label=_("Cancelled or moved classes"),
            help_text=_(
                "Cancel one class of a session, or give it a new time, with the "
                "reason learners will see."
            ),
        ),
        InlinePanel("images", label=_("Images")),
    ]
    base_form_class = CoursePageForm
    parent_page_types = ["centres.CentrePage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("code"),
    ]
    api_fields = [
        APIField("code"),
        APIField("summary"),
        APIField("description"),
        APIField("category", serializer=PageTermsField()),
        APIField("audiences", serializer=PageTermsField()),
        APIField("level"),
        APIField("mode"),
        APIField("teaching_language"),
        APIField("fee_vnd"),
        APIField("is_free"),
        APIField("capacity"),
        APIField("instructor"),
        APIField("how_to_join"),
        APIField("sessions"),
        APIField("cancellations"),
        APIField("upcoming_classes", serializer=UpcomingClassSerializer(many=True)),
        APIField("translations", serializer=PageTranslationsField()),
    ]
    template = "courses/course_page.html"
    translatable_fields = translatable_fields(
        texts=("summary", "description", "how_to_join"),
        facts=(*COURSE_FACTS, "sessions", "images"),
    )

    class Meta:
        verbose_name = _("course page")

    def clean(self):
        super().clean()
        if self.code:
            clash = CoursePage.objects.filter(code=self.code, locale_id=self.locale_id)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"code": _("Another course has this code.")})

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(self, request))
        return context

    def get_teaching_language_display(self):
        """The teaching language's name in the active language. Django's own
        evaluates the callable choices and compares every label to build its
        map, about 0.15 ms per call: a list of 30 course cards spent 4 ms."""
        return TEACHING_LANGUAGE_LABELS.get(
            self.teaching_language, self.teaching_language
        )

    @property
    def is_free(self):
        return not self.fee_vnd

    @property
    def upcoming_classes(self):
        """The next classes that take place (for the read API)."""
        from courses.selectors import upcoming_occurrences

        return upcoming_occurrences(self)

    def schedule(self, with_changes=True):
        """Return this page's Occurrences (``courses.schedule.schedule_build``) from
        its sessions and, unless ``with_changes`` is false (the caller knows there
        are none), its cancelled and moved classes, as they are on this object."""
        changes = self.cancellations.all() if with_changes else ()
        return schedule_build(self.sessions.all(), changes)

    @staticmethod
    def pages_with_schedule_changes():
        """Return the ids of the course pages that have a cancelled or moved class
        (few: lets bulk readers skip the lookup for every other page)."""
        return set(CourseCancellation.objects.values_list("page_id", flat=True))


def _years_out_of_range(row, names):
    """Return ``{field name: error}`` for the date fields ``names`` of ``row``
    that fall outside the years FIRST_YEAR to LAST_YEAR."""
    return {
        name: _("Give a date in the years %(first)s to %(last)s.")
        % {"first": FIRST_YEAR, "last": LAST_YEAR}
        for name in names
        if not year_in_range(getattr(row, name))
    }


class CourseSession(Orderable):
    """A class meeting, optionally repeated weekly; times are Asia/Ho_Chi_Minh."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    repeat_weekdays = WeekdaysField(_("repeat on"))
    repeat_interval = models.PositiveSmallIntegerField(_("every N weeks"), default=1)
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("number of times"), null=True, blank=True
    )
    place = models.CharField(_("place or room"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("repeat_weekdays"),
        FieldRowPanel(
            [
                FieldPanel("repeat_interval"),
                FieldPanel("repeat_until"),
                FieldPanel("repeat_count"),
            ]
        ),
        FieldPanel("place"),
    ]
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("repeat_weekdays"),
        APIField("repeat_interval"),
        APIField("repeat_until"),
        APIField("repeat_count"),
        APIField("place"),
    ]

    class Meta(Orderable.Meta):
        # Sessions stored before the import numbered them have no sort_order:
        # they keep the order they were written in.
        ordering = ["sort_order", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return f"{self.start:%Y-%m-%d %H:%M}"

    def clean(self):
        super().clean()
        control_characters_stripped(self)
        errors = _years_out_of_range(self, ("start", "end", "repeat_until"))
        if self.repeat_interval is not None and not (
            1 <= self.repeat_interval <= MAX_INTERVAL_WEEKS
        ):
            errors["repeat_interval"] = _("Repeat every 1 to %(max)s weeks.") % {
                "max": MAX_INTERVAL_WEEKS
            }
        if errors:
            # Nothing else can be checked on times out of range.
            raise ValidationError(errors)
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The session must end after it starts.")
        if self.repeat_until and self.repeat_count:
            errors["repeat_count"] = _(
                "Repeat until a date or a number of times, not both."
            )
        if self.repeat_weekdays and not (self.repeat_until or self.repeat_count):
            errors["repeat_until"] = _(
                "A repeating session needs an end date or a number of times."
            )
        if self.start and self.repeat_until and self.repeat_until < self.start.date():
            errors["repeat_until"] = _("The repetition ends before the first session.")
        if errors:
            raise ValidationError(errors)
        if self.start and self.end:
            try:
                self.occurrences()
            except TooManyOccurrences:
                raise ValidationError(
                    _("This repetition gives more than %(max)s classes.")
                    % {"max": MAX_OCCURRENCES}
                ) from None

    def occurrences(self):
        """Return the ``(start, end)`` pairs of this session and its repetition."""
        return expand(
            self.start,
            self.end,
            self.repeat_weekdays,
            self.repeat_until,
            self.repeat_count,
            self.repeat_interval,
        )


class CourseCancellation(Orderable):
    """One class that does not take place as planned: cancelled, or moved to new
    times. Inline on the course, so it is revisioned and published with it; the
    reason is translated with the page, the rest is copied to translations."""

    page = ParentalKey(
        CoursePage, on_delete=models.CASCADE, related_name="cancellations"
    )
    date = models.DateField(
        _("date of the class"), help_text=_("The day the class was planned.")
    )
    reason = models.CharField(
        _("reason"),
        max_length=200,
        help_text=_("Shown to learners, e.g. “clash with the village meeting”."),
    )
    new_start = models.DateTimeField(
        _("new start"),
        null=True,
        blank=True,
        help_text=_("To move the class instead of cancelling it, give its new time."),
    )
    new_end = models.DateTimeField(_("new end"), null=True, blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("reason"),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
    ]
    api_fields = [
        APIField("date"),
        APIField("reason"),
        APIField("new_start"),
        APIField("new_end"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("cancelled or moved class")
        verbose_name_plural = _("cancelled or moved classes")

    def __str__(self):
        return f"{self.date:%Y-%m-%d}"

    def clean(self):
        super().clean()
        control_characters_stripped(self)
        errors = _years_out_of_range(self, ("date", "new_start", "new_end"))
        if errors:
            raise ValidationError(errors)
        if (self.new_start is None) != (self.new_end is None):
            raise ValidationError(
                {
                    "new_end" if self.new_end is None else "new_start": _(
                        "A moved class needs both a new start and a new end."
                    )
                }
            )
        if self.new_start and self.new_end and self.new_end <= self.new_start:
            raise ValidationError(
                {"new_end": _("The moved class must end after it starts.")}
            )

    @property
    def is_move(self):
        return bool(self.new_start and self.new_end)


class CourseImage(Orderable):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "media.CustomImage", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class CourseOccurrence(models.Model):
    """One dated class meeting of a published course, expanded from its sessions.

    Rebuilt by ``courses.services.course_occurrences_refresh`` whenever the source
    (Vietnamese) course is published. ``translation_key`` lets every locale's copy
    of the course find its schedule without a join through the page table.
    """

    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="occurrences"
    )
    translation_key = models.UUIDField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    # A cancelled class keeps its planned times; a moved one has its new times
    # and remembers when it was planned. ``note`` is the Vietnamese reason.
    # Database defaults too, for bulk writers that insert rows with plain SQL.
    cancelled = models.BooleanField(default=False, db_default=False)
    original_start = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True, default="", db_default="")

    class Meta:
        ordering = ["start"]
        indexes = [
            models.Index(fields=["translation_key", "start"]),
            models.Index(fields=["start"]),
        ]

    def __str__(self):
        return f"{self.course_id} {self.start:%Y-%m-%d %H:%M}"
