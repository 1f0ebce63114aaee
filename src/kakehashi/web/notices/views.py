"""A user's notices page: read, filter and export them, and mark them all read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect

from kakehashi.web.accounts.lists import list_page
from kakehashi.web.accounts.requests import SignedInRequest
from kakehashi.web.notices.filtersets import NoticeFilterSet
from kakehashi.web.notices.models import Notice
from kakehashi.web.notices.services import notices_mark_read
from kakehashi.web.notices.tables import NoticeTable


@login_required
def notices(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        notices_mark_read(user=request.user)
        return redirect("notices:list")
    found = NoticeFilterSet(request.GET, queryset=Notice.objects.filter(user=request.user), request=request)
    return list_page(request, found=found, table=NoticeTable, template="notices/notices.html")
