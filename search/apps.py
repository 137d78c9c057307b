from django.apps import AppConfig
from django.core.signals import request_finished
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

# Wagtail's default editorial groups: they see what visitors search for and choose the
# promoted results.
EDITORIAL_GROUPS = ("Editors", "Moderators")
PERMISSIONS = (
    ("search", "view_searchterm"),
    ("search", "add_synonymgroup"),
    ("search", "change_synonymgroup"),
    ("search", "delete_synonymgroup"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
)


def grant_search_permissions(**kwargs):
    from django.contrib.auth.models import Group, Permission

    permissions = [
        permission
        for app_label, codename in PERMISSIONS
        for permission in Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    ]
    for group in Group.objects.filter(name__in=EDITORIAL_GROUPS):
        group.permissions.add(*permissions)


class SearchConfig(AppConfig):
    """Site search across every kind of content, in the visitor's language."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        from .models import SynonymGroup
        from .results import forget_promotions
        from .synonyms import forget
        from .tasks import send_pending

        post_save.connect(forget, sender=SynonymGroup, dispatch_uid="search.synonyms_saved")
        post_delete.connect(forget, sender=SynonymGroup, dispatch_uid="search.synonyms_deleted")
        for model in (Query, SearchPromotion):
            post_save.connect(forget_promotions, sender=model, dispatch_uid=f"search.{model.__name__}_saved")
            post_delete.connect(forget_promotions, sender=model, dispatch_uid=f"search.{model.__name__}_deleted")

        post_migrate.connect(grant_search_permissions, dispatch_uid="search.grant_search_permissions")
        request_finished.connect(send_pending, dispatch_uid="search.send_pending")
