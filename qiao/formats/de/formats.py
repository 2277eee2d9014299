# German: Django's formats ("7. Dezember 2026 11:00"), plus the weekday heading.
WEEKDAY_DATE_FORMAT = "l, j. F Y"  # Sonntag, 13. Dezember 2026
