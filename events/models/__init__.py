"""The agenda's models: events and their occurrences (``agenda``), and the events proposed by
the public with their moderation step (``events.contributions.models``, registered here under
the app label ``events`` like the others)."""

from events.contributions.models import ModerationTask, Submission

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
    "DateListBlock",
    "EventCategory",
    "EventIndexPage",
    "EventPage",
    "EventPageForm",
    "EventPageTag",
    "ModerationTask",
    "Occurrence",
    "Submission",
]
