"""Date and time formats per language (FORMAT_MODULE_PATH), in front of Django's own.

Only what differs from Django's formats is set here. ``WEEKDAY_DATE_FORMAT`` is ours: a
date with its weekday, in the order the language writes it (see ``qiao.core.times``).
"""
