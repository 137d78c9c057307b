"""Shared reference data: the communes of a territory and the organisations that act there."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

latitude_validators = [MinValueValidator(-90), MaxValueValidator(90)]
longitude_validators = [MinValueValidator(-180), MaxValueValidator(180)]


class Commune(index.Indexed, models.Model):
    """A member commune of a territory. Not translated: names of places stay as they are.

    Events, places and merchants are filtered by commune, and each commune has its own page.
    """

    insee_code = models.CharField(
        _("INSEE code"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^(\d{5}|2[AB]\d{3})$", _("An INSEE code has five characters."))],
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    postcode = models.CharField(
        _("postcode"), max_length=5, validators=[RegexValidator(r"^\d{5}$", _("A postcode has five digits."))]
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=7, decimal_places=2, null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=latitude_validators
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=longitude_validators
    )
    website = models.URLField(_("website"), blank=True)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="communes",
        help_text=_("The territory (site) this commune belongs to."),
    )
    # The "last update" of the communes open dataset (OD-01).
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("insee_code"), FieldPanel("postcode")]),
        FieldRowPanel([FieldPanel("population"), FieldPanel("population_year"), FieldPanel("area_km2")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates (WGS84)")),
        FieldPanel("website"),
        FieldPanel("site"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("insee_code"),
        index.FilterField("postcode"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self):
        return self.name


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """An association, partner, public body, funder or company named on the site: organisers
    of events, leads and partners of roadmap actions, funders of projects."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        PUBLIC_BODY = "public_body", _("Public body")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")
        COMPANY = "company", _("Company")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.TextField(_("address"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member accounts"),
        blank=True,
        related_name="organisations",
        help_text=_(
            'Accounts of the association\'s volunteers (group "Associations"): they can add and edit '
            "this association's events, which a moderator then publishes."
        ),
    )

    translatable_fields = [
        TranslatableField("description"),
        # A name that says what the body is ("Bibliothèque de Bavay") is translated; a proper
        # name ("Collectif Parasites") is translated as itself.
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("commune"),
        SynchronizedField("website"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("address"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("commune")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone"), FieldPanel("address")],
            heading=_("Contact"),
        ),
        FieldPanel("members"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_organisation_slug_per_locale"),
        ]

    def __str__(self):
        return self.name
