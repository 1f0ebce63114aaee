"""The table of a user's notices."""

from __future__ import annotations

from typing import Any, ClassVar

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.tables import TEXT, ListTable, MomentColumn
from kakehashi.web.notices.models import Notice


class NoticeTable(ListTable):
    """A user's notices, newest first; an unread one stands out until "Mark all as read"."""

    export_name = "notices"

    at = MomentColumn(verbose_name=_("when"))
    subject = tables.Column(verbose_name=_("subject"), attrs=TEXT)
    body = tables.Column(verbose_name=_("message"), attrs={"td": {"class": "text notice"}}, orderable=False)
    read_at = MomentColumn(verbose_name=_("read on"), default="")
    link = tables.Column(verbose_name="", orderable=False, exclude_from_export=True, default="")

    class Meta(ListTable.Meta):
        model = Notice
        fields = ("at", "subject", "body", "read_at", "link")
        order_by = ("-at",)
        empty_text = _("No notices.")
        row_attrs: ClassVar[dict[str, Any]] = {"class": lambda record: "" if record.read_at else "unread"}

    def render_link(self, value: str) -> Any:
        """A notice that asks for an answer (an offer of cover) opens where it is answered."""
        return format_html('<a class="button primary" href="{}">{}</a>', value, gettext("Open and answer"))
