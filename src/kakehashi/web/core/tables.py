"""The table every list shows (django-tables2): headers that sort, a page of rows, a box to select rows for a
decision taken on many at once, and the same rows written as CSV or Excel.

Exports are written by core/spreadsheet, never by tablib: a name or a reason typed into Kakehashi that starts
with `=` stays text in the file (formula injection). They hold the rows the list holds — the reader's scope and
filters, in the order the reader sorted — every page of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

import django_tables2 as tables
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl.styles import Font

from kakehashi.web.core.spreadsheet import csv_bytes, new_workbook, workbook_bytes

EXPORT_FORMATS = ("csv", "xlsx")

# Column classes (site.css): kept on one line; left out on a phone (the filters still have it); free text that
# wraps but keeps a readable width, so a phone's table scrolls sideways in its box rather than growing tall.
NOWRAP = {"td": {"class": "nowrap"}, "th": {"class": "nowrap"}}
WIDE_ONLY = {"td": {"class": "wide-only"}, "th": {"class": "wide-only"}}
TEXT = {"td": {"class": "text"}}


class ListTable(tables.Table):
    """`export_name` starts the downloaded file's name: `leave-2026-11-30.xlsx`. `export_rows` tells two tables
    of one page apart in the download link (`?export=csv&rows=days`); None for a page with one table."""

    export_name: ClassVar[str] = "list"
    export_rows: ClassVar[str | None] = None

    class Meta:
        template_name = "core/table.html"
        attrs: ClassVar[dict[str, str]] = {"class": "list"}
        empty_text = _("Nothing matches.")


class ParticipantRowsTable(ListTable):
    """A list whose rows each belong to a participant (a report, a leave request): the participant's id, name
    and program, for the subclass's Meta.fields to place."""

    code = tables.Column(verbose_name=_("id"), accessor="participant__code", attrs=NOWRAP)
    participant = tables.Column(
        verbose_name=_("participant"), accessor="participant__name", order_by=("participant__name",)
    )
    program = tables.Column(
        verbose_name=_("program"),
        accessor="participant__program__name",
        order_by=("participant__program__name",),
        attrs=WIDE_ONLY,
    )


class RangeColumn(tables.Column):
    """A range kept as two fields, `<field>_min` and `<field>_max` (classes a week, visit days a week): shown and
    exported as "min–max", on one line, sorted by the minimum, then the maximum."""

    def __init__(self, field: str, **kwargs: Any) -> None:
        self.field = field
        super().__init__(accessor=f"{field}_min", order_by=(f"{field}_min", f"{field}_max"),
                         attrs={"td": {"class": "nowrap"}}, **kwargs)

    def render(self, record: Any) -> str:
        return f"{getattr(record, f'{self.field}_min')}–{getattr(record, f'{self.field}_max')}"


class SelectColumn(tables.CheckBoxColumn):
    """A box on each row and one in the header that selects every row on the page (site.js). The boxes belong to
    the decision form named by `form` (the `form` attribute), so the table need not sit inside that form."""

    def __init__(
        self,
        *,
        field: str = "selected",
        form: str = "decide-many",
        when: Callable[[Any], bool] | None = None,
        **kwargs: Any,
    ) -> None:
        self.when = when  # a row this says no to has no box (a request already decided)
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("exclude_from_export", True)
        kwargs.setdefault(
            "attrs",
            {
                "input": {"name": field, "form": form},
                "th__input": {"data-select-all": field, "aria-label": _("Select every row on this page")},
            },
        )
        super().__init__(**kwargs)

    def render(self, value: Any, bound_column: Any, record: Any) -> Any:
        if self.when is not None and not self.when(record):
            return ""
        return super().render(value, bound_column, record)


class _ShownAsElsewhere:
    """A date column shown in the language's own style (formats/{ja,en}) as every page shows it, and downloaded
    as the value itself, so a spreadsheet sorts it as a date."""

    style: ClassVar[str]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", self.style)
        kwargs.setdefault("attrs", NOWRAP)
        super().__init__(**kwargs)

    def value(self, value: Any) -> Any:
        return value


class DayColumn(_ShownAsElsewhere, tables.DateColumn):
    style = "DATE_FORMAT"


class MomentColumn(_ShownAsElsewhere, tables.DateTimeColumn):
    """Downloaded in the reader's time zone."""

    style = "DATETIME_FORMAT"


def table_rows(table: tables.Table) -> list[list[object]]:
    """The header and every row (all pages), as the cells' plain values."""
    return [list(row) for row in table.as_values()]


def export_response(table: ListTable, fmt: str) -> HttpResponse:
    rows = table_rows(table)
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _workbook(rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{table.export_name}-{stamp}.{fmt}"'
    return response


def _workbook(rows: Sequence[Iterable[object]]) -> bytes:
    book, sheet = new_workbook()
    for row in rows:
        sheet.append([_cell(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return workbook_bytes(book)


def _cell(value: object) -> object:
    """A spreadsheet cell holds numbers, dates and text; anything else (a lazy translation) as its text."""
    if value is None or isinstance(value, int | float | str):
        return value
    if hasattr(value, "isoformat"):
        # openpyxl refuses a datetime with a time zone: the reader's local time, as the page shows it.
        if getattr(value, "tzinfo", None) is not None:
            return timezone.localtime(value).replace(tzinfo=None)  # type: ignore[arg-type]
        return value
    return str(value)
