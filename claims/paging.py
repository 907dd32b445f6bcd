"""Pagination for long public lists without COUNT(*) over the whole table.

The total is counted only up to COUNT_CAP (a LIMITed subquery), and a page is fetched with one row
more than it shows to know whether a next page exists. Beyond the cap the page says "1,000+".
"""

from django.db.models import QuerySet

PAGE_SIZE = 20
COUNT_CAP = 1000


class ClaimPage:
    def __init__(self, queryset: QuerySet, *, number, per_page: int = PAGE_SIZE, cap: int = COUNT_CAP):
        try:
            self.number = max(1, int(number))
        except (TypeError, ValueError):
            self.number = 1
        self.per_page = per_page
        self.cap = cap
        offset = (self.number - 1) * per_page
        self.count = queryset.order_by()[: cap + 1].count()
        self.count_capped = self.count > cap
        if self.count_capped:
            self.count = cap
        rows = list(queryset[offset : offset + per_page + 1]) if offset < self.count or self.count_capped else []
        self.has_next = len(rows) > per_page
        self.object_list = rows[:per_page]
        self.has_previous = self.number > 1
        self.start_index = offset + 1 if self.object_list else 0
        self.end_index = offset + len(self.object_list)
        self.num_pages = None if self.count_capped else max(1, -(-self.count // per_page))

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)
