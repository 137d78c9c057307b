"""Imported calendars in Wagtail's admin: an association's members register the address of the
calendar their association keeps and read the report of its last reading; moderators see every
calendar and may mark one trusted (its events are then published without moderation).

A calendar saved here is read in the background once the save is committed (``ingest.
queue_reading``): the admin request never waits for the calendar's server.
"""

from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from events.models import CalendarFeed, EventIndexPage

from .ingest import queue_reading
from .moderation import MODERATORS, is_association_account, organisation_keys, organisations_of

ACTIONS = {"add", "change", "delete", "view"}


def may_trust(user):
    """Moderators and administrators decide which calendars are published without moderation."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


def visible_feeds(user):
    feeds = CalendarFeed.objects.select_related("organisation", "agenda")
    if may_trust(user):
        return feeds
    if is_association_account(user):
        return feeds.filter(organisation__translation_key__in=organisation_keys(user))
    return feeds.none()


class CalendarFeedPolicy(ModelPermissionPolicy):
    """Moderators, administrators and association accounts (for their own association's)."""

    def user_has_permission(self, user, action):
        return action in ACTIONS and (may_trust(user) or is_association_account(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and visible_feeds(user).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)


class OwnFeeds:
    """Every view: only the calendars the user may see; 404 for the others."""

    def get_object(self, queryset=None):
        feed = super().get_object(queryset)
        if not visible_feeds(self.request.user).filter(pk=feed.pk).exists():
            raise Http404
        return feed


class FeedForm:
    """The form narrowed to the user: an association account picks its own association, and
    never the "trusted" box; the chosen calendar is read once saved."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        user = self.request.user
        default = Locale.get_default()
        form.fields["agenda"].queryset = EventIndexPage.objects.filter(locale=default)
        if not may_trust(user):
            form.fields.pop("trusted", None)
            form.fields["organisation"].queryset = organisations_of(user, locale=default)
        agendas = form.fields["agenda"].queryset
        if not form.instance.pk and agendas.count() == 1:
            form.initial.setdefault("agenda", agendas.first().pk)
        return form

    def save_instance(self):
        feed = super().save_instance()
        if feed.active:
            queue_reading(feed)
        return feed


class FeedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_feeds(self.request.user)


class FeedCreateView(FeedForm, generic.CreateView):
    pass


class FeedEditView(OwnFeeds, FeedForm, generic.EditView):
    pass


class FeedDeleteView(OwnFeeds, generic.DeleteView):
    pass


class FeedInspectView(OwnFeeds, generic.InspectView):
    """The calendar and the report of its last reading."""

    def get_report_display_value(self):
        return render_to_string("events/admin/calendar_report.html", {"feed": self.object}, request=self.request)


class CalendarFeedViewSet(ModelViewSet):
    model = CalendarFeed
    icon = "calendar-alt"
    menu_label = _("Imported calendars")
    add_to_admin_menu = True
    menu_order = 346
    index_view_class = FeedIndexView
    add_view_class = FeedCreateView
    edit_view_class = FeedEditView
    delete_view_class = FeedDeleteView
    inspect_view_enabled = True
    inspect_view_class = FeedInspectView
    copy_view_enabled = False
    form_fields = ["organisation", "agenda", "url", "active", "trusted"]
    list_display = ["organisation", "url", "last_status", "last_checked_at", "trusted"]
    list_filter = ["last_status", "trusted"]
    inspect_view_fields = ["organisation", "agenda", "url", "active", "trusted", "last_checked_at", "report"]

    @property
    def permission_policy(self):
        return CalendarFeedPolicy(self.model)


CALENDARS = CalendarFeedViewSet("imported_calendars")
