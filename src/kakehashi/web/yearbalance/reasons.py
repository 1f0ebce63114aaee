"""The reason a visit the year balance drops gives in the dated plan: in both languages, like the core's own
reasons; calendars/words.py words it for the reader. Its own module, free of imports, for that reason."""

BALANCED_AWAY = "year balance / 年間調整"
