"""The shared StreamField blocks: every page body on the site is built from these."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from home.public_urls import page_url

# Headings come from the heading block, so rich text carries no heading levels (RGAA 9.1).
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; its level keeps the page outline in order."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (level 2)")), ("h3", _("Subsection (level 3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"
        description = _("A heading that starts a section of the page.")
        preview_value = {"text": "Le territoire en bref", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alternative text (or marked decorative) and an optional caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"
        description = _("An image with alternative text and an optional caption or credit.")


class QuoteBlock(blocks.StructBlock):
    """A quotation and who said or wrote it."""

    quote = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        description = _("A quotation set apart from the text, with its source.")
        preview_value = {
            "quote": "Le numérique doit être un levier de développement pour tout le territoire.",
            "attribution": "Feuille de route numérique 2023-2025",
        }


class CallToActionValue(blocks.StructValue):
    def target_page(self):
        """The chosen page in the visitor's language when that version exists."""
        page = self.get("page")
        return page.localized if page else None

    def url(self):
        """The link's address outside a page (the template links a page with ``pageurl``, a
        path on the host the visitor used)."""
        page = self.target_page()
        if page is not None:
            return page_url(page)
        return self.get("external_url")


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to a page of the site or to another site."""

    text = blocks.CharBlock(label=_("Link text"), max_length=100)
    page = blocks.PageChooserBlock(label=_("Page of the site"), required=False)
    external_url = blocks.URLBlock(label=_("Or an external address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            message = _("Choose either a page of the site or an external address, not both.")
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(message), "external_url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action.html"
        value_class = CallToActionValue
        description = _("A button-like link that invites the reader to a next step.")
        preview_value = {"text": "Découvrir la feuille de route", "external_url": "https://example.org/"}


class QuickLinkBlock(CallToActionBlock):
    """A shortcut on the home page to what residents look for most: France Services, waste
    collection, the tourist office."""

    summary = blocks.CharBlock(
        label=_("Short description"), max_length=140, required=False, help_text=_("Opening hours, what to find there…")
    )

    class Meta:
        icon = "link"
        label = _("Quick link")
        template = "blocks/quick_link.html"
        value_class = CallToActionValue
        description = _("A shortcut shown near the top of the home page.")
        preview_value = {
            "text": "France Services",
            "external_url": "https://www.france-services.gouv.fr/",
            "summary": "Vos démarches administratives accompagnées",
        }


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document to download, with its format and size shown (RGAA 6.1)."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's own title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document.html"
        description = _("A downloadable document, shown with its format and size.")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Value"), max_length=30)
    label = blocks.CharBlock(label=_("Label"), max_length=120)
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=200)

    class Meta:
        icon = "pick"
        label = _("Key figure")
        preview_value = {"value": "52", "label": "communes", "source": "INSEE, COG 2026"}


class KeyFiguresBlock(blocks.StructBlock):
    """A row of figures that sum something up, each with its source."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=8)

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "blocks/key_figures.html"
        description = _("Up to eight figures with a label and a source.")
        preview_value = {
            "title": "Le territoire en chiffres",
            "figures": [
                {"value": "52", "label": "communes", "source": "INSEE, COG 2026"},
                {"value": "48 048", "label": "habitants", "source": "INSEE, 2023"},
            ],
        }


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Item")


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open one at a time; they work without JavaScript."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordion / FAQ")
        template = "blocks/accordion.html"
        description = _("Frequently asked questions, each answer shown on demand.")
        preview_value = {
            "title": "Questions fréquentes",
            "items": [{"question": "Qu'est-ce qu'une communauté de communes ?", "answer": "<p>…</p>"}],
        }


class BodyStreamBlock(blocks.StreamBlock):
    """The body of standard pages, and the base of every page-specific stream."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    key_figures = KeyFiguresBlock()
    accordion = AccordionBlock()

    class Meta:
        label = _("Content")
