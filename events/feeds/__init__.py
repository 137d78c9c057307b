"""The agenda's iCalendar and RSS feeds, served under /feeds/ outside i18n_patterns.

- ``urls``: the routes (mounted by hub/urls.py), ``views``: the HTTP side (ETag, 304, headers);
- ``context``: which events a feed shows, for which site, language and day;
- ``content``: what a feed says about an event, in either format;
- ``ical`` and ``rss``: the two formats;
- ``cache``: the rendered bodies, invalidated by ``signals`` whenever what they show changes.

The feeds read the agenda core (models, filters, recurrence, listing); the core never imports
them.
"""
