"""The national home page."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Locale, Orderable, Page

from portal.i18n import translatable_fields
from portal.pages import PortalPage

FEATURED_MAX = 8


class HomePage(PortalPage, Page):
    """The national landing page: search box, provinces, featured and upcoming
    courses, counts."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_courses",
            max_num=FEATURED_MAX,
            label=_("featured courses"),
            help_text=_(
                "Courses shown first on the home page, in this order. A course "
                "with no upcoming class is left out until it has one."
            ),
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["centres.ProvincePage", "courses.CurriculumIndexPage"]
    max_count_per_parent = 1
    template = "portal/home_page.html"
    translatable_fields = translatable_fields(
        texts=("intro",), facts=("featured_courses",)
    )

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Route as Wagtail does; when the page is not translated into this home
        page's language, serve the Vietnamese page at the same path instead of a
        404, marked on the request so that it says so to the reader.

        A page whose URL path is the whole path is looked up at once with its
        parent (two queries, through the index of migration portal 0005) and
        routes itself with nothing left, as it would at the end of Wagtail's
        walk, its parent cached on it as the walk leaves it. Wagtail walks the
        tree one level at a time, two queries a level: six for a course page.
        Any other path (a centre's timetable, a page missing in this language,
        no page at all) takes Wagtail's walk. A translation that is not live (a
        draft) is a 404 here as in the walk, so it falls back the same way."""
        try:
            if len(path_components) > 1:
                parent_path = f"{self.url_path}{'/'.join(path_components[:-1])}/"
                url_path = f"{parent_path}{path_components[-1]}/"
                pages = {
                    page.url_path: page
                    for page in Page.objects.filter(
                        url_path__in=(parent_path, url_path)
                    )
                }
                if url_path in pages and parent_path in pages:
                    page = pages[url_path].specific
                    # What treebeard's get_parent() returns, without its query.
                    page._cached_parent_obj = pages[parent_path]
                    return page.route(request, [])
            return super().route(request, path_components)
        except Http404:
            if not path_components or self.locale_id == Locale.get_default().pk:
                raise
            source = self.get_translation_or_none(Locale.get_default())
            if source is None:
                raise
            result = source.specific.route(request, path_components)
            request.translation_fallback = True
            return result

    def get_context(self, request, *args, **kwargs):
        from portal.selectors import home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(self))
        return context


class HomeFeaturedCourse(Orderable):
    """A course an editor chose to show on the home page. Translations of the home
    page show the same courses, each in the reader's language where it exists."""

    page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_courses"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
    )

    panels = [PageChooserPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured course")
        verbose_name_plural = _("featured courses")
