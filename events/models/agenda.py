"""The agenda: events with their schedule, and the table of their occurrences.

Editors write an event once (with its recurrence); the occurrence table is rebuilt from it
whenever it is published, unpublished, moved or deleted, so listings and feeds are simple
indexed queries whatever the number of recurring events.
"""

import datetime as dt
import hashlib
import json
from decimal import Decimal

from rest_framework import serializers

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.extensions import registry
from events.recurrence import WEEKDAYS, is_real_local_time, local
from home.api_fields import CommuneField, TagNamesField, TranslatedNamesField
from home.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from home.directory.location import CoordinatesMixin
from home.images import MainImageMixin
from home.models import BasePage
from home.taxonomy import TaxonomyPanel, source_language_only


class EventCategory(TranslatableMixin, models.Model):
    """A kind of event (workshop, market, concert, heritage visit…), to filter the agenda
    and its feeds."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)

    translatable_fields = [TranslatableField("name"), SynchronizedField("slug", overridable=False)]
    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_event_category_slug")]

    def __str__(self):
        return self.name


class EventIndexPage(RoutablePageMixin, BasePage):
    """The agenda: upcoming events by day, with filters and subscription feeds, plus a bare
    version for communes to embed and a version for screens in public buildings."""

    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("introduction")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    PER_PAGE = 20

    def get_context(self, request, *args, **kwargs):
        from events.listing import agenda_context

        context = super().get_context(request, *args, **kwargs)
        context.update(agenda_context(self, request))
        return context

    @path("embed/", name="embed")
    def embed(self, request):
        """The agenda without the site's header and footer, for an iframe on a commune's site."""
        response = self.render(request, template="events/embed.html")
        # Framing is allowed for this address only (the rest of the site sends DENY).
        response.xframe_options_exempt = True
        response._csp_replace = {"frame-ancestors": ["*"]}
        return response

    @path("proposer/", name="propose")
    @path("propose/")
    def propose(self, request):
        """The public form to propose an event, which then waits for a moderator (served by
        ``events.contributions``, registered by events/apps.py)."""
        return registry.serve("propose", self, request)

    @path("proposer/envoye/", name="proposal_sent")
    @path("propose/sent/")
    def proposal_sent(self, request):
        return registry.serve("proposal_sent", self, request)

    @path("ecran/", name="screen")
    @path("screen/")
    def screen(self, request):
        """Large type for screens in public buildings: it advances and reloads by itself."""
        return self.render(request, template="events/screen.html")


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="tagged_items")


class DateListBlock(blocks.DateBlock):
    class Meta:
        icon = "date"


class EventPageForm(WagtailAdminPageForm):
    weekdays = forms.MultipleChoiceField(
        label=_("On these days"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("MO", _("Monday")),
            ("TU", _("Tuesday")),
            ("WE", _("Wednesday")),
            ("TH", _("Thursday")),
            ("FR", _("Friday")),
            ("SA", _("Saturday")),
            ("SU", _("Sunday")),
        ],
        help_text=_("For weekly events. The first date must fall on one of these days."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "weekdays" in self.fields:
            self.initial["weekdays"] = self.instance.weekday_list()
        # Other packages narrow the form for some users: the contributions limit an association
        # account to its own association as organiser.
        for setup in registry.form_setups:
            setup(self)

    def clean(self):
        cleaned = super().clean()
        if "weekdays" in self.fields:
            # Stored as "MO,TH" in a plain text column (no array type on SQLite).
            cleaned["weekdays"] = ",".join(cleaned.get("weekdays") or [])
        return cleaned


class EventPage(CoordinatesMixin, MainImageMixin, BasePage):
    """One event, possibly recurring. Dates and status are the same in every language; texts
    are translated."""

    class Frequency(models.TextChoices):
        NONE = "none", _("Does not repeat")
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")
        YEARLY = "yearly", _("Every year")

    class MonthlyMode(models.TextChoices):
        DAY = "day", _("On the same day of the month (the 14th…)")
        WEEKDAY = "weekday", _("On the same weekday (the 2nd Tuesday…)")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")
        RESCHEDULED = "rescheduled", _("Rescheduled")
        FULL = "full", _("Full")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        CHILDREN = "children", _("Children")
        FAMILIES = "families", _("Families")
        YOUNG = "young", _("Young people")
        ADULTS = "adults", _("Adults")
        SENIORS = "seniors", _("Older people")
        PROFESSIONALS = "professionals", _("Professionals")

    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences, shown in lists."))
    body = StreamField(BodyStreamBlock(), verbose_name=_("description"), blank=True)
    start = models.DateTimeField(_("start"), help_text=_("Date and time in French time (Europe/Paris)."))
    end = models.DateTimeField(_("end"), null=True, blank=True, help_text=_("Empty: two hours after the start."))
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Times are ignored; the end date is included.")
    )
    frequency = models.CharField(_("repeats"), max_length=10, choices=Frequency.choices, default=Frequency.NONE)
    interval = models.PositiveSmallIntegerField(
        _("every"), default=1, help_text=_("1: every week, 2: every other week…")
    )
    weekdays = models.CharField(_("days of the week"), max_length=30, blank=True)
    monthly_mode = models.CharField(
        _("monthly on"), max_length=10, choices=MonthlyMode.choices, default=MonthlyMode.DAY
    )
    until = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("number of times"), null=True, blank=True)
    excluded_dates = StreamField([("date", DateListBlock())], verbose_name=_("dates left out"), blank=True)
    cancelled_dates = StreamField(
        [("date", DateListBlock())],
        verbose_name=_("cancelled dates"),
        blank=True,
        help_text=_("Occurrences that are called off: they stay visible, marked as cancelled."),
    )
    extra_dates = StreamField([("date", DateListBlock())], verbose_name=_("extra dates"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    status_note = models.CharField(_("note on the status"), max_length=300, blank=True)
    # Any page, not a PlacePage: the events app must not import tourism (docs/architecture.md).
    venue = models.ForeignKey(
        "wagtailcore.Page",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("venue (a place of the site)"),
    )
    venue_name = models.CharField(_("venue name"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_(
            "Where to follow the event online (video call, live stream). Leave the place empty if it is only online."
        ),
    )
    # Not AddressMixin's commune: a commune lists its events through this relation (related_name).
    commune = models.ForeignKey(
        "home.Commune", models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("commune")
    )
    # The coordinates are CoordinatesMixin's (home/directory/location.py), as on places and merchants.
    organiser = models.ForeignKey(
        "home.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser_name = models.CharField(
        _("organiser not in the directory"),
        max_length=200,
        blank=True,
        help_text=_("The name given by a contributor whose association is not in the directory yet."),
    )
    categories = ParentalManyToManyField(
        EventCategory, verbose_name=_("categories"), blank=True, limit_choices_to=source_language_only
    )
    audience = models.CharField(_("audience"), max_length=15, choices=Audience.choices, default=Audience.EVERYONE)
    tags = ClusterTaggableManager(through=EventPageTag, verbose_name=_("tags"), blank=True)
    is_free = models.BooleanField(_("free"), default=False)
    price = models.CharField(_("price"), max_length=200, blank=True)
    booking_url = models.URLField(_("booking link"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    # iCalendar SEQUENCE: rises whenever the schedule, place or status changes (FEED-14).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    schedule_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    base_form_class = EventPageForm

    translatable_fields = (
        BasePage.translatable_fields
        + MainImageMixin.image_translatable_fields
        + [
            TranslatableField("summary"),
            TranslatableField("body"),
            TranslatableField("status_note"),
            TranslatableField("venue_name"),
            TranslatableField("price"),
            TranslatableField("accessibility"),
            SynchronizedField("start", overridable=False),
            SynchronizedField("end", overridable=False),
            SynchronizedField("all_day", overridable=False),
            SynchronizedField("frequency", overridable=False),
            SynchronizedField("interval", overridable=False),
            SynchronizedField("weekdays", overridable=False),
            SynchronizedField("monthly_mode", overridable=False),
            SynchronizedField("until", overridable=False),
            SynchronizedField("count", overridable=False),
            SynchronizedField("excluded_dates", overridable=False),
            SynchronizedField("cancelled_dates", overridable=False),
            SynchronizedField("extra_dates", overridable=False),
            SynchronizedField("status", overridable=False),
            SynchronizedField("venue"),
            SynchronizedField("address"),
            SynchronizedField("online_url"),
            SynchronizedField("commune", overridable=False),
            SynchronizedField("latitude", overridable=False),
            SynchronizedField("longitude", overridable=False),
            SynchronizedField("organiser"),
            SynchronizedField("organiser_name"),
            SynchronizedField("categories"),
            SynchronizedField("audience"),
            SynchronizedField("tagged_items"),
            SynchronizedField("is_free"),
            SynchronizedField("booking_url"),
            SynchronizedField("contact_email"),
            SynchronizedField("contact_phone"),
            SynchronizedField("sequence", overridable=False),
            SynchronizedField("schedule_fingerprint", overridable=False),
        ]
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        *MainImageMixin.image_panels,
        FieldPanel("body"),
        FieldRowPanel([TaxonomyPanel("categories"), FieldPanel("audience")]),
        FieldPanel("tags"),
    ]
    schedule_panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("all_day")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("frequency"), FieldPanel("interval")]),
                FieldPanel("weekdays"),
                FieldPanel("monthly_mode"),
                FieldRowPanel([FieldPanel("until"), FieldPanel("count")]),
                FieldPanel("excluded_dates"),
                FieldPanel("cancelled_dates"),
                FieldPanel("extra_dates"),
            ],
            heading=_("Recurrence"),
        ),
        FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
    ]
    practical_panels = [
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("commune"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("organiser"),
        FieldPanel("organiser_name"),
        FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
        FieldPanel("booking_url"),
        FieldPanel("accessibility"),
        FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(schedule_panels, heading=_("Dates")),
            ObjectList(practical_panels, heading=_("Practical information")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.FilterField("start"),
        index.FilterField("status"),
    ]
    # Public facts only: the contact e-mail and phone (often a contributor's) stay off the API.
    api_fields = BasePage.api_fields + [
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("frequency"),
        APIField("until"),
        APIField("status"),
        APIField("status_note"),
        APIField("categories", serializer=TranslatedNamesField(EventCategory, many=True)),
        APIField("audience"),
        APIField("tags", serializer=TagNamesField()),
        APIField("venue", serializer=serializers.ReadOnlyField(source="venue_label")),
        APIField("address"),
        APIField("commune", serializer=CommuneField()),
        *CoordinatesMixin.coordinates_api_fields,
        APIField("organiser", serializer=serializers.ReadOnlyField(source="organiser_label")),
        APIField("is_free"),
        APIField("price"),
        APIField("booking_url"),
        APIField("accessibility"),
        APIField("body"),
    ]
    api_select_related = ["commune", "organiser", "venue"]
    api_prefetch_related = ["categories", "tags"]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def permissions_for_user(self, user):
        # Wagtail's rules plus the association accounts' (events.contributions.permissions).
        return registry.permission_tester(user, self)

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        from events.listing import google_calendar_url
        from events.schema import event_json_ld
        from home.chrome import active_locale
        from home.localized_names import localized_names

        context = super().get_context(request, *args, **kwargs)
        # One query for the dates shown, whether there are more, and the calendar link's date.
        upcoming = list(self.occurrences.filter(end__gt=timezone.now()).order_by("start")[:13])
        context["upcoming"] = upcoming[:12]
        context["more_occurrences"] = len(upcoming) > 12
        context["google_calendar_url"] = google_calendar_url(self, upcoming[0] if upcoming else None)
        categories = list(self.categories.all())
        # One query at most, not one per category; none when they are in the page's language.
        names = localized_names(categories, EventCategory, active_locale(request))
        context["category_names"] = [names[category.pk] for category in categories]
        context["json_ld"] = event_json_ld(self, request, context["upcoming"])
        return context

    @property
    def venue_label(self):
        """Where it happens: the venue as typed, else the title of the place chosen."""
        return self.venue_name or (self.venue.title if self.venue_id and self.venue else "")

    @property
    def organiser_label(self):
        return self.organiser.name if self.organiser_id and self.organiser else self.organiser_name

    # -- schedule helpers ------------------------------------------------------------------

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def weekday_list(self):
        return [day for day in (self.weekdays or "").split(",") if day in WEEKDAYS]

    def _dates(self, field):
        return sorted(block.value for block in getattr(self, field) if block.value)

    def excluded_date_list(self):
        return self._dates("excluded_dates")

    def cancelled_date_list(self):
        return self._dates("cancelled_dates")

    def extra_date_list(self):
        return self._dates("extra_dates")

    def schedule_key(self):
        """What subscribers' calendars must hear about: a change here bumps SEQUENCE."""

        def instant(value):
            # The same instant reads 07:00+00:00 from the database and 08:00+01:00 from a
            # revision: compare in UTC so an unchanged event keeps its SEQUENCE.
            return value.astimezone(dt.UTC).isoformat() if value else None

        def number(value):
            return format(Decimal(value).normalize(), "f") if value is not None else None

        data = {
            "start": instant(self.start),
            "end": instant(self.end),
            "all_day": self.all_day,
            "rule": [self.frequency, self.interval, self.weekdays, self.monthly_mode, str(self.until), self.count],
            "dates": [str(d) for d in self.excluded_date_list() + self.cancelled_date_list() + self.extra_date_list()],
            "status": self.status,
            "where": [self.venue_id, self.address, self.commune_id, number(self.latitude), number(self.longitude)],
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end must come after the start.")
        if self.start and not self.all_day and not is_real_local_time(local(self.start).replace(tzinfo=None)):
            errors["start"] = _(
                "This time does not exist or happens twice on the night the clocks change: choose another."
            )
        days = self.weekday_list()
        if (
            self.frequency == self.Frequency.WEEKLY
            and self.start
            and days
            and WEEKDAYS[local(self.start).weekday()] not in days
        ):
            errors["start"] = _("The first date must fall on one of the chosen days of the week.")
        if self.until and self.count:
            errors["count"] = _("Give either an end date or a number of times, not both.")
        if self.until and self.start and self.until < local(self.start).date():
            errors["until"] = _("The repetition must end after the first date.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        key = self.schedule_key()
        if self.schedule_fingerprint and key != self.schedule_fingerprint:
            self.sequence += 1
        self.schedule_fingerprint = key
        return super().save(*args, **kwargs)


class Occurrence(models.Model):
    """One time an event happens, materialised from its schedule over a rolling horizon."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["end"]), models.Index(fields=["event", "start"])]

    def __str__(self):
        return f"{self.event_id} @ {self.start.isoformat()}"
