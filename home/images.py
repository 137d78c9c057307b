"""The main image of a page: the picture at the top of an event, a place, a trail, a merchant,
a news item, an action or a standard page, with its text alternative, its credit and its
licence.

Every page type that shows one inherits ``MainImageMixin``. The image itself comes from
Wagtail's image library; what the page says about it (alternative text, credit, licence) is
stored on the page, so the same picture can be described in each page's language and context.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images.models import SourceImageIOError
from wagtail_localize.fields import SynchronizedField, TranslatableField

# The rendition shared with search engines and social networks (JSON-LD, Open Graph): a JPEG
# every reader understands, wide enough for a link preview.
SHARE_RENDITION = "width-1200|format-jpeg|jpegquality-80"


class Licence(models.TextChoices):
    """The licences an image on the site may be published under."""

    # Names spelt the same in French and English, translated all the same (every label is).
    CC0 = "cc0-1.0", _("CC0 1.0")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    ETALAB = "etalab-2.0", _("Open Licence 2.0 (Etalab)")
    PERMISSION = "permission", _("All rights reserved, used with permission")


LICENCE_URLS = {
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.ETALAB: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


class MainImageMixin(models.Model):
    """A main image shown at the top of the page and when the page is shared.

    An image needs a text alternative, unless it is marked as decorative (it then adds nothing
    the text does not say, and screen readers skip it). The image's own description in the
    image library is used when the page gives none.
    """

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and when the page is shared."),
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Empty: the image's description in the image library."
        ),
    )
    image_decorative = models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_("The image adds nothing the text does not say: screen readers skip it."),
    )
    image_credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Author or owner, e.g. “Photo: Jeanne Martin”.")
    )
    image_licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, blank=True)

    image_panels = [
        MultiFieldPanel(
            [
                FieldPanel("image"),
                FieldPanel("image_alt"),
                FieldPanel("image_decorative"),
                FieldPanel("image_credit"),
                FieldPanel("image_licence"),
            ],
            heading=_("Main image"),
        )
    ]
    # The image and its licence are the same in every language; the text alternative and the
    # credit are translated (a credit is worded: "Photo : …" in French, "Photo: …" in English).
    image_translatable_fields = [
        SynchronizedField("image"),
        TranslatableField("image_alt"),
        SynchronizedField("image_decorative"),
        TranslatableField("image_credit"),
        SynchronizedField("image_licence"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id and not self.image_decorative and not self.image_alt_text:
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it, or mark it as decorative.")}
            )

    @property
    def image_alt_text(self):
        """The text alternative of the main image: empty when it is decorative."""
        if self.image_id is None or self.image_decorative:
            return ""
        return self.image_alt.strip() or (self.image.description or "").strip()

    @property
    def image_licence_url(self):
        return LICENCE_URLS.get(self.image_licence, "")


def share_image(page):
    """The image of a page for search engines and social networks: its main image, or else its
    listing image; None without either."""
    image = getattr(page, "image", None)
    return image if image is not None else getattr(page, "listing_image", None)


def share_alt_text(page):
    """The text alternative of the shared image (empty for a decorative one)."""
    if getattr(page, "image", None) is not None:
        return page.image_alt_text
    image = getattr(page, "listing_image", None)
    return (image.description or "").strip() if image is not None else ""


def share_rendition(image):
    """The shared rendition of an image; None when its original file is missing (a restored
    database without its media), so the page is still served, as Wagtail's image tags do."""
    try:
        return image.get_rendition(SHARE_RENDITION)
    except SourceImageIOError:
        return None


def share_image_url(image, request):
    """The absolute address of an image's shared rendition, on the host of the request (never
    the Site record's: the same site answers on several names); None without one."""
    rendition = share_rendition(image) if image is not None else None
    if rendition is None:
        return None
    return request.build_absolute_uri(rendition.url) if request is not None else rendition.url


def page_image_url(page, request):
    """The address of a page's shared image for its JSON-LD (share_image); None without one."""
    return share_image_url(share_image(page), request)
