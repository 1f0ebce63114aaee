"""The inbox pages: the list (filtered by state and school, paged) and one item with its story, where a person
assigns, answers, closes or reopens it. Only coordinators and responsible managers have an inbox."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kakehashi.web.accounts.names import person_name
from kakehashi.web.accounts.requests import SignedInRequest
from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.inbox import services
from kakehashi.web.inbox.models import InboxItem
from kakehashi.web.inbox.selectors import WAITING, assignable_people, has_inbox, inbox_items
from kakehashi.web.organizations.models import Organization

PAGE_SIZE = 25


class AssignForm(forms.Form):
    to = forms.TypedChoiceField(label=gettext_lazy("Assign to"), coerce=int)

    def __init__(self, *args: Any, item: InboxItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in assignable_people(item.program)}
        field: Any = self.fields["to"]
        field.choices = [(pk, person_name(person)) for pk, person in self.people.items()]
        if item.assigned_to_id in self.people:
            field.initial = item.assigned_to_id

    def clean_to(self) -> Any:
        return self.people[self.cleaned_data["to"]]


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Answer to the sender"),
        widget=forms.Textarea(attrs={"rows": 4, "style": "width: 100%"}),
        max_length=4000,
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[("done", gettext_lazy("handled")), ("declined", gettext_lazy("declined: not possible"))],
        initial="done",
    )


def _must_have_inbox(request: HttpRequest) -> None:
    if not has_inbox(request.user):
        raise Http404  # as for any page outside the user's scope


@login_required
def inbox(request: SignedInRequest) -> HttpResponse:
    _must_have_inbox(request)
    items = inbox_items(request.user)
    organizations = Organization.objects.filter(pk__in=items.values("organization_id")).order_by("name")
    state = request.GET.get("state", "waiting")
    if state == "waiting":
        items = items.filter(state__in=WAITING)
    elif state in InboxItem.State.values:
        items = items.filter(state=state)
    else:
        state = "all"
    school = request.GET.get("school", "")
    if school.isdigit():
        items = items.filter(organization_id=int(school))
    if request.GET.get("mine"):
        items = items.filter(assigned_to=request.user)
    page = Paginator(items.select_related("change_request__about", "sea_request"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "inbox/list.html",
        {
            "page": page,
            "rows": [
                (item, person_name(item.sent_by) if item.sent_by_id else "", person_name(item.assigned_to))
                for item in page
            ],
            "state": state,
            "states": [("waiting", _("waiting for an answer")), *InboxItem.State.choices, ("all", _("all"))],
            "school": school,
            "organizations": organizations,
            "mine": bool(request.GET.get("mine")),
            "query": query.urlencode(),
        },
    )


@login_required
def item(request: HttpRequest, pk: int) -> HttpResponse:
    _must_have_inbox(request)
    found: InboxItem = get_object_or_404(
        inbox_items(request.user).select_related("change_request__about", "sea_request", "routed_to"), pk=pk
    )
    assign, answer, close = AssignForm(item=found), AnswerForm(), CloseForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "assign":
                assign = AssignForm(request.POST, item=found)
                if assign.is_valid():
                    services.inbox_assign(item=found, to=assign.cleaned_data["to"], by=request.user)
                    messages.success(request, _("Assigned to %(name)s.") % {"name": person_name(found.assigned_to)})
                    return redirect("inbox:item", pk=pk)
            elif action == "answer":
                answer = AnswerForm(request.POST)
                if answer.is_valid():
                    services.inbox_answer(item=found, text=answer.cleaned_data["text"], by=request.user)
                    messages.success(
                        request, _("Your answer was sent to %(name)s.") % {"name": person_name(found.sent_by)}
                    )
                    return redirect("inbox:item", pk=pk)
            elif action == "close":
                close = CloseForm(request.POST)
                if close.is_valid():
                    services.inbox_close(item=found, by=request.user, outcome=close.cleaned_data["outcome"])
                    messages.success(request, _("The request is closed."))
                    return redirect("inbox:list")
            elif action == "reopen":
                services.inbox_reopen(item=found, by=request.user)
                return redirect("inbox:item", pk=pk)
        except services.InboxRefusedError as refused:
            messages.error(request, str(refused))
            return redirect("inbox:item", pk=pk)
    events = [
        (event, person_name(event.by), person_name(event.to)) for event in found.events.select_related("by", "to")
    ]
    return render(
        request,
        "inbox/item.html",
        {
            "item": found,
            # A request filed without an account (an import, an old row) comes from its organization.
            "sender": person_name(found.sent_by) if found.sent_by_id else found.organization.display_name,
            "routed_to": person_name(found.routed_to) if found.routed_to_id else "",
            "assigned_to": person_name(found.assigned_to) if found.assigned_to_id else "",
            "state_by": person_name(found.state_by) if found.state_by_id else "",
            "events": events,
            # Opening recruitment from an SEA request is the program's coordinators' to do.
            "coordinates": coordinated_programs(request.user).filter(pk=found.program_id).exists(),
            "assign": assign,
            "answer": answer,
            "close": close,
        },
        status=400 if request.method == "POST" else 200,
    )
