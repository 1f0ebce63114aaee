"""Pages that show several domain apps at once (docs/architecture.md): above leave, timetables and calendars,
below the site. The directory's own apps (people, schools, organizations) stay in the shared base, which every
domain app builds on; their pages, which use those domain apps, live here. Templates stay with the app whose
objects they show (people/templates/people/...), so template names did not change."""
