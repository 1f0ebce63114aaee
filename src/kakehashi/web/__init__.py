"""The Django project: pages, imports and the data model around the pure core (`kakehashi.timetable`)."""
