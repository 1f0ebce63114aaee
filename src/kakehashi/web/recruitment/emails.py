"""The emails an applicant receives, in the applicant's language (the one they last chose on the site,
core/languages.py): the application received, each move through the pipeline, an interview time. Sent only
once the change is stored (see `send_after_commit`)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from kakehashi.recruitment import Stage
from kakehashi.recruitment.pipeline import JAPANESE
from kakehashi.web.core.languages import language_of
from kakehashi.web.core.validators import one_line
from kakehashi.web.recruitment.display import TOKYO, on_clock
from kakehashi.web.recruitment.models import Application

SIGNATURE = "Kakehashi"
SIGNATURE_JA = "架け橋 Kakehashi"


def _japanese(application: Application) -> bool:
    return language_of(application.applicant).startswith("ja")


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
    if _japanese(application):
        with translation.override("ja"):
            at = on_clock(application.submitted_at, cycle.time_zone)
        return f"[架け橋] 応募を受け付けました：{cycle.name}", (
            f"{application.full_name} 様\n\n"
            f"{cycle.name}（{cycle.position.upper()}）への応募を受け付けました（{at}）。\n"
            f"現在の段階：{japanese}。「応募一覧」で状況の確認や辞退ができます。\n\n{SIGNATURE_JA}\n"
        )
    with translation.override("en"):
        at = on_clock(application.submitted_at, cycle.time_zone)
    return f"[Kakehashi] Application received: {cycle.name}", (
        f"Dear {application.full_name},\n\n"
        f"We received your application for {cycle.name} ({cycle.position.upper()}) at {at}.\n"
        f"Stage: {english}. You can follow it, or withdraw it, under My applications.\n\n{SIGNATURE}\n"
    )


def stage_changed(application: Application, note: str = "") -> tuple[str, str]:
    cycle = application.cycle
    english, japanese = _stage(application.status)
    if _japanese(application):
        return f"[架け橋] {cycle.name}：応募の状況：{japanese}", (
            f"{application.full_name} 様\n\n"
            f"{cycle.name}への応募が次の段階に進みました：{japanese}。\n"
            + (f"備考：{note}\n" if note else "")
            + f"\n{SIGNATURE_JA}\n"
        )
    return f"[Kakehashi] {cycle.name}: your application is now {english}", (
        f"Dear {application.full_name},\n\n"
        f"Your application for {cycle.name} has moved to a new stage: {english}.\n"
        + (f"Note: {note}\n" if note else "")
        + f"\n{SIGNATURE}\n"
    )


def interview(application: Application) -> tuple[str, str]:
    """The time on the office's clock (where the interview is held) and on Tokyo's (where the program is)."""
    cycle = application.cycle
    assert application.interview_at is not None
    place = application.interview_place or "-"
    language = "ja" if _japanese(application) else "en"
    with translation.override(language):
        office = on_clock(application.interview_at, cycle.time_zone)
        tokyo = on_clock(application.interview_at, TOKYO)
    if language == "ja":
        return f"[架け橋] {cycle.name}：面接のご案内 {office}", (
            f"{application.full_name} 様\n\n"
            f"{cycle.name}の面接日時：\n"
            f"  {office}\n  日本時間 {tokyo}\n  場所・リンク：{place}\n\n{SIGNATURE_JA}\n"
        )
    return f"[Kakehashi] {cycle.name}: interview {office}", (
        f"Dear {application.full_name},\n\n"
        f"Your interview for {cycle.name}:\n"
        f"  {office}\n  {tokyo} in Japan\n  Place or link: {place}\n\n{SIGNATURE}\n"
    )
