"""Keyset ("cursor") pagination: pages stay stable while verdicts are published and corrected.

The view names one sort key (an annotation that is never NULL) and a direction; rows are ordered by
(key, id) and a cursor holds the last row's (key, id). A page is `WHERE (key, id) < (value, id)`,
so it costs the same on page 1 and page 1000 and no row is skipped or repeated when rows are added
in front. No COUNT is run: lists answer `next`/`previous` links, never a total.
"""

import base64
import binascii
import json
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class SortKey:
    """KEY: a non-null annotation on the queryset; KIND: how its value travels in a cursor."""

    key: str
    kind: str  # "datetime", "date", "int", "float" or "str"
    descending: bool = True


def _dump(value) -> str | int | float:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _load(raw, kind: str):
    if kind == "datetime":
        value = parse_datetime(raw) if isinstance(raw, str) else None
    elif kind == "date":
        value = parse_date(raw) if isinstance(raw, str) else None
    elif kind == "str":
        value = raw if isinstance(raw, str) else None
    elif kind == "int":
        value = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
    else:
        value = float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else None
    if value is None:
        raise ValueError(raw)
    return value


def page_size_from(request, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE, param="page_size"):
    raw = request.query_params.get(param)
    if raw is None or raw == "":
        return default
    try:
        size = int(raw)
    except ValueError:
        raise ValidationError({param: [f"Enter a whole number from 1 to {maximum}."]}) from None
    if not 1 <= size <= maximum:
        raise ValidationError({param: [f"Enter a whole number from 1 to {maximum}."]})
    return size


class KeysetPagination(BasePagination):
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    page_size = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE

    def encode_cursor(self, sort: SortKey, value, pk: int, backwards: bool) -> str:
        payload = json.dumps([sort.key, _dump(value), pk, 1 if backwards else 0], separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def decode_cursor(self, request, sort: SortKey):
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode())
            key, value, pk, backwards = payload
            if key != sort.key or not isinstance(pk, int) or backwards not in (0, 1):
                raise ValueError(payload)
            return _load(value, sort.kind), pk, bool(backwards)
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
            raise ValidationError(
                {self.cursor_query_param: ["This cursor is invalid or belongs to another ordering; start again."]}
            ) from None

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = page_size_from(request, self.page_size, self.max_page_size, self.page_size_query_param)
        sort: SortKey = view.get_sort_key(request)
        self.sort = sort
        cursor = self.decode_cursor(request, sort)
        backwards = bool(cursor and cursor[2])
        descending = sort.descending != backwards  # walking back reverses the order
        if cursor is not None:
            value, pk, _ = cursor
            op = "lt" if descending else "gt"
            # (key <= value) is implied by the rest; said outright, it lets an index on the key bound the scan.
            queryset = queryset.filter(
                Q(**{f"{sort.key}__{op}e": value}),
                Q(**{f"{sort.key}__{op}": value}) | Q(**{sort.key: value, f"pk__{op}": pk}),
            )
        order = [f"-{sort.key}", "-pk"] if descending else [sort.key, "pk"]
        rows = list(queryset.order_by(*order)[: self.page_size + 1])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if backwards:
            rows.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, cursor is not None
        self.rows = rows
        return rows

    def _link(self, row, backwards: bool) -> str:
        url = self.request.build_absolute_uri()
        cursor = self.encode_cursor(self.sort, getattr(row, self.sort.key), row.pk, backwards)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_next_link(self):
        if not self.has_next or not self.rows:
            return None
        return self._link(self.rows[-1], backwards=False)

    def get_previous_link(self):
        if not self.has_previous:
            return None
        if not self.rows:
            return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        return self._link(self.rows[0], backwards=True)

    def link_header(self) -> str:
        links = []
        if (next_link := self.get_next_link()) is not None:
            links.append(f'<{next_link}>; rel="next"')
        if (previous_link := self.get_previous_link()) is not None:
            links.append(f'<{previous_link}>; rel="prev"')
        return ", ".join(links)

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("page_size", self.page_size),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "previous", "page_size", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page, or null on the last page.",
                    "example": "https://factcheck.example/api/v1/claims/?cursor=WyJzb3J0X3B1Ymxpc2hlZCIsIjIwMjUiLDEsMF0",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The previous page, or null on the first page.",
                    "example": None,
                },
                "page_size": {
                    "type": "integer",
                    "description": f"Rows per page (at most {MAX_PAGE_SIZE}).",
                    "example": DEFAULT_PAGE_SIZE,
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque position from a `next` or `previous` link; omit for the first page.",
                "schema": {"type": "string"},
                "example": "WyJzb3J0X3B1Ymxpc2hlZCIsIjIwMjUtMDYtMDFUMDA6MDA6MDArMDA6MDAiLDQyLDBd",
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}). "
                "A value out of range is a 400.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
                "example": DEFAULT_PAGE_SIZE,
            },
        ]
