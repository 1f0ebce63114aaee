"""How the API shows a related object: a participant, school or lesson by its code, a user by username. Each
is read-only: a related object is changed through its own endpoint, never through the object that names it."""

from django.contrib.auth.models import User
from django.db.models import Model
from rest_framework import serializers


def by_code[M: Model](model: type[M], *, allow_null: bool = False) -> serializers.SlugRelatedField[M]:
    """The related `model` (named for the type checker: the serializer's model says which it is) by its code."""
    return serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=allow_null)


def by_username(*, allow_null: bool = True) -> serializers.SlugRelatedField[User]:
    """The related user by username; most such links (author, decided by, …) are empty until someone acts."""
    return serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=allow_null)
