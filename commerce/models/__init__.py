from .categories import MerchantCategory, MerchantLabel
from .hours import HoursPeriod, HoursSlot
from .pages import MerchantIndexPage, MerchantPage, MerchantPageTag

__all__ = [
    "MerchantCategory",
    "MerchantLabel",
    "MerchantIndexPage",
    "MerchantPage",
    "MerchantPageTag",
    "HoursPeriod",
    "HoursSlot",
]
