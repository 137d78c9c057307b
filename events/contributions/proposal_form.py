"""The public "propose an event" form: what a contributor fills in, checked field by field.

Every text is plain text (``antiabuse.plain_text``); dates are Paris wall-clock times; the
lists (places, communes, categories, associations) are those of the visitor's site and language.
The form never trusts a hidden value: the venue, commune and organiser are looked up again.
"""

import datetime as dt

from PIL import Image as PILImage

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.images.fields import WagtailImageField
from wagtail.models import Locale, Page

from events.models import EventCategory, EventPage
from events.recurrence import PARIS, is_real_local_time
from home.models import Commune, Organisation

from .antiabuse import count_links, plain_text

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
MAX_IMAGE_SIDE = 4000
# How far ahead an event may be proposed (three years, counted generously).
MAX_DAYS_AHEAD = 3 * 366


class Repeat:
    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY_DAY = "monthly_day"
    MONTHLY_WEEKDAY = "monthly_weekday"
    CHOICES = [
        (NONE, _("Does not repeat")),
        (WEEKLY, _("Every week, on the same day")),
        (MONTHLY_WEEKDAY, _("Every month, on the same weekday (the 2nd Saturday…)")),
        (MONTHLY_DAY, _("Every month, on the same date (the 14th…)")),
    ]


class ProposalImageField(WagtailImageField):
    """Wagtail's checks (real image content matching its extension, size, pixel count; Pillow
    refuses decompression bombs when it opens the file) with the form's own limits: JPEG, PNG
    or WebP, 5 MB, 4,000 pixels a side."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_image_extensions = IMAGE_EXTENSIONS
        self.max_upload_size = settings.HUB_PROPOSAL_IMAGE_MAX_BYTES
        self.max_upload_size_text = filesizeformat(self.max_upload_size)
        self.max_image_pixels = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE
        self.help_text = _("Optional. JPEG, PNG or WebP, up to 5 MB and 4,000 × 4,000 pixels.")
        self.error_messages["invalid_image_extension"] = _("Choose a JPEG, PNG or WebP image.")
        self.error_messages["invalid_image"] = _("This file is not an image that can be read (JPEG, PNG or WebP).")

    def to_python(self, data):
        try:
            f = super().to_python(data)
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
            # Wagtail 7.4 lets Pillow's refusal through (8.0 catches it): a small file that says it
            # holds hundreds of millions of pixels.
            raise ValidationError(
                _("This image claims to be far too large to be read safely."), code="file_too_many_pixels"
            ) from error
        except (OSError, SyntaxError, ValueError) as error:
            # Pillow's own refusals while reading the header or the size ("image file is truncated").
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error
        if f is not None:
            self.check_image_decodes(f)
        return f

    def check_image_decodes(self, f):
        """Decode every pixel now: identifying an image reads its header only, so a cut-off JPEG
        would pass here and fail when the proposal re-encodes it. The pixel limit above bounds
        the memory this takes."""
        f.seek(0)
        try:
            with PILImage.open(f) as image:
                image.load()
        except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error
        finally:
            f.seek(0)

    def check_image_pixel_size(self, f):
        width, height = f.image.get_size()
        if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
            raise ValidationError(
                _("This image is %(width)s × %(height)s pixels: the largest allowed is 4,000 × 4,000."),
                code="file_too_many_pixels",
                params={"width": width, "height": height},
            )
        super().check_image_pixel_size(f)


class HttpURLField(forms.URLField):
    """A web address (http or https only: no javascript:, data: or file: links)."""

    default_validators = [URLValidator(schemes=["http", "https"])]

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class ProposalForm(forms.Form):
    # Single-line text fields: their line breaks and control characters are removed.
    LINE_FIELDS = ["title", "venue_name", "address", "price", "organiser_name", "contact_name", "image_description"]

    title = forms.CharField(label=_("Title of the event"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text, up to 4,000 characters. Leave an empty line between paragraphs."),
    )
    start_date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only if the event lasts several days."),
    )
    end_time = forms.TimeField(
        label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    all_day = forms.BooleanField(label=_("All day (no times)"), required=False)
    repeat = forms.ChoiceField(label=_("Repeats"), choices=Repeat.CHOICES, initial=Repeat.NONE)
    repeat_until = forms.DateField(
        label=_("Repeats until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Required for a repeating event; at most two years ahead."),
    )
    place = forms.ModelChoiceField(
        label=_("A place listed on this site"),
        queryset=Page.objects.none(),
        required=False,
        empty_label=_("— None of them —"),
    )
    venue_name = forms.CharField(
        label=_("Or the name of the venue"), max_length=200, required=False, help_text=_("E.g. salle des fêtes.")
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), required=False, empty_label=_("— Choose —")
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=EventCategory.objects.none(), empty_label=_("— Choose —")
    )
    audience = forms.ChoiceField(label=_("For whom"), choices=EventPage.Audience.choices)
    is_free = forms.BooleanField(label=_("Free"), required=False)
    price = forms.CharField(
        label=_("Price"), max_length=200, required=False, help_text=_("E.g. 5 €, free for children.")
    )
    booking_url = HttpURLField(
        label=_("Booking or information link"),
        max_length=300,
        required=False,
        help_text=_("An address starting with https://"),
    )
    image = ProposalImageField(label=_("Image"), required=False)
    # The event's main image needs a text alternative (home/images.py): asked of the person
    # who knows what the picture shows.
    image_description = forms.CharField(
        label=_("What the image shows"),
        max_length=250,
        required=False,
        help_text=_("One sentence for people who cannot see it. Needed with an image."),
    )
    organiser = forms.ModelChoiceField(
        label=_("Organiser"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— Not in the list —"),
    )
    organiser_name = forms.CharField(
        label=_("Or the name of the organiser"),
        max_length=200,
        required=False,
        help_text=_("If your association is not in the list."),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=120)
    contact_email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    consent = forms.BooleanField(label=_("I have read the privacy notice and agree to it."))
    # The honeypot: hidden by the stylesheet and from assistive technologies; people leave it empty.
    homepage = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, site=None, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.filter(site=site).order_by("name")
        categories = EventCategory.objects.filter(locale=locale)
        if locale is not None and not categories.exists():  # not translated yet: the source names
            categories = EventCategory.objects.filter(locale=Locale.get_default())
        self.fields["category"].queryset = categories.order_by("name")
        # An organisation's name is the same in every language: list the source versions.
        self.fields["organiser"].queryset = Organisation.objects.filter(
            locale=Locale.get_default(), kind=Organisation.Kind.ASSOCIATION
        ).order_by("name")
        self.fields["place"].queryset = places_of(site, locale)
        self.fields["place"].label_from_instance = lambda page: page.title
        self.fields["homepage"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["booking_url"].widget.attrs["inputmode"] = "url"

    def describe_errors(self):
        """Tie each field to its help text and its error message (read out by screen readers)."""
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_helptext")
            if name in self.errors:
                described.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)
        return self

    # -- cleaning -------------------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        for name in self.LINE_FIELDS:
            if name in cleaned:
                cleaned[name] = plain_text(cleaned[name])
        if "description" in cleaned:
            cleaned["description"] = plain_text(cleaned["description"], multiline=True)
            self._check_links(cleaned["description"])
        if cleaned.get("title") == "":
            self.add_error("title", _("Give the event a title."))
        if cleaned.get("image") and not cleaned.get("image_description"):
            self.add_error("image_description", _("Say in one sentence what the image shows."))
        if not cleaned.get("place") and not cleaned.get("commune"):
            self.add_error("commune", _("Choose a place from the list, or the commune where the event happens."))
        if not cleaned.get("organiser") and not cleaned.get("organiser_name"):
            self.add_error("organiser_name", _("Choose the organiser in the list, or type its name."))
        self._clean_dates(cleaned)
        return cleaned

    def _check_links(self, description):
        limit = settings.HUB_PROPOSAL_MAX_LINKS
        if count_links(description) > limit:
            self.add_error(
                "description",
                ngettext(
                    "The description may contain at most %(limit)d link.",
                    "The description may contain at most %(limit)d links.",
                    limit,
                )
                % {"limit": limit},
            )

    def _clean_dates(self, cleaned):
        day = cleaned.get("start_date")
        if not day:
            return
        # Year 9999 is a valid date, but the end two hours later or the repetitions after it are
        # not: only the next few years are proposed, and nothing further is computed.
        latest = timezone.localdate() + dt.timedelta(days=MAX_DAYS_AHEAD)
        for name in ("start_date", "end_date", "repeat_until"):
            if cleaned.get(name) and cleaned[name] > latest:
                self.add_error(name, _("Only events in the next three years can be proposed."))
                return
        all_day = cleaned.get("all_day") or not cleaned.get("start_time")
        cleaned["all_day"] = all_day
        end_day = cleaned.get("end_date") or day
        if end_day < day:
            self.add_error("end_date", _("The end date must be on or after the date."))
            return
        if all_day:
            start = dt.datetime.combine(day, dt.time(0, 0))
            end = dt.datetime.combine(end_day, dt.time(23, 59))
        else:
            start = dt.datetime.combine(day, cleaned["start_time"])
            end_time = cleaned.get("end_time")
            end = dt.datetime.combine(end_day, end_time) if end_time else start + dt.timedelta(hours=2)
            for field, value in (("start_time", start), ("end_time", end if end_time else None)):
                if value and not is_real_local_time(value):
                    self.add_error(
                        field, _("This time does not exist or happens twice on the night the clocks change.")
                    )
                    return
            if end <= start:
                self.add_error("end_time", _("The end must come after the start."))
                return
        cleaned["start"] = start.replace(tzinfo=PARIS)
        cleaned["end"] = end.replace(tzinfo=PARIS)
        self._clean_repeat(cleaned, day)

    def _clean_repeat(self, cleaned, day):
        today = timezone.localdate()
        until = cleaned.get("repeat_until")
        if cleaned.get("repeat", Repeat.NONE) == Repeat.NONE:
            cleaned["repeat_until"] = None
            if cleaned["end"] < timezone.now():
                self.add_error("start_date", _("This event is over: only events to come can be proposed."))
            return
        if not until:
            self.add_error("repeat_until", _("Give the date of the last time."))
        elif until < day:
            self.add_error("repeat_until", _("The last time must come after the first date."))
        elif until < today:
            self.add_error("repeat_until", _("These dates are over: only events to come can be proposed."))
        elif until > day + dt.timedelta(days=731):
            self.add_error("repeat_until", _("Repetitions can be proposed for two years at most."))


def places_of(site, locale):
    """Live places of the site in the visitor's language (empty when the Discover section is off)."""
    try:
        place_model = apps.get_model("tourism", "PlacePage")
    except LookupError:
        return Page.objects.none()
    places = place_model.objects.live().filter(locale=locale).order_by("title")
    home = site.root_page.get_translation_or_none(locale) if site is not None else None
    return places.descendant_of(home) if home else places.none()
