"""The demo's mail: printed on the console as a person reads it.

Django's console backend prints the raw message, and a message with long Japanese lines goes out base64
encoded (the lines are too long for 8bit), so the demo's notices were unreadable. This one prints the main
headers decoded and each text part as text; attachments by name and size."""

from __future__ import annotations

from typing import Any

from django.core.mail.backends import console

HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date")


class EmailBackend(console.EmailBackend):
    def write_message(self, message: Any) -> None:
        mime = message.message()
        lines = [f"{name}: {mime[name]}" for name in HEADERS if mime[name]]
        for part in mime.walk():
            if part.is_multipart():
                continue
            if part.get_content_maintype() == "text" and not part.is_attachment():
                lines += ["", part.get_content().rstrip("\n")]
            else:
                size = len(part.get_payload(decode=True) or b"")
                lines += ["", f"[attachment: {part.get_filename() or part.get_content_type()}, {size} bytes]"]
        self.stream.write("\n".join(lines) + "\n" + "-" * 79 + "\n")
