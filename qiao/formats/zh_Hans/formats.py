# Chinese order: year, month, day, then the weekday.
DATE_FORMAT = "Y年n月j日 l"  # 2026年12月13日 星期日
TIME_FORMAT = "H:i"  # 18:00
DATETIME_FORMAT = "Y年n月j日 l H:i"  # 2026年12月13日 星期日 18:00
YEAR_MONTH_FORMAT = "Y年n月"  # 2026年12月
MONTH_DAY_FORMAT = "n月j日"  # 12月13日
SHORT_DATE_FORMAT = "Y年n月j日"  # 2026年12月13日
SHORT_DATETIME_FORMAT = "Y年n月j日 H:i"  # 2026年12月13日 18:00
WEEKDAY_DATE_FORMAT = "Y年n月j日 l"  # 2026年12月13日 星期日
