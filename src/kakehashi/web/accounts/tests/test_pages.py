"""The helpers every app's pages share: the way back after a form never leads off the site, the ticked rows
are only numbers, and a refusal is said once as the page's message while the rest of its block is skipped."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.test import RequestFactory

from kakehashi.web.accounts.pages import back, refusal_said, ticked


def _posted(data: dict[str, object]) -> HttpRequest:
    request = RequestFactory().post("/duties/reports/approve/", data)
    request.session = {}  # type: ignore[attr-defined]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def test_back_returns_to_the_page_that_sent_the_form() -> None:
    assert back(_posted({"next": "/duties/reports/?status=submitted"}), "duties:list").url == (
        "/duties/reports/?status=submitted"
    )


def test_back_never_leads_to_another_site_nor_anywhere_when_nothing_was_sent() -> None:
    assert back(_posted({"next": "https://evil.example/"}), "duties:list").url == "/duties/reports/"
    assert back(_posted({}), "leave:list").url == "/leave/requests/"


def test_only_numbers_count_as_ticked_rows() -> None:
    assert ticked(_posted({"selected": ["3", "x", "12", "-1"]})) == ["3", "12"]


def _decide_an_already_decided_report() -> None:
    raise ValidationError(["The report was already decided.", "Ask the coordinator."])


def test_a_refusal_is_said_once_in_one_line_and_the_rest_of_its_block_is_skipped() -> None:
    request = _posted({})
    reached = []
    with refusal_said(request):
        _decide_an_already_decided_report()
        reached.append("after")  # where a real page says its success
    said = [(m.level, m.message) for m in messages.get_messages(request)]
    assert said == [(messages.ERROR, "The report was already decided. Ask the coordinator.")]
    assert reached == []


def test_no_message_is_said_when_the_service_agrees() -> None:
    request = _posted({})
    with refusal_said(request):
        messages.success(request, "Report approved.")
    assert [m.message for m in messages.get_messages(request)] == ["Report approved."]
