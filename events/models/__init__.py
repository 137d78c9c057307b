"""The agenda's models: events and their occurrences (``agenda``), and the events proposed by
the public with their moderation step (``submissions``)."""

from .agenda import (
    DateListBlock,
    EventCategory,
    EventIndexPage,
    EventPage,
    EventPageForm,
    EventPageTag,
    Occurrence,
)
from .submissions import ModerationTask, Submission

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
