"""The demo's recruitment: open ALT and CIR cycles for 2027 with deadlines in Honolulu time, an SEA request
from the board waiting to be opened, the contracting organizations' requests for 2027, and three accepted
applicants so that a placement run has someone to place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model

from kakehashi.web.accounts.models import Role
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.recruitment.models import Application, Cycle, PlacementRequest, SeaRequest

D = dt.date
ACCEPTED = [  # name, citizenship, Japanese, levels
    ("Olivia Martin", "US", "N4", ["elementary"]),
    ("Ethan Clark", "US", "N3", ["elementary", "junior_high"]),
    ("Chloe Davis", "US", "N5", ["junior_high"]),
]


def load_recruitment(program: Program, board: Organization, password: str, *, supervisor: Any) -> None:
    """`supervisor`: the board's account that files the SEA request, so that its inbox item has a sender."""
    if Cycle.objects.filter(program=program).exists():
        return
    hall = Organization.objects.get(kind=Organization.Kind.TOWN_HALL, municipality_code=board.municipality_code)
    duties = "Team-teaching English with Japanese teachers at Takasaki's elementary and junior high schools."
    alt = Cycle.objects.create(
        program=program,
        position="alt",
        name="ALT 2027 (United States)",
        description=duties,
        opens_on=D(2026, 10, 1),
        deadline_date=D(2026, 12, 18),
        time_zone="Pacific/Honolulu",
        interviews_from=D(2027, 1, 11),
        interviews_to=D(2027, 1, 29),
        results_on=D(2027, 2, 15),
        departure_on=D(2027, 4, 1),
        recruiting_country="US",
    )
    Cycle.objects.create(
        program=program,
        position="cir",
        name="CIR 2027 (United States)",
        description="Translation, interpretation and international exchange at Takasaki City Hall.",
        opens_on=D(2026, 10, 1),
        deadline_date=D(2026, 12, 18),
        time_zone="Pacific/Honolulu",
        departure_on=D(2027, 4, 1),
        recruiting_country="US",
    )
    SeaRequest.objects.create(
        program=program,
        organization=board,
        sport="Judo",
        qualifications="Coaching licence and 2nd dan or above",
        posts=1,
        starts=D(2027, 4, 1),
        ends=D(2028, 3, 31),
        duties="Judo coaching in junior high school clubs and community classes.",
        filed_by=supervisor,
    )
    PlacementRequest.objects.create(program=program, organization=board, year=2027, position="alt", count=3)
    PlacementRequest.objects.create(
        program=program, organization=hall, year=2027, position="cir", count=1, japanese_min="N2"
    )
    for index, (name, country, japanese, levels) in enumerate(ACCEPTED, start=1):
        account, created = get_user_model().objects.get_or_create(
            username=f"applicant{index}", defaults={"email": f"applicant{index}@example.org"}
        )
        if created:
            account.set_password(password)
            account.save()
        Role.objects.get_or_create(user=account, kind=Role.Kind.APPLICANT)
        Application.objects.create(
            cycle=alt,
            applicant=account,
            status=Application.Status.ACCEPTED,
            submitted_at=dt.datetime(2026, 11, 2, 3, 0, tzinfo=dt.UTC),
            full_name=name,
            email=account.email,
            birth_date=D(1999, 5, index),
            gender="unstated",
            citizenships=country,
            degree="BA",
            degree_date=D(2026, 5, 15),
            japanese_level=japanese,
            levels=levels,
            preferences=[f"O{board.pk}"],
        )
