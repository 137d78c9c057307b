"""Who may do what with events: the moderation workflow, the two groups and association accounts.

- **Modérateurs**: add, edit and publish events under every agenda, approve or refuse what is
  proposed; they alone see contributors' details.
- **Associations**: volunteers of a trusted association, listed as members of its Organisation.
  They add events under the agenda and edit **their association's** events only; they cannot
  publish, so every change goes through the workflow "Modération de l'agenda".
- Drafts from the public form belong to a system account with no password (``contributions``).

``setup_moderation()`` creates all this and is idempotent: it runs after every ``migrate`` (so a
fresh install has it), whenever an agenda page is created, and from the demo loader.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

MODERATORS = "Modérateurs"
ASSOCIATIONS = "Associations"
WORKFLOW_NAME = "Modération de l'agenda"
TASK_NAME = "Validation par les modérateurs"
SYSTEM_USERNAME = "contributions"
COLLECTION_NAME = "Contributions"

MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ASSOCIATION_PAGE_PERMISSIONS = ["add_page"]


def _permission(app_label, model, codename, name):
    # Created here if missing: after a fresh `migrate`, this runs before Django has created the
    # permissions of the apps that come later in INSTALLED_APPS.
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _page_permission(codename):
    return _permission("wagtailcore", "page", codename, codename.replace("_", " ").capitalize())


def system_user():
    """The account that owns drafts sent through the public form; it cannot sign in."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": "Formulaire", "last_name": "public"}
    )
    if created or user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def setup_moderation():
    """Create (or complete) the groups, the workflow and the permissions on every agenda."""
    from events.models import EventIndexPage, ModerationTask

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    associations, _ = Group.objects.get_or_create(name=ASSOCIATIONS)
    access_admin = _permission("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    moderators.permissions.add(
        access_admin, _permission("events", "submission", "view_submission", "Can view event submission")
    )
    associations.permissions.add(access_admin)

    task = ModerationTask.objects.filter(name=TASK_NAME).first() or ModerationTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    _setup_collections(moderators, associations)
    system_user()
    for agenda in EventIndexPage.objects.all():
        attach_agenda(agenda, workflow, moderators, associations)
    return workflow


def agenda_created(sender, instance, created, raw=False, **kwargs):
    """A new agenda (a new territory, or its English version) is moderated like the others (a
    ``post_save`` receiver of EventIndexPage, connected by events/apps.py)."""
    if created and not raw:
        setup_moderation()


def _setup_collections(moderators, associations):
    root = Collection.get_first_root_node()
    if root is None:
        return
    contributions = root.get_children().filter(name=COLLECTION_NAME).first()
    if contributions is None:
        contributions = root.add_child(name=COLLECTION_NAME)
    choose = _permission("wagtailimages", "image", "choose_image", "Can choose image")
    add = _permission("wagtailimages", "image", "add_image", "Can add image")
    change = _permission("wagtailimages", "image", "change_image", "Can change image")
    for group, collection, permissions in [
        (moderators, root, [choose, add, change]),
        # Associations upload only into their own collection (MOD-02).
        (associations, contributions, [choose, add]),
    ]:
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def contributions_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=COLLECTION_NAME).first() or root


def attach_agenda(agenda, workflow=None, moderators=None, associations=None):
    """Put one agenda page under the moderation workflow and give the groups their rights on it."""
    workflow = workflow or Workflow.objects.get(name=WORKFLOW_NAME)
    moderators = moderators or Group.objects.get(name=MODERATORS)
    associations = associations or Group.objects.get(name=ASSOCIATIONS)
    page = Page.objects.get(pk=agenda.pk)
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    for group, codenames in [(moderators, MODERATOR_PAGE_PERMISSIONS), (associations, ASSOCIATION_PAGE_PERMISSIONS)]:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=_page_permission(codename))


# -- association accounts -----------------------------------------------------------------------


def is_association_account(user):
    """A signed-in volunteer whose rights are limited to their association's events."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = {group.name for group in user.groups.all()}
    return ASSOCIATIONS in names and MODERATORS not in names


def organisation_keys(user):
    """Translation keys of the organisations the user is a member of (the same association in
    every language)."""
    from home.models import Organisation

    return Organisation.objects.filter(members=user).values("translation_key")


def organisations_of(user, locale=None):
    from home.models import Organisation

    organisations = Organisation.objects.filter(translation_key__in=organisation_keys(user))
    return organisations.filter(locale=locale) if locale else organisations


def belongs_to_association(event, user):
    """Whether ``event`` is one of the user's association's events (or, with no organiser yet, the
    user's own draft)."""
    from home.models import Organisation

    if event.organiser_id is None:
        return event.owner_id == user.pk
    return Organisation.objects.filter(Q(translation_key__in=organisation_keys(user)), pk=event.organiser_id).exists()
