"""Who is asking, and how often: the visitor's address behind the reverse proxy, and counters in
the shared cache that refuse a request once an address has used its allowance.

Used by the proposal form (``events.contributions.antiabuse``), django-axes (``AXES_CLIENT_IP_CALLABLE``) and
the admin's password reset form, which django-axes does not cover (it watches sign-ins only).
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_ip(request):
    """The visitor's address, as a proxy we trust saw it.

    Without a proxy (``HUB_TRUSTED_PROXY_HOPS = 0``) it is ``REMOTE_ADDR``, and any
    ``X-Forwarded-For`` the client sends is ignored. Behind ``n`` proxies that each append the
    address they received the request from (nginx's ``$proxy_add_x_forwarded_for``), it is the
    ``n``-th address from the right of the header ``HUB_CLIENT_IP_HEADER`` names: the addresses
    further left were written by the client and prove nothing. A value that is not an IP address
    falls back to ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.HUB_TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = request.META.get(settings.HUB_CLIENT_IP_HEADER, "")
        chain = [address.strip() for address in forwarded.split(",") if address.strip()]
        if len(chain) >= hops and is_ip_address(chain[-hops]):
            return chain[-hops]
    return remote


def is_ip_address(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def hash_ip(ip):
    """A keyed hash of the address: enough to count and compare, useless to identify anyone."""
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


def over_limit(request, name, limit, seconds):
    """Count this request against the visitor's address under ``name``; True once more than
    ``limit`` were counted in the window of ``seconds`` that began with the first one."""
    key = f"throttle:{name}:{hash_ip(client_ip(request))}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=seconds)
        count = 1
    return count > limit


def throttled_post(view, name, limit_setting, seconds=3600):
    """``view`` with its POSTs limited per address (``limit_setting`` names the setting giving the
    allowance per ``seconds``); beyond it, the bilingual "too many attempts" page, status 429."""

    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and over_limit(request, name, getattr(settings, limit_setting), seconds):
            return render(request, "home/too_many_requests.html", status=429)
        return view(request, *args, **kwargs)

    return wrapped
