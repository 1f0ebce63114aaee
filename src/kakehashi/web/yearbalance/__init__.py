"""Balance the year: the published week laid over the school year and re-balanced so that every school gets its
annual contracted ALT-days (schoolyear/yearplan), reviewed by the coordinator and published as dated changes
that My week, the iCal feed and the schools' pages apply."""
