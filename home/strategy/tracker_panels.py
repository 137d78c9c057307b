"""The edit view's shortcut to the status history: where the action stands, and one button per
status that opens the status-change form (``tracker_admin.py``) with that status chosen."""

from django.urls import reverse

from wagtail.admin.panels import Panel


class StatusChangePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "home/admin/status_change_panel.html"

        def is_shown(self):
            return bool(getattr(self.instance, "pk", None))

        def get_context_data(self, parent_context=None):
            from .models import Status

            context = super().get_context_data(parent_context)
            url = reverse("strategy_status_change", args=[self.instance.pk])
            context.update(
                {
                    "current": Status(self.instance.status).label,
                    "progress": self.instance.progress,
                    "choices": [(f"{url}?status={value}", label) for value, label in Status.choices],
                    "form_url": url,
                }
            )
            return context
