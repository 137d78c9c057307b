"""The filters of a strategy document's outline: what the form offers, what the request asks
for, and the actions that match.

Every function here runs a fixed number of queries, whatever the number of actions.
"""

from django.utils.translation import gettext_lazy as _

from home.keywords import named_tags
from home.localized_names import localized_names
from home.models import Commune

from .models import ActionPage, Status, StrategyPage, StrategySectionPage, Theme

STATUS_ORDER = [choice.value for choice in Status]
FILTERS = ("axis", "theme", "status", "lead", "partner", "tag", "commune")


def filter_form(choices, filters):
    """The filter form's fields, each with its options and what is selected."""
    labels = {
        "axis": _("Axis"),
        "theme": _("Theme"),
        "status": _("Status"),
        "lead": _("Led by"),
        "partner": _("Partner"),
        "tag": _("Keyword"),
        "commune": _("Commune"),
    }
    return [
        {"name": name, "label": labels[name], "options": choices[name], "selected": filters.get(name, "")}
        for name in FILTERS
        if choices[name]
    ]


def read_filters(request, choices):
    """The filters of the GET form that name something that exists; anything else is ignored."""
    values = {}
    for name in FILTERS:
        value = request.GET.get(name, "").strip()
        if value and value in {option for option, _label in choices[name]}:
            values[name] = value
    return values


def filter_choices(root):
    """The options the filter form offers: only what the actions under ``root`` use."""
    actions = ActionPage.objects.live().descendant_of(root)
    themes = list(Theme.objects.filter(actionpage__in=actions).distinct())
    theme_names = localized_names(themes, Theme)
    tags = ActionPage.tags.through.tag_model().objects.filter(home_actionpagetag_items__content_object__in=actions)
    communes = Commune.objects.filter(actionpage__in=actions).distinct()
    statuses = set(actions.values_list("status", flat=True).distinct())
    # Axes only on a document: a section's own sections are in its outline already.
    axes = StrategySectionPage.objects.live().child_of(root) if isinstance(root, StrategyPage) else []
    leads = set(actions.exclude(lead="").values_list("lead", flat=True).distinct())
    partners = {name for _pk, names in partner_names(actions) for name in names}
    return {
        "axis": [(axis.slug, f"{axis.level_label} {axis.number} – {axis.title}") for axis in axes],
        "lead": sorted(((lead, lead) for lead in leads), key=lambda item: (item[0].lower(), item[0])),
        "partner": sorted(((name, name) for name in partners), key=lambda item: (item[0].lower(), item[0])),
        "theme": sorted(((theme.slug, theme_names[theme.pk]) for theme in themes), key=lambda item: item[1]),
        "status": [(status, Status(status).label) for status in STATUS_ORDER if status in statuses],
        "tag": [(tag.slug, tag.name) for tag in named_tags(tags.distinct())],
        "commune": [(commune.slug, commune.name) for commune in communes.order_by("name")],
    }


def filtered_actions(root, filters):
    actions = ActionPage.objects.live().descendant_of(root)
    if "axis" in filters:
        axis = StrategySectionPage.objects.live().child_of(root).filter(slug=filters["axis"]).first()
        actions = actions.descendant_of(axis) if axis else actions.none()
    if "lead" in filters:
        actions = actions.filter(lead=filters["lead"])
    if "partner" in filters:
        with_partner = [pk for pk, names in partner_names(actions) if filters["partner"] in names]
        actions = actions.filter(pk__in=with_partner)
    if "theme" in filters:
        actions = actions.filter(themes__slug=filters["theme"])
    if "status" in filters:
        actions = actions.filter(status=filters["status"])
    if "tag" in filters:
        actions = actions.filter(tags__slug=filters["tag"])
    if "commune" in filters:
        actions = actions.filter(communes__slug=filters["commune"])
    return actions.distinct()


def partner_names(actions):
    """Each action's primary key with the names of its partners, in one query. The partners are
    a StreamField (JSON): the names are read in Python, the same way on every database."""
    for pk, partners in actions.order_by().values_list("pk", "partners"):
        names = (block["value"].get("name", "").strip() for block in partners.raw_data)
        yield pk, {name for name in names if name}
