# English for an international audience: day, month name, year, and a 24-hour clock,
# never the US order 12/07/2026, which a reader outside the US takes for 12 July.
DATE_FORMAT = "j M Y"  # 7 Dec 2026
TIME_FORMAT = "H:i"  # 17:00
DATETIME_FORMAT = "j M Y, H:i"  # 7 Dec 2026, 17:00
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 7 December
SHORT_DATE_FORMAT = "j M Y"  # 7 Dec 2026
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 7 Dec 2026, 17:00
WEEKDAY_DATE_FORMAT = "l, j M Y"  # Sunday, 13 Dec 2026
