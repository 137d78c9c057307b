"""Fetching an association's calendar from the address it gave, without trusting that address.

The address is typed by a volunteer, so the fetch must not become a way into the server's own
network (SSRF): the host is resolved, **every** address it resolves to must be public (not
private, loopback, link-local, multicast or reserved), and the connection is made to the address
that was checked, never resolved a second time (a name that answers a public address to the check
and 127.0.0.1 to the connection gains nothing). Redirects are followed by hand, five at most, and
each new address is checked the same way. ``HUB_INGEST_ALLOWED_NETWORKS`` lists the networks
allowed anyway (none in production; the tests serve calendars from 127.0.0.1).

The request is conditional (``If-None-Match``, ``If-Modified-Since``): an unchanged calendar
costs a 304. The answer is read up to ``HUB_INGEST_MAX_BYTES`` and within
``HUB_INGEST_TIMEOUT_SECONDS`` in all (a server that trickles one byte a second is cut off too).
Every failure is a ``FetchError`` whose message is shown to the association.
"""

import dataclasses
import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "hub-agenda/1.0 (calendar import; +https://www.rfc-editor.org/rfc/rfc5545)"


class FetchError(Exception):
    """The calendar could not be fetched; the message says why, for the association."""


@dataclasses.dataclass
class Fetched:
    status: int  # 200, or 304 when the calendar has not changed
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""
    url: str = ""  # after redirects


def check_url(url):
    """Raise ``ValidationError`` unless ``url`` is an http(s) address Django's validator accepts.
    ``webcal://`` (what calendar apps offer to copy) is read as https."""
    url = normalise(url)
    URLValidator(schemes=["http", "https"])(url)
    return url


def normalise(url):
    url = (url or "").strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    return url


def _allowed_networks():
    return [ipaddress.ip_network(item, strict=False) for item in settings.HUB_INGEST_ALLOWED_NETWORKS]


def public_addresses(host, port):
    """The addresses ``host`` resolves to, all checked; ``FetchError`` if any is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        message = _("The server name %(host)s is unknown (%(error)s).") % {"host": host, "error": error}
        raise FetchError(message) from None
    allowed = _allowed_networks()
    addresses = []
    for family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if not address.is_global and not any(address in network for network in allowed):
            raise FetchError(
                _("%(host)s is a private or local address (%(address)s): only public calendars can be read.")
                % {"host": host, "address": address}
            )
        addresses.append((family, sockaddr))
    if not addresses:
        raise FetchError(_("The server name %(host)s is unknown.") % {"host": host})
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address already checked (the Host header keeps the name)."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        family, sockaddr = self._address
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(sockaddr)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        family, sockaddr = self._address
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(sockaddr)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(url, etag="", last_modified="", *, timeout=None, max_bytes=None):
    """GET the calendar at ``url`` (see the module); raise ``FetchError`` on any failure."""
    timeout = timeout if timeout is not None else settings.HUB_INGEST_TIMEOUT_SECONDS
    max_bytes = max_bytes if max_bytes is not None else settings.HUB_INGEST_MAX_BYTES
    deadline = time.monotonic() + timeout
    try:
        url = check_url(url)
    except ValidationError:
        raise FetchError(_("The address of the calendar is not a valid http or https address.")) from None
    for _redirect in range(MAX_REDIRECTS + 1):
        response, connection = _request(url, etag, last_modified, deadline)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchError(_("The server answered a redirect without an address."))
                url = normalise(urljoin(url, location))
                try:
                    URLValidator(schemes=["http", "https"])(url)
                except ValidationError:
                    raise FetchError(_("The server redirected to an address that cannot be read.")) from None
                continue
            if response.status == 304:
                return Fetched(304, etag=etag, last_modified=last_modified, url=url)
            if response.status != 200:
                raise FetchError(
                    _("The server answered %(status)s %(reason)s.")
                    % {"status": response.status, "reason": response.reason}
                )
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(_too_big(max_bytes))
            body = _read(response, max_bytes, deadline, connection)
            return Fetched(
                200,
                body=body,
                etag=response.getheader("ETag") or "",
                last_modified=response.getheader("Last-Modified") or "",
                url=url,
            )
        finally:
            connection.close()
    raise FetchError(_("The server redirected more than %(count)s times.") % {"count": MAX_REDIRECTS})


def _request(url, etag, last_modified, deadline):
    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    host = parts.hostname
    address = public_addresses(host, port)[0]
    connection_class = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
    connection = connection_class(host, port, address, timeout=_remaining(deadline))
    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5", "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("GET", path, headers=headers)
        return connection.getresponse(), connection
    except TimeoutError:
        connection.close()
        raise FetchError(_timed_out()) from None
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        raise FetchError(_("The server could not be reached (%(error)s).") % {"error": error}) from None


def _read(response, max_bytes, deadline, connection):
    chunks = []
    size = 0
    try:
        while True:
            if connection.sock is not None:
                connection.sock.settimeout(_remaining(deadline))
            chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(_too_big(max_bytes))
            chunks.append(chunk)
    except TimeoutError:
        raise FetchError(_timed_out()) from None
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(_("The calendar could not be read to the end (%(error)s).") % {"error": error}) from None
    return b"".join(chunks)


def _remaining(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(_timed_out())
    return left


def _too_big(max_bytes):
    size = round(max_bytes / 1024 / 1024, 1)
    return _("The calendar is larger than %(size)s MB: it was not read.") % {
        "size": number_format(int(size) if size == int(size) else size)
    }


def _timed_out():
    return _("The server did not send the calendar in time.")
