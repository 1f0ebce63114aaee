"""The CP-SAT model of a placement: one boolean per (participant, request) pair that qualifies, so
the qualification rules hold by construction; the remaining rules, then the objective.

`PlacementModel(instance)` creates the variables; `add_rules()` reads as the table of contents;
`objective()` sets the weighted lexicographic objective of score.py; `solve()` returns the
assignment and the solver's status in our own terms, never a solver object.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from kakehashi.placement.instance import PlacementInstance
from kakehashi.placement.qualify import qualifies
from kakehashi.placement.result import Status
from kakehashi.placement.score import weights
from kakehashi.placement.stays import stay_quotas
from kakehashi.timetable.solve.model import configured_solver

_STATUS = {cp_model.OPTIMAL: Status.OPTIMAL, cp_model.FEASIBLE: Status.FEASIBLE}


@dataclass(frozen=True)
class Solved:
    status: Status
    assignment: dict[str, str]
    stats: dict[str, Any]


class PlacementModel:
    def __init__(self, instance: PlacementInstance) -> None:
        self.instance = instance
        self.model = cp_model.CpModel()
        # Sorted by participant then request so that the model, and with one worker the result, is the
        # same for the same instance.
        self.place: dict[tuple[str, str], cp_model.IntVar] = {
            (p.id, r.id): self.model.new_bool_var(f"place[{p.id},{r.id}]")
            for p in instance.participants
            for r in instance.requests
            if qualifies(p, r)
        }
        self.by_participant: dict[str, list[cp_model.IntVar]] = {}
        self.by_request: dict[str, list[cp_model.IntVar]] = {}
        for (p, r), var in self.place.items():
            self.by_participant.setdefault(p, []).append(var)
            self.by_request.setdefault(r, []).append(var)

    def add_rules(self) -> None:
        # Qualification (position, sport, Japanese, levels): no variable breaks it.
        self._one_post_per_participant()
        self._posts_per_request()
        self._re_contracting_participants_stay()

    def _one_post_per_participant(self) -> None:
        for options in self.by_participant.values():
            self.model.add_at_most_one(options)

    def _posts_per_request(self) -> None:
        for request in self.instance.requests:
            taking = self.by_request.get(request.id, [])
            if len(taking) > request.count:
                self.model.add(sum(taking) <= request.count)

    def _re_contracting_participants_stay(self) -> None:
        """As many of an organization's stayers stay as its suitable posts can hold (stays.py)."""
        for quota in stay_quotas(self.instance).values():
            if quota.can_stay == 0:
                continue
            staying = [
                var
                for (p, r), var in self.place.items()
                if p in quota.stayers and self.instance.request_by_id[r].organization.id == quota.organization
            ]
            self.model.add(sum(staying) >= quota.can_stay)

    def objective(self) -> None:
        w = weights(self.instance)
        terms = []
        for (p, r), var in self.place.items():
            participant = self.instance.participant_by_id[p]
            request = self.instance.request_by_id[r]
            value = (
                w.filled
                + w.preference * self.instance.preference_points(participant, request)
                + w.continuity * (participant.renewing_at is not None)
            )
            terms.append(value * var)
        self.model.maximize(sum(terms))

    def solve(self, *, time_limit: float, seed: int = 0, workers: int = 1) -> Solved:
        # The timetable's solver settings: with one worker it stops on work done, so a seed reproduces a run.
        solver = configured_solver(time_limit, workers, seed)
        code = solver.solve(self.model)
        status = _STATUS.get(code, Status.UNKNOWN)
        stats: dict[str, Any] = {
            "cp_sat_status": solver.status_name(code),
            "solve_seconds": round(solver.wall_time, 3),
            "pair_variables": len(self.place),
            "constraints": len(self.model.proto.constraints),
        }
        if status is Status.UNKNOWN:
            return Solved(status, {}, stats)
        assignment = {p: r for (p, r), var in self.place.items() if solver.boolean_value(var)}
        return Solved(status, assignment, stats)
