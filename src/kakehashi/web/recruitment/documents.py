"""What an applicant's document really is. Its first bytes name the type (PDF, JPEG or PNG, whatever the file
is called); then the whole file must open as that type (pypdf reads a PDF's cross-reference table, trailer
and page tree; Pillow checks a PNG's chunks and decodes the image), so `%PDF-` followed by a web page is
refused. It is stored under a random name, and handed out under the applicant's name for it with the real
type's suffix: `cv.html` that is a PDF becomes `cv.pdf`, never a page a browser would render."""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.utils.text import get_valid_filename
from PIL import Image
from pypdf import PdfReader

# (signature, content type, stored suffix)
DOCUMENT_TYPES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
# A phone's photo of a passport page is about 12 megapixels; decoding this many takes about 150 MB.
MAX_IMAGE_PIXELS = 50_000_000


def document_type(head: bytes) -> tuple[str, str] | None:
    """(content type, suffix) that the file's first bytes announce, or None."""
    for signature, content_type, suffix in DOCUMENT_TYPES:
        if head.startswith(signature):
            return content_type, suffix
    return None


def opens_as(content_type: str, content: bytes) -> bool:
    """Whether the whole file reads as `content_type`. Any failure of the parser means no: a damaged file,
    a password-protected PDF and an image too large to decode are all refused alike."""
    try:
        if content_type == "application/pdf":
            reader = PdfReader(io.BytesIO(content))
            if reader.is_encrypted and not reader.decrypt(""):  # only an owner password (no printing...) is fine
                return False
            return len(reader.pages) > 0
        with Image.open(io.BytesIO(content)) as image:
            if image.format != PILLOW_FORMATS[content_type] or image.width * image.height > MAX_IMAGE_PIXELS:
                return False
            image.verify()  # a PNG's chunk checksums
        with Image.open(io.BytesIO(content)) as image:
            image.load()  # every pixel: a truncated JPEG fails here
    except Exception:  # pypdf and Pillow raise many kinds for a broken file; all mean the same to the applicant
        return False
    return True


def document_name(uploaded: str, suffix: str) -> str:
    """The name a document is listed and downloaded under: the applicant's name for it, reduced to letters,
    digits, '-' and '_', with the suffix of its real type."""
    stem = PurePosixPath(uploaded.replace("\\", "/")).stem.replace(".", "_")[:100]
    try:
        return get_valid_filename(stem) + suffix
    except SuspiciousFileOperation:  # nothing usable was left of the name
        return "document" + suffix
