"""Defences of the public "propose an event" form, all offline (no third-party captcha).

- a honeypot field, hidden from people and screen readers, that robots fill in;
- a signed token carrying the time the form was shown: a post sooner than
  ``HUB_PROPOSAL_MIN_SECONDS`` or older than ``HUB_PROPOSAL_MAX_AGE_SECONDS`` is refused (and the
  token makes the same form posted twice count once);
- a per-IP rate limit through the Django cache (Redis in production: an atomic counter shared by
  every server process), the address read as ``home.throttle.client_ip`` reads it;
- plain text only: control and bidirectional-override characters are removed, single-line fields
  lose their line breaks, and the number of links in the description is capped.
"""

import re
import secrets
import time
import unicodedata

from django.conf import settings
from django.core import signing

from home.throttle import client_ip, hash_ip, over_limit  # noqa: F401 (the form's imports)

TOKEN_SALT = "events.proposal"  # noqa: S105 (a signing salt, not a secret)

# Embedding, override and isolate controls (U+202A–202E, U+2066–2069) reorder what follows them:
# "gpj.exe" can be made to read "exe.jpg". Marks (U+200E/F) are harmless and kept.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
LINK = re.compile(r"(https?://|www\.)", re.IGNORECASE)


# -- signed time token --------------------------------------------------------------------------


def new_token():
    """A token for a freshly displayed form: when it was shown, and a nonce that makes it unique."""
    return signing.dumps({"t": int(time.time()), "n": secrets.token_urlsafe(9)}, salt=TOKEN_SALT)


def check_token(token, now=None):
    """ "ok", "too_fast", "expired" or "invalid" for the token posted with a form."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
        shown = int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "invalid"
    age = (now or time.time()) - shown
    if age < settings.HUB_PROPOSAL_MIN_SECONDS:
        return "too_fast"
    if age > settings.HUB_PROPOSAL_MAX_AGE_SECONDS:
        return "expired"
    return "ok"


# -- rate limit ---------------------------------------------------------------------------------


def rate_limited(request):
    """Count this post against the visitor's address; True once the hourly allowance is used."""
    return over_limit(request, "proposal", settings.HUB_PROPOSAL_RATE_PER_HOUR, 3600)


# -- plain text ---------------------------------------------------------------------------------


def plain_text(value, multiline=False):
    """The text with invisible control characters removed; on one line unless ``multiline``."""
    value = unicodedata.normalize("NFC", value or "").translate(BIDI_CONTROLS)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in value:
        if char in "\n\t":
            kept.append(char if multiline else " ")
        elif unicodedata.category(char) not in ("Cc", "Cs", "Co"):
            kept.append(char)
    value = "".join(kept)
    if not multiline:
        return " ".join(value.split())
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def count_links(value):
    return len(LINK.findall(value or ""))
