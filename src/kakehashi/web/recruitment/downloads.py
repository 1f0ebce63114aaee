"""An application's document as the page and the API hand it out: the view logged (APPI), always a
download with the type found at upload and a name ending in that type's suffix (so neither a browser nor a
desktop opens it as anything else), never cached."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.http import FileResponse
from django.utils.cache import patch_cache_control

from kakehashi.web.core.personal_data import record_view
from kakehashi.web.recruitment.documents import document_name
from kakehashi.web.recruitment.models import ApplicationDocument


def document_download(user: Any, document: ApplicationDocument) -> FileResponse:
    """The file for `user`, who the caller has checked may have it."""
    record_view(user, f"document: {document.get_kind_display()}", applicant=document.application.applicant)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        # Rebuilt from the stored file's suffix, so a name kept before names were made safe is safe too.
        filename=document_name(document.original_name, PurePosixPath(document.file.name or "").suffix),
        content_type=document.content_type,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
