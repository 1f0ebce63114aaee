"""The year plan: a weekly or cycle timetable laid over the school year, then balanced with as few
moved visits as possible so that every school gets its annual contracted ALT-days (docs/year-plan.md)."""
