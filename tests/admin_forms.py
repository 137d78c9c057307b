"""The admin's forms posted as a browser posts them: every field read back from the rendered page."""

import json

from bs4 import BeautifulSoup


def form_data(html, form_id=None, submit=None):
    """The fields a browser sends for the form ``form_id`` of ``html`` (the page-edit form by
    default), with the button named ``submit`` as the one clicked.

    Like a browser: disabled fields and unticked boxes are left out, a select sends its selected
    options (or its first one), file inputs send nothing."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=form_id) if form_id else soup.find("form", attrs={"data-edit-form": True})
    if form is None:
        form = soup.find("form", method=lambda value: value and value.lower() == "post")
    data = {}

    def add(name, value):
        data.setdefault(name, []).append(value)

    owned = form.find_all(["input", "select", "textarea"])
    if form.get("id"):
        # Fields outside the form element but attached to it with form="..." (Wagtail's side panels).
        owned += soup.find_all(["input", "select", "textarea"], attrs={"form": form["id"]})
    for field in owned:
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            add(name, field.text)
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")]
            if not chosen and options and not field.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                add(name, option.get("value", option.text))
        else:
            kind = (field.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio") and not field.has_attr("checked"):
                continue
            add(name, field.get("value", "on" if kind in ("checkbox", "radio") else ""))
    for block in form.find_all(attrs={"data-controller": "w-block"}):
        # StreamFields are drawn by Wagtail's JavaScript from this value; send what it sends.
        value, _errors = json.loads(block["data-w-block-arguments-value"])
        _stream_fields(block["id"], value, add)
    if submit:
        data[submit] = ["1"]
    return data


def _stream_fields(prefix, children, add):
    """The inputs Wagtail's StreamBlock/ListBlock JavaScript creates for ``children``."""
    add(f"{prefix}-count", str(len(children)))
    for index, child in enumerate(children):
        name = f"{prefix}-{index}"
        add(f"{name}-deleted", "")
        add(f"{name}-order", str(index))
        add(f"{name}-id", child.get("id") or "")
        if "type" in child:
            add(f"{name}-type", child["type"])
        _block_fields(f"{name}-value", child["value"], add)


def _block_fields(name, value, add):
    if isinstance(value, dict):  # a StructBlock
        for key, item in value.items():
            _block_fields(f"{name}-{key}", item, add)
    elif isinstance(value, list) and all(isinstance(item, dict) and "value" in item for item in value):
        _stream_fields(name, value, add)  # a ListBlock or a nested StreamBlock
    elif value is True:
        add(name, "on")
    elif value not in (None, False):
        add(name, value if isinstance(value, str) else str(value))
