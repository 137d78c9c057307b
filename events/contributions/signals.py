"""Signals of the contributions, so that their models import no mail module.

``proposal_refused``: a moderator chose "Refuse" in the moderation step (``ModerationTask``),
with ``task_state``, ``user`` and ``comment``. Sent before the task is rejected, inside the same
transaction; ``notifications.refused`` closes the proposal and tells the contributor why.
"""

from django.dispatch import Signal

proposal_refused = Signal()
