"""Turn the bilingual block lists of the demo data files into StreamField data.

Block ids are derived from the page and the block's position, so the French and English
versions share them (wagtail-localize matches segments by path) and a second run of the loader
writes the same data.
"""

import uuid

NAMESPACE = uuid.UUID("5b0c3a52-7f0e-4a57-9d2b-2f4b8c2a6e11")


def block_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def _items(prefix, items, build):
    return [{"type": "item", "value": build(item), "id": block_id(prefix, index)} for index, item in enumerate(items)]


def key_figures_value(data, language, prefix):
    return {
        "title": data.get("title", {}).get(language, ""),
        "figures": _items(
            prefix,
            data["figures"],
            lambda figure: {
                "value": figure["value"][language],
                "label": figure["label"][language],
                "source": figure.get("source", {}).get(language, ""),
            },
        ),
    }


def block_value(block, language, prefix, page_ids):
    kind = block["type"]
    if kind == "heading":
        return {"text": block["text"][language], "level": block.get("level", "h2")}
    if kind == "paragraph":
        return block["html"][language]
    if kind == "quote":
        return {"quote": block["quote"][language], "attribution": block.get("attribution", {}).get(language, "")}
    if kind == "key_figures":
        return key_figures_value(block, language, prefix)
    if kind == "accordion":
        return {
            "title": block.get("title", {}).get(language, ""),
            "items": _items(
                prefix,
                block["items"],
                lambda item: {"question": item["question"][language], "answer": item["answer"][language]},
            ),
        }
    if kind == "call_to_action":
        return {
            "text": block["text"][language],
            "page": page_ids[block["page"]] if block.get("page") else None,
            "external_url": block.get("url", ""),
        }
    raise ValueError(f"Unknown block type in demo data: {kind!r}")


def stream_data(blocks, language, key, page_ids=None):
    """Raw StreamField data for one language of a list of bilingual blocks."""
    page_ids = page_ids or {}
    return [
        {
            "type": block["type"],
            "value": block_value(block, language, block_id(key, index), page_ids),
            "id": block_id(key, index),
        }
        for index, block in enumerate(blocks)
    ]
