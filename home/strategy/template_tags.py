"""What the strategy pages show beside their outline: the plan's budget, an action's budget
lines, amounts in the page's language."""

from django import template

from home.strategy import axis_progress as progress
from home.strategy import money as budget

register = template.Library()


@register.filter
def money(amount, currency="EUR"):
    return "" if amount is None else budget.format_amount(amount, currency)


@register.inclusion_tag("components/plan_budget.html", takes_context=True)
def plan_budget(context, document):
    return {
        "request": context.get("request"),
        "budget": budget.budget_totals(document),
        "means": budget.means_as_written(document),
    }


@register.inclusion_tag("components/action_budget.html")
def action_budget(action):
    return {"budget": budget.action_budget(action)}


@register.inclusion_tag("components/axis_progress.html", takes_context=True)
def axis_progress(context, document):
    return {"request": context.get("request"), "axes": progress.axis_progress(document)}
