"""Reading the schema.org blocks of a rendered page."""

import json
import re

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_blocks(html):
    """Every JSON-LD block of the page, parsed."""
    return [json.loads(block) for block in JSON_LD.findall(html)]


def own_json_ld(html):
    """The page type's own block (every page also has its BreadcrumbList)."""
    return next(block for block in json_ld_blocks(html) if block["@type"] != "BreadcrumbList")
