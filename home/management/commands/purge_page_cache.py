"""``manage.py purge_page_cache``: make every page in the page cache obsolete at once.

Run after a deploy whose templates or code change what pages show (the deploy steps in the
README do), or after editing rows directly in the database: publishing in the admin purges on
its own.
"""

from django.core.management.base import BaseCommand

from home import page_cache


class Command(BaseCommand):
    help = "Purge the page cache (every stored page, JSON answer and feed). Safe to run at any time."

    def handle(self, *args, **options):
        page_cache.purge()
        self.stdout.write("Page cache purged.")
