"""A timetable version in a coordinator's words: how many classes have an ALT, how long the ALTs travel,
and how it compares with the best timetable possible. The solver's own numbers (its score, the proven
bound, how it searched) stay on the page under "Details for specialists", never in these sentences."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kakehashi.timetable.instance import Status
from kakehashi.web.timetables.analysis import version_analysis
from kakehashi.web.timetables.door import version_cycle_weeks
from kakehashi.web.timetables.models import TimetableVersion


@dataclass(frozen=True)
class WeekSummary:
    classes: int
    classes_with_alt: int
    lessons: int
    lessons_with_alt: int
    travel_minutes: int
    proven_best: bool
    # The score as a share of the proven bound: no timetable can do better than score / share. None when
    # no bound was proven (a hand-edited week, or a rotation of several weeks).
    share_of_best: float | None
    rotation: bool = False  # a rotation of several weeks: no bound is claimed
    # The figures are of the whole rotation (`rotation_summary`): classes seen in any of its weeks, travel a
    # week on average. 0: one week's figures.
    rotation_weeks: int = 0


def week_summary(version: TimetableVersion, cycle_week: int = 1) -> WeekSummary:
    analysis = version_analysis(version, cycle_week)
    score = analysis["explanation"].score
    objective = analysis["objective"]
    bound = version.bound
    share = None
    if bound and bound > 0 and objective is not None:
        share = max(0.0, min(1.0, objective / bound))
    return WeekSummary(
        classes=analysis["classes"],
        classes_with_alt=analysis["classes_with_alt"],
        lessons=analysis["lessons"],
        lessons_with_alt=analysis["covered"],
        travel_minutes=sum(score.travel_minutes_by_alt.values()),
        proven_best=version.solver_status == Status.OPTIMAL.value,
        share_of_best=share,
        rotation=version_cycle_weeks(version) > 1,
    )


def rotation_summary(version: TimetableVersion) -> WeekSummary:
    """The whole timetable in force in one summary: for a rotation, a class counts as having an ALT when it has
    one in any of the rotation's weeks (a class seen every other week is seen), lessons add up over the weeks,
    and travel is a week's on average. A timetable of one week is its week's summary."""
    weeks = version_cycle_weeks(version)
    if weeks == 1:
        return week_summary(version)
    classes: set[tuple[str, str]] = set()
    seen: set[tuple[str, str]] = set()
    for week in range(1, weeks + 1):
        analysis = version_analysis(version, week)
        held = {(x.school, x.homeroom) for x in analysis["lesson_names"].values()}
        without = {(u.school, u.homeroom) for u, _name in analysis["uncovered"]}
        classes |= held
        seen |= held - without
    each = [week_summary(version, week) for week in range(1, weeks + 1)]
    return WeekSummary(
        classes=len(classes),
        classes_with_alt=len(seen),
        lessons=sum(w.lessons for w in each),
        lessons_with_alt=sum(w.lessons_with_alt for w in each),
        travel_minutes=round(sum(w.travel_minutes for w in each) / weeks),
        proven_best=each[0].proven_best,
        share_of_best=None,
        rotation=True,
        rotation_weeks=weeks,
    )


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def classes_sentence(summary: WeekSummary) -> str:
    if summary.rotation_weeks:
        return _("Classes with an ALT over the %(weeks)s-week rotation: %(with_alt)s of %(all)s.") % {
            "weeks": summary.rotation_weeks,
            "with_alt": _number(summary.classes_with_alt),
            "all": _number(summary.classes),
        }
    return _("Classes with an ALT: %(with_alt)s of %(all)s.") % {
        "with_alt": _number(summary.classes_with_alt),
        "all": _number(summary.classes),
    }


def travel_sentence(summary: WeekSummary) -> str:
    hours = round(summary.travel_minutes / 60)
    if summary.travel_minutes and hours == 0:
        return _("Travel between home and schools: less than an hour a week for all ALTs together.")
    return ngettext(
        "Travel between home and schools: about %(hours)s hour a week for all ALTs together.",
        "Travel between home and schools: about %(hours)s hours a week for all ALTs together.",
        hours,
    ) % {"hours": _number(hours)}


def best_sentence(summary: WeekSummary) -> str:
    if summary.proven_best:
        return _("No better timetable is possible: this one is proven the best.")
    if summary.share_of_best is None and summary.rotation:
        return _("Not compared with the best timetable possible (none is proven for a rotation of several weeks).")
    if summary.share_of_best is None:
        return _("Not compared with the best timetable possible (it was edited by hand).")
    percent = int(summary.share_of_best * 100)  # rounded down: "at least" must stay true
    return _("At least %(percent)s%% as good as the best timetable possible.") % {"percent": percent}


def summary_sentences(version: TimetableVersion, cycle_week: int = 0) -> list[str]:
    """The version in three sentences: of its week `cycle_week` of a rotation, or (0) of the whole rotation."""
    summary = week_summary(version, cycle_week) if cycle_week else rotation_summary(version)
    return [classes_sentence(summary), travel_sentence(summary), best_sentence(summary)]


def score_parts(terms: dict[str, int], total: int) -> list[tuple[str, int]]:
    """The score part by part, each part named in words (the spec's term names are for the file format)."""
    labels = {
        "coverage": _("points for ALT lessons, spread over classes"),
        "travel_cost": _("minus points for travel"),
        "shortfall_cost": _("minus points for ALTs below their fewest lessons"),
        "extra_alt_cost": _("minus points for a second ALT at a school"),
    }
    return [(labels.get(term, term), value) for term, value in terms.items()] + [(_("score"), total)]
