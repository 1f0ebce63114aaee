"""An applicant's document must open as the type its first bytes announce, on the page and through the API;
it is stored and handed out under a safe name with that type's suffix, whatever the applicant called it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kakehashi.web.api.tokens import token_issue
from kakehashi.web.recruitment.models import Application, ApplicationDocument
from kakehashi.web.recruitment.services import application_submit
from kakehashi.web.recruitment.tests.recruiting import (
    BEFORE,
    PDF,
    PNG,
    answers,
    frozen,
    make_cycle,
    pdf,
    service_data,
)
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db

WEB_PAGE = b"%PDF-1.4\n<html><body><script>document.location='https://evil.example/'</script></body></html>\n"
REFUSED_PDF = "cv.html starts like a PDF file but cannot be opened as one"


def _api_apply(user: Any, cycle: Any, cv: SimpleUploadedFile) -> Any:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user).key}")
    with frozen(BEFORE):
        return client.post("/api/applications/", {**answers(), "cycle": cycle.pk, "cv": cv}, format="multipart")


def test_a_pdf_header_followed_by_a_web_page_is_refused_on_the_page(world: Any) -> None:
    north, _, _ = world
    cycle = make_cycle(north.program)
    with frozen(BEFORE):
        response = signed_in(north.users["applicant"]).post(
            f"/recruit/{cycle.pk}/apply/", {**answers(), "cv": pdf("cv.html", WEB_PAGE)}
        )
    assert REFUSED_PDF in response.content.decode()
    assert not Application.objects.exists() and not ApplicationDocument.objects.exists()


def test_a_pdf_header_followed_by_a_web_page_is_refused_through_the_api(world: Any) -> None:
    north, _, _ = world
    answer = _api_apply(north.users["applicant"], make_cycle(north.program), pdf("cv.html", WEB_PAGE))
    assert answer.status_code == 400 and REFUSED_PDF in answer.content.decode()
    assert not ApplicationDocument.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("cv.pdf", PDF[: len(PDF) // 2], "PDF"),  # cut off in the middle
        ("passport.png", PNG[:-20], "PNG"),  # its last chunks missing
        ("passport.png", PNG[:30] + b"\x00" * 4 + PNG[34:], "PNG"),  # a chunk that fails its checksum
        ("passport.jpg", b"\xff\xd8\xff\xe0<html>not really a photo</html>", "JPG"),
    ],
    ids=["a PDF cut in half", "a PNG cut short", "a PNG with a bad checksum", "a web page behind a JPEG header"],
)
def test_a_damaged_or_disguised_document_is_refused_by_its_whole_content(
    world: Any, name: str, content: bytes, kind: str
) -> None:
    north, _, _ = world
    with pytest.raises(ValidationError, match=f"{name} starts like a {kind} file but cannot be opened as one"):
        application_submit(
            cycle=make_cycle(north.program),
            user=north.users["applicant"],
            data=service_data(),
            documents=[("cv", pdf()), ("other", SimpleUploadedFile(name, content))],
            now=BEFORE,
        )
    assert not Application.objects.exists()


def test_a_real_pdf_named_cv_html_is_kept_and_downloaded_as_cv_pdf(world: Any) -> None:
    north, _, _ = world
    answer = _api_apply(north.users["applicant"], make_cycle(north.program), pdf("cv.html", PDF))
    assert answer.status_code == 201, answer.content
    [listed] = answer.json()["documents"]
    assert listed["name"] == "cv.pdf"
    document = ApplicationDocument.objects.get()
    assert document.original_name == "cv.pdf" and document.file.name.endswith(".pdf")
    download = signed_in(north.users["coordinator"]).get(f"/recruit/documents/{document.pk}/")
    assert download["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert download["Content-Type"] == "application/pdf"


def test_a_document_stored_under_its_uploaded_name_is_still_handed_out_under_a_safe_one(world: Any) -> None:
    north, _, _ = world
    application = application_submit(
        cycle=make_cycle(north.program),
        user=north.users["applicant"],
        data=service_data(),
        documents=[("cv", pdf())],
        now=BEFORE,
    )
    document = application.documents.get()
    document.original_name = "../résumé <b>final</b>.html"  # as names were kept before they were made safe
    document.save()
    download = signed_in(north.users["coordinator"]).get(f"/recruit/documents/{document.pk}/")
    assert download["Content-Disposition"].endswith('.pdf"')
    assert ".html" not in download["Content-Disposition"] and "<" not in download["Content-Disposition"]
