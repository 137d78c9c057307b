"""Recording a status change from an action's page in the admin, in two clicks: the "Record a
status change" buttons of the action's edit view open this form with the status chosen and
today's date filled in; saving it adds the entry to the action's status history.

The entry is added to the latest revision (a draft's other changes are kept, not published
behind the editor's back: the entry is then saved as a draft too) and published when the
editor may publish and the page had no pending draft. Translations are updated through
wagtail-localize at once, so the English page tells the same facts (comments in French until
translated).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.defaults import permission_denied

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from .models import ActionPage
from .tracker import StatusEntry


class StatusChangeForm(forms.ModelForm):
    class Meta:
        model = StatusEntry
        fields = ["status", "progress", "date", "date_precision", "comment", "source"]
        widgets = {"date": AdminDateInput, "comment": forms.Textarea(attrs={"rows": 3})}


def source_page(action):
    """The page the history is entered on: the action in the default language (its
    translations follow it)."""
    return action.get_translation_or_none(Locale.get_default()) or action


def record_status(action, entry, user, values=None):
    """Add ``entry`` (if any) to the history of ``action`` and set ``values`` (field: value) on
    its latest revision; publish when ``user`` may and nothing else is pending. Returns True
    when published."""
    draft = action.get_latest_revision_as_object()
    had_draft = action.has_unpublished_changes
    if entry is not None:
        entries = list(draft.status_entries.all())
        entry.sort_order = max((item.sort_order or 0 for item in entries), default=-1) + 1
        draft.status_entries = [*entries, entry]
    for name, value in (values or {}).items():
        setattr(draft, name, value)
    revision = draft.save_revision(user=user, log_action=True)
    if had_draft or not action.permissions_for_user(user).can_publish():
        return False
    revision.publish(user=user)
    update_translations(ActionPage.objects.get(pk=action.pk), user)
    return True


def update_translations(page, user):
    """Re-sync the translations of ``page`` from its published content (as "Sync translated
    pages" does): new comments show in the source language until translated."""
    source = TranslationSource.objects.get_for_instance_or_none(page)
    if source is None:
        return
    source.update_from_db()
    for translation in source.translations.filter(enabled=True):
        translation.save_target(user=user, publish=True)


class StatusChangeView(WagtailAdminTemplateMixin, View):
    """GET: the form, the status of the button clicked chosen; POST: the entry recorded."""

    page_title = gettext_lazy("Record a status change")
    header_icon = "history"
    template_name = "home/admin/status_change.html"

    def dispatch(self, request, page_id):
        self.action = source_page(get_object_or_404(ActionPage, pk=page_id))
        if not self.action.permissions_for_user(request.user).can_edit():
            return permission_denied(request, PermissionDenied())
        lock = self.action.get_lock()
        if lock and lock.for_user(request.user):
            messages.error(request, _("This page is locked: the status cannot be changed now."))
            return redirect("wagtailadmin_pages:edit", self.action.pk)
        return super().dispatch(request)

    def get_page_subtitle(self):
        return f"{self.action.code} {self.action.title}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_pages:edit", args=[self.action.pk]), "label": self.action.title},
            {"url": "", "label": self.page_title},
        ]

    def render(self, form, status=200):
        context = self.get_context_data(
            action=self.action,
            form=form,
            media=form.media,
            action_url=reverse("strategy_status_change", args=[self.action.pk]),
            submit_button_label=_("Save the status change"),
            submit_button_active_label=_("Saving…"),
        )
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request):
        status = request.GET.get("status")
        choices = dict(StatusEntry._meta.get_field("status").choices)
        return self.render(StatusChangeForm(initial={"status": status if status in choices else self.action.status}))

    def post(self, request):
        entry = StatusEntry(action=self.action, locale=self.action.locale)
        form = StatusChangeForm(request.POST, instance=entry)
        if not form.is_valid():
            return self.render(form, status=400)  # the form comes back with its errors, nothing lost
        if record_status(self.action, form.instance, request.user):
            messages.success(request, _("Status change recorded and published."))
        else:
            messages.warning(
                request,
                _("Status change saved in a draft: publish the page (or submit it for moderation) to show it."),
            )
        return redirect("wagtailadmin_pages:edit", self.action.pk)
