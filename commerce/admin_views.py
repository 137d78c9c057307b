"""The merchants CSV import in the admin: upload a file, read the dry-run report, confirm.

Editors who may add *and* publish pages under a territory's merchants directory see
"Import merchants" in the admin menu. The file is read twice: once for the preview (a dry run,
nothing written), once when the editor confirms. Between the two steps the file travels in the
confirmation form itself, compressed and signed with the site's secret key together with the
user, the territory and the file's hash (``django.core.signing``): no path or upload id comes
from the browser, nothing is stored on the server, and a token older than an hour, made for
another user or altered is refused.
"""

import base64
import hashlib
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.defaults import permission_denied

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from .importer import MerchantImportError, french_directory, import_merchants

TEMPLATE = Path(__file__).resolve().parent / "import_template.csv"
SALT = "commerce.admin_views.import"
TOKEN_MAX_AGE = 3600  # seconds between the preview and the confirmation
MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # about 10,000 rows; the signed copy must fit in a form field
ENCODING_CHOICES = [
    ("utf-8", gettext_lazy("UTF-8 (recommended, Excel's “CSV UTF-8”)")),
    ("cp1252", gettext_lazy("Windows-1252 (Excel's plain “CSV” on Windows)")),
]


def import_targets(user):
    """The sites whose merchants directory ``user`` may add and publish pages in."""
    if not user.is_authenticated:
        return []
    sites = []
    for site in Site.objects.select_related("root_page").order_by("hostname", "port"):
        index = french_directory(site)
        if index is None:
            continue
        permissions = index.permissions_for_user(user)
        if permissions.can_add_subpage() and permissions.can_publish_subpage():
            sites.append(site)
    return sites


class ImportForm(forms.Form):
    site = forms.ModelChoiceField(
        queryset=Site.objects.none(),
        label=gettext_lazy("Territory"),
        empty_label=None,
        help_text=gettext_lazy("The site whose merchants directory receives the merchants."),
    )
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns separated by semicolons or commas, first line naming the columns, as in "
            "commerce/import_template.csv. The next step shows what the import would do; nothing is "
            "changed before you confirm."
        ),
    )
    encoding = forms.ChoiceField(label=gettext_lazy("Character encoding"), choices=ENCODING_CHOICES, initial="utf-8")

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(pk__in=[site.pk for site in sites])
        if sites:
            self.fields["site"].initial = sites[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB); split it into files of at most 2 MB.")
                % {"size": round(upload.size / 1024 / 1024, 1)}
            )
        return upload


def make_token(user, site, encoding, name, data):
    return signing.dumps(
        {
            "user": user.pk,
            "site": site.pk,
            "encoding": encoding,
            "name": name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "data": base64.b64encode(data).decode("ascii"),
        },
        salt=SALT,
        compress=True,
    )


def read_token(token, user):
    """The payload of a confirmation token, with the file as bytes; None when it is not valid."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
        data = base64.b64decode(payload["data"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if payload.get("user") != user.pk or hashlib.sha256(data).hexdigest() != payload.get("sha256"):
        return None
    payload["data"] = data
    return payload


class MerchantImportView(WagtailAdminTemplateMixin, View):
    """Step 1 (GET, or POST with a file): the upload form, then the dry-run report with a
    confirmation button. Step 2 (POST with the token): the import and its report."""

    page_title = gettext_lazy("Import merchants")
    header_icon = "upload"
    form_template = "commerce/admin/import_form.html"
    report_template = "commerce/admin/import_report.html"

    def dispatch(self, request, *args, **kwargs):
        self.sites = import_targets(request.user)
        if not self.sites:
            # A real 403 rather than Wagtail's redirect to the dashboard: the menu item is not
            # shown to these users, so only a typed or shared address leads here.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def render(self, template, **context):
        context = self.get_context_data(**context)
        return TemplateResponse(self.request, template, context)

    def render_form(self, form):
        return self.render(
            self.form_template,
            form=form,
            action_url=reverse("commerce_import"),
            submit_button_label=_("Preview the import"),
            submit_button_active_label=_("Reading the file…"),
        )

    def get(self, request):
        return self.render_form(ImportForm(sites=self.sites))

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES, sites=self.sites)
        if not form.is_valid():
            return self.render_form(form)
        site, encoding, upload = form.cleaned_data["site"], form.cleaned_data["encoding"], form.cleaned_data["file"]
        data = upload.read()
        try:
            report = import_merchants(site, data, dry_run=True, encoding=encoding, user=request.user)
        except MerchantImportError as error:
            form.add_error("file", str(error))
            return self.render_form(form)
        token = make_token(request.user, site, encoding, upload.name, data)
        if len(token) > (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or len(token)) * 0.9:
            # The confirmation would be refused by Django's limit on form data.
            form.add_error(
                "file", _("This file is too large for the admin: import it with manage.py import_merchants.")
            )
            return self.render_form(form)
        return self.render(
            self.report_template,
            report=report,
            site=site,
            file_name=upload.name,
            token=token,
            action_url=reverse("commerce_import"),
        )

    def confirm(self, request):
        payload = read_token(request.POST["token"], request.user)
        site = next((site for site in self.sites if payload and site.pk == payload["site"]), None)
        if payload is None or site is None:
            messages.error(request, _("This preview has expired or is not valid: upload the file again."))
            return redirect("commerce_import")
        try:
            report = import_merchants(site, payload["data"], encoding=payload["encoding"], user=request.user)
        except MerchantImportError as error:  # the directory was deleted since the preview, say
            messages.error(request, str(error))
            return redirect("commerce_import")
        messages.success(
            request,
            _("Import done: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(rejected)s rejected.")
            % {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": report.rejected,
            },
        )
        return self.render(self.report_template, report=report, site=site, file_name=payload["name"])


def import_template(request):
    """The documented CSV template, for editors to fill in."""
    if not import_targets(request.user):
        return permission_denied(request, PermissionDenied())
    response = FileResponse(TEMPLATE.open("rb"), as_attachment=True, filename="modele-import-commerces.csv")
    response["Content-Type"] = "text/csv; charset=utf-8"
    return response
