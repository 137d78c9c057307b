from .hours import PlaceHoursPeriod, PlaceHoursSlot
from .kinds import PlaceKind
from .places import PlaceIndexPage, PlacePage, PlacePageTag
from .trails import TrailPage

__all__ = [
    "PlaceHoursPeriod",
    "PlaceHoursSlot",
    "PlaceKind",
    "PlaceIndexPage",
    "PlacePage",
    "PlacePageTag",
    "TrailPage",
]
