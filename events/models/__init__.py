"""The agenda's models: events and their occurrences (``agenda``), and the events proposed by
the public with their moderation step (``events.contributions.models``, registered here under
the app label ``events`` like the others)."""

from events.contributions.models import CalendarFeed, ImportedEvent, ModerationTask, Submission

from .agenda import (
    DateListBlock,
    EventCategory,
    EventIndexPage,
    EventPage,
    EventPageForm,
    EventPageTag,
    Occurrence,
)

__all__ = [
    "CalendarFeed",
    "DateListBlock",
    "EventCategory",
    "EventIndexPage",
    "EventPage",
    "EventPageForm",
    "EventPageTag",
    "ImportedEvent",
    "ModerationTask",
    "Occurrence",
    "Submission",
]
