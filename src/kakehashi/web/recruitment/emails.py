"""The emails an applicant receives, English first and Japanese below: the application received, each move
through the pipeline, an interview time. Sent only once the change is stored (see `send_after_commit`)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction

from kakehashi.recruitment import Stage
from kakehashi.recruitment.pipeline import JAPANESE
from kakehashi.web.core.validators import one_line
from kakehashi.web.recruitment.display import TOKYO, on_clock
from kakehashi.web.recruitment.models import Application

SIGNATURE = "Kakehashi 架け橋"


def send_after_commit(to: str, subject: str, body: str) -> None:
    """Mail once the transaction commits: a move that a surrounding transaction rolls back (a placement
    applied all or nothing) is never announced. A mail server that fails then is logged, not raised: the
    change is stored and the page must not say otherwise."""
    transaction.on_commit(lambda: send_mail(one_line(subject), body, None, [to]), robust=True)


def _stage(status: str) -> tuple[str, str]:
    stage = Stage(status)
    return stage.value, JAPANESE[stage]


def received(application: Application) -> tuple[str, str]:
    cycle = application.cycle
    english, japanese = _stage(application.status)
    at = on_clock(application.submitted_at, cycle.time_zone)
    subject = f"[Kakehashi] Application received: {cycle.name} / 応募を受け付けました"
    body = (
        f"Dear {application.full_name},\n\n"
        f"We received your application for {cycle.name} ({cycle.position.upper()}) at {at}.\n"
        f"Stage: {english}. You can follow it, or withdraw it, under My applications.\n\n"
        f"{application.full_name} 様\n\n"
        f"{cycle.name}（{cycle.position.upper()}）への応募を受け付けました（{at}）。\n"
        f"現在の段階：{japanese}。「応募一覧」で状況の確認や辞退ができます。\n\n{SIGNATURE}\n"
    )
    return subject, body


def stage_changed(application: Application, note: str = "") -> tuple[str, str]:
    cycle = application.cycle
    english, japanese = _stage(application.status)
    subject = f"[Kakehashi] {cycle.name}: your application is now {english} / 応募の状況：{japanese}"
    body = (
        f"Dear {application.full_name},\n\n"
        f"Your application for {cycle.name} has moved to a new stage: {english}.\n"
        + (f"Note: {note}\n" if note else "")
        + f"\n{application.full_name} 様\n\n"
        f"{cycle.name}への応募が次の段階に進みました：{japanese}。\n"
        + (f"備考：{note}\n" if note else "")
        + f"\n{SIGNATURE}\n"
    )
    return subject, body


def interview(application: Application) -> tuple[str, str]:
    """The time on the office's clock (where the interview is held) and on Tokyo's (where the program is)."""
    cycle = application.cycle
    assert application.interview_at is not None
    office = on_clock(application.interview_at, cycle.time_zone)
    tokyo = on_clock(application.interview_at, TOKYO)
    place = application.interview_place or "-"
    subject = f"[Kakehashi] {cycle.name}: interview {office} / 面接のご案内"
    body = (
        f"Dear {application.full_name},\n\n"
        f"Your interview for {cycle.name}:\n"
        f"  {office}\n  {tokyo} in Japan\n  Place or link: {place}\n\n"
        f"{application.full_name} 様\n\n"
        f"{cycle.name}の面接日時：\n"
        f"  {office}\n  日本時間 {tokyo}\n  場所・リンク：{place}\n\n{SIGNATURE}\n"
    )
    return subject, body
