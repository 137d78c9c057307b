"""Walking, cycling and riding trails, drawn from a GPX file."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.http import FileResponse, Http404
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.api_fields import CommuneField, CoordinateField
from home.blocks import BodyStreamBlock
from home.directory.geojson import geojson_response
from home.images import MainImageMixin
from home.models import BasePage
from tourism.gpx import parse_gpx

from .featured import FeaturedMixin


class TrailPageForm(WagtailAdminPageForm):
    """Reads the uploaded GPX file before anything is saved: a file that cannot be used is
    refused with the reason, and the page keeps its previous trace."""

    def clean_gpx_file(self):
        upload = self.cleaned_data.get("gpx_file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            upload.seek(0)
            data = upload.read(TrailPage.MAX_UPLOAD + 1)
            upload.seek(0)
            self.trace = parse_gpx(data)  # raises GPXError, shown under the field
        return upload

    def save(self, commit=True):
        page = super().save(commit=False)
        trace = getattr(self, "trace", None)
        if trace is not None:
            page.apply_trace(trace)
        if commit:
            page.save()
        return page


class TrailPage(RoutablePageMixin, FeaturedMixin, MainImageMixin, BasePage):
    """A trail to walk, cycle or ride: its figures, where it starts, its line on a map (read
    from the GPX file editors upload) and the GPX file to download. Listed in Discover."""

    MAX_UPLOAD = 5 * 1024 * 1024

    class Activity(models.TextChoices):
        WALK = "walk", _("Walking")
        CYCLE = "cycle", _("Cycling")
        HORSE = "horse", _("Horse riding")

    class Difficulty(models.TextChoices):
        EASY = "easy", _("Easy")
        MEDIUM = "medium", _("Medium")
        HARD = "hard", _("Difficult")

    introduction = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    activity = models.CharField(_("activity"), max_length=10, choices=Activity.choices, default=Activity.WALK)
    difficulty = models.CharField(_("difficulty"), max_length=10, choices=Difficulty.choices, default=Difficulty.EASY)
    distance_km = models.DecimalField(
        _("distance (km)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Read from the GPX file when empty."),
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    elevation_gain_m = models.PositiveIntegerField(
        _("elevation gain (m)"),
        null=True,
        blank=True,
        help_text=_("Read from the GPX file when empty and it has elevations."),
    )
    is_loop = models.BooleanField(_("loop"), default=False, help_text=_("Set from the GPX file: ends where it starts."))
    start_description = models.CharField(
        _("starting point"), max_length=200, blank=True, help_text=_("For example: car park of the town hall.")
    )
    start_commune = models.ForeignKey(
        "home.Commune",
        verbose_name=_("commune of the start"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gpx_file = models.FileField(
        _("GPX file"),
        upload_to="trails/",
        blank=True,
        validators=[FileExtensionValidator(["gpx"])],
        help_text=_("A GPX track or route (at most 5 MB). Its line is drawn on the map and offered for download."),
    )
    # Derived from the GPX file, never typed: a GeoJSON LineString in WGS84 ([lon, lat] pairs).
    line = models.JSONField(_("line"), null=True, blank=True, editable=False)

    translatable_fields = (
        BasePage.translatable_fields
        + MainImageMixin.image_translatable_fields
        + [
            SynchronizedField("featured", overridable=False),
            TranslatableField("introduction"),
            TranslatableField("body"),
            TranslatableField("start_description"),
            SynchronizedField("activity", overridable=False),
            SynchronizedField("difficulty", overridable=False),
            SynchronizedField("distance_km", overridable=False),
            SynchronizedField("duration_minutes", overridable=False),
            SynchronizedField("elevation_gain_m", overridable=False),
            SynchronizedField("is_loop", overridable=False),
            SynchronizedField("start_commune"),
            SynchronizedField("gpx_file", overridable=False),
            SynchronizedField("line", overridable=False),
        ]
    )
    content_panels = (
        BasePage.content_panels + [FieldPanel("introduction")] + MainImageMixin.image_panels + [FieldPanel("body")]
    )
    trail_panels = [
        FieldPanel("gpx_file"),
        FieldRowPanel([FieldPanel("activity"), FieldPanel("difficulty")]),
        FieldRowPanel([FieldPanel("distance_km"), FieldPanel("duration_minutes"), FieldPanel("elevation_gain_m")]),
        FieldPanel("is_loop"),
        MultiFieldPanel([FieldPanel("start_description"), FieldPanel("start_commune")], heading=_("Start")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(trail_panels, heading=_("Trail")),
            ObjectList(BasePage.promote_panels + FeaturedMixin.featured_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = TrailPageForm

    def activity_name(self):
        """The activity in the page's language ("Walking", "Marche"), so that a
        search for it finds the trail."""
        with translation.override(self.locale.language_code):
            return str(self.get_activity_display())

    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.SearchField("activity_name"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("introduction"),
        APIField("activity"),
        APIField("difficulty"),
        APIField("distance_km", serializer=CoordinateField()),
        APIField("duration_minutes"),
        APIField("elevation_gain_m"),
        APIField("is_loop"),
        APIField("start_description"),
        APIField("start_commune", serializer=CommuneField()),
        APIField("line"),
        APIField("body"),
    ]
    api_select_related = ["start_commune"]

    parent_page_types = ["tourism.PlaceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trail")
        verbose_name_plural = _("trails")

    def apply_trace(self, trace):
        """Store what the GPX file says; figures typed by the editor are kept."""
        self.line = trace["geometry"]
        self.is_loop = trace["is_loop"]
        if self.distance_km is None:
            self.distance_km = Decimal(str(trace["length_km"]))
        if self.elevation_gain_m is None and trace["elevation_gain_m"] is not None:
            self.elevation_gain_m = trace["elevation_gain_m"]

    def clean(self):
        super().clean()
        if self.line is not None and len(self.line.get("coordinates", [])) < 2:
            raise ValidationError({"gpx_file": _("The line of this trail is empty.")})

    @property
    def start_point(self):
        """[longitude, latitude] of the start, from the line."""
        return self.line["coordinates"][0] if self.line else None

    @property
    def duration_display(self):
        if not self.duration_minutes:
            return ""
        hours, minutes = divmod(self.duration_minutes, 60)
        if not hours:
            return _("%(minutes)s min") % {"minutes": minutes}
        # "1 h 55" is French; English writes "1 hr 55 min".
        return _("%(hours)s h %(minutes)02d") % {"hours": hours, "minutes": minutes}

    @path("gpx/", name="gpx")
    def gpx(self, request):
        if not self.gpx_file:
            raise Http404
        response = FileResponse(
            self.gpx_file.open("rb"),
            as_attachment=True,
            filename=f"{slugify(self.slug)}.gpx",
            content_type="application/gpx+xml",
        )
        return response

    @path("geojson/", name="geojson")
    def geojson(self, request):
        from tourism.schema import trail_geojson

        return geojson_response(trail_geojson(self, request))

    def get_context(self, request, *args, **kwargs):
        from tourism.queries import places_along
        from tourism.schema import trail_json_ld

        context = super().get_context(request, *args, **kwargs)
        context.update({"along": places_along(self), "json_ld": trail_json_ld(self, request)})
        return context
