from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kakehashi.web.accounts.scope import visible_schools
from kakehashi.web.core.lists import filtered_list
from kakehashi.web.schools.filtersets import SchoolFilterSet
from kakehashi.web.schools.models import School
from kakehashi.web.schools.selectors import lesson_grid, school_version, visits_by_day
from kakehashi.web.timetables.models import WeekSettings

LIST_ROLES = ("coordinator", "supervisor", "school_staff", "participant")


@login_required
def school_list(request: HttpRequest) -> HttpResponse:
    return filtered_list(
        request,
        roles=LIST_ROLES,
        filterset=SchoolFilterSet,
        queryset=visible_schools(request.user),
        template="schools/list.html",
    )


@login_required
def school_detail(request: HttpRequest, code: str) -> HttpResponse:
    school: School = get_object_or_404(visible_schools(request.user), code=code)
    version = school_version(school)
    settings = WeekSettings.objects.filter(program_id=version.program_id).first() if version else None
    days = list(settings.days) if settings else ["mon", "tue", "wed", "thu", "fri"]
    visits = visits_by_day(school, version)
    delivered = sum(len(v) for v in visits.values())
    return render(
        request,
        "schools/detail.html",
        {
            "school": school,
            "version": version,
            "days": days,
            "grid": lesson_grid(school, days, version),
            "visits": [(day, visits[day]) for day in days],
            "delivered": delivered,
            "homerooms": school.homerooms.all(),
        },
    )
