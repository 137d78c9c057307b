"""The public form holds up against spam and hostile input, with no third-party service
(MOD-06, MOD-08, MOD-10): one test per rule."""

import io
import struct
import zlib

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import EventPage, Submission
from tests.contribution_builders import aged_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def nothing_stored():
    return not Submission.objects.exists() and not EventPage.objects.exists()


def errors_of(response):
    return response.context["form"].errors


def test_a_filled_honeypot_is_dropped_silently(client, moderated):
    response = moderated.propose(client, homepage="https://spam.example")
    assert response.status_code == 302  # the robot is told all went well
    assert nothing_stored()


def test_a_form_sent_within_three_seconds_is_refused_with_everything_kept(client, moderated):
    response = moderated.propose(client, token=aged_token(seconds=1))
    assert response.status_code == 200 and nothing_stored()
    page = response.content.decode()
    assert "trop rapidement" in page
    assert 'value="Repair café de printemps"' in page  # what was typed is still there
    assert response.context["form"]["token"].value() != aged_token(1)  # a fresh token to resend


def test_an_expired_or_forged_token_is_refused(client, moderated):
    assert moderated.propose(client, token=aged_token(seconds=2 * 24 * 3600)).status_code == 200
    assert moderated.propose(client, token="forged:token").status_code == 200
    assert nothing_stored()


def test_the_sixth_post_in_an_hour_from_one_address_gets_a_bilingual_429(client, moderated):
    for number in range(5):
        response = moderated.propose(client, title=f"Atelier numéro {number}")
        assert response.status_code == 302
    blocked = moderated.propose(client, title="Atelier de trop")
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "3600"
    page = blocked.content.decode()
    assert "Too many proposals" in page or "Trop de propositions" in page
    assert Submission.objects.count() == 5
    # Another address is not affected.
    assert moderated.propose(client, ip="198.51.100.7", title="Autre atelier").status_code == 302


@pytest.mark.parametrize(
    "field, limit",
    [("title", 120), ("description", 4000), ("venue_name", 200), ("address", 300), ("contact_name", 120)],
)
def test_length_limits(client, moderated, field, limit):
    response = moderated.propose(client, **{field: "x" * (limit + 1)})
    assert field in errors_of(response) and nothing_stored()


def test_links_in_the_description_are_capped(client, moderated):
    links = " ".join(f"https://example.org/{n}" for n in range(4))
    response = moderated.propose(client, description=f"Voir {links}")
    assert "description" in errors_of(response) and nothing_stored()
    assert moderated.propose(client, description="Voir https://example.org/a et www.example.org").status_code == 302


def test_events_entirely_in_the_past_are_refused(client, moderated):
    response = moderated.propose(client, start_date="2020-05-02")
    assert "start_date" in errors_of(response)
    response = moderated.propose(client, start_date="2020-05-02", repeat="weekly", repeat_until="2021-05-02")
    assert "repeat_until" in errors_of(response)
    assert nothing_stored()


def test_a_duplicate_of_a_pending_proposal_is_pointed_out(client, moderated):
    assert moderated.propose(client).status_code == 302
    again = moderated.propose(client, ip="198.51.100.8", title="  repair CAFÉ de printemps ")
    assert again.status_code == 200
    assert "déjà été proposé" in again.content.decode()
    assert Submission.objects.count() == 1


def test_the_same_form_posted_twice_is_stored_once(client, moderated):
    token = aged_token()
    assert moderated.propose(client, token=token).status_code == 302
    assert moderated.propose(client, token=token).status_code == 302
    assert Submission.objects.count() == 1 and EventPage.objects.count() == 1


# -- images (MOD-08, MOD-10) --------------------------------------------------------------------


def image_file(name="photo.jpg", size=(800, 600), kind="JPEG", exif=None):
    buffer = io.BytesIO()
    picture = Image.new("RGB", size, (200, 120, 40))
    options = {"exif": exif} if exif is not None else {}
    picture.save(buffer, kind, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


def decompression_bomb():
    """A PNG that says it is 30,000 × 30,000 pixels in a few hundred bytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1000)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    return SimpleUploadedFile("bomb.png", png, content_type="image/png")


def noisy_png(size):
    import os

    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG", compress_level=0)
    return SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(lambda: noisy_png((1600, 1200)), id="over 5 MB"),
        pytest.param(lambda: image_file("wide.png", (4001, 10), "PNG"), id="over 4000 px"),
        pytest.param(decompression_bomb, id="decompression bomb"),
        pytest.param(lambda: image_file("anim.gif", (10, 10), "GIF"), id="gif"),
        pytest.param(
            lambda: SimpleUploadedFile("logo.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'), id="svg as jpg"
        ),
        pytest.param(lambda: SimpleUploadedFile("page.jpg", b"<html><script>alert(1)</script></html>"), id="html"),
        pytest.param(lambda: image_file("photo.png", kind="JPEG"), id="extension not matching"),
    ],
)
def test_unsafe_images_are_refused_with_a_message(client, moderated, upload):
    response = moderated.propose(client, image=upload())
    assert response.status_code == 200
    assert errors_of(response)["image"]
    assert nothing_stored()


def test_a_stored_image_keeps_no_gps_position(client, moderated):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (50.0, 14.0, 0.0), 3: "E", 4: (3.0, 48.0, 0.0)}  # GPS
    upload = image_file(exif=exif.tobytes())
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif()
    upload.seek(0)
    assert moderated.propose(client, image=upload).status_code == 200  # the image is not described
    upload.seek(0)
    response = moderated.propose(client, image=upload, image_description="L'affiche du repair café")
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.image.collection.name == "Contributions" and event.image_alt == "L'affiche du repair café"
    with event.image.open_file() as stored, Image.open(stored) as picture:
        assert not picture.getexif()
        assert picture.size == (800, 600)
