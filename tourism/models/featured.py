from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class FeaturedMixin(models.Model):
    """A place or trail the territory puts forward on its home page."""

    featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_("The most recently published featured places and trails are shown on the home page."),
    )

    featured_panels = [FieldPanel("featured")]

    class Meta:
        abstract = True
