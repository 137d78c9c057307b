"""Media on S3-compatible object storage (django-storages), against a local S3 server (moto's
server mode, on the loopback, started by the test): what an editor uploads through Wagtail is
in the bucket, and the address the page gives is where a browser reads it back."""

import io
import json
import urllib.error
import urllib.request

import boto3
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Collection

BUCKET = "hub-media"
PUBLIC_IMAGES = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": [f"arn:aws:s3:::{BUCKET}/images/*", f"arn:aws:s3:::{BUCKET}/original_images/*"],
        }
    ],
}


@pytest.fixture
def s3_server(monkeypatch):
    # moto accepts any credentials; none of the machine's own may leak into the test.
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    # As the README asks of the real bucket: images readable by anyone, nothing else.
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_IMAGES))
    yield endpoint
    server.stop()


@pytest.fixture
def s3_media(settings, s3_server):
    """The default storage as production sets it up when AWS_STORAGE_BUCKET_NAME is set."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = s3_server
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_QUERYSTRING_AUTH = False
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_S3_FILE_OVERWRITE = False
    return s3_server


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_image_uploaded_through_wagtail_is_read_back_from_the_bucket(client, s3_media, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    data = png_bytes()
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Beffroi",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("beffroi.png", data, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Beffroi")
    assert image.file.url.startswith(f"{s3_media}/{BUCKET}/original_images/")
    with urllib.request.urlopen(image.file.url, timeout=10) as answer:  # noqa: S310 (the local server)
        assert answer.read() == data
    # A rendition is made from the bucket's copy and stored beside it.
    rendition = image.get_rendition("width-20")
    assert rendition.url.startswith(f"{s3_media}/{BUCKET}/images/")
    with urllib.request.urlopen(rendition.url, timeout=10) as answer:  # noqa: S310
        assert PILImage.open(io.BytesIO(answer.read())).size == (20, 15)


@pytest.mark.django_db
def test_other_files_in_the_bucket_are_not_public(s3_media):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("documents/compte-rendu.txt", ContentFile(b"interne"))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(default_storage.url(name), timeout=10)  # noqa: S310
    assert refused.value.code == 403
    assert default_storage.open(name).read() == b"interne"  # the site itself reads it
