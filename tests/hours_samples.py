"""Opening hours that exercise every rule of "open now" (midnight, closed days, exceptions,
seasons every year and across the new year, overlapping dated periods), for the merchants' and
the places' tests."""

from tests.hours_builders import exception, period

# Bar: Tuesday to Saturday 11:00–14:00 and 18:00–01:00 (Friday and Saturday until 02:00),
# closed Sunday and Monday; Christmas Day closed; New Year's Eve open 20:00–04:00.
BAR = [
    period(([1, 2, 3, 4, 5], "11:00", "14:00"), ([1, 2, 3], "18:00", "01:00"), ([4, 5], "18:00", "02:00")),
    exception("2026-12-25"),
    exception("2026-12-31", closed=False, opens="20:00", closes="04:00", note="Réveillon"),
]
# Farm shop: usual week Wednesday and Saturday 09:00–12:00; a summer season (every year,
# 1 June to 31 August) Monday to Saturday 09:00–19:00; a winter season across the new year (every
# year, 15 December to 15 January) closed every day; closed for works on 3 to 5 March 2027.
FARM = [
    period(([2, 5], "09:00", "12:00")),
    period(([0, 1, 2, 3, 4, 5], "09:00", "19:00"), starts="2026-06-01", ends="2026-08-31", every_year=True),
    period(starts="2025-12-15", ends="2025-01-15", every_year=True, label="Trêve d'hiver"),
    exception("2027-03-03", "2027-03-05", note="Travaux"),
]
# Bakery: every day but Monday 06:30–13:00 and 15:30–19:30; a one-off dated period (not every
# year) for the 2026 summer holidays: only mornings; a second dated period overlapping it (the
# first one listed wins, as in OpeningHours.period_on).
BAKERY = [
    period(([1, 2, 3, 4, 5, 6], "06:30", "13:00"), ([1, 2, 3, 4, 5], "15:30", "19:30")),
    period(([1, 2, 3, 4, 5, 6], "07:00", "12:00"), starts="2026-07-20", ends="2026-08-10"),
    period(([0, 1, 2, 3, 4, 5, 6], "00:00", "23:00"), starts="2026-08-01", ends="2026-08-31"),
]
# Night shop: 22:00–06:00 every night but Sunday night, and a slot closing at midnight on Sunday.
NIGHT = [period(([0, 1, 2, 3, 4, 5], "22:00", "06:00"), ([6], "20:00", "00:00"))]

SAMPLES = {"bar": BAR, "farm": FARM, "bakery": BAKERY, "night": NIGHT}
