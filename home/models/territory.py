"""Per-site settings: who the territory is and how it is reached."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from .snippets import latitude_validators, longitude_validators


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.CharBlock(label=_("Network"), max_length=40, help_text=_("For example: Facebook, Mastodon."))
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Social network link")


@register_setting(icon="home")
class TerritorySettings(BaseSiteSetting):
    """The territory's identity, shown in the header and footer of every page of its site,
    and the defaults of its maps."""

    class Kind(models.TextChoices):
        CC = "CC", _("Communauté de communes")
        CA = "CA", _("Communauté d'agglomération")
        CU = "CU", _("Communauté urbaine")
        PETR = "PETR", _("Pôle d'équilibre territorial et rural")

    class Conformity(models.TextChoices):
        NONE = "non", _("not compliant")
        PARTIAL = "partiel", _("partially compliant")
        FULL = "total", _("fully compliant")

    name = models.CharField(_("name"), max_length=200, default="")
    short_name = models.CharField(_("short name"), max_length=80, default="")
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.CC)
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{9}$", _("A SIREN number has nine digits."))],
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("institutional website"), blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], verbose_name=_("social networks"), blank=True)
    accessibility_conformity = models.CharField(
        _("accessibility conformity (RGAA)"),
        max_length=8,
        choices=Conformity.choices,
        default=Conformity.NONE,
        help_text=_("As stated in the accessibility statement; shown in the footer of every page."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("legal notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("personal data"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    map_latitude = models.DecimalField(
        _("map centre latitude"), max_digits=9, decimal_places=6, default=46.6, validators=latitude_validators
    )
    map_longitude = models.DecimalField(
        _("map centre longitude"), max_digits=9, decimal_places=6, default=2.4, validators=longitude_validators
    )
    map_zoom = models.PositiveSmallIntegerField(
        _("map zoom"), default=11, validators=[MinValueValidator(1), MaxValueValidator(19)]
    )
    map_tile_url = models.CharField(
        _("map tile address"),
        max_length=300,
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        help_text=_("A tile address with {z}, {x} and {y}."),
    )
    # Plain text and an address rather than HTML: nothing typed in the admin is rendered unescaped.
    map_attribution = models.CharField(_("map attribution"), max_length=200, default="© OpenStreetMap")
    map_attribution_url = models.URLField(
        _("map attribution link"), blank=True, default="https://www.openstreetmap.org/copyright"
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("siren")]),
                FieldPanel("logo"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldPanel("social_links"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_conformity"),
                PageChooserPanel("accessibility_page"),
                PageChooserPanel("legal_notice_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("contact_page"),
            ],
            heading=_("Legal pages"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("map_latitude"), FieldPanel("map_longitude"), FieldPanel("map_zoom")]),
                FieldPanel("map_tile_url"),
                FieldRowPanel([FieldPanel("map_attribution"), FieldPanel("map_attribution_url")]),
            ],
            heading=_("Maps"),
        ),
    ]

    class Meta:
        verbose_name = _("territory")

    def __str__(self):
        return self.name or str(self.site)
