"""APPI: a participant downloads everything held about them; who viewed whose data is logged; personal data
is anonymized or deleted after its retention time."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from kakehashi.web.core.models import Change
from kakehashi.web.leave.services import absence_report
from kakehashi.web.people.models import Participant, Placement
from kakehashi.web.privacy.models import PersonalDataView
from kakehashi.web.privacy.retention import purge_expired
from kakehashi.web.testing import PASSWORD, signed_in

pytestmark = pytest.mark.django_db


def test_a_participant_downloads_everything_held_about_them(world: Any) -> None:
    north, _, _ = world
    me = north.alts[0]
    absence_report(participant=me, date=dt.date(2026, 12, 1), reason="Dentist")
    response = signed_in(north.users["participant"]).get("/privacy/my-data.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["format"] == "kakehashi/personal-data@1"
    assert data["participant"]["name"] == me.name and data["participant"]["code"] == me.code
    assert data["placements"] and data["leave"][0]["reason"] == "Dentist"
    assert data["account"]["email"] == north.users["participant"].email
    assert any(c["model"] == "people.participant" for c in data["change_log"])


def test_a_coordinators_view_of_an_alt_is_logged_and_the_alt_sees_it(world: Any) -> None:
    north, _, _ = world
    me = north.alts[0]
    signed_in(north.users["coordinator"]).get(f"/people/{me.code}/")
    signed_in(north.users["participant"]).get(f"/people/{me.code}/")  # one's own page is not logged
    views = list(PersonalDataView.objects.all())
    assert [(v.viewer, v.participant, v.what) for v in views] == [(north.users["coordinator"], me, "participant page")]
    page = signed_in(north.users["participant"]).get("/privacy/").content.decode()
    assert north.users["coordinator"].email in page and "participant page" in page


def test_the_alt_reads_who_saw_their_data_by_name_and_what_they_saw_in_their_language(world: Any) -> None:
    north, _, _ = world
    me = north.alts[0]
    coordinator = north.users["coordinator"]
    coordinator.first_name, coordinator.last_name = "Mika", "Tanaka"
    coordinator.save()
    signed_in(coordinator).get(f"/people/{me.code}/")
    signed_in(coordinator).get(f"/people/{me.code}/edit/")
    page = signed_in(north.users["participant"]).get("/privacy/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "Mika Tanaka" in page and f">{coordinator.username}<" not in page  # never the login name
    assert "参加者ページ" in page and "参加者情報（編集）" in page
    assert "participant page" not in page and "participant record" not in page


def test_only_administrators_read_the_whole_access_log(world: Any) -> None:
    north, _, root = world
    assert signed_in(north.users["coordinator"]).get("/privacy/log/").status_code == 403
    root_client = Client()
    root_client.login(username=root.username, password=PASSWORD)
    assert root_client.get("/privacy/log/").status_code == 200


def test_a_participant_is_anonymized_after_the_retention_time_and_others_are_kept(world: Any, settings: Any) -> None:
    north, _, _ = world
    settings.KAKEHASHI_RETENTION_DAYS = 365
    gone, staying = north.alts[0], north.alts[1]
    Placement.objects.filter(participant=gone).update(ends=dt.date(2024, 3, 31))
    gone.birth_date, gone.origin_region = dt.date(1995, 1, 2), "Ontario"
    gone.save()
    report = purge_expired(dt.date(2026, 11, 24), dry_run=True)
    assert report.anonymized == [gone.code]
    assert Participant.objects.get(pk=gone.pk).anonymized_at is None  # a dry run changes nothing
    out = io.StringIO()
    call_command("privacy_purge", stdout=out)
    assert f"Anonymized 1 participant(s): {gone.code}" in out.getvalue()
    gone.refresh_from_db()
    assert gone.name == f"Former participant {gone.code}" and gone.birth_date is None and gone.origin_region == ""
    assert gone.anonymized_at is not None and gone.user is not None and not gone.user.is_active
    assert gone.user.email == "" and not gone.user.has_usable_password()
    logged = Change.objects.filter(model="people.participant", object_id=str(gone.pk))
    assert logged.exists() and all(c.before in (None, {"anonymized": True}) for c in logged)
    assert not any("Ontario" in json.dumps(c.after) for c in logged)
    staying.refresh_from_db()
    assert staying.anonymized_at is None and not staying.name.startswith("Former")


def test_an_unsuccessful_application_and_its_documents_are_deleted_a_year_after_the_deadline(world: Any) -> None:
    from kakehashi.web.recruitment.models import Application, ApplicationDocument
    from kakehashi.web.recruitment.services import application_advance
    from kakehashi.web.recruitment.tests.recruiting import make_cycle, submitted

    north, _, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"])  # 2024 cycle
    stored = ApplicationDocument.objects.get(application=application).file
    assert stored.storage.exists(stored.name)
    application_advance(application=application, to="unsuccessful", by=north.users["coordinator"])
    report = purge_expired(dt.date(2025, 4, 1))  # less than a year after the 2024-04-05 deadline
    assert report.applications_deleted == 0 and Application.objects.exists()
    report = purge_expired(dt.date(2025, 4, 7))
    assert report.applications_deleted == 1 and not Application.objects.exists()
    assert not stored.storage.exists(stored.name)
