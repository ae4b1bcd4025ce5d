"""The finder's index: one row per live course page, denormalised from the course,
its centre, commune and province, and its schedule. Every engine reads these rows
(the database engines also hold their full-text index beside them, Elasticsearch
copies them into its documents). Rows are written only by ``search.services``."""

from django.db import models
from wagtail.models import Page


class CourseIndexEntry(models.Model):
    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.CharField(max_length=8)
    translation_key = models.UUIDField()
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    centre_code = models.CharField(max_length=32)
    centre_name = models.CharField(max_length=255)
    centre_url = models.CharField(max_length=500)
    commune = models.CharField(max_length=100)
    province_code = models.CharField(max_length=2)
    province = models.CharField(max_length=100)
    latitude = models.FloatField()
    longitude = models.FloatField()
    category = models.CharField(max_length=40)
    # Bit masks: audiences in courses.taxonomy order, weekdays Monday = bit 0,
    # times of day morning = bit 0, afternoon = bit 1, evening = bit 2.
    audiences = models.PositiveIntegerField(default=0)
    weekdays = models.PositiveSmallIntegerField(default=0)
    times_of_day = models.PositiveSmallIntegerField(default=0)
    teaching_language = models.CharField(max_length=8)
    mode = models.CharField(max_length=20)
    fee_vnd = models.PositiveIntegerField(default=0)
    # Category, audiences, weekdays, times of day, free, teaching language and
    # mode as one number, which the database engines group candidates by to
    # count facets (search.engines.database.FACET_KEY).
    facets = models.BigIntegerField(default=0)
    last_end = models.DateTimeField(null=True)
    # The next class that has not ended, as of when the row was last refreshed
    # (search.services.course_index_next_sessions_refresh keeps it current).
    next_start = models.DateTimeField(null=True)
    next_end = models.DateTimeField(null=True)
    # Analysed text (search.text.analyse): what the engines index.
    title_exact = models.TextField(default="")
    title_folded = models.TextField(default="")
    body_exact = models.TextField(default="")
    body_folded = models.TextField(default="")

    class Meta:
        indexes = [
            models.Index(fields=["locale", "last_end"]),
            models.Index(fields=["locale", "latitude", "longitude"]),
            models.Index(fields=["locale", "mode"]),
            models.Index(fields=["locale", "next_start"]),
            models.Index(fields=["next_end"]),
            # The latest end of the entries of a title, read from the index
            # alone: what SearchTitle.last_end follows (search.spelling).
            models.Index(fields=["locale", "title", "last_end"]),
        ]

    def __str__(self):
        return f"{self.locale} {self.code}"


class SearchTerm(models.Model):
    """A word of the index (its folded token) in one locale: the vocabulary the
    "similar spellings" fallback corrects typed words against (search.spelling).

    Every write to the index updates it (search.services), so it holds exactly
    the words of the live entries, with how many entries hold each.
    """

    locale = models.CharField(max_length=8)
    term = models.CharField(max_length=64)
    # How many entries hold the word: the more frequent of two equally close
    # words is the likelier correction.
    documents = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "term"], name="search_term_unique"
            )
        ]

    def __str__(self):
        return f"{self.locale} {self.term}"


class SearchTitle(models.Model):
    """A distinct course title in one locale, with how many live entries carry it
    and when the last class of any of them ends: what autocomplete suggests,
    most taught first (by the ones still running), while one of them has not
    ended. Kept exactly in step with the entries by search.services, like
    SearchTerm; much smaller than the entries (titles repeat from centre to
    centre), so a prefix search over it stays quick at national scale."""

    locale = models.CharField(max_length=8)
    title = models.CharField(max_length=255)
    title_folded = models.TextField()
    courses = models.PositiveIntegerField(default=1)
    # The last class of its entries (the latest of their last_end): the finder
    # hides a course once its last class has ended, and autocomplete suggests
    # only titles of a course the finder finds. Null when none has a class.
    last_end = models.DateTimeField(null=True)
    # How many of its entries still had a class to come when last counted:
    # autocomplete's "most taught" order, which counts only the courses the
    # finder finds. A count that time lowers, so it keeps the moment it next
    # drops (the earliest last_end among them; null: none runs), and is
    # counted again once that has passed (search.spelling).
    running = models.PositiveIntegerField(default=0, db_default=0)
    running_until = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "title"], name="search_title_unique"
            )
        ]
        indexes = [
            models.Index(fields=["running_until"], name="search_title_running_until")
        ]

    def __str__(self):
        return f"{self.locale} {self.title}"


# PostgreSQL: the setting in which a transaction that wrote entries holds its
# pending token until it ends (search.services.entries_changed_mark).
PENDING_SETTING = "finder.pending_token"


class IndexState(models.Model):
    """One row (id 1): a token that every write to the entries replaces
    (search.services.entries_changed_mark). A process that keeps something it
    computed from the entries keeps it while the token it read before reading
    them is still the current one (search.engines.database: near me's online
    courses). The token read includes, on PostgreSQL, the reading
    transaction's own pending token when it wrote entries itself. A new
    random token rather than a count: a rolled-back write takes its token back
    with it, and no later write can give the same token to other entries. A
    data migration that rewrites entries must replace the token too."""

    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token
