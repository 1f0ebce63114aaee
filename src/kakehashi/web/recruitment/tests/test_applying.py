"""Applicants find open posts, sign up and apply: the deadline on the office's clock decides, eligibility
rules say which one failed, and only real PDF, JPEG or PNG files of at most 5 MB are stored."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kakehashi.web.accounts.models import Role
from kakehashi.web.recruitment.models import Application, ApplicationDocument, ApplicationStep
from kakehashi.web.recruitment.services import application_submit, cycle_is_open
from kakehashi.web.recruitment.tests.recruiting import (
    AFTER,
    BEFORE,
    EXE,
    PNG,
    answers,
    frozen,
    make_cycle,
    pdf,
    service_data,
    submitted,
)
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def test_the_deadline_is_the_whole_last_minute_on_the_offices_clock(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    assert cycle_is_open(cycle, dt.datetime(2024, 4, 6, 9, 59, 59, tzinfo=dt.UTC))  # 23:59:59 in Honolulu
    assert not cycle_is_open(cycle, dt.datetime(2024, 4, 6, 10, 0, tzinfo=dt.UTC))
    assert not cycle_is_open(cycle, dt.datetime(2024, 1, 8, 9, 59, tzinfo=dt.UTC))  # 23:59 the day before it opens


def test_an_applicant_one_minute_before_the_deadline_is_accepted_through_the_page(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    page = signed_in(north.users["applicant"])
    with frozen(BEFORE), django_capture_on_commit_callbacks(execute=True):
        response = page.post(f"/recruit/{cycle.pk}/apply/", {**answers(), "cv": pdf()})
    assert response.status_code == 302 and response["Location"] == "/recruit/mine/"
    application = Application.objects.get(cycle=cycle)
    assert application.applicant == north.users["applicant"]
    assert application.submitted_at == BEFORE  # the server's clock, not anything the browser sent
    assert application.preferences == ["Gunma"] and application.levels == ["elementary", "junior_high"]
    assert [step.to_status for step in application.steps.all()] == ["submitted"]
    document = application.documents.get()
    assert (document.kind, document.content_type, document.original_name) == ("cv", "application/pdf", "cv.pdf")
    assert document.file.name.startswith(f"applications/{cycle.pk}/") and "cv" not in document.file.name
    (sent,) = mail.outbox
    assert sent.to == ["ada@example.org"]
    assert "Application received" in sent.subject and "応募を受け付けました" not in sent.subject
    assert "Stage: submitted" in sent.body and "応募済み" not in sent.body  # the applicant's language only


def test_an_applicant_one_minute_after_the_deadline_is_refused_through_the_page(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    page = signed_in(north.users["applicant"])
    with frozen(AFTER):
        shown = page.get(f"/recruit/{cycle.pk}/apply/").content.decode()
        response = page.post(f"/recruit/{cycle.pk}/apply/", {**answers(), "cv": pdf()})
    assert "closed at Fri 5 Apr 2024 23:59 Hawaii Time (Honolulu, UTC−10:00)" in shown
    assert response.status_code == 200
    assert "closed at Fri 5 Apr 2024 23:59 Hawaii Time (Honolulu, UTC−10:00)" in response.content.decode()
    assert not Application.objects.exists()


def test_an_ineligible_cir_applicant_is_told_which_rule_failed_and_nothing_is_stored(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program, position="cir")
    page = signed_in(north.users["applicant"])
    with frozen(BEFORE):
        response = page.post(f"/recruit/{cycle.pk}/apply/", {**answers(japanese_level="N4"), "cv": pdf()})
    text = response.content.decode()
    assert "CIR applicants need Japanese at JLPT N2 or above; the recorded level is JLPT N4." in text
    assert "CIRの応募には" not in text
    with frozen(BEFORE):
        japanese = page.post(
            f"/recruit/{cycle.pk}/apply/", {**answers(japanese_level="N4"), "cv": pdf()}, HTTP_ACCEPT_LANGUAGE="ja"
        ).content.decode()
    assert "CIRの応募には日本語能力試験N2以上の日本語力が必要です（記録された級：N4）。" in japanese
    assert "CIR applicants need" not in japanese
    assert not Application.objects.exists() and not ApplicationDocument.objects.exists()
    assert not ApplicationStep.objects.exists()


def test_every_failed_rule_is_listed_together(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program, position="cir")
    with pytest.raises(ValidationError) as refused:
        submitted(cycle, north.users["applicant"], citizenships="CA", japanese_level="N4", previous_years=5)
    assert [message.split(" / ")[0].split(";")[0] for message in refused.value.messages] == [
        "Applicants must be citizens of US",
        "Applicants must have fewer than 5 years of earlier JET or ALT participation",
        "CIR applicants need Japanese at JLPT N2 or above",
    ]


def test_an_applicant_without_the_recruiting_countrys_citizenship_is_refused(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    page = signed_in(north.users["applicant"])
    with frozen(BEFORE):
        response = page.post(f"/recruit/{cycle.pk}/apply/", {**answers(citizenships=["GB", "IE"]), "cv": pdf()})
    text = response.content.decode()
    assert "Applicants must be citizens of US; the recorded citizenship is GB and IE." in text
    assert "応募にはUSの国籍が必要です" not in text
    assert not Application.objects.exists()


def test_a_dual_citizen_qualifies_through_either_citizenship(world: Any) -> None:
    north, _, _ = world
    application = submitted(make_cycle(north.program), north.users["applicant"], citizenships="GB, us")
    assert application.citizenships == "GB,US"


@pytest.mark.parametrize(("name", "content"), [("cv.pdf", EXE), ("notes.pdf", b"Just some text, not a PDF at all.\n")])
def test_a_file_renamed_to_pdf_is_refused_by_its_content(world: Any, name: str, content: bytes) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    page = signed_in(north.users["applicant"])
    with frozen(BEFORE):
        response = page.post(f"/recruit/{cycle.pk}/apply/", {**answers(), "cv": pdf(name, content)})
    assert f"{name} is not a PDF, JPEG or PNG file" in response.content.decode()
    assert not Application.objects.exists() and not ApplicationDocument.objects.exists()


def test_a_png_is_accepted_and_stored_as_a_png_whatever_its_name(world: Any) -> None:
    north, _, _ = world
    passport = SimpleUploadedFile("passport.pdf", PNG, content_type="application/pdf")
    application = application_submit(
        cycle=make_cycle(north.program),
        user=north.users["applicant"],
        data=service_data(),
        documents=[("cv", pdf()), ("passport", passport)],
        now=BEFORE,
    )
    stored = application.documents.get(kind="passport")
    assert stored.content_type == "image/png" and stored.file.name.endswith(".png")


def test_a_file_over_five_megabytes_is_refused(world: Any) -> None:
    north, _, _ = world
    big = pdf("cv.pdf", b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match=r"cv.pdf is larger than 5 MB, the most a document may be"):
        application_submit(
            cycle=make_cycle(north.program),
            user=north.users["applicant"],
            data=service_data(),
            documents=[("cv", big)],
            now=BEFORE,
        )
    assert not Application.objects.exists()


def test_the_upload_limit_is_a_setting(world: Any, settings: Any) -> None:
    settings.KAKEHASHI_UPLOAD_MAX_BYTES = 1024 * 1024
    north, _, _ = world
    page = signed_in(north.users["applicant"])
    cycle = make_cycle(north.program)
    with frozen(BEFORE):
        response = page.post(f"/recruit/{cycle.pk}/apply/", {**answers(), "cv": pdf(content=b"%PDF-" + b"1" * 2**21)})
    assert "larger than 1 MB" in response.content.decode()
    assert not Application.objects.exists()


def test_a_cv_is_required(world: Any) -> None:
    north, _, _ = world
    with pytest.raises(ValidationError, match="Attach your CV"):
        application_submit(
            cycle=make_cycle(north.program),
            user=north.users["applicant"],
            data=service_data(),
            documents=[("degree", pdf("degree.pdf"))],
            now=BEFORE,
        )


def test_an_applicant_applies_once_per_cycle(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    submitted(cycle, north.users["applicant"])
    with pytest.raises(ValidationError, match="already applied"):
        submitted(cycle, north.users["applicant"])
    assert Application.objects.count() == 1


def test_only_applicant_accounts_apply(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    with pytest.raises(ValidationError, match="Only applicant accounts"):
        submitted(cycle, north.users["participant"])
    with frozen(BEFORE):
        assert signed_in(north.users["coordinator"]).get(f"/recruit/{cycle.pk}/apply/").status_code == 404


def test_open_posts_show_the_deadline_on_the_offices_clock_in_tokyo_and_for_the_viewer(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    make_cycle(north.program, name="ALT 2023", opens_on=dt.date(2023, 1, 9), deadline_date=dt.date(2023, 4, 7))
    with frozen(BEFORE):
        page = Client().get("/recruit/").content.decode()  # no login needed
    assert cycle.name in page and "ALT 2023" not in page
    assert "Fri 5 Apr 2024 23:59 Hawaii Time (Honolulu, UTC−10:00)" in page
    assert "Sat 6 Apr 2024 18:59 Japan Standard Time (Tokyo, UTC+09:00)" in page
    assert '<time class="viewer-zone" datetime="2024-04-06T09:59:00Z">Sat 6 Apr 2024 09:59 UTC</time>' in page
    assert "Intl.DateTimeFormat" in page


def test_a_cycles_page_states_its_eligibility_rules_in_words(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program, position="cir", rules={"previous_participation": {"max_years": 3}})
    with frozen(BEFORE):
        page = Client().get(f"/recruit/{cycle.pk}/").content.decode()
    assert "A bachelor&#x27;s degree held by the departure date, Thu 25 Jul 2024." in page
    assert "Citizenship of United States." in page
    assert "Fewer than 3 years of earlier JET or ALT participation." in page
    assert "Japanese at JLPT N2 or above." in page and "日本語能力試験" not in page
    assert f"/recruit/signup/?next=/recruit/{cycle.pk}/apply/" in page


def test_signing_up_makes_an_applicant_and_returns_to_the_cycle(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    browser = Client()
    with django_capture_on_commit_callbacks(execute=True):
        asked = browser.post(f"/recruit/signup/?next=/recruit/{cycle.pk}/apply/", {"email": "Grace@Example.org"})
    assert asked.status_code == 302 and asked["Location"] == "/recruit/signup/sent/"
    (sent,) = mail.outbox
    assert sent.to == ["grace@example.org"]
    link = re.search(r"https?://testserver(/recruit/signup/finish/\S+/)", sent.body)
    assert link is not None
    weak = browser.post(link.group(1), {"password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 200 and "too short" in weak.content.decode()
    done = browser.post(link.group(1), {"password1": "cobol-compiler-1952", "password2": "cobol-compiler-1952"})
    assert done.status_code == 302 and done["Location"] == f"/recruit/{cycle.pk}/apply/"
    role = Role.objects.get(user__username="grace@example.org")
    assert role.kind == "applicant" and role.program is None and role.organization is None
    with frozen(BEFORE):
        assert browser.get(f"/recruit/{cycle.pk}/apply/").status_code == 200  # logged in already


def test_signing_up_never_sends_the_applicant_to_another_site(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    browser = Client()
    with django_capture_on_commit_callbacks(execute=True):
        browser.post("/recruit/signup/?next=https://evil.example/", {"email": "m@example.org"})
    link = re.search(r"https?://testserver(/recruit/signup/finish/\S+/)", mail.outbox[0].body)
    assert link is not None
    response = browser.post(link.group(1), {"password1": "cobol-compiler-1952", "password2": "cobol-compiler-1952"})
    assert response["Location"] == "/recruit/"


def test_the_applicants_home_page_links_to_open_posts_and_their_applications(world: Any) -> None:
    north, _, _ = world
    home = signed_in(north.users["applicant"]).get("/").content.decode()
    assert 'href="/recruit/"' in home and 'href="/recruit/mine/"' in home


def test_an_anonymous_visitor_is_sent_to_sign_up_before_applying(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    response = Client().get(f"/recruit/{cycle.pk}/apply/")
    assert response.status_code == 302
    assert response["Location"] == f"/recruit/signup/?next=/recruit/{cycle.pk}/apply/"


@pytest.mark.parametrize("who", ["coordinator", "participant", "applicant", None])
def test_no_link_on_a_cycles_page_is_dead_for_anyone(world: Any, who: str | None) -> None:
    # A coordinator was shown "Apply now", which answers 404 to anyone but an applicant.
    north, _, _ = world
    cycle = make_cycle(north.program)
    browser = signed_in(north.users[who]) if who else Client()
    with frozen(BEFORE):
        page = browser.get(f"/recruit/{cycle.pk}/").content.decode()
        links = {html.unescape(href) for href in re.findall(r'href="(/[^"]*)"', page)} - {"/static/"}
        dead = [link for link in links if not link.startswith("/static/") and browser.get(link).status_code == 404]
    assert (f"/recruit/{cycle.pk}/apply/" in page) == (who in ("applicant", None))  # only they are asked to apply
    assert not dead, f"dead links for {who or 'a visitor'}: {dead}"


def test_a_coordinator_on_a_cycles_page_is_sent_to_its_applications_not_the_form(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    with frozen(BEFORE):
        page = signed_in(north.users["coordinator"]).get(f"/recruit/{cycle.pk}/").content.decode()
    assert "Apply now" not in page and f'href="/recruit/cycles/{cycle.pk}/applications/"' in page
