"""Recruitment's rules for applicants and coordinators: when a cycle is open and under which eligibility rules,
submitting an application with its documents, moving it through the pipeline (a step row and an email each
time), interviews and withdrawal. Pages call these; nothing here trusts a time or a file type the browser sent.

SEA cycles, placement and renewals are in services_placement.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.recruitment import (
    Applicant,
    Deadline,
    Position,
    RuleSet,
    Stage,
    TransitionError,
    advance,
    check_eligibility,
    default_rules,
    is_open,
)
from kakehashi.recruitment.applicant import is_country_code
from kakehashi.timetable.reader import FormatError
from kakehashi.web.accounts.models import Role
from kakehashi.web.core.refusals import in_one_line
from kakehashi.web.recruitment import emails
from kakehashi.web.recruitment.display import failure_text, on_clock
from kakehashi.web.recruitment.documents import document_name, document_type, opens_as
from kakehashi.web.recruitment.models import Application, ApplicationDocument, ApplicationStep, Cycle
from kakehashi.web.recruitment.models import Position as Post
from kakehashi.web.schools.models import School

# What an application form may set; everything else (status, times, the applicant) is the server's.
APPLICATION_FIELDS = (
    "full_name",
    "email",
    "birth_date",
    "gender",
    "citizenships",
    "origin_region",
    "degree",
    "degree_date",
    "japanese_level",
    "teaching_experience",
    "coaching_experience",
    "coaching_qualifications",
    "previous_years",
    "preferences",
    "levels",
)
MAX_PREFERENCES = 3


# Cycles


def core_position(cycle: Cycle) -> Position:
    return Position(cycle.position.upper())


def cycle_deadline(cycle: Cycle) -> Deadline:
    """The last minute on the recruiting office's clock (seconds are dropped: a deadline is a whole minute)."""
    local = dt.datetime.combine(cycle.deadline_date, cycle.deadline_time.replace(second=0, microsecond=0))
    return Deadline(local, cycle.time_zone)


def cycle_opens_at(cycle: Cycle) -> dt.datetime:
    """Midnight starting `opens_on` on the office's clock."""
    return dt.datetime.combine(cycle.opens_on, dt.time.min, tzinfo=ZoneInfo(cycle.time_zone))


def cycle_is_open(cycle: Cycle, now: dt.datetime) -> bool:
    return now >= cycle_opens_at(cycle) and is_open(cycle_deadline(cycle), now)


def cycle_rules(cycle: Cycle) -> RuleSet:
    """The position's default rules for the recruiting country (and an SEA post's sport), with the cycle's
    own `rules` JSON applied. A malformed document raises the core's FormatError, naming its JSON path."""
    position = core_position(cycle)
    sport = cycle.sea_request.sport if position is Position.SEA and cycle.sea_request is not None else None
    countries = [cycle.recruiting_country] if cycle.recruiting_country else []
    return default_rules(position, countries=countries, sport=sport).with_changes(cycle.rules or {})


def cycle_save(*, cycle: Cycle) -> Cycle:
    """Create or change a cycle. A new SEA cycle is refused here: it opens from an organization's request."""
    if cycle.pk is None and cycle.position == Post.SEA:
        raise ValidationError(
            {
                "position": _(
                    "An SEA post opens only from a contracting organization's request."
                )
            }
        )
    if cycle.pk is not None:
        before = Cycle.objects.get(pk=cycle.pk)
        # Applications already received were checked against the old position's rules.
        if before.position != cycle.position and before.applications.exists():
            raise ValidationError(
                {
                    "position": _(
                        "This cycle has applications; its position cannot change."
                    )
                }
            )
    cycle.recruiting_country = cycle.recruiting_country.strip().upper()
    if not is_country_code(cycle.recruiting_country):
        raise ValidationError(
            {
                "recruiting_country": _(
                    "Give a two-letter ISO country code like US."
                )
            }
        )
    cycle.deadline_time = cycle.deadline_time.replace(second=0, microsecond=0)
    cycle.full_clean()
    try:
        cycle_rules(cycle)
    except (FormatError, ValueError) as error:
        raise ValidationError(
            {
                "rules": _("The rules cannot be read: %(problem)s")
                % {"problem": error}
            }
        ) from None
    cycle.save()
    return cycle


def _check_open(cycle: Cycle, now: dt.datetime) -> None:
    if now < cycle_opens_at(cycle):
        raise ValidationError(
            _("Applications for %(cycle)s open on %(date)s.")
            % {"cycle": cycle.name, "date": cycle.opens_on}
        )
    deadline = cycle_deadline(cycle)
    if not is_open(deadline, now):
        raise ValidationError(
            _("Applications for %(cycle)s closed at %(deadline)s.")
            % {"cycle": cycle.name, "deadline": deadline.label()}
        )


# Applications


def application_submit(
    *,
    cycle: Cycle,
    user: Any,
    data: dict[str, Any],
    documents: Sequence[tuple[str, File[bytes]]],
    now: dt.datetime | None = None,
) -> Application:
    """Store an application with its documents and first step, or nothing at all.

    `now` is for tests; a page never passes it, so the deadline is judged by the server's clock. Every
    failed eligibility rule and every refused document is reported together, so one try tells it all."""
    now = now or timezone.now()
    _check_open(cycle, now)
    if not Role.objects.filter(user=user, kind=Role.Kind.APPLICANT).exists():
        raise ValidationError(_("Only applicant accounts can apply."))
    if Application.objects.filter(cycle=cycle, applicant=user).exists():
        raise ValidationError(_already_applied(cycle))
    fields = {key: data[key] for key in APPLICATION_FIELDS if key in data}
    application = Application(
        cycle=cycle, applicant=user, status=Application.Status.SUBMITTED, submitted_at=now, **fields
    )
    application.citizenships = ",".join(_countries(data.get("citizenships", "")))
    application.preferences = _preferences(data.get("preferences", []))
    application.coaching_qualifications = ", ".join(_qualifications(application.coaching_qualifications))
    application.levels = _levels(data.get("levels", []))
    application.full_clean()

    problems = [
        failure_text(failure)
        for failure in check_eligibility(
            eligibility_applicant(application), core_position(cycle), cycle_rules(cycle), departure=cycle.departure_on
        )
    ]
    checked: list[tuple[str, File[bytes], str, str]] = []
    for kind, upload in documents:
        problem, content_type, suffix = _check_document(kind, upload)
        if problem:
            problems.append(problem)
        else:
            checked.append((kind, upload, content_type, suffix))
    if not any(kind == ApplicationDocument.Kind.CV for kind, _upload in documents):
        problems.append(_("Attach your CV."))
    if problems:
        raise ValidationError(problems)

    stored: list[str] = []
    try:
        with transaction.atomic():
            application.save()
            for kind, upload, content_type, suffix in checked:
                document = ApplicationDocument(
                    application=application,
                    kind=kind,
                    original_name=document_name(upload.name or "document", suffix),
                    content_type=content_type,
                    size=upload.size,
                )
                # The stored name is random (models._document_path) and keeps the suffix of the real type.
                document.file.save(f"document{suffix}", upload, save=False)
                if document.file.name:  # always, once saved
                    stored.append(document.file.name)
                document.save()
            ApplicationStep.objects.create(application=application, by=user, to_status=Application.Status.SUBMITTED)
    except IntegrityError:
        _discard(stored)
        raise ValidationError(_already_applied(cycle)) from None  # the same applicant, twice at once
    except BaseException:
        _discard(stored)  # files are not part of the transaction: remove what a rolled-back row pointed to
        raise
    emails.send_after_commit(application.email, *emails.received(application))
    return application


def _already_applied(cycle: Cycle) -> str:
    return _("You have already applied to %(cycle)s.") % {"cycle": cycle.name}


def _discard(names: Iterable[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _countries(value: str | Sequence[str]) -> list[str]:
    items = value.replace(";", ",").replace(" ", ",").split(",") if isinstance(value, str) else list(value)
    codes: list[str] = []
    for item in items:
        code = item.strip().upper()
        if not code:
            continue
        if not is_country_code(code):
            raise ValidationError(
                {
                    "citizenships": _(
                        "%(code)s is not a two-letter ISO country code like US or GB."
                    )
                    % {"code": item.strip()}
                }
            )
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ValidationError({"citizenships": _("Give at least one citizenship.")})
    return codes


def _preferences(value: Sequence[Any]) -> list[str]:
    """Ranked wishes: `O<pk>` for an organization chosen from the list, otherwise the text typed."""
    ranked: list[str] = []
    for wish in value:
        text = str(wish).strip()[:200]
        if text and text not in ranked:
            ranked.append(text)
    if len(ranked) > MAX_PREFERENCES:
        raise ValidationError(
            {
                "preferences": _("Give at most %(count)s placement preferences.")
                % {"count": MAX_PREFERENCES}
            }
        )
    return ranked


def _levels(value: Sequence[Any]) -> list[str]:
    levels = [str(level) for level in value]
    unknown = sorted(set(levels) - set(School.Level.values))
    if unknown:
        raise ValidationError(
            {
                "levels": _("Unknown school level: %(levels)s")
                % {"levels": ", ".join(unknown)}
            }
        )
    return levels


def _qualifications(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def eligibility_applicant(application: Application) -> Applicant:
    """The application as the core's eligibility rules see it."""
    level = application.japanese_level
    return Applicant(
        id=str(application.pk or ""),
        name=application.full_name,
        degree_date=application.degree_date,
        citizenships=tuple(c for c in application.citizenships.split(",") if c),
        previous_years=application.previous_years,
        japanese_level=None if level in ("", "none") else level,
        coaching_qualifications=tuple(_qualifications(application.coaching_qualifications)),
    )


def _check_document(kind: str, upload: File[bytes]) -> tuple[str | None, str, str]:
    """(problem, content type, suffix): the type from the file's first bytes, never from its name, and
    only if the whole file opens as that type (documents.py)."""
    name = PurePosixPath(upload.name or "").name
    if kind not in ApplicationDocument.Kind.values:
        return _("%(name)s: choose what the document is.") % {"name": name}, "", ""
    limit = settings.KAKEHASHI_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        return (
            _(
                "%(name)s is larger than %(limit)s MB, the most a document may be."
            )
            % {"name": name, "limit": _megabytes(limit)},
            "",
            "",
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    found = document_type(content)
    if found is None:
        return (
            _(
                "%(name)s is not a PDF, JPEG or PNG file (its content, not its name, decides)."
            )
            % {"name": name},
            "",
            "",
        )
    content_type, suffix = found
    if not opens_as(content_type, content):
        return (
            _(
                "%(name)s starts like a %(type)s file but cannot be opened as one: it is "
                "damaged, protected by a password, or an image of more than 50 megapixels."
            )
            % {"name": name, "type": suffix.removeprefix(".").upper()},
            "",
            "",
        )
    return None, content_type, suffix


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


# The pipeline


def _locked_status(application: Application) -> str:
    # The stored stage, not the page's copy: two coordinators may move the same application at once.
    status: str = Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
    return status


def _move(application: Application, current: str, to: str, by: Any, note: str) -> ApplicationStep:
    try:
        target = advance(current, to)
    except TransitionError as error:
        raise ValidationError(f"{error.english} / {error.japanese}") from None
    application.status = target.value
    application.save(update_fields=["status", "updated_at"])
    return ApplicationStep.objects.create(
        application=application, by=by, from_status=current, to_status=target.value, note=note[:300]
    )


def application_advance(*, application: Application, to: str, by: Any, note: str = "") -> Application:
    """Move the application to `to` if the pipeline allows it (the core's `advance`), with a step row and an
    email to the applicant naming the new stage."""
    with transaction.atomic():
        _move(application, _locked_status(application), to, by, note)
    emails.send_after_commit(application.email, *emails.stage_changed(application, note))
    return application


def applications_advance_bulk(
    *, applications: Iterable[Application], to: str, by: Any
) -> tuple[list[Application], list[tuple[Application, str]]]:
    """Move every application that may move to `to`; the others stay and come back with the reason."""
    moved: list[Application] = []
    refused: list[tuple[Application, str]] = []
    for application in applications:
        try:
            application_advance(application=application, to=to, by=by)
        except ValidationError as error:
            refused.append((application, in_one_line(error)))
        else:
            moved.append(application)
    return moved, refused


def interview_schedule(*, application: Application, at: dt.datetime, place: str, by: Any) -> Application:
    """Give a screened application its interview (moving it to interview), or move an interview already set.
    One email gives the time on the office's clock and in Tokyo."""
    if timezone.is_naive(at):
        raise ValueError("an interview time must carry its time zone")
    with transaction.atomic():
        current = _locked_status(application)
        if current == Stage.SCREENED:
            _move(application, current, Stage.INTERVIEW, by, note=on_clock(at, application.cycle.time_zone))
        elif current != Stage.INTERVIEW:
            raise ValidationError(
                _(
                    "An interview is set for a screened application, or moved for one at interview; "
                    "this one is %(stage)s."
                )
                % {"stage": current}
            )
        application.interview_at = at
        application.interview_place = place.strip()
        application.save(update_fields=["interview_at", "interview_place", "updated_at"])
    emails.send_after_commit(application.email, *emails.interview(application))
    return application


def application_withdraw(*, application: Application, by: Any) -> Application:
    """The applicant withdraws their own application, at any stage that is not final."""
    if getattr(by, "pk", None) != application.applicant_id:
        raise ValidationError(
            _("Only the applicant can withdraw this application.")
        )
    return application_advance(
        application=application, to=Stage.WITHDRAWN, by=by, note="withdrawn by the applicant / 応募者本人による辞退"
    )


# Applicant accounts


def applicant_account_create(*, username: str, email: str, password: str) -> Any:
    """A login for someone applying: an applicant role, scoped to nothing, so it sees only its own
    applications. The password has passed Django's validators in the sign-up form."""
    with transaction.atomic():
        user = get_user_model().objects.create_user(username=username, email=email, password=password)
        Role.objects.create(user=user, kind=Role.Kind.APPLICANT)
    return user
