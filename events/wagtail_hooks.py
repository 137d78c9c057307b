import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.public_urls import absolute_page_url

from .models import EventCategory, EventIndexPage, EventPage, Occurrence

UPCOMING_ON_COMMUNE_PAGE = 10
UPCOMING_ON_HOME = 6
UPCOMING_ON_HOME_WINDOW = dt.timedelta(days=7)


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    icon = "date"
    menu_label = _("Event categories")
    add_to_admin_menu = True
    menu_order = 340
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


register_snippet(EventCategoryViewSet)


@hooks.register("hub_commune_sections")
def commune_events(commune, request, locale):
    """A commune page's agenda: its next events, its feed and the code to embed it."""
    agenda = EventIndexPage.objects.live().filter(locale=locale).first()
    upcoming = list(
        Occurrence.objects.filter(
            event__live=True, event__locale=locale, event__commune=commune, end__gt=timezone.now()
        )
        .select_related("event")
        .order_by("start")[:UPCOMING_ON_COMMUNE_PAGE]
    )
    language = locale.language_code
    feed_path = f"/feeds/{language}/communes/{commune.slug}.ics"
    feed_url = request.build_absolute_uri(feed_path)
    embed_url = None
    if agenda is not None:
        embed_url = absolute_page_url(agenda, request) + agenda.reverse_subpage("embed") + "?commune=" + commune.slug
    return {
        "template": "events/commune_section.html",
        "upcoming": upcoming,
        "agenda": agenda,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "rss_url": request.build_absolute_uri(feed_path.replace(".ics", ".rss")),
        "embed_url": embed_url,
    }


@hooks.register("hub_home_sections")
def home_events(home, request):
    """On the home page, the events of the next days (one line per event, its next date), and
    the way to the agenda."""
    now = timezone.now()
    events = EventPage.objects.live().public().descendant_of(home).values("pk")
    upcoming = []
    seen = set()
    # A daily event has several dates in the window: read a few more than shown, keep one each.
    for item in (
        Occurrence.objects.filter(event__in=events, end__gt=now, start__lt=now + UPCOMING_ON_HOME_WINDOW)
        .select_related("event")
        .order_by("start", "pk")[: UPCOMING_ON_HOME * 4]
    ):
        if item.event_id not in seen:
            seen.add(item.event_id)
            upcoming.append(item)
    if not upcoming:
        return None
    agenda = EventIndexPage.objects.live().public().child_of(home).first()
    return {
        "template": "events/home_section.html",
        "order": 10,
        "upcoming": upcoming[:UPCOMING_ON_HOME],
        "agenda": agenda,
    }


@hooks.register("hub_place_sections")
def place_events(place, request):
    """On a place's page, the upcoming events held there (events point at the place in any
    language: the venue is the same page in every translation)."""
    from wagtail.models import Page

    versions = Page.objects.filter(translation_key=place.translation_key).values("pk")
    upcoming = list(
        Occurrence.objects.filter(
            event__live=True, event__locale=place.locale, event__venue__in=versions, end__gt=timezone.now()
        )
        .select_related("event")
        .order_by("start")[:UPCOMING_ON_COMMUNE_PAGE]
    )
    return {"template": "events/place_section.html", "upcoming": upcoming} if upcoming else None


@hooks.register("register_admin_viewset")
def register_submissions():
    from .contributions.admin import SUBMISSIONS

    return SUBMISSIONS


@hooks.register("register_admin_viewset")
def register_imported_calendars():
    from .contributions.calendar_admin import CALENDARS

    return CALENDARS


@hooks.register("construct_homepage_panels")
def pending_submissions_panel(request, panels):
    from .contributions.admin import PendingSubmissionsPanel, can_see_contributors

    if can_see_contributors(request.user):
        panels.append(PendingSubmissionsPanel())


@hooks.register("construct_explorer_page_queryset")
def hide_other_associations_drafts(parent_page, pages, request):
    from .contributions.admin import hide_other_associations_drafts

    return hide_other_associations_drafts(parent_page, pages, request)


@hooks.register("construct_page_chooser_queryset")
def hide_other_associations_drafts_from_chooser(pages, request):
    from .contributions.permissions import without_hidden_drafts

    return without_hidden_drafts(pages, request.user)


@hooks.register("register_open_data_dataset")
def events_dataset():
    from .open_data import dataset

    return dataset()


# -- Reports › E-mails not sent (administrators) -------------------------------------------------


@hooks.register("register_admin_urls")
def register_unsent_mail_report():
    from django.urls import path

    from .contributions.mail_report import UnsentMailReport

    return [
        path("reports/unsent-mail/", UnsentMailReport.as_view(), name="unsent_mail"),
        path("reports/unsent-mail/results/", UnsentMailReport.as_view(results_only=True), name="unsent_mail_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_unsent_mail_menu_item():
    from django.urls import reverse

    from .contributions.mail_report import UnsentMailMenuItem

    return UnsentMailMenuItem(
        _("E-mails not sent"), reverse("unsent_mail"), name="unsent-mail", icon_name="mail", order=1400
    )
