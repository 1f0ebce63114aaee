"""The shared shape of every API view: the user is the change log's actor, the queryset starts from the
user's scope, and the roles of each action are declared next to it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kakehashi.web.accounts.scope import own_participant, roles_of
from kakehashi.web.api.permissions import ANYONE, COORDINATOR, RolesAllowed
from kakehashi.web.core.actor import acting_as, current_actor
from kakehashi.web.people.models import Participant

if TYPE_CHECKING:
    from rest_framework.decorators import ViewSetAction

class ActingUser:
    """Django's middleware names the actor of a request's changes before DRF has read the token, so a script's
    changes would be logged as nobody's: once DRF knows the user, they become the actor until the response."""

    _acting: AbstractContextManager[None] | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        self._acting = acting_as(request.user, current_actor().request_id)
        self._acting.__enter__()

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        acting = self._acting
        if acting is not None:
            self._acting = None
            acting.__exit__(None, None, None)
        return super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc,no-any-return]


class ScopedAPIView(ActingUser, APIView):
    """A single endpoint (not a collection) with the same roles check as the viewsets."""

    permission_classes = [IsAuthenticated, RolesAllowed]
    roles: tuple[str, ...] = ANYONE

    def roles_for(self, request: Request) -> tuple[str, ...]:
        return self.roles


class ScopedViewSet(ActingUser, viewsets.GenericViewSet[Any]):
    """A collection whose queryset is `scope()`, always built from accounts/scope.py (or an app's permissions
    module built on it): an object outside it answers 404.

    `read_roles` may list and read, `write_roles` may change (403 for the others); `action_roles` overrides
    both for a named action. `queryset` is only the model's empty set, for the router's names and the schema
    generator: it is the serializer's model, so a collection does not name its model twice."""

    permission_classes = [IsAuthenticated, RolesAllowed]
    read_roles: tuple[str, ...] = ANYONE
    write_roles: tuple[str, ...] = (COORDINATOR,)
    queryset: QuerySet[Any]
    action_roles: dict[str, tuple[str, ...]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        meta = getattr(getattr(cls, "serializer_class", None), "Meta", None)
        if "queryset" not in cls.__dict__ and meta is not None:
            cls.queryset = meta.model._default_manager.none()

    def roles_for(self, request: Request) -> tuple[str, ...]:
        if self.action in self.action_roles:
            return self.action_roles[self.action]
        return self.read_roles if request.method in SAFE_METHODS else self.write_roles

    def scope(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return self.queryset
        return self.scope()

    @staticmethod
    def require(allowed: bool) -> None:
        """Refuse a change of an object the user may read (it is in scope) but not change."""
        if not allowed:
            raise PermissionDenied

    @staticmethod
    def within(queryset: QuerySet[Any], obj: Model) -> bool:
        return queryset.filter(pk=obj.pk).exists()


# A collection that is listed and read one by one; one that also takes new objects or changes adds DRF's mixins
# for them in front of this. (No docstring: the schema would show it as every such collection's description.)
class ReadableViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    pass


def described[V: type](list: str, retrieve: str, **actions: str | Callable[[Any], Any]) -> Callable[[V], V]:
    """The schema's words for a collection: a summary for listing it and for reading one, and for each other
    action either a summary or a whole `extend_schema(...)` (its request and responses too)."""
    summaries = {"list": list, "retrieve": retrieve, **actions}
    return extend_schema_view(
        **{name: extend_schema(summary=said) if isinstance(said, str) else said for name, said in summaries.items()}
    )


def post_action[F: Callable[..., Any]](
    *, detail: bool = True, url_path: str | None = None, **schema: Any
) -> Callable[[F], ViewSetAction[F]]:
    """A POST on one object (or, with `detail=False`, on the collection), with its schema: the request it
    reads, the responses, a summary (extend_schema's arguments)."""
    routing: dict[str, Any] = {"url_path": url_path} if url_path else {}

    def decorate(view: F) -> ViewSetAction[F]:
        return extend_schema(**schema)(action(detail=detail, methods=["post"], **routing)(view))

    return decorate


def validated(serializer_class: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    """The request body as the serializer reads it, or a 400 naming each field it refused."""
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def in_body(request: Request, name: str) -> Any:
    """One field of the request body, None when it is left out (or the body is a list, not an object)."""
    data = request.data
    return data.get(name) if isinstance(data, Mapping) else None


def named_in_body[M: Model](queryset: QuerySet[M], value: object, *, name: str, field: str = "pk") -> M:
    """The object a request body names, looked up in the user's scope: 400 when the body names none, 404 when
    it names one outside the scope (as a page for it would)."""
    if value in (None, ""):
        raise ValidationError({name: ["This field is required."]})
    try:
        return queryset.get(**{field: value})
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def signed_in(request: Request) -> User:
    """The request's user, never the anonymous one: every API view requires a signed-in user (IsAuthenticated
    runs before the view)."""
    user = request.user
    assert isinstance(user, User), "an API view ran without a signed-in user"
    return user


def own_participants(user: Any) -> list[int]:
    """The participant records the user is (their participant roles), for the lists of "mine"."""
    return [r.participant_id for r in roles_of(user) if r.participant_id]


def me(user: Any) -> Participant:
    """The user's own participant record; without one there is no "mine" (404, as on the pages)."""
    person: Participant | None = own_participant(user)
    if person is None:
        raise Http404
    return person
