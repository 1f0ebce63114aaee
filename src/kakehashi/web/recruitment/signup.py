"""Applicant sign-up that never tells who has an account (issue 16, finding 6).

The page asks only for an email address and always answers the same way: "we have sent you a link". Whoever
owns that address gets either a link to choose a password and finish the account (a signed, dated token: no
account exists until it is used), or, if the address already belongs to an account, a note saying so with
links to log in and to reset the password. The page therefore never says "already exists" for anyone's name
or address. Applicants log in with their email address as the user name. Sign-ups send mail, so they are
counted per client address and per email (accounts/limits.py): nobody can use the page to flood an inbox."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login, password_validation
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kakehashi.web.accounts.limits import email_refused
from kakehashi.web.recruitment import services
from kakehashi.web.recruitment.emails import SIGNATURE, send_after_commit

SALT = "kakehashi.recruitment.signup"
LINK_DAYS = 3


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("email"),
        max_length=150,
        help_text=gettext_lazy("We send a link there to finish your account; you log in with this address."),
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class ChoosePasswordForm(forms.Form):
    password1 = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            someone = get_user_model()(username=self.email, email=self.email)
            try:
                password_validation.validate_password(first, someone)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


def safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("recruitment:open")


def account_for(email: str) -> Any:
    return get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()


def _send_link(request: HttpRequest, email: str, next_url: str) -> None:
    token = signing.dumps({"email": email, "next": next_url}, salt=SALT)
    link = request.build_absolute_uri(reverse("recruitment:signup-finish", args=[token]))
    subject = "[Kakehashi] Finish your applicant account / 応募者アカウントの作成"
    body = (
        "To finish your applicant account, open this link and choose a password "
        f"(it works for {LINK_DAYS} days):\n\n{link}\n\n"
        "If you did not ask for an account, ignore this email: nothing was created.\n\n"
        f"応募者アカウントの作成を完了するには、{LINK_DAYS}日以内に上のリンクを開いてパスワードを設定してください。\n"
        f"心当たりがない場合は、このメールを無視してください（アカウントは作成されていません）。\n\n{SIGNATURE}\n"
    )
    send_after_commit(email, subject, body)


def _send_reminder(request: HttpRequest, email: str) -> None:
    log_in = request.build_absolute_uri(reverse("login"))
    reset = request.build_absolute_uri(reverse("password_reset"))
    subject = "[Kakehashi] You already have an account / すでにアカウントがあります"
    body = (
        "Someone (perhaps you) asked for a new applicant account with this email address, but it already "
        f"belongs to an account. Log in here:\n\n{log_in}\n\nForgot the password? Choose a new one here:\n\n"
        f"{reset}\n\nIf it was not you, ignore this email: nothing was changed.\n\n"
        "このメールアドレスで新しい応募者アカウントの作成が申し込まれましたが、このアドレスのアカウントはすでにあります。"
        "上のリンクからログインしてください。パスワードを忘れた場合は、2つ目のリンクから再設定できます。"
        f"心当たりがない場合は、このメールを無視してください（何も変更されていません）。\n\n{SIGNATURE}\n"
    )
    send_after_commit(email, subject, body)


def signup(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next") or "")
    if request.user.is_authenticated:
        return redirect(next_url)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        too_many = _(
            "Too many sign-ups. Try again in %(minutes)s minutes. "
            "/ 申込みが多すぎます。%(minutes)s分後にもう一度お試しください。"
        )
        if not email_refused(request, "signup", email, form, too_many):
            account = account_for(email)
            if account is None:
                _send_link(request, email, next_url)
            else:  # to the address as the account spells it
                _send_reminder(request, account.email if account.email.lower() == email else email)
            return redirect("recruitment:signup-sent")
    return render(request, "recruitment/signup.html", {"form": form, "next": next_url})


def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "recruitment/signup_sent.html")


def signup_finish(request: HttpRequest, token: str) -> HttpResponse:
    try:
        payload = signing.loads(token, salt=SALT, max_age=LINK_DAYS * 24 * 3600)
    except signing.BadSignature:
        return render(request, "recruitment/signup_expired.html", status=400)
    email, next_url = str(payload["email"]), safe_next(request, str(payload.get("next", "")))
    if account_for(email) is not None:
        messages.info(request, _("This account is ready: log in."))
        return redirect(f"{reverse('login')}?next={next_url}")
    form = ChoosePasswordForm(request.POST or None, email=email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = services.applicant_account_create(
                    username=email, email=email, password=form.cleaned_data["password1"]
                )
        except IntegrityError:  # the same link used twice at once: the other one made the account
            return redirect(f"{reverse('login')}?next={next_url}")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your applicant account is ready."))
        return redirect(next_url)
    return render(request, "recruitment/signup_finish.html", {"form": form, "email": email})
