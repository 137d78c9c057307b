"""An association's calendar as calendar servers publish it, and a real HTTP server on the loopback
that serves it (with ETag and Last-Modified, 304s, redirects, trickling and oversized answers)."""

import contextlib
import datetime as dt
import hashlib
import http.server
import threading

from django.utils import timezone

CRLF = "\r\n"

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


def next_weekday(weekday, weeks=1):
    """The given weekday (0 = Monday) at least a week ahead, in Paris."""
    today = timezone.localdate()
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)


def stamp(day, hour=0, minute=0):
    return f"{day:%Y%m%d}T{hour:02d}{minute:02d}00"


def vevent(uid, summary, start, end=None, *extra, tz=True):
    """One VEVENT; ``start``/``end`` are "YYYYMMDDTHHMMSS" (Paris time) or dates (all-day)."""
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T090000Z"]
    if summary is not None:
        lines.append(f"SUMMARY:{summary}")
    if isinstance(start, dt.date):
        lines.append(f"DTSTART;VALUE=DATE:{start:%Y%m%d}")
        if end:
            lines.append(f"DTEND;VALUE=DATE:{end:%Y%m%d}")
    elif start:
        lines.append(f"DTSTART;TZID=Europe/Paris:{start}" if tz else f"DTSTART:{start}")
        if end:
            lines.append(f"DTEND;TZID=Europe/Paris:{end}" if tz else f"DTEND:{end}")
    lines += list(extra)
    lines.append("END:VEVENT")
    return CRLF.join(lines)


def calendar(*events):
    body = CRLF.join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Nextcloud calendar v1.5.0//EN",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:Collectif Parasites",
            VTIMEZONE,
            *events,
            "END:VCALENDAR",
        ]
    )
    return (body + CRLF).encode()


class Route:
    """What the server answers at one path."""

    def __init__(self, body=b"", status=200, delay=0.0, location="", length=True, content_type="text/calendar"):
        self.body = body
        self.status = status
        self.delay = delay  # seconds before the body is sent
        self.location = location
        self.length = length  # send Content-Length (False: read until the connection closes)
        self.content_type = content_type

    @property
    def etag(self):
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


class CalendarServer:
    """``routes``: path -> Route; ``requests``: (path, headers) of every request received."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        self.release = threading.Event()  # ends the slow answers at teardown
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self):  # noqa: N802 (http.server's hook name)
                outer.requests.append((self.path, dict(self.headers)))
                route = outer.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.location:
                    self.send_response(route.status)
                    self.send_header("Location", route.location)
                    self.end_headers()
                    return
                if route.status == 200 and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                if route.delay:
                    outer.release.wait(route.delay)
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("ETag", route.etag)
                self.send_header("Last-Modified", "Mon, 07 Dec 2026 06:00:00 GMT")
                if route.length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                with contextlib.suppress(OSError):  # the reader gave up (too big, too slow)
                    self.wfile.write(route.body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.port = self.server.server_address[1]

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"


@contextlib.contextmanager
def calendar_server():
    server = CalendarServer()
    thread = threading.Thread(target=server.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.server.shutdown()
        server.server.server_close()
