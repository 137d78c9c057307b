"""Plain text typed by the public or read from a file, turned into HTML."""

from html.parser import HTMLParser

from django.utils.html import escape


def paragraphs(text):
    """Plain text as escaped HTML paragraphs: a blank line starts a paragraph, a line break stays."""
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    return ["<p>" + "<br/>".join(escape(line) for line in block.split("\n")) + "</p>" for block in blocks]


# The elements of HTML (WHATWG's index of elements, with the obsolete ones editors still paste):
# only these are markup. Anything else in angle brackets is text, such as "<Atelier numérique>".
_ELEMENT_NAMES = """
a abbr address area article aside audio b base bdi bdo big blink blockquote body br button canvas
caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header
hgroup hr html i iframe img input ins kbd label legend li link main map mark marquee menu meta
meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s
samp script search section select slot small source span strike strong style sub summary sup
table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr
"""
HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())
# Their content is not text.
HIDDEN_ELEMENTS = frozenset({"script", "style", "template", "head", "title"})
BLOCK_BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag not in HTML_ELEMENTS:
            self.handle_data(self.get_starttag_text())
        elif tag in HIDDEN_ELEMENTS:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag not in HTML_ELEMENTS:
            self.handle_data(self.get_starttag_text())
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag not in HTML_ELEMENTS:
            self.handle_data(f"</{tag}>")
        elif tag in HIDDEN_ELEMENTS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_BREAKS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def plain_text(value):
    """The text of a value that may hold HTML: tags of HTML are removed, entities decoded, and
    anything else in angle brackets kept as typed (``django.utils.html.strip_tags`` would delete
    "<Atelier numérique>")."""
    extractor = _TextExtractor()
    extractor.feed(str(value or ""))
    extractor.close()
    text = "".join(extractor.parts)
    # An unclosed "<" at the end is held back by the parser as an incomplete tag: keep it.
    return text + extractor.rawdata if extractor.rawdata else text
