"""The API's own endpoints: who am I, the user's token (JSON, and a small page to make or revoke it), and
a token for a script that logs in with a username and password."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from kakehashi.web.accounts.scope import is_administrator, roles_of
from kakehashi.web.api.base import ScopedAPIView, signed_in
from kakehashi.web.api.tokens import token_for_login, token_issue, token_of, token_revoke


class RoleSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    program = serializers.IntegerField(allow_null=True, source="program_id")
    organization = serializers.IntegerField(allow_null=True, source="organization_id")
    participant = serializers.CharField(allow_null=True, source="participant.code", default=None)


class MeSerializer(serializers.Serializer[Any]):
    username = serializers.CharField()
    email = serializers.EmailField()
    administrator = serializers.BooleanField()
    roles = RoleSerializer(many=True)


class TokenSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(allow_null=True, help_text="Send it as `Authorization: Token <token>`.")
    created = serializers.DateTimeField(allow_null=True)


class LoginSerializer(serializers.Serializer[Any]):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


def _token_body(token: Any) -> dict[str, Any]:
    return {"token": token.key if token else None, "created": token.created if token else None}


class MeView(ScopedAPIView):
    @extend_schema(responses=MeSerializer, summary="Who the token or session belongs to, and their roles")
    def get(self, request: Request) -> Response:
        user = signed_in(request)
        body = {
            "username": user.get_username(),
            "email": user.email,
            "administrator": is_administrator(user),
            "roles": roles_of(user),
        }
        return Response(MeSerializer(body).data)


class TokenView(ScopedAPIView):
    """The signed-in user's own API token."""

    @extend_schema(responses=TokenSerializer, summary="Your API token (null when you have none)")
    def get(self, request: Request) -> Response:
        return Response(_token_body(token_of(request.user)))

    @extend_schema(
        request=None,
        responses={201: TokenSerializer},
        summary="Make a new API token (the previous one stops working)",
    )
    def post(self, request: Request) -> Response:
        return Response(_token_body(token_issue(user=request.user)), status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None}, summary="Revoke your API token")
    def delete(self, request: Request) -> Response:
        token_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LoginTokenView(ScopedAPIView):
    """For scripts: a username and password give the user's token (the login page's throttle applies)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []  # a password, not a session: no CSRF token to ask for

    @extend_schema(
        request=LoginSerializer,
        responses={200: inline_serializer("LoginToken", {"token": serializers.CharField()})},
        summary="A username and password give your API token",
    )
    def post(self, request: Request) -> Response:
        form = LoginSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        token = token_for_login(request=request._request, **form.validated_data)
        return Response({"token": token.key})


@login_required
def token_page(request: HttpRequest) -> HttpResponse:
    """The same token as a page: see it, make a new one, revoke it."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            token_revoke(user=request.user)
            messages.success(request, _("Your API token no longer works."))
        else:
            token_issue(user=request.user)
            messages.success(request, _("A new API token is ready."))
        return redirect("api:token-page")
    return render(
        request,
        "api/token.html",
        {"token": token_of(request.user), "docs": reverse("api:docs"), "schema": reverse("api:schema")},
    )
