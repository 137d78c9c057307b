"""Where a place is: the shared location fields now live in ``home.models.location`` (DESIGN.md,
"Location"); re-exported here so existing imports keep working."""

from home.models.location import FRANCE_BOUNDS, LocationMixin, check_coordinates

__all__ = ["FRANCE_BOUNDS", "LocationMixin", "check_coordinates"]
