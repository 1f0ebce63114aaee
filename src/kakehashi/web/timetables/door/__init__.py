"""The one door between the database and the timetable core.

Every web app that needs the week, a stored timetable or its dated plan hands and takes core objects
(`Instance`, `Solution`, `DatedPlan`) through here, never rows: the database's shape is known to this
package alone, so a reader cannot rebuild a day differently from the next one.

- `week`: a program's week as the `kakehashi/week@1` document and as a core Instance (database → core), and a
  program's rotation (`cycle_document`, `program_cycle`: `kakehashi/cycle@1`, a core Cycle).
- `week_import`: a week@1 document loaded into a program's rows (core → database).
- `versions`: a stored version as its own week and a core Solution, the one writer of version rows
  (solve, hand edits), an ALT's or a school's part of a version, and the dated plan of a version; for a
  rotation, its weeks one at a time or whole, and which rotation week a date falls in.
"""

from kakehashi.web.timetables.door.versions import (
    PartOfWeek,
    rotation_week_a,
    rotation_week_of,
    version_alt_part,
    version_create,
    version_cycle,
    version_cycle_solution,
    version_cycle_weeks,
    version_dated_plan,
    version_instance,
    version_rows_replace,
    version_school_part,
    version_solution,
    version_week_of,
    version_whole,
)
from kakehashi.web.timetables.door.week import (
    cycle_document,
    program_cycle,
    program_cycle_json,
    program_document,
    rotation_days,
    rotation_weeks,
    week_document,
    week_instance,
    week_instance_json,
)
from kakehashi.web.timetables.door.week_import import week_import

__all__ = [
    "PartOfWeek",
    "cycle_document",
    "program_cycle",
    "program_cycle_json",
    "program_document",
    "rotation_days",
    "rotation_week_a",
    "rotation_week_of",
    "rotation_weeks",
    "version_alt_part",
    "version_create",
    "version_cycle",
    "version_cycle_solution",
    "version_cycle_weeks",
    "version_dated_plan",
    "version_instance",
    "version_rows_replace",
    "version_school_part",
    "version_solution",
    "version_week_of",
    "version_whole",
    "week_document",
    "week_import",
    "week_instance",
    "week_instance_json",
]
