"""Offers on pages: the substitute's one-tap answer on the phone, the coordinator's sending, picking and
withdrawing, and each school's preferred and excluded substitutes with the program's offer rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.web.accounts.pages import coordinated_program_or_404, refusal_said
from kakehashi.web.accounts.scope import own_participant
from kakehashi.web.core import dates
from kakehashi.web.core.refusals import in_one_line
from kakehashi.web.leave import offers
from kakehashi.web.leave.forms import OfferRuleForm, SchoolSubstituteForm
from kakehashi.web.leave.models import CoverOffer, OfferCandidate, SchoolSubstitute
from kakehashi.web.people.models import Participant
from kakehashi.web.timetables.selectors import program_schools, program_substitutes


def _mine(request: HttpRequest, pk: int) -> OfferCandidate:
    """The offer made to the signed-in person: another's is not found (the link alone proves nothing)."""
    me = own_participant(request.user)
    if me is None:
        raise Http404
    candidate: OfferCandidate = get_object_or_404(
        OfferCandidate.objects.select_related("offer__program", "offer__absent", "offer__filled_by"),
        pk=pk,
        participant=me,
        sent_at__isnull=False,
    )
    return candidate


@login_required
def offer(request: HttpRequest, pk: int) -> HttpResponse:
    """The page the offer's email and notice link to. Opening it never answers (mail scanners open links);
    one tap on Accept or Decline does, and the page then says plainly what happens next."""
    candidate = _mine(request, pk)
    if request.method == "POST":
        with refusal_said(request):
            if request.POST.get("answer") == "accept":
                offers.offer_accept(candidate=candidate, user=request.user)
            elif request.POST.get("answer") == "decline":
                offers.offer_decline(candidate=candidate)
        return redirect("leave:offer", pk=candidate.pk)
    candidate.refresh_from_db()
    current = candidate.offer
    can_answer = current.status == CoverOffer.Status.OPEN and candidate.answer in (
        OfferCandidate.Answer.WAITING,
        OfferCandidate.Answer.EXPIRED,
    )
    needed = current.cover.needed if current.cover else []
    mine = [row for row in needed if row.get("substitute") == candidate.participant.code]
    return render(
        request,
        "leave/offer.html",
        {"candidate": candidate, "offer": current, "can_answer": can_answer, "taken_lessons": mine},
    )



@login_required
@require_POST
def send(request: HttpRequest, pk: int, date: str, code: str) -> HttpResponse:
    program = coordinated_program_or_404(request, pk)
    absent = get_object_or_404(Participant, program=program, code=code)
    try:
        sent = offers.offer_send(program=program, date=dt.date.fromisoformat(date), absent=absent, user=request.user)
    except (ValidationError, ValueError) as error:
        messages.error(request, in_one_line(error) if isinstance(error, ValidationError) else str(error))
    else:
        asked = sent.candidates.filter(sent_at__isnull=False).count()
        if sent.status == CoverOffer.Status.OPEN:
            messages.success(
                request,
                _("Offer sent for %(name)s's lessons on %(date)s: %(asked)s of %(ranked)s people asked first.")
                % {
                    "name": absent.name,
                    "date": dates.day(sent.date),
                    "asked": asked,
                    "ranked": sent.candidates.count(),
                },
            )
        else:
            messages.error(request, _("No substitute can take %(name)s's lessons on %(date)s.")
                           % {"name": absent.name, "date": dates.day(sent.date)})
    return redirect("leave:program", pk=program.pk)


def _offer(request: HttpRequest, pk: int, offer_pk: int) -> CoverOffer:
    found: CoverOffer = get_object_or_404(CoverOffer, pk=offer_pk, program=coordinated_program_or_404(request, pk))
    return found


@login_required
@require_POST
def pick(request: HttpRequest, pk: int, offer_pk: int, candidate_pk: int) -> HttpResponse:
    chosen = _offer(request, pk, offer_pk)
    candidate = get_object_or_404(OfferCandidate, pk=candidate_pk, offer=chosen)
    with refusal_said(request):
        offers.offer_pick(offer=chosen, participant=candidate.participant, user=request.user)
        messages.success(request, _("%(name)s covers %(date)s; they and the school are told.")
                         % {"name": candidate.participant.name, "date": dates.day(chosen.date)})
    return redirect("leave:program", pk=pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int, offer_pk: int) -> HttpResponse:
    with refusal_said(request):
        offers.offer_withdraw(offer=_offer(request, pk, offer_pk))
    return redirect("leave:program", pk=pk)


@login_required
def substitute_lists(request: HttpRequest, pk: int) -> HttpResponse:
    """Each school's preferred and excluded substitutes, and how the program offers cover."""
    program = coordinated_program_or_404(request, pk)
    schools = program_schools(program).select_related("organization").order_by("code")
    people = program_substitutes(program)
    rule = offers.offer_rule(program)
    rule_form = OfferRuleForm(request.POST if "rule" in request.POST else None, instance=rule)
    entry_form = SchoolSubstituteForm(
        request.POST if "entry" in request.POST else None, schools=schools, people=people
    )
    if request.method == "POST":
        if "remove" in request.POST:
            SchoolSubstitute.objects.filter(pk=request.POST["remove"], school__in=schools).delete()
            messages.success(request, _("Removed from the school's list."))
            return redirect("leave:substitute-lists", pk=program.pk)
        if rule_form.is_bound and rule_form.is_valid():
            rule_form.save()
            messages.success(request, _("How offers are sent is saved."))
            return redirect("leave:substitute-lists", pk=program.pk)
        if entry_form.is_bound and entry_form.is_valid():
            data = entry_form.cleaned_data
            SchoolSubstitute.objects.update_or_create(
                school=data["school"], participant=data["participant"], defaults={"stance": data["stance"]}
            )
            messages.success(request, _("Saved on the school's list."))
            return redirect("leave:substitute-lists", pk=program.pk)
    entries = SchoolSubstitute.objects.filter(school__in=schools).select_related("school__organization", "participant")
    by_school: dict[Any, list[SchoolSubstitute]] = {}
    for entry in entries:
        by_school.setdefault(entry.school, []).append(entry)
    return render(
        request,
        "leave/substitute_lists.html",
        {
            "program": program,
            "rule_form": rule_form,
            "entry_form": entry_form,
            "lists": sorted(by_school.items(), key=lambda item: item[0].code),
            "substitutes": people,
            "now": timezone.now(),
        },
    )
