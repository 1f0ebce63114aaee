"""Test data a few lines long: two programs, each with a board, schools, ALTs and one user per role.

`world()` builds it; tests then ask what each role may see. Kept in the package (not in a tests
folder) so that every app's tests share it, and at the top of the web layers (beside urls.py), since a world
has a bit of every app (docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.solve import solve
from kakehashi.web import queues
from kakehashi.web.accounts.models import Role
from kakehashi.web.organizations.models import Contract, Organization, Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.door import week_import, week_instance
from kakehashi.web.timetables.services import timetable_publish, timetable_store

PASSWORD = "a-test-password-1"
# Tasks run inside the request (tests that follow a job from start to page), on the same queues as the workers'.
IMMEDIATE_TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": list(queues.ALL)}
}


@dataclass
class Side:
    """One program with its board, schools, ALTs and users (by role)."""

    program: Program
    board: Organization
    schools: list[School]
    alts: list[Participant]
    users: dict[str, Any] = field(default_factory=dict)


def user(username: str, *roles: dict[str, Any], superuser: bool = False) -> Any:
    account = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        is_superuser=superuser,
        is_staff=superuser,
        email=f"{username}@example.jp",
    )
    for role in roles:
        Role.objects.create(user=account, **role)
        if role.get("participant") is not None:
            role["participant"].user = account  # the participant's own login, as the demo links it
            role["participant"].save()
    return account


def prefixed_week(document: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A generated week with every school and ALT id prefixed, so that many programs' weeks (school codes and
    participant codes are unique across the database) live side by side. Changes and returns `document`."""
    for school in document["schools"]:
        old = school["id"]
        school["id"] = prefix + old
        for lesson in school["lessons"]:
            lesson["id"] = lesson["id"].replace(old + "/", school["id"] + "/", 1)
    for alt in document["alts"]:
        alt["id"] = prefix + alt["id"]
        if "schools" in alt:
            alt["schools"] = [prefix + s for s in alt["schools"]]
    for entry in document.get("fixed", []) + document.get("forbidden", []):
        entry["alt"], entry["school"] = prefix + entry["alt"], prefix + entry["school"]
    for override in document["travel"].get("minutes", []):
        override["from"], override["to"] = prefix + override["from"], prefix + override["to"]
    return document


def side(
    name: str, *, prefix: str, seed: int, schools: int = 4, alts: int = 2, contract: str = Contract.Type.DISPATCH
) -> Side:
    program = Program.objects.create(name=f"{name} program", kind=Program.Kind.DISPATCH_COMPANY)
    board = Organization.objects.create(name=f"{name} Board of Education", kind=Organization.Kind.BOARD)
    manager = user(f"{prefix}manager", {"kind": Role.Kind.COORDINATOR, "program": program})
    Contract.objects.create(
        program=program,
        organization=board,
        type=contract,
        starts=dt.date(2026, 4, 1),
        # Routing asks for the contract in force today: a long one keeps the tests true after March 2027.
        ends=dt.date(2036, 3, 31),
        responsible_manager=manager,
    )
    document = prefixed_week(generate_synthetic(schools=schools, alts=alts, seed=seed), prefix)
    week_import(program=program, board=board, document=document, placed_from=dt.date(2026, 4, 1))
    result = Side(
        program,
        board,
        list(School.objects.filter(organization__parent=board).order_by("code")),
        list(program.participants.order_by("code")),
    )
    result.users = {
        "coordinator": user(f"{prefix}coordinator", {"kind": Role.Kind.COORDINATOR, "program": program}),
        "supervisor": user(f"{prefix}board", {"kind": Role.Kind.SUPERVISOR, "organization": board}),
        "school_staff": user(
            f"{prefix}jte", {"kind": Role.Kind.SCHOOL_STAFF, "organization": result.schools[0].organization}
        ),
        "participant": user(f"{prefix}alt", {"kind": Role.Kind.PARTICIPANT, "participant": result.alts[0]}),
        "applicant": user(f"{prefix}applicant", {"kind": Role.Kind.APPLICANT}),
    }
    return result


def world() -> tuple[Side, Side, Any]:
    """Two programs that must never see each other's schools or people, and an administrator."""
    return side("North", prefix="N", seed=11), side("South", prefix="X", seed=12), user("root", superuser=True)


def signed_in(who: Any) -> Client:
    """A browser signed in as `who` (the test fails here if the login does not work)."""
    client = Client()
    assert client.login(username=who.username, password=PASSWORD)
    return client


def publish_week(program: Program, *, notify: bool = False) -> Any:
    """The program's week solved (3 s, one worker), stored and published."""
    instance = week_instance(program)
    version = timetable_store(program=program, instance=instance, solution=solve(instance, time_limit=3, workers=1))
    return timetable_publish(version=version, notify=notify)


def wait_until(condition: Callable[[], object], what: str, patience: float = 300.0) -> None:
    """Wait for `condition` to hold, polling; fail the test naming `what` if it never does. The patience is
    generous (a busy shared machine) and only bounds the wait: how long it took is never asserted."""
    import pytest  # only the tests wait; the benchmarks use this module's data builders without pytest

    deadline = time.monotonic() + patience
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)
