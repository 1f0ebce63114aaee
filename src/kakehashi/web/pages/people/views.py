from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from kakehashi.web.accounts.lists import filtered_list
from kakehashi.web.accounts.passwords import send_reset_link
from kakehashi.web.accounts.scope import has_role, roles_of, visible_participants
from kakehashi.web.calendars.weeks import participant_dated_week, requested_monday
from kakehashi.web.core.memo import until_next_change
from kakehashi.web.core.personal_data import record_view
from kakehashi.web.pages.people.calendar import participant_calendar
from kakehashi.web.pages.people.exports import week_excel, week_pdf
from kakehashi.web.pages.people.filtersets import ParticipantFilterSet
from kakehashi.web.pages.people.forms import ParticipantForm
from kakehashi.web.pages.people.selectors import (
    DAY_END,
    DAY_START,
    participant_version,
    participant_week,
    participant_week_grid,
)
from kakehashi.web.pages.people.services import ParticipantChangedError, participant_update
from kakehashi.web.pages.people.tables import ParticipantTable
from kakehashi.web.people.feeds import calendar_token_issue, calendar_token_revoke, feed_may_answer
from kakehashi.web.people.models import CalendarToken, Participant
from kakehashi.web.people.romaji import katakana_to_romaji
from kakehashi.web.schools.contracts import school_contract
from kakehashi.web.schools.models import School

LIST_ROLES = ("coordinator", "supervisor", "school_staff")


@login_required
def participant_list(request: HttpRequest) -> HttpResponse:
    return filtered_list(
        request,
        roles=LIST_ROLES,
        filterset=ParticipantFilterSet,
        queryset=visible_participants(request.user),
        table=ParticipantTable,
        template="core/list.html",
        context={"heading": _("Participants"), "list_url": reverse("people:list")},
    )


@login_required
def participant_detail(request: HttpRequest, code: str) -> HttpResponse:
    participant: Participant = get_object_or_404(visible_participants(request.user), code=code)
    record_view(request.user, gettext_noop("participant page"), participant=participant)
    version = participant_version(participant)
    dated = participant_dated_week(participant, requested_monday(request))
    # A rotation's template is the week the dates shown fall in (week A or B…).
    cycle_week = dated.rotation_week or 1
    week = participant_week(participant, version, cycle_week)
    grid = participant_week_grid(participant, version, cycle_week)
    return render(
        request,
        "people/detail.html",
        {
            "participant": participant,
            "grid": grid,
            "grid_hours": [(f"{m // 60}:00", (m - DAY_START) // 5 + 1) for m in range(DAY_START, DAY_END, 60)],
            "version": version,
            "week": week,
            "lesson_count": sum(len(day.lessons) for day in week),
            "placements": participant.placements.select_related("organization"),
            "can_edit": has_role(request.user, "coordinator"),
            "own": participant.user_id == request.user.pk,
            "dated": dated,
            "contact": _contact_school(request.user),
        },
    )


def _contact_school(user: Any) -> tuple[School, bool] | None:
    """For school staff: their school and whether its contract lets them message the ALT directly."""
    role = next((r for r in roles_of(user) if r.kind == "school_staff"), None)
    if role is None or role.organization_id is None:
        return None
    school = School.objects.filter(organization_id=role.organization_id).first()
    if school is None:
        return None
    contract = school_contract(school, timezone.localdate())
    return school, bool(contract is not None and contract.school_may_instruct_participants)


@login_required
def participant_edit(request: HttpRequest, code: str) -> HttpResponse:
    # Coordinators edit the participants of their own programs (the scope query says which).
    if not has_role(request.user, "coordinator"):
        raise PermissionDenied
    participant: Participant = get_object_or_404(visible_participants(request.user), code=code)
    record_view(request.user, gettext_noop("participant record (edit)"), participant=participant)
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        try:
            participant_update(form=form)
        except ParticipantChangedError as changed:
            form.add_error(None, changed)
        else:
            messages.success(request, _("Saved."))
            return redirect("people:detail", code=participant.code)
    return render(request, "people/edit.html", {"participant": participant, "form": form})


@login_required
@require_POST
def participant_send_reset_link(request: HttpRequest, code: str) -> HttpResponse:
    """A coordinator emails a participant who forgot their password a link to choose a new one (the coordinator
    never learns it). Only for the participants of the coordinator's programs, as the edit page."""
    if not has_role(request.user, "coordinator"):
        raise PermissionDenied
    participant: Participant = get_object_or_404(visible_participants(request.user), code=code)
    account = participant.user
    if account is not None and account.is_active and send_reset_link(account, request):
        messages.success(
            request,
            _("A link to choose a new password was sent to %(email)s.")
            % {"email": account.email},
        )
    else:
        messages.error(
            request,
            _(
                "%(name)s has no active login with an email address to send a link to. "
                "/ メールアドレスのある有効なログインがないため送信できません。"
            )
            % {"name": participant.name},
        )
    return redirect("people:detail", code=participant.code)


@login_required
def romaji_suggestion(request: HttpRequest) -> HttpResponse:
    """htmx: the Latin-script name field again, filled with romaji made from the katakana."""
    suggestion = katakana_to_romaji(request.GET.get("name_katakana", "").strip())
    return render(request, "people/edit.html#name-field", {"form": ParticipantForm(initial={"name": suggestion})})


def _calendar_owner(request: HttpRequest, code: str) -> Participant:
    """The participant themselves, or a coordinator of their program, manages the calendar subscription."""
    participant: Participant = get_object_or_404(visible_participants(request.user), code=code)
    own = participant.user_id == request.user.pk
    if not own and not has_role(request.user, "coordinator"):
        raise PermissionDenied
    return participant


@login_required
def participant_calendar_page(request: HttpRequest, code: str) -> HttpResponse:
    participant = _calendar_owner(request, code)
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            calendar_token_revoke(participant=participant)
            messages.success(request, _("The calendar link no longer works."))
        else:
            calendar_token_issue(participant=participant)
            messages.success(
                request, _("A new calendar link is ready; the old one no longer works.")
            )
        return redirect("people:calendar", code=code)
    token = participant.calendar_tokens.filter(revoked_at__isnull=True).first()
    url = request.build_absolute_uri(reverse("calendar-feed", args=[token.token])) if token else None
    return render(
        request,
        "people/calendar.html",
        {"participant": participant, "url": url, "webcal": url.replace("http", "webcal", 1) if url else None},
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription itself: no login (calendar apps cannot log in), the secret token is the key."""
    entry = get_object_or_404(
        CalendarToken.objects.select_related("participant__program", "participant__user"),
        token=token,
        revoked_at__isnull=True,
    )
    if not feed_may_answer(entry.participant):
        raise Http404
    # Calendar apps poll the feed; it only changes when the data does, so it is built once per day and change.
    feed = until_next_change(
        f"ical:{entry.participant_id}:{timezone.localdate().isoformat()}",
        lambda: participant_calendar(entry.participant),
    )
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{entry.participant.code}.ics"'
    return response


@login_required
def participant_week_excel(request: HttpRequest, code: str) -> HttpResponse:
    participant: Participant = get_object_or_404(visible_participants(request.user), code=code)
    response = HttpResponse(
        week_excel(participant), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="week-{participant.code}.xlsx"'
    return response


@login_required
def participant_week_pdf(request: HttpRequest, code: str) -> HttpResponse:
    participant: Participant = get_object_or_404(visible_participants(request.user), code=code)
    response = HttpResponse(week_pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="week-{participant.code}.pdf"'
    return response
