"""Contributions to the agenda: events proposed by the public, their moderation, and association
accounts.

- ``proposals``: the public "propose an event" form (the agenda page's ``propose`` and
  ``proposal_sent`` routes) and the service that turns it into a draft event, with
  ``proposal_form`` and its defences (``antiabuse``);
- ``models``: ``Submission`` (who proposed what) and ``ModerationTask`` (the workflow step),
  registered under the app label ``events`` by ``events/models/__init__.py``;
- ``moderation``: the groups, the workflow and association accounts; ``permissions``: what an
  association account may do and see;
- ``notifications``: the e-mails the decisions trigger, sent in the background by ``tasks``;
  ``mail_report``: the e-mails not sent, for administrators;
- ``fetch``, ``ingest``, ``calendar_admin``: associations' own calendars (``CalendarFeed``), read
  safely and copied into the agenda through the same workflow;
- ``admin``: the moderators' desk in Wagtail's admin; ``purge``: erasing contributors' data;
  ``demo``: the demo's moderation accounts and proposals.

The contributions read the agenda core; the core never imports them: events/apps.py plugs them
in (see its docstring).
"""
