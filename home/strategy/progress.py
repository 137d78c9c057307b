"""The roadmap's recent progress, on the home page: actions done or under way whose status
changed lately (``ActionPage.status_since``), newest change first."""

import datetime as dt

from django.utils import timezone

from .models import ActionPage, Status, StrategyIndexPage

RECENT = dt.timedelta(days=180)
SHOWN = 4
PROGRESS = (Status.DONE, Status.IN_PROGRESS)


def recent_progress(home, request):
    actions = list(
        ActionPage.objects.live()
        .public()
        .descendant_of(home)
        .filter(status__in=PROGRESS, status_since__gte=timezone.localdate() - RECENT)
        .order_by("-status_since", "-last_published_at", "pk")[:SHOWN]
    )
    if not actions:
        return None
    index = StrategyIndexPage.objects.live().public().child_of(home).first()
    return {"template": "home/progress_section.html", "order": 40, "actions": actions, "index": index}
