"""The territory's wall-clock time.

Opening hours, "open now" and "today" are Paris times whatever the server's time zone: the two
daylight-saving changes need no special case once an instant is converted with ``PARIS``.
"""

from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
