"""The demo prints its mail as a person reads it, Japanese included, never base64."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from django.core.mail import EmailMessage

from kakehashi.web.core.mail import EmailBackend

NOTICE = "代替のお知らせ：12月8日（火）の城東小学校の授業は、病気休暇のため別のALTが担当します。" * 2


def test_a_notice_with_long_japanese_lines_is_printed_as_text() -> None:
    printed = io.StringIO()
    message = EmailMessage("[Kakehashi] Cover / 代替", NOTICE, "kakehashi@localhost", ["alt@example.jp"])
    message.attach("week.csv", "day,school\nmon,城東小学校\n", "text/csv")
    assert EmailBackend(stream=printed).send_messages([message]) == 1
    text = printed.getvalue()
    assert "Subject: [Kakehashi] Cover / 代替" in text and "To: alt@example.jp" in text
    assert NOTICE in text
    assert "base64" not in text and "=?utf-8?" not in text
    assert "[attachment: week.csv, " in text


def test_the_demo_prints_mail_with_it(tmp_path: Path) -> None:
    # KAKEHASHI_DEBUG=1 (make demo) without KAKEHASHI_EMAIL_BACKEND: the settings choose this backend.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAKEHASHI_", "DJANGO_"))}
    env |= {"KAKEHASHI_DEBUG": "1", "KAKEHASHI_DATA_DIR": str(tmp_path)}
    chosen = subprocess.run(
        [sys.executable, "-c", "from kakehashi.web import settings; print(settings.MAILERS['default']['BACKEND'])"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert chosen.stdout.strip() == "kakehashi.web.core.mail.EmailBackend"
