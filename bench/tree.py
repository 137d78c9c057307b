"""The synthetic page tree the cases are measured on. It grows: first to the small size, then to N."""

import sys
import time

from django.db import transaction
from django.utils import timezone

from home.models import StandardPage
from tests.builders import build_site, publish

from .content import body, introduction, key_figures

SECTIONS = 10
BATCH = 100


class SyntheticTree:
    """The French home page (the default site's root) and its English translation, and ``size``
    French standard pages below: up to ten sections shown in the menus, the other pages spread
    evenly under them. Every section and every other page has an English translation.

    The standard pages are saved live with ``add_child`` but without revisions (anonymous
    visitors are served the page row, never a revision), a hundred per transaction: that keeps
    a tree of a thousand pages within a minute. Search and reference indexes are updated as
    on any save.
    """

    def __init__(self):
        self.site, self.home, self.home_en = build_site()
        for home, language in ((self.home, "fr"), (self.home_en, "en")):
            home.key_figures = [{"type": "key_figures", "value": key_figures(language)}]
            publish(home)
        self.sections = []  # (French page, English page)
        self.pages = []  # the French pages below the sections
        self.size = 0

    @property
    def deep(self):
        """The first French page below the first section: /fr/<section>/<page>/, in every size."""
        return self.pages[0]

    def grow(self, size):
        """Add pages until the tree holds ``size`` French standard pages."""
        sections = max(1, min(SECTIONS, size // 10))
        steps = [self._add_section] * max(0, sections - len(self.sections))
        steps += [self._add_page] * (size - max(sections, len(self.sections)) - len(self.pages))
        started = time.perf_counter()
        for start in range(0, len(steps), BATCH):
            with transaction.atomic():
                for step in steps[start : start + BATCH]:
                    step()
            done = min(start + BATCH, len(steps))
            elapsed = time.perf_counter() - started
            print(f"bench: N={size}: {done}/{len(steps)} French pages added ({elapsed:.1f} s)", file=sys.stderr)
        self.size = len(self.sections) + len(self.pages)

    def _add_section(self):
        number = len(self.sections) + 1
        french = self._create(
            self.home, number, f"Rubrique {number}", f"rubrique-{number:02d}", "fr", show_in_menus=True
        )
        english = self._create(
            self.home_en,
            number,
            f"Section {number}",
            f"section-{number:02d}",
            "en",
            show_in_menus=True,
            translation_key=french.translation_key,
        )
        self.sections.append((french, english))

    def _add_page(self):
        number = len(self.pages) + 1
        french_parent, english_parent = self.sections[(number - 1) % len(self.sections)]
        slug = f"page-{number:04d}"
        french = self._create(french_parent, number, f"Page {number}", slug, "fr")
        if number % 2:
            english_title = f"Page {number} (English)"
            self._create(english_parent, number, english_title, slug, "en", translation_key=french.translation_key)
        self.pages.append(french)

    def _create(self, parent, number, title, slug, language, **values):
        now = timezone.now()
        page = StandardPage(
            title=title,
            slug=slug,
            locale_id=parent.locale_id,
            introduction=introduction(title, language),
            listing_summary=title,
            body=body(number, language, parent.pk, self.home.pk if language == "fr" else self.home_en.pk),
            live=True,
            first_published_at=now,
            last_published_at=now,
            **values,
        )
        parent.add_child(instance=page)
        return page
