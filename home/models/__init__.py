from .pages import BasePage, HomePage, StandardPage
from .snippets import Commune, Organisation
from .territory import TerritorySettings

__all__ = ["BasePage", "HomePage", "StandardPage", "Commune", "Organisation", "TerritorySettings"]
