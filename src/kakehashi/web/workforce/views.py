"""The workforce dashboard: what the program publishes about itself and the operational figures, for the
participants the user may see; as charts, a map that needs no internet, and CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kakehashi.web.accounts.scope import coordinated_programs, has_role, visible_participants, visible_schools
from kakehashi.web.core.spreadsheet import csv_bytes
from kakehashi.web.organizations.models import Program
from kakehashi.web.workforce.charts import donut, map_view
from kakehashi.web.workforce.figures import Figures, workforce_figures


def _program(request: HttpRequest) -> Program | None:
    """The coordinated program the operational figures are for (the first, or `?program=`)."""
    programs = coordinated_programs(request.user)
    wanted = request.GET.get("program")
    if wanted:
        found = programs.filter(pk=wanted).first() if wanted.isdigit() else None
        if found is None:
            raise Http404
        return found
    return programs.order_by("pk").first()


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, "coordinator", "supervisor"):
        raise PermissionDenied
    program = _program(request)
    people = visible_participants(request.user)
    if program is not None:
        people = people.filter(program=program)
    today = timezone.localdate()
    figures = workforce_figures(people, program, today)
    if request.GET.get("format") == "csv":
        return workforce_csv(figures, program)
    places = [(s.lat, s.lon, s.organization.display_name, "school") for s in visible_schools(request.user)]
    places += [(p.home_lat, p.home_lon, f"{p.code} {p.name}", "home") for p in people]
    return render(
        request,
        "workforce/dashboard.html",
        {
            "program": program,
            "programs": coordinated_programs(request.user),
            "figures": figures,
            "kinds": donut(figures.by_kind),
            "genders": donut(figures.by_gender),
            "map": map_view(places),
            "today": today,
        },
    )


def figure_rows(figures: Figures) -> list[tuple[str, str, str]]:
    """(figure, breakdown, value): the dashboard as a table, for CSV and for checking."""
    rows: list[tuple[str, str, str]] = [("participants", "", str(figures.participants))]
    for name, shares in (
        ("position", figures.by_kind),
        ("gender", figures.by_gender),
        ("origin region", figures.by_region),
        ("citizenship", figures.by_citizenship),
    ):
        rows += [(name, share.label, str(share.count)) for share in shares]

    def number(value: float | None) -> str:
        return "" if value is None else f"{value:.2f}"

    rows += [
        ("average age (years)", "", number(figures.average_age)),
        ("average length of service (years)", "", number(figures.average_service_years)),
        ("longest length of service (years)", "", number(figures.longest_service_years)),
        ("ALTs teaching at two or more school levels", "", str(figures.multi_level)),
        ("ALTs with classes a week below 20", "", str(figures.classes_below)),
        ("ALTs with classes a week within 20-25", "", str(figures.classes_within)),
        ("ALTs with classes a week above 25", "", str(figures.classes_above)),
        ("visit days a week contracted (minimum)", "", f"{figures.visit_days_contracted:g}"),
        ("visit days a week in the published timetable", "", f"{figures.visit_days_delivered:g}"),
        ("absent ALTs' lessons to cover (school year so far)", "", str(figures.lessons_to_cover)),
        ("of those, covered by a substitute", "", str(figures.lessons_covered)),
        ("fill rate", "", number(figures.fill_rate)),
    ]
    return rows


def workforce_csv(figures: Figures, program: Program | None) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"workforce-{program.pk if program else 'all'}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Region names come from applicants' own forms: written as text, never as a formula.
    response.write(csv_bytes([("figure", "breakdown", "value"), *figure_rows(figures)]))
    return response
