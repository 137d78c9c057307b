"""Plain text typed by the public or read from a file, turned into HTML."""

from django.utils.html import escape


def paragraphs(text):
    """Plain text as escaped HTML paragraphs: a blank line starts a paragraph, a line break stays."""
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    return ["<p>" + "<br/>".join(escape(line) for line in block.split("\n")) + "</p>" for block in blocks]
