"""Shared pieces for the application and pipeline tests: a cycle whose deadline is 2024-04-05 23:59 in
Honolulu, a frozen clock for pages, real PDF and PNG files, and a filled-in form."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from kakehashi.web.organizations.models import Program
from kakehashi.web.recruitment.models import Application, Cycle
from kakehashi.web.recruitment.services import application_submit

HONOLULU = ZoneInfo("Pacific/Honolulu")
# One minute before the deadline, and the first minute after it, on the office's clock.
BEFORE = dt.datetime(2024, 4, 5, 23, 58, tzinfo=HONOLULU)
AFTER = dt.datetime(2024, 4, 6, 0, 0, tzinfo=HONOLULU)


def _one_page_pdf() -> bytes:
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def _small_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


# Real files (a document must open as what it starts as), made here rather than stored.
PDF = _one_page_pdf()
PNG = _small_png()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


@contextmanager
def frozen(at: dt.datetime) -> Iterator[None]:
    """Pages read the clock through django.utils.timezone.now; this is the minute they see."""
    with mock.patch("django.utils.timezone.now", return_value=at.astimezone(dt.UTC)):
        yield


def make_cycle(program: Program, position: str = "alt", **changes: Any) -> Cycle:
    values: dict[str, Any] = {
        "program": program,
        "position": position,
        "name": f"{position.upper()} 2024 (United States)",
        "description": "Team-teaching English at elementary and junior high schools.",
        "opens_on": dt.date(2024, 1, 8),
        "deadline_date": dt.date(2024, 4, 5),
        "deadline_time": dt.time(23, 59),
        "time_zone": "Pacific/Honolulu",
        "departure_on": dt.date(2024, 7, 25),
        "recruiting_country": "US",
    }
    values.update(changes)
    return Cycle.objects.create(**values)


def pdf(name: str = "cv.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def answers(**changes: Any) -> dict[str, Any]:
    """The application form filled in by an eligible US applicant (as posted by a browser)."""
    data: dict[str, Any] = {
        "full_name": "Ada Lovelace",
        "email": "ada@example.org",
        "birth_date": "1999-12-10",
        "gender": "woman",
        "citizenships": "US",
        "origin_region": "Ohio",
        "degree": "BA in Mathematics",
        "degree_date": "2023-05-15",
        "japanese_level": "N3",
        "teaching_experience": "Tutoring, two years",
        "previous_years": "0",
        "levels": ["elementary", "junior_high"],
        "preference_1_text": "Gunma",
    }
    data.update(changes)
    return data


def service_data(**changes: Any) -> dict[str, Any]:
    """The same answers as the form hands them to the service."""
    data: dict[str, Any] = {
        "full_name": "Ada Lovelace",
        "email": "ada@example.org",
        "birth_date": dt.date(1999, 12, 10),
        "gender": "woman",
        "citizenships": "US",
        "degree": "BA in Mathematics",
        "degree_date": dt.date(2023, 5, 15),
        "japanese_level": "N3",
        "previous_years": 0,
        "levels": ["elementary"],
        "preferences": ["Gunma"],
    }
    data.update(changes)
    return data


def submitted(cycle: Cycle, applicant: Any, **changes: Any) -> Application:
    """An application sent one minute before the deadline through the service."""
    return application_submit(
        cycle=cycle, user=applicant, data=service_data(**changes), documents=[("cv", pdf())], now=BEFORE
    )
