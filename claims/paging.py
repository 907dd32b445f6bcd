"""Pagination for long public lists without COUNT(*) over the whole table, and without deep OFFSETs.

The total is counted only up to COUNT_CAP (a LIMITed subquery), and a page is fetched with one row
more than it shows to know whether a next page exists. Beyond the cap the page says "1,000+".

Page numbers reach only as far as the counted rows (OFFSET costs grow with the page number: page
20,000 of a million claims took 5 s). Past the last numbered page, the newest-first list goes on
with keyset positions: `?page=51.o.<published_at µs>.<id>` reads "page 51: the rows older than this
one", `.n.` the rows newer than it (for the Previous link). The page number in front is only for
display. A list in another order (search results by relevance) stops at the last numbered page.
"""

from datetime import UTC, datetime, timedelta

from django.db.models import Q, QuerySet

PAGE_SIZE = 20
COUNT_CAP = 1000


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _micros(value: datetime) -> int:
    return (value - EPOCH) // timedelta(microseconds=1)  # integers: a float would round microseconds


def keyset_position(number: int, direction: str, published_at: datetime, pk: int) -> str:
    """The `page` parameter for page NUMBER: rows older ("o") or newer ("n") than (published_at, pk)."""
    return f"{number}.{direction}.{_micros(published_at)}.{pk}"


def _position(raw):
    """(number, "o" or "n", published_at, id) from a keyset page parameter, else None."""
    parts = str(raw or "").split(".")
    if len(parts) != 4 or parts[1] not in ("o", "n") or not all(p.isdigit() for p in (parts[0], parts[2], parts[3])):
        return None
    published_at = EPOCH + timedelta(microseconds=int(parts[2]))
    return max(1, int(parts[0])), parts[1], published_at, int(parts[3])


class ClaimPage:
    def __init__(self, queryset: QuerySet, *, number, per_page: int = PAGE_SIZE, cap: int = COUNT_CAP):
        self.per_page = per_page
        self.cap = cap
        # Keyset positions need the model's newest-first order, (published_at, id) descending.
        self.keyset = not queryset.query.order_by
        self.last_numbered = max(1, -(-cap // per_page))
        self.count = queryset.order_by()[: cap + 1].count()
        self.count_capped = self.count > cap
        if self.count_capped:
            self.count = cap
        position = _position(number) if self.keyset and self.count_capped else None
        if position is not None:
            self.number, direction, published_at, pk = position
            self._keyset_page(queryset, direction, published_at, pk)
        else:
            try:
                self.number = max(1, int(number))
            except (TypeError, ValueError):
                self.number = 1
            if self.count_capped:
                self.number = min(self.number, self.last_numbered)
            offset = (self.number - 1) * per_page
            rows = list(queryset[offset : offset + per_page + 1]) if offset < self.count or self.count_capped else []
            self.has_next = len(rows) > per_page and (self.keyset or self.number < self.last_numbered)
            self.object_list = rows[:per_page]
        offset = (self.number - 1) * per_page
        self.has_previous = self.number > 1
        self.start_index = offset + 1 if self.object_list else 0
        self.end_index = offset + len(self.object_list)
        self.num_pages = None if self.count_capped else max(1, -(-self.count // per_page))

    def _keyset_page(self, queryset, direction, published_at, pk):
        if direction == "o":
            # The redundant `published_at <= position` bounds the index range scan; the OR alone does not.
            older = Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lt=pk)
            rows = list(queryset.filter(older, published_at__lte=published_at)[: self.per_page + 1])
            self.has_next = len(rows) > self.per_page
            self.object_list = rows[: self.per_page]
        else:
            newer = Q(published_at__gt=published_at) | Q(published_at=published_at, pk__gt=pk)
            rows = list(
                queryset.filter(newer, published_at__gte=published_at).order_by("published_at", "pk")[: self.per_page]
            )
            self.has_next = True  # the row the position names is older than these
            self.object_list = rows[::-1]

    def _keyset(self, number: int, direction: str, claim) -> str:
        return keyset_position(number, direction, claim.published_at, claim.pk)

    @property
    def next_page_number(self):
        if self.number < self.last_numbered or not self.object_list:
            return self.number + 1
        return self._keyset(self.number + 1, "o", self.object_list[-1])

    @property
    def previous_page_number(self):
        if self.number - 1 <= self.last_numbered or not self.object_list:
            return self.number - 1
        return self._keyset(self.number - 1, "n", self.object_list[0])

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)
