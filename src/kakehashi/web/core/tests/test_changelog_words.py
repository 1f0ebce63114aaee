"""The change log in words: fields by their names, values readable, objects by their names, in English and
in Japanese; never a raw dict, a field's code name or "… object (1)"."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from kakehashi.web.core.changelog_words import in_words
from kakehashi.web.core.models import Change
from kakehashi.web.organizations.models import Organization
from kakehashi.web.recruitment.models import ApplicationDocument

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def logged() -> Organization:
    board = Organization.objects.create(name="Maebashi Board", kind=Organization.Kind.BOARD)
    school = Organization.objects.create(name="Kita Elementary", kind=Organization.Kind.SCHOOL, parent=board)
    school.name_ja = "北小学校"
    school.save()
    return school


def test_an_update_is_told_field_by_field_with_the_field_in_words_and_before_and_after(logged: Organization) -> None:
    change = Change.objects.filter(model="organizations.organization", action="update").get()
    with translation.override("en"):
        [row] = in_words([change])
    assert row.kind == "organization" and row.name.startswith("Kita Elementary")
    assert [(f.label, f.before, f.after) for f in row.fields] == [("name (Japanese)", "—", "北小学校")]


def test_a_creation_names_linked_objects_and_choices_in_words(logged: Organization) -> None:
    change = Change.objects.filter(model="organizations.organization", object_id=str(logged.pk), action="create").get()
    with translation.override("en"):
        [row] = in_words([change])
        told = {f.label: f.after for f in row.fields}
        assert told["supervised by"] == "Maebashi Board"  # the board by its name, not its id
        assert told["kind"] == str(Organization.Kind.SCHOOL.label)


def test_the_change_log_page_reads_in_words_in_english_and_japanese(logged: Organization) -> None:
    admin = get_user_model().objects.create_superuser("boss", password="x-password-123")
    web = Client()
    web.force_login(admin)
    english = _text(web.get("/changes/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "name (Japanese): — → 北小学校" in english and "supervised by: Maebashi Board" in english
    japanese = _text(web.get("/changes/", HTTP_ACCEPT_LANGUAGE="ja").content.decode())
    assert "名称（日本語）: — → 北小学校" in japanese and "Maebashi Board" in japanese
    for page in (english, japanese):
        assert "{'" not in page and "name_ja" not in page and "object (" not in page
        assert "organizations.organization" not in page


def test_an_object_logged_before_it_had_a_name_is_shown_by_its_kind_and_number() -> None:
    change = Change.objects.create(
        action=Change.Action.DELETE,
        model="recruitment.applicationdocument",
        object_id="1",
        object_repr="ApplicationDocument object (1)",
        before={"kind": "cv", "original_name": "cv.pdf"},
    )
    with translation.override("en"):
        [row] = in_words([change])
    assert row.name == "application document #1"
    assert ("document", "CV / résumé") in [(f.label, f.before) for f in row.fields]


def test_an_application_document_is_named_by_its_kind_and_file() -> None:
    with translation.override("en"):
        assert str(ApplicationDocument(kind="cv", original_name="cv.pdf")) == "CV / résumé: cv.pdf"
    with translation.override("ja"):
        assert str(ApplicationDocument(kind="cv", original_name="cv.pdf")) == "履歴書: cv.pdf"
