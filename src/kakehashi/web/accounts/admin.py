from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import AbstractUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kakehashi.web.accounts.models import Role
from kakehashi.web.accounts.passwords import send_reset_link

admin.site.register(
    Role, list_display=("user", "kind", "program", "organization", "participant"), list_filter=("kind",)
)

User = get_user_model()


class UserWithResetLink(UserAdmin[AbstractUser]):
    """Django's user admin, with an action that emails each chosen user a link to choose a new password (the
    administrator never learns or types it)."""

    actions = ["send_password_reset_link"]

    @admin.action(description=gettext_lazy("Send a password reset link"))
    def send_password_reset_link(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        sent, missing = 0, []
        for user in queryset:
            if send_reset_link(user, request):
                sent += 1
            else:
                missing.append(user.get_username())
        if sent:
            sent_message = _("Reset links sent: %(count)s.")
            self.message_user(request, sent_message % {"count": sent})
        if missing:
            self.message_user(
                request,
                _("No email address, so no link for: %(names)s.")
                % {"names": ", ".join(missing)},
                messages.WARNING,
            )


admin.site.unregister(User)
admin.site.register(User, UserWithResetLink)
