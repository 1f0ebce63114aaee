"""Printing a page of HTML as a PDF (WeasyPrint), for every PDF download: the monthly reports, an ALT's week.

WeasyPrint is slow to start: importing it loads Pango and its fonts (about half a second of CPU), and the first
document looks up the Japanese font (Noto Sans CJK) through fontconfig. A server process pays that once, when it
starts (`warm_up`, called by wsgi.py), not on someone's first download; tests and management commands that
print nothing never pay it. The font configuration is kept for the process and shared by every document, one
document at a time (WeasyPrint's font objects are not made for two threads at once)."""

from __future__ import annotations

import threading
from typing import Any

_fonts: Any = None
_printing = threading.Lock()

# Enough of a document to load everything a real one needs: the Japanese font, Latin text, a table, a page box.
_WARM_UP = (
    '<html lang="ja"><head><style>@page { size: A4; @bottom-right { content: counter(page) } }'
    ' body { font-family: "Noto Sans CJK JP"; } table { width: 100%; table-layout: fixed; }</style></head>'
    "<body><h1>架け橋 Kakehashi</h1><table><tr><th>日付</th><td>2026年11月30日（月） Mon 30 Nov</td></tr>"
    "</table></body></html>"
)


def html_pdf(html: str, *, uncompressed: bool = False) -> bytes:
    """`html` printed as a PDF; `uncompressed` leaves its objects readable as text (for tests that look inside)."""
    from weasyprint import HTML  # imported on first use: it loads Pango, which only the PDF downloads need
    from weasyprint.text.fonts import FontConfiguration

    global _fonts
    with _printing:
        if _fonts is None:
            _fonts = FontConfiguration()
        pdf: bytes = HTML(string=html).write_pdf(font_config=_fonts, uncompressed_pdf=uncompressed)
    return pdf


def warm_up() -> None:
    """Load WeasyPrint and the fonts now, by printing a small document, so that no download waits for them."""
    html_pdf(_WARM_UP)
