"""Pages of a list: the same size as the pages' lists, larger on request for scripts that read everything."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination

from kakehashi.web.accounts.lists import PAGE_SIZE


class Pages(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = 500
