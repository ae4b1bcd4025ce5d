"""Administrative reference data and the province and centre pages.

The page tree mirrors the administrative hierarchy (Home > Province > Centre >
Course) so that permissions can follow it: a centre's staff get its subtree.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as subpage
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from centres.forms import CentrePageForm
from portal.i18n import translatable_fields
from portal.pages import PortalPage, control_characters_stripped
from portal.serializers import PageTranslationsField, PlaceNameField

# A centre's facts: the same in every language, copied from the Vietnamese page.
CENTRE_FACTS = (
    "code",
    "commune",
    "address",
    "latitude",
    "longitude",
    "phone",
    "email",
    "opening_hours",
    "has_computers",
    "has_wifi",
    "step_free_access",
)

# Vietnam's bounding box, the Paracel and Spratly special zones included.
VIETNAM_LATITUDE = (8.0, 23.5)
VIETNAM_LONGITUDE = (102.0, 117.5)


def validate_in_vietnam(latitude, longitude):
    """Raise ValidationError when the point lies outside Vietnam's bounding box."""
    lat_ok = VIETNAM_LATITUDE[0] <= latitude <= VIETNAM_LATITUDE[1]
    lon_ok = VIETNAM_LONGITUDE[0] <= longitude <= VIETNAM_LONGITUDE[1]
    if not (lat_ok and lon_ok):
        raise ValidationError(
            _("The coordinates %(lat)s, %(lon)s are outside Vietnam."),
            params={"lat": latitude, "lon": longitude},
        )


class Province(models.Model):
    """A province-level unit after the 1 July 2025 reorganisation (34 in all)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    unit_type = models.CharField(_("type"), max_length=20)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveBigIntegerField(_("population"), null=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class Commune(models.Model):
    """A commune-level unit (xã, phường or đặc khu) of a province."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    unit_type = models.CharField(_("type"), max_length=20)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes"
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("population"), null=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self):
        return f"{self.name}, {self.province.name}"


class ProvincePage(PortalPage, Page):
    """One page per province and locale; lists the province's centres by commune."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("province"), FieldPanel("intro")]
    translatable_fields = translatable_fields(texts=("intro",), facts=("province",))
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["centres.CentrePage"]
    # Part of the skeleton built for every language (centres.services.
    # site_setup): its editors fill it, only who may add to the home page
    # (superusers) removes it.
    removal_needs_add_on_parent = True
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    template = "centres/province_page.html"

    class Meta:
        verbose_name = _("province page")

    def get_context(self, request, *args, **kwargs):
        from centres.selectors import province_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(province_page_context(self, request))
        return context


class CentrePage(PortalPage, RoutablePageMixin, Page):
    """A community learning centre (trung tâm học tập cộng đồng).

    ``code`` is the ministry's centre code; it is shared by the centre's translations
    and unique within each locale. ``timetable/`` under its URL is the printable
    timetable of a month.
    """

    code = models.CharField(_("centre code"), max_length=32, db_index=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    address = models.CharField(_("street address"), max_length=255, blank=True)
    latitude = models.FloatField(
        _("latitude"),
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    has_computers = models.BooleanField(_("computers available"), default=False)
    has_wifi = models.BooleanField(_("wifi"), default=False)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    description = RichTextField(_("description"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        MultiFieldPanel(
            [
                FieldPanel("commune"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("opening_hours")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("has_computers"),
                FieldPanel("has_wifi"),
                FieldPanel("step_free_access"),
            ],
            heading=_("Facilities"),
        ),
        FieldPanel("description"),
        InlinePanel("photos", label=_("Photos")),
    ]
    parent_page_types = ["centres.ProvincePage"]
    subpage_types = ["courses.CoursePage"]
    # Its own staff edit it; only its province's editors delete or move it.
    removal_needs_add_on_parent = True
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("code"),
    ]
    api_fields = [
        APIField("code"),
        APIField("commune", serializer=PlaceNameField()),
        APIField("province", serializer=PlaceNameField()),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("phone"),
        APIField("email"),
        APIField("opening_hours"),
        APIField("has_computers"),
        APIField("has_wifi"),
        APIField("step_free_access"),
        APIField("description"),
        APIField("translations", serializer=PageTranslationsField()),
    ]
    translatable_fields = translatable_fields(
        texts=("description",), facts=(*CENTRE_FACTS, "photos")
    )
    template = "centres/centre_page.html"
    # Offers only the communes of the centre's province (centres/forms.py).
    base_form_class = CentrePageForm
    timetable_template = "centres/centre_timetable.html"

    class Meta:
        verbose_name = _("centre page")

    def clean(self):
        super().clean()
        if self.latitude is not None and self.longitude is not None:
            validate_in_vietnam(self.latitude, self.longitude)
        if self.code:
            clash = CentrePage.objects.filter(code=self.code, locale_id=self.locale_id)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"code": _("Another centre has this code.")})

    @cached_property
    def province(self):
        return self.commune.province

    def get_context(self, request, *args, **kwargs):
        from centres.selectors import centre_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(centre_page_context(self, request))
        return context

    def route(self, request, path_components):
        # A course whose slug is also a route name ("timetable") stays reachable:
        # children are tried first.
        if path_components:
            try:
                return Page.route(self, request, path_components)
            except Http404:
                pass
        return super().route(request, path_components)

    @subpage("timetable/", name="timetable")
    def timetable(self, request):
        """The month's classes on one printable A4 page (``?month=2027-01``)."""
        from centres.selectors import centre_timetable_context

        context = {
            "page": self,
            "self": self,
            "request": request,
            **centre_timetable_context(self, request.GET.get("month"), request=request),
        }
        return TemplateResponse(request, self.timetable_template, context)

    @property
    def osm_url(self):
        return (
            "https://www.openstreetmap.org/"
            f"?mlat={self.latitude:.5f}&mlon={self.longitude:.5f}"
            f"#map=16/{self.latitude:.5f}/{self.longitude:.5f}"
        )


class CentrePhoto(Orderable):
    page = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "media.CustomImage", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    def clean(self):
        super().clean()
        control_characters_stripped(self)
