"""Every address a response carries, read back with real parsers (html.parser, ElementTree,
json, csv), for the test that serves the site on a host the Site records do not name."""

import csv
import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

URL_ATTRIBUTES = {"href", "src", "action", "poster", "data", "formaction", "cite"}
# Text that visitors copy: the code is HTML itself, parsed again.
COPYABLE = {"textarea", "code", "pre"}
# Addresses in iCalendar and CSV text (values, not markup).
URL_IN_TEXT = re.compile(r"""(?:https?|webcal)://[^\s"'<>,;\\]+""")


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []  # (where, address)
        self.links = []  # hrefs of <a>, to crawl
        self._text_of = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if not value:
                continue
            if name in URL_ATTRIBUTES or name.startswith("data-") and name.endswith("url"):
                self.found.append((f"<{tag} {name}>", value))
            elif name in {"srcset", "imagesrcset"}:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.found.append((f"<{tag} {name}>", candidate.split()[0]))
        if (
            tag == "meta"
            and attrs.get("content")
            and ("url" in (attrs.get("property") or "") or "image" in (attrs.get("property") or ""))
        ):
            self.found.append((f"<meta {attrs.get('property')}>", attrs["content"]))
        if tag == "input" and attrs.get("value") and "://" in attrs["value"]:
            self.found.append(("<input value>", attrs["value"]))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script" and attrs.get("type") == "application/ld+json" or tag in COPYABLE:
            self._text_of, self._text = tag, []

    def handle_data(self, data):
        if self._text_of is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag != self._text_of:
            return
        text, self._text_of = "".join(self._text), None
        if tag == "script":
            self.found += [("JSON-LD", value) for value in json_strings(json.loads(text))]
        else:
            inner = _Addresses()
            inner.feed(text)
            self.found += [(f"<{tag}> code {where}", value) for where, value in inner.found]
            seen = {value for _where, value in inner.found}
            self.found += [(f"<{tag}> text", value) for value in URL_IN_TEXT.findall(text) if value not in seen]


def html_addresses(text):
    """``(found, links)``: every (where, address) pair of the page, and its links to follow."""
    parser = _Addresses()
    parser.feed(text)
    parser.close()
    return parser.found, parser.links


class _Elements(HTMLParser):
    def __init__(self, tag):
        super().__init__(convert_charrefs=True)
        self.tag, self.found, self._open = tag, [], None

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            self._open = (dict(attrs), [])
            self.found.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == self.tag:
            self._open = None


def elements(text, tag):
    """``(attributes, text)`` of every ``tag`` element of an HTML document."""
    parser = _Elements(tag)
    parser.feed(text)
    parser.close()
    return [(attrs, " ".join("".join(parts).split())) for attrs, parts in parser.found]


def json_strings(data):
    """Every string value that looks like an address, anywhere in a JSON document."""
    if isinstance(data, dict):
        for value in data.values():
            yield from json_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_strings(value)
    elif isinstance(data, str) and (data.startswith(("http://", "https://", "//", "/"))):
        yield data


def xml_addresses(text):
    """Link elements and attributes of an RSS feed or a sitemap."""
    found = []
    root = ElementTree.fromstring(text)  # noqa: S314 (the site's own output)
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in {"link", "guid", "loc", "url", "comments"} and element.text:
            found.append((f"<{name}>", element.text.strip()))
        for attribute in ("href", "url"):
            if element.get(attribute):
                found.append((f"<{name} {attribute}>", element.get(attribute)))
    return found


def text_addresses(text):
    """Addresses in an iCalendar file (URL:, X-ORIGINAL-URL:, descriptions), unfolded first."""
    return [("iCalendar", value) for value in URL_IN_TEXT.findall(text.replace("\r\n ", ""))]


def csv_addresses(text):
    return [
        ("CSV", value) for row in csv.reader(io.StringIO(text)) for cell in row for value in URL_IN_TEXT.findall(cell)
    ]


def addresses(content_type, text):
    """Every (where, address) pair of a response, by its type; and the links to follow."""
    kind = content_type.split(";")[0].strip()
    if kind == "text/html":
        return html_addresses(text)
    if kind in {"application/json", "application/geo+json", "application/ld+json"}:
        return [("JSON", value) for value in json_strings(json.loads(text))], []
    if kind.endswith("xml"):
        return xml_addresses(text), []
    if kind == "text/calendar":
        return text_addresses(text), []
    if kind == "text/csv":
        return csv_addresses(text), []
    return [], []


def own_path(link, host, base="/"):
    """The path (and query) of a link to ``host`` itself, relative links resolved against ``base``'s
    path; None for a link elsewhere or to another scheme."""
    parts = urlsplit(link)
    if parts.scheme and parts.scheme not in ("http", "https") or parts.netloc and parts.netloc != host:
        return None
    path = parts.path or base
    if not path.startswith("/"):
        return None
    return path + (f"?{parts.query}" if parts.query else "")
