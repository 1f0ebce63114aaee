"""Coordinators move applications through the pipeline: each move by the core's rules, with a step in the log
and an email to the applicant; bulk moves report the refused; interviews in two clocks; scope by program."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from kakehashi.web.accounts.models import Role
from kakehashi.web.recruitment.models import Application, ApplicationStep, Cycle
from kakehashi.web.recruitment.services import (
    application_advance,
    applications_advance_bulk,
    interview_schedule,
)
from kakehashi.web.recruitment.tests.recruiting import HONOLULU, make_cycle, submitted
from kakehashi.web.testing import signed_in, user

pytestmark = pytest.mark.django_db


def _applicant(name: str) -> Any:
    return user(name, {"kind": Role.Kind.APPLICANT})


def test_the_pipeline_moves_an_application_with_an_email_and_a_step_each_time(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"])
    page = signed_in(north.users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        page.post(f"/recruit/applications/{application.pk}/move/", {"to": "screened", "note": "Strong CV"})
        page.post(
            f"/recruit/applications/{application.pk}/interview/",
            {"at": "2024-05-10T09:00", "zone": "Pacific/Honolulu", "place": "Consulate, room 2"},
        )
        for stage in ("shortlisted", "offered", "accepted"):
            page.post(f"/recruit/applications/{application.pk}/move/", {"to": stage})
    application.refresh_from_db()
    assert application.status == "accepted"
    steps = [(s.from_status, s.to_status, s.by) for s in application.steps.all()]
    coordinator = north.users["coordinator"]
    assert steps == [
        ("", "submitted", north.users["applicant"]),
        ("submitted", "screened", coordinator),
        ("screened", "interview", coordinator),
        ("interview", "shortlisted", coordinator),
        ("shortlisted", "offered", coordinator),
        ("offered", "accepted", coordinator),
    ]
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 5 and all(m.to == ["ada@example.org"] for m in mail.outbox)
    assert "your application is now screened" in subjects[0]
    assert "Note: Strong CV" in mail.outbox[0].body and "備考" not in mail.outbox[0].body
    assert "interview Fri 10 May 2024 09:00 Hawaii Time (Honolulu, UTC−10:00)" in subjects[1]
    assert "your application is now offered" in subjects[3]
    detail = page.get(f"/recruit/applications/{application.pk}/").content.decode()
    assert "accepted" in detail and "Move to placed" in detail and "受諾" not in detail


def test_an_interview_is_emailed_on_the_offices_clock_and_in_tokyo(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"])
    application_advance(application=application, to="screened", by=north.users["coordinator"])
    at = dt.datetime(2024, 5, 10, 9, 0, tzinfo=HONOLULU)
    with django_capture_on_commit_callbacks(execute=True):
        interview_schedule(application=application, at=at, place="https://meet.example/ada", by=None)
    application.refresh_from_db()
    assert application.status == "interview" and application.interview_at == at
    body = mail.outbox[-1].body
    assert "Fri 10 May 2024 09:00 Hawaii Time (Honolulu, UTC−10:00)" in body
    assert "Sat 11 May 2024 04:00 Japan Standard Time (Tokyo, UTC+09:00) in Japan" in body and "日本時間" not in body
    assert "https://meet.example/ada" in body
    mine = signed_in(north.users["applicant"]).get("/recruit/mine/").content.decode()
    assert "Fri 10 May 2024 09:00 Hawaii Time (Honolulu, UTC−10:00)" in mine
    assert "Sat 11 May 2024 04:00 Japan Standard Time (Tokyo, UTC+09:00)" in mine
    assert "interview" in mine and "面接" not in mine


def test_an_interview_time_typed_in_tokyo_is_the_same_instant(world: Any) -> None:
    north, _, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"])
    application_advance(application=application, to="screened", by=None)
    signed_in(north.users["coordinator"]).post(
        f"/recruit/applications/{application.pk}/interview/",
        {"at": "2024-05-11T04:00", "zone": "Asia/Tokyo", "place": "Tokyo office"},
    )
    application.refresh_from_db()
    assert application.interview_at == dt.datetime(2024, 5, 10, 9, 0, tzinfo=HONOLULU)


def test_an_interview_is_only_set_for_a_screened_application(world: Any) -> None:
    north, _, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"])
    with pytest.raises(ValidationError, match="this one is submitted"):
        interview_schedule(
            application=application, at=dt.datetime(2024, 5, 10, 19, 0, tzinfo=dt.UTC), place="-", by=None
        )
    application.refresh_from_db()
    assert application.interview_at is None


def test_a_forbidden_move_is_refused_with_the_cores_message(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"])
    page = signed_in(north.users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = page.post(f"/recruit/applications/{application.pk}/move/", {"to": "offered"}, follow=True)
    text = response.content.decode()
    assert (
        "An application cannot move from submitted to offered; from submitted it can move to screened, "
        "unsuccessful or withdrawn." in text
    )
    assert "応募を「応募済み」から「内定」に進めることはできません" in text
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.steps.count() == 1 and not mail.outbox


def test_a_final_stage_moves_nowhere(world: Any) -> None:
    north, _, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"])
    application_advance(application=application, to="unsuccessful", by=None)
    with pytest.raises(ValidationError, match="unsuccessful is final"):
        application_advance(application=application, to="screened", by=None)


def test_a_bulk_move_moves_those_that_may_and_reports_the_others(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    first = submitted(cycle, north.users["applicant"])
    second = submitted(cycle, _applicant("bob"), full_name="Bob Smith", email="bob@example.org")
    third = submitted(cycle, _applicant("cy"), full_name="Cy Young", email="cy@example.org")
    application_advance(application=third, to="unsuccessful", by=None)
    moved, refused = applications_advance_bulk(
        applications=[first, second, third], to="screened", by=north.users["coordinator"]
    )
    assert moved == [first, second]
    assert [(a, reason.split(":")[0]) for a, reason in refused] == [
        (third, "An application cannot move from unsuccessful to screened")
    ]
    assert Application.objects.get(pk=third.pk).status == "unsuccessful"


def test_the_bulk_move_page_reports_each_refused_application_by_name(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    first = submitted(cycle, north.users["applicant"])
    second = submitted(cycle, _applicant("bob"), full_name="Bob Smith", email="bob@example.org")
    application_advance(application=second, to="screened", by=None)
    page = signed_in(north.users["coordinator"])
    response = page.post(
        f"/recruit/cycles/{cycle.pk}/applications/move/?status=",
        {"applications": [first.pk, second.pk], "to": "screened"},
        follow=True,
    )
    text = response.content.decode()
    assert "Moved 1 to screened." in text
    assert "Bob Smith: An application cannot move from screened to screened" in text
    assert {a.status for a in Application.objects.all()} == {"screened"}


def test_applications_are_filtered_by_stage(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    submitted(cycle, north.users["applicant"])
    bob = submitted(cycle, _applicant("bob"), full_name="Bob Smith", email="bob@example.org")
    application_advance(application=bob, to="screened", by=None)
    page = signed_in(north.users["coordinator"])
    everyone = page.get(f"/recruit/cycles/{cycle.pk}/applications/").content.decode()
    screened = page.get(f"/recruit/cycles/{cycle.pk}/applications/?status=screened").content.decode()
    assert "Ada Lovelace" in everyone and "Bob Smith" in everyone
    assert "Bob Smith" in screened and "Ada Lovelace" not in screened


def test_an_applicant_withdraws_their_own_application_and_nobody_elses(world: Any) -> None:
    north, south, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"])
    assert signed_in(south.users["applicant"]).post(f"/recruit/mine/{application.pk}/withdraw/").status_code == 404
    own = signed_in(north.users["applicant"])
    assert own.post(f"/recruit/mine/{application.pk}/withdraw/").status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn"
    last = application.steps.last()
    assert last is not None and last.by == north.users["applicant"]
    assert "withdrawn" in own.get("/recruit/mine/").content.decode()


def test_documents_are_downloadable_only_by_the_applicant_and_the_programs_coordinators(world: Any) -> None:
    north, south, root = world
    application = submitted(make_cycle(north.program), north.users["applicant"])
    document = application.documents.get()
    url = f"/recruit/documents/{document.pk}/"
    for allowed in (north.users["applicant"], north.users["coordinator"], root):
        response = signed_in(allowed).get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    for refused in (south.users["applicant"], south.users["coordinator"], north.users["school_staff"]):
        assert signed_in(refused).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_another_programs_coordinator_gets_404_on_cycles_and_applications(world: Any) -> None:
    north, south, _ = world
    cycle = make_cycle(north.program)
    application = submitted(cycle, north.users["applicant"])
    other = signed_in(south.users["coordinator"])
    for url in (
        f"/recruit/programs/{north.program.pk}/cycles/",
        f"/recruit/programs/{north.program.pk}/cycles/new/",
        f"/recruit/cycles/{cycle.pk}/edit/",
        f"/recruit/cycles/{cycle.pk}/applications/",
        f"/recruit/applications/{application.pk}/",
    ):
        assert other.get(url).status_code == 404, url
    assert other.post(f"/recruit/applications/{application.pk}/move/", {"to": "screened"}).status_code == 404
    own_cycle = make_cycle(south.program, name="South ALT")
    other.post(
        f"/recruit/cycles/{own_cycle.pk}/applications/move/", {"applications": [application.pk], "to": "screened"}
    )
    application.refresh_from_db()
    assert application.status == "submitted"  # not among the South cycle's applications: nothing moves
    assert signed_in(north.users["applicant"]).get(f"/recruit/applications/{application.pk}/").status_code == 404


def test_a_coordinator_creates_an_alt_cycle_from_a_form_that_offers_only_alt_and_cir(world: Any) -> None:
    north, _, _ = world
    page = signed_in(north.users["coordinator"])
    form = page.get(f"/recruit/programs/{north.program.pk}/cycles/new/").content.decode()
    assert 'value="alt"' in form and 'value="cir"' in form and 'value="sea"' not in form
    fields = {
        "name": "ALT 2027 (United Kingdom)",
        "position": "alt",
        "opens_on": "2026-10-01",
        "deadline_date": "2026-11-27",
        "deadline_time": "17:00",
        "time_zone": "Europe/London",
        "departure_on": "2027-07-25",
        "recruiting_country": "gb",
        "rule_degree_by_departure": "on",
        "rule_previous_participation": "on",
        "rule_previous_participation__max_years": "5",
        "rule_citizenship": "on",
        "rule_citizenship__countries": "gb, ie",
    }
    refused = page.post(f"/recruit/programs/{north.program.pk}/cycles/new/", {**fields, "position": "sea"})
    assert refused.status_code == 200 and not Cycle.objects.exists()
    bad_rules = page.post(
        f"/recruit/programs/{north.program.pk}/cycles/new/",
        {**fields, "rule_citizenship__countries": "UK1"},
    )
    assert "citizenship.countries[0]" in bad_rules.content.decode() and not Cycle.objects.exists()
    made = page.post(f"/recruit/programs/{north.program.pk}/cycles/new/", fields)
    assert made.status_code == 302
    cycle = Cycle.objects.get()
    assert (cycle.program, cycle.recruiting_country) == (north.program, "GB")
    assert cycle.rules["citizenship"] == {"on": True, "countries": ["GB", "IE"]}
    assert cycle.rules["cir_japanese"]["on"] is False and cycle.rules["previous_participation"]["max_years"] == 5
    listing = page.get(f"/recruit/programs/{north.program.pk}/cycles/").content.decode()
    assert "Fri 27 Nov 2026 17:00 Greenwich Mean Time (London, UTC+00:00)" in listing


def test_the_step_log_keeps_who_moved_an_application(world: Any) -> None:
    north, _, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"])
    application_advance(application=application, to="screened", by=north.users["coordinator"], note="ok")
    step = ApplicationStep.objects.filter(application=application).last()
    assert step is not None and (step.from_status, step.to_status, step.note) == ("submitted", "screened", "ok")


def test_the_coordinator_reads_an_applicants_citizenships_as_country_names_in_their_language(world: Any) -> None:
    north, _, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"], citizenships="US, IE")
    page = signed_in(north.users["coordinator"])
    japanese = page.get(f"/recruit/applications/{application.pk}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "<td>アメリカ合衆国、アイルランド</td>" in japanese
    english = page.get(f"/recruit/applications/{application.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>United States, Ireland</td>" in english
