"""The tracker CSV of a strategy document in the admin (``tracker_csv.py``): download it, upload
it edited, read the row-by-row report. Reached from the document's header buttons."""

from django import forms
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

    def render(self, form, report=None, status=200):
        context = self.get_context_data(
            form=form,
            report=report,
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
        form = TrackerImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            report = import_tracker(
                self.document, form.cleaned_data["file"].read(), request.user, dry_run=form.cleaned_data["dry_run"]
            )
        except TrackerCsvError as error:
            form.add_error("file", str(error))
            return self.render(form, status=400)
        return self.render(TrackerImportForm(initial={"dry_run": False}), report=report)
