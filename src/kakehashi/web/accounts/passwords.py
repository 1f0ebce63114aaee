"""Passwords (issue 16, finding 11): anyone with an email on their account can ask for a reset link; a signed-in
user changes their own password; an administrator sends a user a reset link (Django admin, users, action).
Django's own views and tokens do the work (a link works once, for PASSWORD_RESET_TIMEOUT); what is added here
is the throttle and one way to send a link. The reset page answers the same whether or not the address has an
account, and asking is counted per email and per client address so it cannot be used to flood an inbox."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest, HttpResponse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kakehashi.web.accounts.limits import email_refused

SUBJECT = "registration/password_reset_subject.txt"
BODY = "registration/password_reset_email.html"


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    email_template_name = BODY
    subject_template_name = SUBJECT

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = str(form.cleaned_data["email"]).strip().lower()
        too_many = _(
            "Too many requests. Try again in %(minutes)s minutes. "
            "/ 申込みが多すぎます。%(minutes)s分後にもう一度お試しください。"
        )
        if email_refused(self.request, "reset", email, form, too_many):
            return self.form_invalid(form)
        return super().form_valid(form)


def send_reset_link(user: Any, request: HttpRequest) -> bool:
    """Email `user` a link to choose a new password (the same email and link as the reset page's). False when
    the account has no email address to send it to."""
    if not user.email:
        return False
    context = {
        "email": user.email,
        "domain": request.get_host(),
        "site_name": request.get_host(),
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
    }
    PasswordResetForm().send_mail(SUBJECT, BODY, context, None, user.email)
    return True
