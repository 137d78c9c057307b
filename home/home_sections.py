"""What is new on the home page, contributed by the other apps.

An app registers a function with the ``hub_home_sections`` Wagtail hook. It takes the home
page (in the visitor's language) and the request, and returns None when it has nothing to show,
or a dict with the ``template`` to include, an ``order`` (smaller first) and the template's
context (the template reads it as ``section``). An empty section is never shown, and `home`
needs to know nothing about the apps.
"""

from wagtail import hooks

SECTIONS_HOOK = "hub_home_sections"


def home_sections(home, request):
    sections = [section for section in (hook(home, request) for hook in hooks.get_hooks(SECTIONS_HOOK)) if section]
    return sorted(sections, key=lambda section: section.get("order", 100))
