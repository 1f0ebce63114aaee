"""The optimizer for `kakehashi/week@1`: construction, then CP-SAT, then words for what it found.

`solve(instance)` always returns a `Solution` in the spec's terms: a valid timetable (optimal or
feasible) with the objective `score` gives it, or `infeasible` with sentences naming the contract
terms, schools and ALTs that conflict, or `unknown` when nothing was found in the time given.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Instance, School, Solution, Status
from kakehashi.timetable.score import score
from kakehashi.timetable.solve.alt_day_bound import counting_bound
from kakehashi.timetable.solve.bound import relaxation_bound
from kakehashi.timetable.solve.construct import construct
from kakehashi.timetable.solve.construct_visits import construct_by_visits
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.explain_infeasible import describe_conflict, precheck
from kakehashi.timetable.solve.fill_lessons import polish_lessons
from kakehashi.timetable.solve.model import Progress, ProgressReport, TimetableModel
from kakehashi.timetable.solve.search import improve

__all__ = ["Progress", "first_timetable", "solve"]

# When the main search proves infeasibility late, explaining it still gets at least this long.
MIN_EXPLAIN_SECONDS = 2.0
# At most this many two-school pair variables in the main model; beyond it only pairs of near
# neighbours are kept (variables.py), and the answer no longer claims optimality or a bound.
PAIR_BUDGET = 20_000
# Above this many possible visits the whole-week model spends its time in presolve (and its memory
# grows past what a worker should use), so the search re-plans a few ALTs at a time instead.
FULL_MODEL_VISITS = 15_000
# The relaxation's linear programme (bound.py) gets this share of the time limit to prove a bound;
# above RELAXATION_MAX_VISITS possible visits it is not tried (GLOP does not finish it in a minute).
BOUND_SHARE = 0.2
RELAXATION_MAX_VISITS = 40_000
# The counting bounds (capacity_bound.py, alt_day_bound.py) get at most this share of the time limit; the
# ALT-day bound cut short by it is looser, never wrong (measured: 9 s at 400 schools on a loaded machine).
COUNTING_SHARE = 0.05
# Below this time limit the relaxation is not tried at all: its share would be too short to finish,
# and the counting bounds (capacity_bound.py, alt_day_bound.py) still give every answer a proven bound.
RELAXATION_MIN_LIMIT = 20.0
# Building and solving the relaxation's LP runs at about this many possible visits a second of its
# share on a busy 2-core machine (measured: 39,806 visits in 24.7 s); a week with more for its share
# is not tried, or the relaxation would overrun the limit (GLOP's own limit does not cover the build).
RELAXATION_VISITS_PER_SECOND = 1_500
# Python builds about this many join variables a second on a busy 2-core machine (measured: 63,000
# variables in 4.8 s with other work running); a whole-week model that would take more than
# BUILD_SHARE of the time left to build is not built, and the search re-plans a few ALTs at a time.
JOINS_BUILT_PER_SECOND = 8_000
BUILD_SHARE = 0.35
# From a valid start the whole-week model gets this share of the time left; the neighbourhood search
# the rest, if at least MIN_SEARCH_SECONDS remain.
FULL_MODEL_SHARE = 0.6
MIN_SEARCH_SECONDS = 3.0
# When nothing is found, this many of the tightest schools' contracts are named.
HARDEST_SHOWN = 5
# When the greedy construction fails (tight contracts), the visits-first construction gets at most
# this share of the time limit: a valid week first, the rest of the time to improve it.
VISITS_SHARE = 0.5
# The greedy construction gives up (and leaves the time to the visits-first one) after this share.
GREEDY_SHARE = 0.15
# Once the minimums are met, adding the visits that pay may go on until this share: cut short, the
# greedy week is valid but thin (a third of its value on a loaded machine in the issue-14 sweep) and
# the neighbourhood search does not make that up in the time left (at 400 schools it made one or two
# re-plans in the rest of a 20-second limit). A fill that ends early leaves the time to the search.
FILL_SHARE = 0.7
# Re-planning the construction's lessons for its visits (fill_lessons.py) gets at most this share.
POLISH_SHARE = 0.05
# On a small week where some ALT may visit two schools a day, the week with one school a day (no pair
# variables, a far smaller search) is solved first for this share of the time left, and the whole week
# then starts from the better of it and the construction. In the issue-14 sweep plain CP-SAT with one
# school a day beat the whole-week model on 20- and 27-school weeks in the same time; above this many
# possible visits the whole-week model was already ahead and keeps all of its time. Most of the time:
# with every solver at load 17-20 on 2 cores, the whole-week model given 17 s from a 20-school week's
# construction found nothing better, where the one-school-a-day model improved it by 6 % in 8 s.
ONE_A_DAY_SHARE = 0.75
ONE_A_DAY_MAX_VISITS = 2_500
# The whole-week model is not built after the one-school-a-day phase when less than this is left (and
# less than half its share of the limit): its presolve alone takes longer on a busy machine, and
# building it overran the limit by seconds.
MIN_MODEL_SECONDS = 2.0
# Up to this many possible visits the whole-week model keeps all the time left, with no neighbourhood
# search after it: at this size CP-SAT's own search, continued, does better than restarts, each of which
# presolves its model again (about 3 s of a 20 s limit on a busy 2-core machine). In the issue-14 sweep
# the split (60 % whole week, then re-planning) left ours below plain CP-SAT on 20-school weeks whose
# ALTs all work one school a day, where the two models are the same problem.
SMALL_WEEK_VISITS = 2_500


def solve(instance: Instance, *, time_limit: float = 30.0, workers: int = 2, seed: int = 0,
          hint: Solution | None = None, progress: ProgressReport | None = None,
          stop: Callable[[], bool] | None = None) -> Solution:
    """The best timetable found within about `time_limit` seconds.

    `hint` is an earlier timetable to start from (used only if it keeps every hard rule); `progress`
    hears of each better timetable as it is found; `stop`, polled during the search, ends it early with
    the best timetable so far (a web app's cancel button). With `workers=1` and the same `seed`, a search
    that ends before its time limit finds the same timetable every time."""
    started = time.monotonic()
    stats: dict[str, Any] = {"time_limit": time_limit, "workers": workers, "seed": seed}
    eligibility = Eligibility(instance)

    problems = precheck(instance, eligibility)
    if problems:
        stats["total_seconds"] = _since(started)
        return Solution(Status.INFEASIBLE, (), (), instance=instance.name, explanation=tuple(problems),
                        stats={**stats, "infeasible_by": "precheck"})

    construction = _construction(instance, eligibility, time_limit=time_limit, workers=workers, seed=seed,
                                 stats=stats)
    stats["construct_seconds"] = _since(started)
    stats["construction_objective"] = construction.objective if construction else None
    start = _better(construction, _valid_hint(instance, hint, stats))
    relaxed = _relaxed_bound(instance, eligibility, BOUND_SHARE * time_limit if time_limit >= RELAXATION_MIN_LIMIT
                             else 0.0, stats, counting_seconds=COUNTING_SHARE * time_limit)
    if start is not None and progress is not None:
        progress(Progress(time.monotonic() - started, start.objective or 0, relaxed))

    if start is None and len(eligibility.visits()) > FULL_MODEL_VISITS:
        # Without a valid start, a whole-week model this size would spend the time building itself.
        stats["total_seconds"] = _since(started)
        return Solution(Status.UNKNOWN, (), (), instance=instance.name, bound=relaxed,
                        explanation=tuple(_hardest_contracts(instance, eligibility, time_limit)), stats=stats)
    if start is not None and (len(eligibility.visits()) > FULL_MODEL_VISITS
                              or _build_seconds(eligibility) > BUILD_SHARE * (time_limit - _since(started))):
        found = _search(instance, eligibility, start, started=started, time_limit=time_limit, workers=workers,
                        seed=seed, progress=progress, stats=stats, stop=stop)
        found = _with_bound(found, relaxed)
        return replace(found, explanation=found.explanation + tuple(_bound_sentence(found)))

    stats["strategy"] = "full-model"
    if start is not None and _one_a_day_worth_trying(instance, eligibility):
        one_a_day = _one_school_a_day(instance, eligibility, start, time_limit=ONE_A_DAY_SHARE
                                      * _left(started, time_limit), workers=workers, seed=seed, stats=stats,
                                      stop=stop)
        start = _better(start, one_a_day)
        if start is not None and not _time_for_whole_week(started, time_limit):
            # The one-school-a-day phase used the time: its timetable (or the construction) is the answer.
            stats["whole_week_model"] = "not tried: too little time left"
            stats["source"] = "one school a day" if start is one_a_day else "construction"
            return _finished(instance, eligibility, replace(start, status=Status.FEASIBLE), relaxed, started=started,
                             time_limit=time_limit, stats=stats)
    model = _model(instance, eligibility, start, PAIR_BUDGET)
    stats["model_seconds"] = round(time.monotonic() - started - stats["construct_seconds"], 3)
    # With a valid start on a week above SMALL_WEEK_VISITS, the whole-week model gets a share of the time
    # and the neighbourhood search the rest: there CP-SAT sometimes finds nothing past its start in the
    # whole time on a busy machine.
    small = len(eligibility.visits()) <= SMALL_WEEK_VISITS
    share = FULL_MODEL_SHARE if start is not None and not small else 1.0
    result = model.solve(time_limit=share * _left(started, time_limit), workers=workers, seed=seed,
                         progress=progress, started=started, fallback=start, stop=stop)
    if result.stats["cp_sat_status"] == "INFEASIBLE" and not model.exact:
        # Infeasible with near pairs only proves nothing: ask again with every pair the rules allow.
        model = _model(instance, eligibility, start, None)
        result = model.solve(time_limit=_left(started, time_limit), workers=workers, seed=seed, progress=progress,
                             started=started, fallback=start)
    stats.update(result.stats)
    if result.status is Status.FEASIBLE and start is not None and not small and not (stop is not None and stop()) \
            and time_limit - _since(started) > MIN_SEARCH_SECONDS:
        result = _search_after_model(instance, eligibility, result, started=started, time_limit=time_limit,
                                     workers=workers, seed=seed, progress=progress, stats=stats, stop=stop)
    if stop is not None and stop():
        stats["stopped_by_caller"] = True
    if result.status is Status.INFEASIBLE:
        budget = max(MIN_EXPLAIN_SECONDS, time_limit - (time.monotonic() - started))
        explanation = _explain_conflict(instance, eligibility, budget)
        stats["total_seconds"] = _since(started)
        return replace(result, explanation=tuple(explanation), stats={**stats, "infeasible_by": "cp-sat"})
    return _finished(instance, eligibility, result, relaxed, started=started, time_limit=time_limit, stats=stats)


def _finished(instance: Instance, eligibility: Eligibility, result: Solution, relaxed: int, *, started: float,
              time_limit: float, stats: dict[str, Any]) -> Solution:
    """The answer with its stats, the tighter bound and its sentences (why nothing, when nothing was found)."""
    stats["total_seconds"] = _since(started)
    result = _with_bound(replace(result, stats=stats), relaxed)
    if result.status is Status.UNKNOWN:
        return replace(result, explanation=tuple(_hardest_contracts(instance, eligibility, time_limit)))
    return replace(result, explanation=tuple(_summary(result, time_limit)))


def first_timetable(instance: Instance, *, time_limit: float, workers: int, seed: int = 0,
                    stats: dict[str, Any] | None = None) -> Solution | None:
    """The valid week `solve` starts from (the constructions, within shares of `time_limit`), or None."""
    return _construction(instance, Eligibility(instance), time_limit=time_limit, workers=workers, seed=seed,
                         stats=stats if stats is not None else {})


def _construction(instance: Instance, eligibility: Eligibility, *, time_limit: float, workers: int, seed: int,
                  stats: dict[str, Any]) -> Solution | None:
    """The greedy construction; when it fails, the visits-first one (construct_visits.py)."""
    began = time.monotonic()
    construction = construct(instance, eligibility, deadline=began + GREEDY_SHARE * time_limit,
                             fill_deadline=began + FILL_SHARE * time_limit, stats=stats)
    stats["construction"] = "greedy"
    if construction is None:
        stats["construction"] = "visits model"
        construction = construct_by_visits(instance, eligibility, time_limit=VISITS_SHARE * time_limit,
                                           workers=workers, seed=seed, stats=stats)
    if construction is None and stats.get("greedy_cut_short"):
        # Both constructions ran out of time (a short limit on a busy machine): a valid week a little
        # late beats no week, and the greedy one takes seconds at city size.
        stats["construction"] = "greedy, finished after its deadline"
        construction = construct(instance, eligibility, fill_deadline=max(began + FILL_SHARE * time_limit,
                                                                   time.monotonic() + GREEDY_SHARE * time_limit))
    if construction is not None and check(instance, construction):
        # A safety net: a construction bug must never reach the caller as a timetable.
        stats["construction_rejected"] = True
        return None
    if construction is not None:
        greedy_objective = construction.objective
        construction = polish_lessons(instance, eligibility, construction, time_limit=POLISH_SHARE * time_limit,
                                      workers=workers, seed=seed)
        stats["lessons_polished"] = (construction.objective or 0) - (greedy_objective or 0)
    return construction


def _relaxed_bound(instance: Instance, eligibility: Eligibility, budget: float, stats: dict[str, Any], *,
                   counting_seconds: float) -> int:
    """The tighter of the counting bounds (capacity_bound.py and alt_day_bound.py, any size, within
    `counting_seconds`) and the relaxation's (bound.py), which is tried only where its linear programme
    can finish in its share of the time."""
    counted = counting_bound(instance, eligibility, deadline=time.monotonic() + counting_seconds, stats=stats)
    if len(eligibility.visits()) > RELAXATION_MAX_VISITS:
        stats["relaxation"] = "not tried: too many possible visits"
        return counted
    if budget <= 0 or len(eligibility.visits()) > RELAXATION_VISITS_PER_SECOND * budget:
        stats["relaxation"] = "not tried: too short a time limit"
        return counted
    began = time.monotonic()
    bound = relaxation_bound(instance, time_limit=budget, eligibility=eligibility)
    stats["relaxation"] = {"bound": bound, "seconds": _since(began)}
    return counted if bound is None else min(bound, counted)


def _build_seconds(eligibility: Eligibility) -> float:
    """About how long the whole-week model takes to build: its join variables, counted without building."""
    joins = sum(len(eligibility.lessons_at(school.id, day)) for _alt, day, school in eligibility.visits())
    return joins / JOINS_BUILT_PER_SECOND


def _hardest_contracts(instance: Instance, eligibility: Eligibility, time_limit: float) -> list[str]:
    """Why nothing was found, in a coordinator's words: the schools whose contracts leave the least room."""
    def room(school: School) -> tuple[float, str]:
        days = eligibility.alt_days_at(school)
        return ((days - school.visit_days.min) / max(1, school.visit_days.min), school.id)

    tight = sorted((s for s in instance.schools if s.visit_days.min > 0), key=room)[:HARDEST_SHOWN]
    sentences = [f"No timetable keeping every contract was found within the {time_limit:g}-second limit. "
                 "Try a longer limit, or loosen the contracts that leave the least room:"]
    for school in tight:
        alts = eligibility.alts_of[school.id]
        sentences.append(f"{school.name} ({school.id}) asks for at least {school.visit_days.min} ALT-days from at most "
                         f"{school.max_alts} ALT(s); {len(alts)} ALT(s) may work there, with "
                         f"{eligibility.alt_days_at(school)} working days between them, shared with other schools.")
    return sentences


def _with_bound(solution: Solution, relaxed: int | None) -> Solution:
    """The tighter of the search's own bound and the relaxation's; optimal when the timetable reaches it."""
    if relaxed is None or solution.objective is None:
        return solution
    bound = relaxed if solution.bound is None else min(solution.bound, relaxed)
    status = Status.OPTIMAL if solution.objective >= bound else solution.status
    return replace(solution, bound=bound, status=status)


def _search(instance: Instance, eligibility: Eligibility, start: Solution, *, started: float, time_limit: float,
            workers: int, seed: int, progress: ProgressReport | None, stats: dict[str, Any],
            stop: Callable[[], bool] | None) -> Solution:
    """Large instances: improve the start neighbourhood by neighbourhood (search.py)."""
    best, counts = improve(instance, start, eligibility=eligibility, deadline=started + 0.97 * time_limit,
                           workers=workers, seed=seed, progress=progress, started=started, stop=stop)
    stats |= {"strategy": "lns", "lns_steps": counts["steps"], "lns_improved": counts["improved"],
              "source": "lns" if counts["improved"] else "construction", "total_seconds": _since(started)}
    sentence = (f"The best timetable found by re-planning a few ALTs at a time ({counts['steps']} neighbourhoods, "
                f"{counts['improved']} improvements) from the first valid timetable; not proven optimal: the whole "
                f"week has {len(eligibility.visits())} possible visits, too many for one model in the time given.")
    return replace(best, status=Status.FEASIBLE, bound=None, explanation=(sentence,), stats=stats)


def _search_after_model(instance: Instance, eligibility: Eligibility, found: Solution, *, started: float,
                        time_limit: float, workers: int, seed: int, progress: ProgressReport | None,
                        stats: dict[str, Any], stop: Callable[[], bool] | None) -> Solution:
    """The whole-week model's timetable, improved by the neighbourhood search in the time left."""
    best, counts = improve(instance, found, eligibility=eligibility, deadline=started + 0.97 * time_limit,
                           workers=workers, seed=seed, progress=progress, started=started, stop=stop)
    stats |= {"lns_steps": counts["steps"], "lns_improved": counts["improved"]}
    if counts["improved"]:
        stats["source"] = "lns"
        return replace(best, status=Status.FEASIBLE, bound=found.bound, stats=found.stats)
    return found


def _time_for_whole_week(started: float, time_limit: float) -> bool:
    """Whether the whole-week model is still worth building after the one-school-a-day phase: at least
    MIN_MODEL_SECONDS left, or (a short limit: a tiny week, a test) at least half its share of the limit."""
    return _left(started, time_limit) >= min(MIN_MODEL_SECONDS, 0.5 * (1 - ONE_A_DAY_SHARE) * time_limit)


def _one_a_day_worth_trying(instance: Instance, eligibility: Eligibility) -> bool:
    """Small weeks with two-school days allowed, and no fixed visit that needs two schools on one day."""
    if len(eligibility.visits()) > ONE_A_DAY_MAX_VISITS or all(a.max_schools_per_day < 2 for a in instance.alts):
        return False
    fixed_days = Counter((f.alt, f.day) for f in instance.fixed)
    return all(count < 2 for count in fixed_days.values())


def _one_school_a_day(instance: Instance, eligibility: Eligibility, start: Solution, *, time_limit: float,
                      workers: int, seed: int, stats: dict[str, Any],
                      stop: Callable[[], bool] | None) -> Solution | None:
    """The best timetable with every ALT at one school a day, or None. Such a week keeps every rule of the
    whole week (one school a day is always allowed), so the checker's verdict on the whole week decides."""
    one_a_day = replace(instance, alts=tuple(replace(alt, max_schools_per_day=1) for alt in instance.alts))
    model = _model(one_a_day, Eligibility(one_a_day, travel=eligibility.travel), start, None)
    result = model.solve(time_limit=time_limit, workers=workers, seed=seed, stop=stop)
    stats["one_a_day_status"] = result.stats.get("cp_sat_status")
    if result.status not in (Status.OPTIMAL, Status.FEASIBLE) or check(instance, result):
        return None
    stats["one_a_day_objective"] = result.objective
    return replace(result, status=Status.FEASIBLE, bound=None)


def _model(instance: Instance, eligibility: Eligibility, start: Solution | None,
           pair_budget: int | None) -> TimetableModel:
    model = TimetableModel(instance, eligibility=eligibility, pair_budget=pair_budget, keep=start)
    model.add_rules()
    model.objective()
    if start is not None:
        model.add_hint(start)
    return model


def _left(started: float, time_limit: float) -> float:
    """Seconds left for CP-SAT, less a margin for reading out the timetable (its presolve overruns a little)."""
    return 0.97 * (time_limit - (time.monotonic() - started)) - 0.1


def _since(started: float) -> float:
    return round(time.monotonic() - started, 3)


def _valid_hint(instance: Instance, hint: Solution | None, stats: dict[str, Any]) -> Solution | None:
    if hint is None or hint.status not in (Status.OPTIMAL, Status.FEASIBLE):
        return None
    violations = check(instance, hint)
    if violations:
        stats["hint_ignored"] = f"it breaks {len(violations)} hard rule(s), first: {violations[0].message}"
        return None
    # The file's own objective is not trusted: the spec's score is.
    objective = score(instance, hint).objective
    stats["hint_objective"] = objective
    return replace(hint, status=Status.FEASIBLE, objective=objective, bound=None, explanation=(), stats={})


def _better(one: Solution | None, other: Solution | None) -> Solution | None:
    if one is None or other is None:
        return one or other
    return other if (other.objective or 0) > (one.objective or 0) else one


def _explain_conflict(instance: Instance, eligibility: Eligibility, budget: float) -> list[str]:
    model = TimetableModel(instance, eligibility=eligibility, explain=True)
    model.add_rules()
    terms = model.conflicting_terms(budget)
    if not terms:
        return ["No timetable keeps every hard rule, but no smaller set of contract terms to blame was found "
                "in the time given."]
    return describe_conflict(instance, eligibility, terms)


def _summary(solution: Solution, time_limit: float) -> list[str]:
    seconds = solution.stats.get("solve_seconds", 0.0)
    if solution.status is Status.OPTIMAL:
        return [f"Proven optimal in {seconds:g} s: no timetable scores more than {solution.objective}."]
    source = solution.stats.get("source")
    found = ("the first valid timetable (CP-SAT found nothing better in time)" if source == "construction"
             else f"CP-SAT, then re-planning a few ALTs at a time ({solution.stats.get('lns_improved')} improvements)"
             if source == "lns" else "a search with every ALT at one school a day (no time left for two-school days)"
             if source == "one school a day" else f"CP-SAT in {seconds:g} s")
    sentence = f"The best timetable found, by {found}; not proven optimal."
    sentences = [sentence]
    if "pairs_left_out" in solution.stats:
        sentences.append(f"To keep the model small, two-school days were searched only between near schools (one of "
                         f"the two among the other's {solution.stats['pair_partner_limit']} nearest), leaving out "
                         f"{solution.stats['pairs_left_out']} pairings the travel times might allow; the search itself "
                         f"proves no bound.")
    sentences.extend(_bound_sentence(solution))
    return sentences


def _bound_sentence(solution: Solution) -> list[str]:
    if solution.bound is None or solution.objective is None:
        return []
    gap = solution.bound - solution.objective
    share = gap / solution.bound if solution.bound else 0.0
    return [f"No timetable scores more than {solution.bound} (gap {gap}, {share:.1%})."]
