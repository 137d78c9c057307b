"""Places of the tourism directory, for tests."""

import re

from tests.builders import publish
from tourism.models import PlacePage
from tourism.open_now import HOURS


def add_place(index, title, kind, commune=None, latitude=None, longitude=None, tags=(), revision=True, **values):
    place = PlacePage(
        title=title,
        slug=values.pop("slug", None) or re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        locale=index.locale,
        kind=kind,
        commune=commune,
        latitude=latitude,
        longitude=longitude,
        **values,
    )
    index.add_child(instance=place)
    if tags:
        place.tags.set(list(tags))
        place.save()
    if revision:
        return publish(place)
    # Live without a revision (as the bench builds its tree): visitors are served the page
    # itself, and its "open now" rows are built as publishing would.
    HOURS.rebuild(place)
    return place
