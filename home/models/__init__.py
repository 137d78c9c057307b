from .communes import CommuneIndexPage
from .open_data import OpenDataPage
from .pages import BasePage, HomePage, StandardPage
from .snippets import Commune, Organisation
from .strategy import (
    ActionPage,
    ActionPageTag,
    FundingSource,
    Status,
    StrategyIndexPage,
    StrategyPage,
    StrategySectionPage,
    Theme,
)
from .territory import TerritorySettings

__all__ = [
    "BasePage",
    "HomePage",
    "StandardPage",
    "Commune",
    "Organisation",
    "TerritorySettings",
    "StrategyIndexPage",
    "StrategyPage",
    "StrategySectionPage",
    "ActionPage",
    "ActionPageTag",
    "Theme",
    "FundingSource",
    "Status",
    "CommuneIndexPage",
    "OpenDataPage",
]
