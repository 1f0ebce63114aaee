"""List filters made from model fields speak the reader's language, whoever asked first."""

from __future__ import annotations

import pytest
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from kakehashi.web.testing import signed_in
from kakehashi.web.testing import world as build_world


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/leave/requests/", "/duties/reports/"])
def test_a_japanese_reader_sees_japanese_filter_labels_after_the_api_schema_was_written_in_english(url: str) -> None:
    north, _, _ = build_world()
    # Writing the API's schema reads every filter's label; django-filter then kept the English one for good.
    with translation.override("en"):
        SchemaGenerator().get_schema(request=None, public=True)
    japanese = signed_in(north.users["coordinator"]).get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert ">Status<" not in japanese and ">状態<" in japanese


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/schools/", "/people/", "/leave/requests/", "/duties/reports/"])
def test_a_filter_left_unchosen_reads_all_in_the_readers_language(url: str) -> None:
    north, _, _ = build_world()
    # Writing the API's schema builds each filter's form field once, with django-filter's "---------".
    with translation.override("en"):
        SchemaGenerator().get_schema(request=None, public=True)
    japanese = signed_in(north.users["coordinator"]).get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "---------" not in japanese
    assert '<option value="" selected>すべて</option>' in japanese

