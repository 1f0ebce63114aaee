"""A list's search box finds the words in any of its fields, whatever their case, and an empty box finds all."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from kakehashi.web.accounts.filtersets import WordsFilter
from kakehashi.web.notices.models import Notice

pytestmark = pytest.mark.django_db


def test_the_words_are_found_in_any_field_whatever_their_case() -> None:
    reader = get_user_model().objects.create(username="reader")
    cover = Notice.objects.create(user=reader, subject="Cover for Monday", body="Mr Lee takes 2-1.")
    leave = Notice.objects.create(user=reader, subject="Leave approved", body="1 May")
    search = WordsFilter(fields=("subject", "body"))
    every = Notice.objects.order_by("id")
    assert list(search.filter(every, "lee")) == [cover]
    assert list(search.filter(every, "APPROVED")) == [leave]
    assert list(search.filter(every, "")) == [cover, leave]
    assert list(search.filter(every, "June")) == []
