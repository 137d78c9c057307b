from django.test import SimpleTestCase

from wagtail.blocks import StructBlockValidationError

from home.blocks import CallToActionBlock


class CallToActionBlockTests(SimpleTestCase):
    def test_needs_a_page_or_an_address(self):
        block = CallToActionBlock()
        with self.assertRaises(StructBlockValidationError) as caught:
            block.clean(block.to_python({"text": "En savoir plus", "page": None, "external_url": ""}))
        self.assertEqual(set(caught.exception.block_errors), {"page", "external_url"})

    def test_external_address_is_its_url(self):
        block = CallToActionBlock()
        value = block.clean(
            block.to_python(
                {"text": "Site de la Région", "page": None, "external_url": "https://www.hautsdefrance.fr/"}
            )
        )
        self.assertEqual(value.url(), "https://www.hautsdefrance.fr/")
