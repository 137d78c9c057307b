from .kinds import PlaceKind
from .places import PlaceIndexPage, PlacePage, PlacePageTag
from .trails import TrailPage

__all__ = ["PlaceKind", "PlaceIndexPage", "PlacePage", "PlacePageTag", "TrailPage"]
