"""The pages each role opens for its main tasks, shared by the browser layout tests and the one-language test:
paths with {alt}, {school}, {alt_school} (a school the ALT visits), {program}, {board} and {cycle} to fill in.
Roles by `Side.users` key: the ALT (participant), the coordinator, the board's manager (supervisor), the
school's JTE or principal (school_staff) and an applicant."""

from __future__ import annotations

WEEK = "2026-12-07"  # an ordinary school week: no holiday, no vacation, no event
MONTH = "2026-11"

ROLE_PAGES = {
    "participant": [
        "/",
        f"/people/{{alt}}/?week={WEEK}",
        f"/schools/{{alt_school}}/?week={WEEK}",
        "/leave/",
        "/leave/notices/",
        "/duties/report/",
        "/year/people/{alt}/",
        "/accounts/password/",
    ],
    "coordinator": [
        "/",
        "/programs/{program}/",
        "/people/{alt}/week-edit/",
        "/schools/",
        f"/schools/{{school}}/?week={WEEK}",
        "/people/",
        "/leave/programs/{program}/",
        "/leave/programs/{program}/fill-rate/",
        "/leave/requests/",
        "/leave/absences/",
        "/duties/reports/",
        "/inbox/",
        f"/duties/schools/{{school}}/monthly/?month={MONTH}",
        f"/duties/boards/{{board}}/monthly/?month={MONTH}",
        "/year/boards/{board}/events/",
        "/recruit/programs/{program}/cycles/",
        "/recruit/{cycle}/",
    ],
    "supervisor": [
        "/",
        "/schools/",
        f"/schools/{{school}}/?week={WEEK}",
        "/people/",
        f"/duties/boards/{{board}}/monthly/?month={MONTH}",
        "/year/boards/{board}/events/",
    ],
    "school_staff": [
        "/",
        f"/schools/{{school}}/?week={WEEK}",
        "/schools/{school}/requests/",
        f"/duties/schools/{{school}}/monthly/?month={MONTH}",
        "/year/schools/{school}/events/",
        "/year/schools/{school}/",
    ],
    "applicant": ["/", "/recruit/", "/recruit/{cycle}/", "/recruit/{cycle}/apply/", "/recruit/mine/"],
}
