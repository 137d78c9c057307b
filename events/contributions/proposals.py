"""An event proposed by the public becomes a draft event waiting in the moderation workflow.

``propose()`` serves the form at ``/<lang>/agenda/proposer/``; ``create_submission()`` turns a
valid form into a draft EventPage under the site's agenda (in its source language, French), a
``Submission`` with the contributor's details, and a workflow state, in one transaction. The
contributor gets a reference by e-mail; Wagtail notifies the moderators.
"""

import hashlib
import io
import secrets
import uuid

from PIL import Image as PILImage
from PIL import ImageOps

from django.core import signing
from django.core.files.images import ImageFile
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from wagtail.images import get_image_model
from wagtail.models import Locale

from events.models import EventIndexPage, EventPage
from home.public_urls import page_url
from home.templatetags.navigation_tags import get_territory
from home.text import paragraphs

from .antiabuse import check_token, client_ip, hash_ip, new_token, rate_limited
from .models import Submission
from .moderation import contributions_collection, system_user
from .proposal_form import ProposalForm, Repeat

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
DONE_SALT = "events.proposal.done"


class DuplicateProposal(Exception):
    """The same event (title, start, commune) is already waiting for moderation."""


class _AlreadyStored(Exception):
    def __init__(self, submission):
        self.submission = submission


def new_reference():
    return "EV-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def duplicate_key(title, start, commune_id):
    normalised = " ".join(slugify(title).split("-"))
    return hashlib.sha256(f"{normalised}|{start.isoformat()}|{commune_id}".encode()).hexdigest()


def source_agenda(agenda):
    """The agenda in the site's source language, where every event is written first."""
    default = Locale.get_default()
    if agenda.locale_id == default.pk:
        return agenda
    return EventIndexPage.objects.filter(translation_key=agenda.translation_key, locale=default).first() or agenda


def in_source_locale(instance, locale):
    if instance is None or instance.locale_id == locale.pk:
        return instance
    return instance.get_translation_or_none(locale) or instance


# -- the service --------------------------------------------------------------------------------


def create_submission(agenda, data, *, language, ip="", user_agent="", token=None, reference=None, notify=True):
    """Store one proposal: a draft event submitted to the agenda's workflow and its Submission.

    Raises ``DuplicateProposal`` when the same event is already waiting. The same ``token`` (a
    form sent twice) returns the submission already stored instead of a second one."""
    token = token or uuid.uuid4().hex
    existing = Submission.objects.filter(form_token=token).first()
    if existing:
        return existing
    agenda = source_agenda(agenda)
    locale = agenda.locale
    commune = data.get("commune")
    place = in_source_locale(data.get("place"), locale)
    if commune is None and place is not None:
        commune = getattr(place.specific, "commune", None)
    key = duplicate_key(data["title"], data["start"], commune.pk if commune else None)
    owner = system_user()
    image = _store_image(data.get("image"), data["title"], owner)
    try:
        with transaction.atomic():
            # One proposal at a time per agenda: the page tree gives each new child the next path,
            # which two concurrent inserts would otherwise compute alike.
            parent = EventIndexPage.objects.select_for_update().get(pk=agenda.pk)
            existing = Submission.objects.filter(form_token=token).first()
            if existing:
                raise _AlreadyStored(existing)
            if Submission.objects.filter(
                duplicate_key=key, state__in=[Submission.State.PENDING, Submission.State.CHANGES_REQUESTED]
            ).exists():
                raise DuplicateProposal
            reference = reference or _free_reference()
            page = _draft_event(data, reference, owner, locale, commune, place, image)
            page.categories = [in_source_locale(data["category"], locale)]
            parent.add_child(instance=page)
            page.save_revision(user=owner, log_action=True)
            submission = Submission.objects.create(
                reference=reference,
                form_token=token,
                event=page,
                title=data["title"],
                duplicate_key=key,
                language=language,
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                organiser_name=data.get("organiser_name", ""),
                ip_hash=hash_ip(ip) if ip else "",
                user_agent=user_agent[:300],
            )
            workflow = page.get_workflow()
            if workflow is None:
                raise RuntimeError("The agenda has no moderation workflow: run `manage.py migrate`.")
            workflow.start(page, owner)
    except _AlreadyStored as stored:
        if image is not None:
            image.delete()
        return stored.submission
    except IntegrityError:
        # The same form arrived twice at the same moment: the other request stored it.
        existing = Submission.objects.filter(form_token=token).first()
        if existing:
            if image is not None:
                image.delete()
            return existing
        raise
    except BaseException:
        if image is not None:
            image.delete()
        raise
    if notify:
        from .notifications import notify_received

        # Queued for the task worker once committed: a slow or broken mail server can neither
        # delay the visitor's answer nor lose the proposal.
        notify_received(submission)
    return submission


def _free_reference():
    for _attempt in range(10):
        reference = new_reference()
        if not Submission.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("No free submission reference")


def _draft_event(data, reference, owner, locale, commune, place, image):
    text = data["description"]
    repeat = data.get("repeat", Repeat.NONE)
    start = data["start"]
    frequency = EventPage.Frequency.NONE
    weekdays = ""
    monthly_mode = EventPage.MonthlyMode.DAY
    if repeat == Repeat.WEEKLY:
        frequency = EventPage.Frequency.WEEKLY
        weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()]
    elif repeat in (Repeat.MONTHLY_DAY, Repeat.MONTHLY_WEEKDAY):
        frequency = EventPage.Frequency.MONTHLY
        if repeat == Repeat.MONTHLY_WEEKDAY:
            monthly_mode = EventPage.MonthlyMode.WEEKDAY
    organiser = in_source_locale(data.get("organiser"), locale)
    return EventPage(
        title=data["title"],
        slug=f"{slugify(data['title'])[:60].strip('-') or 'evenement'}-{reference.lower()}",
        locale=locale,
        live=False,
        owner=owner,
        summary=Truncator(text.split("\n\n")[0].replace("\n", " ")).chars(280),
        body=[("paragraph", html) for html in paragraphs(text)],
        image=image,
        image_alt=data.get("image_description", "") if image is not None else "",
        start=start,
        end=data["end"],
        all_day=data["all_day"],
        frequency=frequency,
        weekdays=weekdays,
        monthly_mode=monthly_mode,
        until=data.get("repeat_until"),
        venue=place,
        venue_name=data.get("venue_name", ""),
        address=data.get("address", ""),
        commune=commune,
        organiser=organiser,
        organiser_name="" if organiser else data.get("organiser_name", ""),
        audience=data["audience"],
        is_free=data.get("is_free", False),
        price=data.get("price", ""),
        booking_url=data.get("booking_url", ""),
    )


def _store_image(upload, title, owner):
    """The uploaded image, re-encoded without its metadata (GPS position, camera: MOD-10), in the
    Contributions collection."""
    if not upload:
        return None
    upload.seek(0)
    with PILImage.open(upload) as original:
        kind = original.format
        picture = ImageOps.exif_transpose(original)
        buffer = io.BytesIO()
        if kind == "JPEG":
            picture.convert("RGB").save(buffer, "JPEG", quality=88)
        elif kind == "WEBP":
            picture.save(buffer, "WEBP", quality=88)
        else:
            picture.save(buffer, "PNG")
    extension = {"JPEG": "jpg", "WEBP": "webp"}.get(kind, "png")
    image = get_image_model()(
        title=title[:255],
        collection=contributions_collection(),
        uploaded_by_user=owner,
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"proposition-{uuid.uuid4().hex[:12]}.{extension}"),
    )
    image.save()
    return image


# -- the views ----------------------------------------------------------------------------------


def propose(agenda, request):
    """The form (GET), or its processing (POST): errors shown with everything typed kept."""
    site = agenda.get_site()
    options = {"site": site, "locale": agenda.locale}
    notice = ""
    if request.method != "POST":
        form = ProposalForm(initial={"token": new_token()}, **options)
        return _render_form(agenda, request, form, notice)

    if rate_limited(request):
        response = TemplateResponse(request, "events/too_many_requests.html", {"page": agenda}, status=429)
        response["Retry-After"] = "3600"
        return response
    if request.POST.get("homepage"):
        # A robot filled in the hidden field: pretend all went well and store nothing.
        return redirect(page_url(agenda, request) + agenda.reverse_subpage("proposal_sent"))

    data = request.POST.copy()
    status = check_token(data.get("token"))
    form = ProposalForm(data, request.FILES, **options)
    if status != "ok":
        data["token"] = new_token()
        form = ProposalForm(data, request.FILES, **options)
        notice = {
            "too_fast": _("The form was sent too quickly to be read. Check it and send it again."),
            "expired": _("The form was open for too long. Check it and send it again."),
            "invalid": _("The form could not be checked. Check it and send it again."),
        }[status]
        form.is_valid()  # show the other errors at the same time
        return _render_form(agenda, request, form, notice)
    if not form.is_valid():
        return _render_form(agenda, request, form, notice)
    try:
        submission = create_submission(
            agenda,
            form.cleaned_data,
            language=agenda.locale.language_code,
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            token=form.cleaned_data["token"],
        )
    except DuplicateProposal:
        form.add_error(
            None,
            _(
                "This event (same title, date and commune) has already been proposed and is waiting for "
                "moderation. There is no need to send it again."
            ),
        )
        return _render_form(agenda, request, form, notice)
    done = page_url(agenda, request) + agenda.reverse_subpage("proposal_sent")
    return redirect(f"{done}?ref={signing.dumps(submission.reference, salt=DONE_SALT)}")


def _render_form(agenda, request, form, notice):
    privacy = getattr(get_territory(request), "privacy_page", None)
    context = {
        "page": agenda,
        "self": agenda,
        "trail": [agenda.get_parent(), agenda],
        "form": form.describe_errors(),
        "notice": notice,
        "privacy_page": privacy.localized if privacy is not None and privacy.live else None,
        "image_was_lost": form.is_bound and bool(request.FILES.get("image")) and bool(form.errors or notice),
    }
    return TemplateResponse(request, "events/propose.html", context)


def proposal_sent(agenda, request):
    """The confirmation page, with the reference when the link is the one the form redirected to."""
    try:
        reference = signing.loads(request.GET.get("ref", ""), salt=DONE_SALT, max_age=3600)
    except signing.BadSignature:
        reference = ""
    context = {"page": agenda, "self": agenda, "trail": [agenda.get_parent(), agenda], "reference": reference}
    response = TemplateResponse(request, "events/proposal_sent.html", context)
    if reference:
        # One contributor's reference: never kept by the page cache or a shared cache.
        patch_cache_control(response, private=True, no_store=True)
    return response
