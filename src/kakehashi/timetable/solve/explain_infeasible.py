"""Why no timetable exists, in sentences that name the contract terms, schools and ALTs.

Two sources: `precheck` finds the obvious causes directly and cheaply (a fixed visit no rule allows,
a school minimum no ALT can reach, ...), before any model is built; `describe_conflict` words a set of
contract terms that CP-SAT proved cannot hold together (`TimetableModel.conflicting_terms`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from kakehashi.timetable.instance import Alt, Instance, School
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.variables import ContractTerm


def school_name(school: School) -> str:
    return f"{school.name} ({school.id})"


def alt_name(alt: Alt) -> str:
    return f"{alt.name} ({alt.id})"


def _and(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _with_days(alt: Alt, eligibility: Eligibility) -> str:
    days = eligibility.days(alt)
    return f"{alt_name(alt)} on {', '.join(days)}" if days else f"{alt_name(alt)} on no day"


def precheck(instance: Instance, eligibility: Eligibility) -> list[str]:
    """Sentences for every obvious reason the instance has no timetable; empty if none is obvious."""
    return [*_fixed_visits(instance, eligibility), *_fixed_counts(instance, eligibility),
            *_school_minimums(instance, eligibility)]


def why_closed(alt: Alt, school: School, eligibility: Eligibility) -> str | None:
    """Why rules 3 or 9 keep `alt` away from `school`, or None if they do not."""
    if school.level not in alt.levels:
        article = "an" if school.level[0] in "aeiou" else "a"
        return (f"{school.id} is {article} {school.level} school and {alt.id} teaches only at "
                f"{_and(list(alt.levels))} level")
    if alt.schools is not None and school.id not in alt.schools:
        return f"{school.id} is not among {alt.id}'s schools ({', '.join(alt.schools) or 'none'})"
    if (alt.id, school.id) in eligibility.instance.forbidden_pairs:
        return f"{alt.id} is forbidden at {school.id}"
    minutes = eligibility.travel.commute(alt, school.id)
    if minutes > alt.max_commute_minutes:
        return (f"{alt.id}'s commute to {school.id} takes {minutes} minutes, more than their "
                f"max_commute_minutes of {alt.max_commute_minutes}")
    return None


def _fixed_visits(instance: Instance, eligibility: Eligibility) -> Iterator[str]:
    for fixed in instance.fixed:
        alt, school = instance.alt_by_id[fixed.alt], instance.school_by_id[fixed.school]
        where = f"{alt_name(alt)} must be at {school_name(school)} on {fixed.day} (a fixed visit)"
        if fixed.day in alt.unavailable_days:
            yield f"{where}, but {fixed.day} is one of their unavailable_days."
        elif (reason := why_closed(alt, school, eligibility)) is not None:
            yield f"{where}, but {reason}."


def _fixed_counts(instance: Instance, eligibility: Eligibility) -> Iterator[str]:
    on_day: dict[tuple[str, str], list[str]] = defaultdict(list)
    at_school: dict[str, list[tuple[str, str]]] = defaultdict(list)
    schools_of: dict[str, set[str]] = defaultdict(set)
    for fixed in instance.fixed:
        on_day[(fixed.alt, fixed.day)].append(fixed.school)
        at_school[fixed.school].append((fixed.alt, fixed.day))
        schools_of[fixed.alt].add(fixed.school)
    for (alt_id, day), schools in on_day.items():
        alt = instance.alt_by_id[alt_id]
        if len(schools) > alt.max_schools_per_day:
            yield (f"{alt_name(alt)} has fixed visits at {len(schools)} schools on {day} ({_and(schools)}), more "
                   f"than their max_schools_per_day of {alt.max_schools_per_day}.")
        elif len(schools) == 2:
            first, second = schools
            if not (eligibility.order_fits(alt, day, first, second) or eligibility.order_fits(alt, day, second, first)):
                minutes = eligibility.travel.between(alt, first, second)
                yield (f"{alt_name(alt)} has fixed visits at both {first} and {second} on {day}, but a two-school "
                       f"day needs a lesson at each with time to travel between them ({minutes} minutes), and no "
                       f"lesson at one school ends early enough to reach a lesson at the other.")
            elif alt.max_classes_per_day < 2:
                yield (f"{alt_name(alt)} has fixed visits at both {first} and {second} on {day}, but a two-school "
                       f"day needs a lesson at each and their max_classes_per_day is {alt.max_classes_per_day}.")
    for school_id, alt_days in at_school.items():
        school = instance.school_by_id[school_id]
        if len(alt_days) > school.visit_days.max:
            yield (f"{school_name(school)} has {len(alt_days)} fixed ALT-days, more than its visit_days.max of "
                   f"{school.visit_days.max}.")
        alts = sorted({alt for alt, _ in alt_days})
        if len(alts) > school.max_alts:
            yield (f"{school_name(school)} has fixed visits from {len(alts)} ALTs ({_and(alts)}), more than its "
                   f"max_alts of {school.max_alts}.")
    for alt_id, distinct in schools_of.items():
        alt = instance.alt_by_id[alt_id]
        if len(distinct) > alt.max_schools_per_week:
            yield (f"{alt_name(alt)} has fixed visits at {len(distinct)} schools ({_and(sorted(distinct))}), more "
                   f"than their max_schools_per_week of {alt.max_schools_per_week}.")


def _school_minimums(instance: Instance, eligibility: Eligibility) -> Iterator[str]:
    wanted_total = 0
    for school in instance.schools:
        wanted = school.visit_days.min
        wanted_total += wanted
        if wanted == 0:
            continue
        needs = f"{school_name(school)} needs at least {_plural(wanted, 'ALT-day')} a week (visit_days.min)"
        alts = [alt for alt in eligibility.alts_of[school.id] if eligibility.days(alt)]
        if not alts:
            reasons = [why_closed(alt, school, eligibility) or f"{alt.id} has no working day"
                       for alt in instance.alts]
            detail = f": {'; '.join(reasons)}" if reasons else " (the instance has no ALTs)"
            yield f"{needs}, but no ALT may work there{detail}."
            continue
        offered = sorted((len(eligibility.days(alt)) for alt in alts), reverse=True)
        named = _and([_with_days(alt, eligibility) for alt in alts])
        if sum(offered) < wanted:
            yield (f"{needs}, but the only ALTs who may work there, {named}, have "
                   f"{_plural(sum(offered), 'working day')} between them.")
        elif sum(offered[:school.max_alts]) < wanted:
            yield (f"{needs} from at most {_plural(school.max_alts, 'ALT')} (max_alts), but no "
                   f"{school.max_alts} of the ALTs who may work there ({named}) have that many working days.")
    capacity = sum(len(eligibility.days(alt)) * alt.max_schools_per_day for alt in instance.alts
                   if eligibility.schools_of[alt.id])
    if wanted_total > capacity:
        yield (f"The schools' visit_days.min add up to {_plural(wanted_total, 'ALT-day')}, but the ALTs can give "
               f"at most {capacity} in the week (working days times max_schools_per_day).")


def describe_conflict(instance: Instance, eligibility: Eligibility, terms: list[ContractTerm]) -> list[str]:
    """Sentences for a set of contract terms that cannot all hold together."""
    sentences = ["No timetable can keep all of the following together:"]
    schools_needing: list[School] = []
    for term in terms:
        if term.kind == "fixed" and term.fixed is not None:
            alt, school = instance.alt_by_id[term.fixed.alt], instance.school_by_id[term.fixed.school]
            sentences.append(f"{alt_name(alt)} must be at {school_name(school)} on {term.fixed.day} (a fixed visit).")
        elif term.kind == "schools_per_week":
            alt = instance.alt_by_id[term.subject]
            sentences.append(f"{alt_name(alt)} visits at most {_plural(alt.max_schools_per_week, 'school')} a week "
                             f"(max_schools_per_week).")
        else:
            school = instance.school_by_id[term.subject]
            if term.kind == "min":
                schools_needing.append(school)
                sentences.append(f"{school_name(school)} needs at least "
                                 f"{_plural(school.visit_days.min, 'ALT-day')} a week (visit_days.min).")
            elif term.kind == "max":
                sentences.append(f"{school_name(school)} takes at most {_plural(school.visit_days.max, 'ALT-day')} "
                                 f"a week (visit_days.max).")
            else:
                sentences.append(f"{school_name(school)} takes at most {_plural(school.max_alts, 'distinct ALT')} "
                                 f"(max_alts).")
    if schools_needing:
        alts = sorted({alt.id: alt for school in schools_needing for alt in eligibility.alts_of[school.id]}.values(),
                      key=lambda alt: alt.id)
        wanted = sum(school.visit_days.min for school in schools_needing)
        where = "this school" if len(schools_needing) == 1 else "these schools"
        if alts:
            sentences.append(f"Together that is {_plural(wanted, 'ALT-day')}; the ALTs who may work at {where} are "
                             f"{_and([_with_days(alt, eligibility) for alt in alts])}, within their own limits "
                             f"(schools a day and a week, travel between schools).")
        else:
            sentences.append(f"No ALT may work at {where}.")
    return sentences
