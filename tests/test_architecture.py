"""The house rules of the code, read off its imports (see docs/architecture.md).

Every ``import`` counts, also those inside functions: a lazy import still ties two rooms.

- ``home`` imports none of the domain apps; the domain apps (events, tourism, commerce, search, news)
  import ``home`` and never each other. They meet through string model references, signals and
  Wagtail hooks.
- Rooms (a domain app, or a sub-package with its own subject such as ``home.strategy`` or
  ``events.feeds``) import each other in one direction only: no cycle between rooms.
- Page models import no view, form, mail or permission module: routes and hooks modules do the
  wiring.

Wiring modules are where rooms are put together on purpose, and their imports are not counted:
an app's ``apps``, ``wagtail_hooks`` and ``urls`` modules, its ``models`` package (the registry
Django imports at start-up), its management commands, and the ``hub`` project package.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = ("events", "tourism", "commerce", "search", "news")
APPS = ("home", *DOMAIN_APPS)
SUB_ROOMS = (
    "home.strategy",
    "home.opendata",
    "home.directory",
    "home.demo",
    "events.feeds",
    "events.contributions",
)
WIRING_MODULES = {"apps", "wagtail_hooks", "urls"}
# A page model importing one of these would run view, form, mail or permission code on import.
NOT_FOR_MODELS = {
    "views",
    "forms",
    "form",
    "proposals",
    "proposal_form",
    "moderation",
    "notifications",
    "permissions",
    "tasks",
    "mail",
    "mail_report",
    "feed_views",
}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    """``{dotted name: path}`` of the project's Python modules, migrations left out."""
    found = {}
    for app in (*APPS, "hub"):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


def imports_of(name, path, modules, top_level_only=False):
    """The project modules that ``name`` imports (``from x import y`` counts ``x.y`` when y is a
    module); with ``top_level_only``, those imported when the module itself is imported."""
    tree = ast.parse(path.read_text())
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nodes = _module_level(tree) if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(_known(target, modules) for target in targets)
    found.discard(None)
    found.discard(name)
    return found


def _module_level(tree):
    """The statements run on import: the module body, and the bodies of its ifs and trys."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            for field in ("body", "orelse", "finalbody", "handlers"):
                pending += getattr(node, field, [])
        if isinstance(node, ast.ExceptHandler):
            pending += node.body


def _known(target, modules):
    """The project module ``target`` names, or the nearest enclosing one; None if outside."""
    while target:
        if target in modules:
            return target
        target = target.rpartition(".")[0]
    return None


def room_of(name):
    """``home``, ``home.strategy``, ``events.feeds``…: the room a module lives in, or None for
    a wiring module."""
    parts = name.split(".")
    if parts[0] == "hub" or parts[-1] in WIRING_MODULES or "commands" in parts:
        return None
    if len(parts) == 2 and parts[1] == "models":
        return None
    rooms = [room for room in SUB_ROOMS if name == room or name.startswith(room + ".")]
    return rooms[0] if rooms else parts[0]


def import_graph(top_level_only=False):
    modules = project_modules()
    return {name: imports_of(name, path, modules, top_level_only) for name, path in modules.items()}


def test_home_imports_no_domain_app():
    wrong = [
        f"{name} imports {target}"
        for name, targets in import_graph().items()
        if name.split(".")[0] == "home"
        for target in sorted(targets)
        if target.split(".")[0] in DOMAIN_APPS
    ]
    assert not wrong, "\n".join(wrong)


def test_domain_apps_do_not_import_each_other():
    wrong = [
        f"{name} imports {target}"
        for name, targets in import_graph().items()
        if name.split(".")[0] in DOMAIN_APPS
        for target in sorted(targets)
        if target.split(".")[0] in DOMAIN_APPS and target.split(".")[0] != name.split(".")[0]
    ]
    assert not wrong, "\n".join(wrong)


def room_edges():
    """``{(room, other room): [module imports module, …]}`` over every import."""
    edges = defaultdict(list)
    for name, targets in import_graph().items():
        for target in targets:
            source, destination = room_of(name), room_of(target)
            if source and destination and source != destination:
                edges[(source, destination)].append(f"{name} imports {target}")
    return edges


def find_cycle(edges):
    """One cycle of rooms as a list ``[a, b, …, a]``, or None."""
    graph = defaultdict(set)
    for source, destination in edges:
        graph[source].add(destination)
    state = {}

    def visit(room, trail):
        state[room] = "open"
        for following in sorted(graph[room]):
            if state.get(following) == "open":
                return trail[trail.index(following) :] + [following]
            if following not in state:
                cycle = visit(following, trail + [following])
                if cycle:
                    return cycle
        state[room] = "done"
        return None

    for room in sorted(graph):
        if room not in state:
            cycle = visit(room, [room])
            if cycle:
                return cycle
    return None


def test_rooms_import_each_other_in_one_direction():
    edges = room_edges()
    cycle = find_cycle(edges)
    if cycle:
        steps = zip(cycle, cycle[1:], strict=False)
        detail = "\n".join(f"{a} → {b}: {', '.join(sorted(edges[(a, b)])[:3])}" for a, b in steps)
        raise AssertionError(f"rooms in a circle: {' → '.join(cycle)}\n{detail}")


def model_modules():
    return [name for name in project_modules() if ".models" in f".{name}" and room_of(name) is not None]


def test_page_models_import_no_view_form_mail_or_permission_module():
    graph = import_graph()
    wrong = [
        f"{name} imports {target}"
        for name in model_modules()
        for target in sorted(graph[name])
        if target.rpartition(".")[2] in NOT_FOR_MODELS
    ]
    assert not wrong, "\n".join(wrong)


def test_the_rules_see_the_imports_they_judge():
    """The walker finds imports inside functions and relative ones (or the rules above would
    pass on an empty graph)."""
    graph = import_graph()
    assert "home.models.pages" in graph["home.models"]
    assert any(target.startswith("home") for target in graph["events.models.agenda"])
    assert len(graph) > 100
