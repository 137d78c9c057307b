# The app's model registry. Models register in the order of these imports, which gives their
# content types their ids on a fresh database: keep it, hence no import sorting here.
# isort: off
from .communes import CommuneIndexPage
from home.opendata.models import OpenDataPage
from .pages import BasePage, HomePage, StandardPage
from .snippets import Commune, Organisation
from home.strategy.models import (
    ActionPage,
    ActionPageTag,
    FundingSource,
    Status,
    StrategyIndexPage,
    StrategyPage,
    StrategySectionPage,
    Theme,
)
from home.strategy.tracker import ActionLineage, StatusEntry
from .territory import TerritorySettings
from .keywords import Keyword
from home.strategy.money import BudgetLine

# isort: on

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
    "StatusEntry",
    "ActionLineage",
    "BudgetLine",
    "CommuneIndexPage",
    "OpenDataPage",
    "Keyword",
]
