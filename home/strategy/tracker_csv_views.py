"""The tracker CSV of a strategy document in the admin (``tracker_csv.py``): download it, upload
it edited, read the row-by-row report. Reached from the document's header buttons.

A preview writes nothing: it keeps the uploaded file in the editor's session and offers to
apply it; the confirmation imports that very file (checked by its SHA-256 digest), so what is
applied is exactly what was previewed, without sending the file again.
"""

import base64
import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.defaults import permission_denied

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import StrategyPage
from .tracker_admin import source_page
from .tracker_csv import TrackerCsvError, export_tracker, import_tracker


class TrackerImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("The tracker file downloaded above, edited: one row per action."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Preview only"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Show what the import would do without changing anything."),
    )


class TrackerConfirmForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)


def preview_key(document):
    return f"strategy_tracker_preview_{document.pk}"


def tracked_document(request, page_id):
    document = source_page(get_object_or_404(StrategyPage, pk=page_id))
    if not document.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return document


def tracker_csv(request, page_id):
    try:
        document = tracked_document(request, page_id)
    except PermissionDenied as error:
        return permission_denied(request, error)
    response = HttpResponse(export_tracker(document), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(document.slug)}-tracker.csv"'
    return response


class TrackerImportView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Tracker of the actions (CSV)")
    header_icon = "table"
    template_name = "home/admin/tracker_import.html"

    def dispatch(self, request, page_id):
        try:
            self.document = tracked_document(request, page_id)
        except PermissionDenied as error:
            return permission_denied(request, error)
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.document.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_pages:edit", args=[self.document.pk]), "label": self.document.title},
            {"url": "", "label": self.page_title},
        ]

    def render(self, form, report=None, status=200, confirm=None):
        context = self.get_context_data(
            form=form,
            report=report,
            confirm=confirm,
            document=self.document,
            export_url=reverse("strategy_tracker_csv", args=[self.document.pk]),
            action_url=reverse("strategy_tracker_import", args=[self.document.pk]),
            submit_button_label=_("Import"),
            submit_button_active_label=_("Reading the file…"),
            form_is_multipart=True,
        )
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(TrackerImportForm())

    def post(self, request):
        if "digest" in request.POST:
            return self.confirm(request)
        form = TrackerImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, status=400)
        data, dry_run = form.cleaned_data["file"].read(), form.cleaned_data["dry_run"]
        try:
            report = import_tracker(self.document, data, request.user, dry_run=dry_run)
        except TrackerCsvError as error:
            form.add_error("file", str(error))
            return self.render(form, status=400)
        request.session.pop(preview_key(self.document), None)
        confirm = None
        if dry_run and any(row.outcome in ("created", "updated") for row in report.rows):
            digest = hashlib.sha256(data).hexdigest()
            request.session[preview_key(self.document)] = {
                "digest": digest,
                "data": base64.b64encode(data).decode("ascii"),
            }
            confirm = TrackerConfirmForm(initial={"digest": digest})
        return self.render(TrackerImportForm(initial={"dry_run": True}), report=report, confirm=confirm)

    def confirm(self, request):
        """Apply the file previewed last, if it is the one the editor saw."""
        form = TrackerConfirmForm(request.POST)
        stored = request.session.get(preview_key(self.document))
        if not form.is_valid() or not stored or stored["digest"] != form.cleaned_data["digest"]:
            messages.error(request, _("This preview is no longer available: upload the file again."))
            return self.render(TrackerImportForm(initial={"dry_run": True}), status=400)
        data = base64.b64decode(stored["data"])
        del request.session[preview_key(self.document)]
        report = import_tracker(self.document, data, request.user)
        return self.render(TrackerImportForm(initial={"dry_run": True}), report=report)
