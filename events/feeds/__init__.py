"""The agenda's iCalendar and RSS feeds, served under /feeds/ outside i18n_patterns: ``urls``
(mounted by hub/urls.py), ``views`` (the HTTP side), ``ical`` (what the feeds say),
``cache`` (the rendered bodies) and ``signals`` (which invalidate them).

The feeds read the agenda core (models, filters, recurrence, listing); the core never imports
them."""
