"""``python -m bench.import_merchants``: how long the merchants CSV import takes.

Generates a CSV of ``--rows`` merchants (3,000 by default: every column filled, opening hours,
products, services and labels), then, ``--repeat`` times on a throw-away database: imports it
into an empty directory (every row created and published) and imports it again (every row
unchanged, no revision) and a third time with every phone number changed (every row updated
through Wagtail's publishing). Prints the median of each and the rows per second; the figures are
never asserted anywhere (they depend on the machine).
"""

import argparse
import csv
import io
import statistics
import sys
import time

from .database import run_on_throwaway_database

HOURS = ["Mo-Fr 09:00-12:30,14:00-19:00; Sa 09:00-12:00", "Tu-Sa 08:00-19:30", "We,Fr 16:00-19:00; Sa 09:00-13:00"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.import_merchants", description=__doc__)
    parser.add_argument("--rows", type=int, default=3000, help="merchants in the file (default: 3000)")
    parser.add_argument("--repeat", type=int, default=3, help="imports of each kind, for the median (default: 3)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (postgres://user@host:port/postgres) to create a throw-away database on; "
        "a temporary SQLite file otherwise",
    )
    options = parser.parse_args(argv)
    if options.rows < 1 or options.repeat < 1:
        parser.error("--rows and --repeat must be positive")
    return options


def siret(number):
    """A made-up SIRET with a valid Luhn key."""
    from commerce.validators import luhn_ok

    stem = f"8{number:012d}"
    return next(stem + str(digit) for digit in range(10) if luhn_ok(stem + str(digit)))


def generate(rows, phone="03 27 00 00 00"):
    from commerce.importer.columns import HEADERS

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADERS, delimiter=";")
    writer.writeheader()
    for number in range(rows):
        writer.writerow(
            {
                "siret": siret(number),
                "external_id": f"bench:{number}",
                "name": f"Commerce de test {number}",
                "category": "alimentation" if number % 2 else "producteurs",
                "summary": "Produits locaux et de saison.",
                "description": "Un commerce de test.\n\nSecond paragraphe.",
                "street_address": f"{number % 90 + 1} rue de la Gare",
                "commune": "59053" if number % 3 else "Le Quesnoy",
                "latitude": f"50.{2400 + number % 500}",
                "longitude": f"3.{6300 + number % 900}",
                "opening_hours": HOURS[number % len(HOURS)],
                "phone": phone,
                "email": f"contact{number}@example.fr",
                "website": f"https://commerce{number}.example.fr/",
                "products": "Pain|Fromage" if number % 2 else "Légumes",
                "services": "card_payment|delivery",
                "labels": "ab" if number % 5 == 0 else "",
                "confirmed_on": "2026-03-15",
            }
        )
    return out.getvalue().encode("utf-8")


def empty(index):
    """Delete the directory's merchants for the next creation. They are marked not live first:
    Wagtail unpublishes live pages as it deletes them, and the open-now rows a merchant's
    page_unpublished handler writes back would then break the deletion (reported to the
    commerce models' author)."""
    from commerce.models import HoursPeriod, MerchantPage

    merchants = MerchantPage.objects.child_of(index)
    HoursPeriod.objects.filter(page__in=merchants).delete()
    merchants.update(live=False)
    index.refresh_from_db()  # its child count changed behind its back
    index.get_children().delete()


def run(options):
    from django.core.management import call_command

    from commerce.importer import import_merchants
    from tests.builders import build_site
    from tests.commerce_builders import directory

    call_command("migrate", interactive=False, verbosity=0)

    class Tree:
        pass

    tree = Tree()
    tree.site, tree.home, tree.home_en = build_site()
    directory(tree)
    data, changed = generate(options.rows), generate(options.rows, phone="03 27 99 99 99")
    print(f"bench: {options.rows} rows, {len(data) / 1024:.0f} KiB", file=sys.stderr)
    created, unchanged, updated = [], [], []
    for attempt in range(options.repeat):
        for times, expected, file in (
            (created, "created", data),
            (unchanged, "unchanged", data),
            (updated, "updated", changed),
        ):
            started = time.perf_counter()
            report = import_merchants(tree.site, file)
            times.append(time.perf_counter() - started)
            if getattr(report, expected) != options.rows:
                print(f"bench: expected {options.rows} {expected}, got {report.summary()}", file=sys.stderr)
                return 1
            print(f"bench: run {attempt + 1}: {report.summary()} in {times[-1]:.1f} s", file=sys.stderr)
        empty(tree.index)
    print(f"{'import':<10}  {'rows':>5}  {'median s':>8}  {'rows/s':>7}  {'runs (s)'}")
    for label, times in (("creation", created), ("unchanged", unchanged), ("update", updated)):
        median = statistics.median(times)
        runs = ", ".join(f"{value:.1f}" for value in times)
        print(f"{label:<10}  {options.rows:>5}  {median:>8.1f}  {options.rows / median:>7.0f}  {runs}")
    return 0


def main(argv=None):
    options = parse_args(argv)
    return run_on_throwaway_database(options.database_url, lambda: run(options))


if __name__ == "__main__":
    raise SystemExit(main())
