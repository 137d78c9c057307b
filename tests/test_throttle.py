"""Who is asking and how often: the visitor's address behind the proxy, django-axes on the admin's
sign-in (SEC-04), the password reset form's allowance, and the Permissions-Policy header."""

import datetime as dt

import pytest
from axes.models import AccessAttempt

from django.contrib.auth import get_user_model
from django.db.models import F
from django.test import Client, RequestFactory

from home.throttle import client_ip

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"  # noqa: S105 (a test account)


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


# -- client address -----------------------------------------------------------------------------


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.HUB_TRUSTED_PROXY_HOPS = 0
    assert client_ip(request_from("203.0.113.7", "1.2.3.4")) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_appended_counts_not_the_one_the_client_wrote(settings):
    settings.HUB_TRUSTED_PROXY_HOPS = 1
    # nginx's $proxy_add_x_forwarded_for: what the client sent, then the address nginx saw.
    assert client_ip(request_from("127.0.0.1", "1.2.3.4, 198.51.100.20")) == "198.51.100.20"
    assert client_ip(request_from("127.0.0.1", "198.51.100.21")) == "198.51.100.21"


def test_behind_two_proxies_the_second_address_from_the_right_counts(settings):
    settings.HUB_TRUSTED_PROXY_HOPS = 2
    assert client_ip(request_from("127.0.0.1", "1.2.3.4, 198.51.100.20, 10.0.0.2")) == "198.51.100.20"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "1.2.3.4, 999.1.1.1", "1.2.3.4, \x00"])
def test_a_missing_or_invalid_forwarded_address_falls_back_to_the_connection(settings, forwarded):
    settings.HUB_TRUSTED_PROXY_HOPS = 1
    assert client_ip(request_from("127.0.0.1", forwarded)) == "127.0.0.1"


@pytest.mark.django_db
def test_the_proposal_rate_limit_counts_the_real_client_behind_the_proxy(moderated, settings):
    """A spoofed first address neither escapes the limit nor lumps everyone together."""
    settings.HUB_TRUSTED_PROXY_HOPS = 1
    settings.HUB_PROPOSAL_RATE_PER_HOUR = 2

    def propose(real, spoofed, n):
        data = moderated.data(title=f"Atelier de réparation {n}")
        forwarded = f"{spoofed}, {real}"  # as nginx passes on what the client wrote
        return Client().post(moderated.form_url(), data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    statuses = [propose("198.51.100.20", f"1.2.3.{n}", n).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert propose("198.51.100.30", "1.2.3.4", 4).status_code == 302  # another visitor, her own allowance


# -- admin sign-in (django-axes) ----------------------------------------------------------------


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("editrice", "editrice@example.org", PASSWORD, is_superuser=True)


def sign_in(ip, password, username="editrice", language="fr"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_wrong_passwords_lock_that_username_from_that_address_with_a_clear_answer(editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in("198.51.100.20", "wrong").status_code == 200  # the form, with its error
    locked = sign_in("198.51.100.20", "wrong")
    assert locked.status_code == 429
    assert "Trop de tentatives de connexion échouées" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    # Even the right password is refused from there, in the visitor's language.
    refused = sign_in("198.51.100.20", PASSWORD, language="en")
    assert refused.status_code == 429
    assert "Too many failed sign-in attempts" in refused.content.decode()


@pytest.mark.django_db
def test_the_right_password_works_from_another_address_and_another_username_from_the_same(editor, settings):
    get_user_model().objects.create_user("collegue", "collegue@example.org", PASSWORD, is_superuser=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in("198.51.100.20", "wrong")
    assert sign_in("198.51.100.20", PASSWORD).status_code == 429
    assert sign_in("198.51.100.99", PASSWORD).status_code == 302
    assert sign_in("198.51.100.20", PASSWORD, username="collegue").status_code == 302


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off(editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in("198.51.100.20", "wrong")
    assert sign_in("198.51.100.20", PASSWORD).status_code == 429
    # The cool-off passes: the failures django-axes stored are moved back in time by that much.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1))
    assert sign_in("198.51.100.20", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_spoofed_forwarded_address_does_not_escape_the_lockout_behind_the_proxy(editor, settings):
    settings.HUB_TRUSTED_PROXY_HOPS = 1
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(
            LOGIN,
            {"username": "editrice", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{attempt}, 198.51.100.20",
        )
    assert response.status_code == 429


# -- password reset -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_password_reset_form_is_limited_per_address(editor, settings, fresh_cache):
    settings.HUB_PASSWORD_RESET_RATE_PER_HOUR = 2
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    url = "/admin/password_reset/"
    data = {"email": "editrice@example.org"}
    statuses = [client.post(url, data, REMOTE_ADDR="198.51.100.20").status_code for _n in range(3)]
    assert statuses == [302, 302, 429]
    refused = client.post(url, data, REMOTE_ADDR="198.51.100.20")
    assert "Too many requests from your connection" in refused.content.decode()
    assert client.get(url, REMOTE_ADDR="198.51.100.20").status_code == 200  # the form still shows
    assert client.post(url, data, REMOTE_ADDR="198.51.100.30").status_code == 302


# -- Permissions-Policy -------------------------------------------------------------------------


@pytest.mark.django_db
def test_html_pages_refuse_the_camera_microphone_and_position(site, client):
    policy = client.get("/fr/")["Permissions-Policy"]
    for feature in ("geolocation=()", "camera=()", "microphone=()", "payment=()", "usb=()"):
        assert feature in policy
    assert "clipboard-write" not in policy  # "copy the address" still works
    assert "Permissions-Policy" not in client.get("/robots.txt")
