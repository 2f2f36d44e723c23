"""A paginator for the lists that run to hundreds of thousands of rows (the participants): it counts the rows up to
a limit, and past it says "more than", as the search does (cjhp/search.py). Counting every row of a large table is
what PostgreSQL does slowest (every row read: 40 ms for 500,000 people), and nobody pages through more than a few
hundred pages: they search or filter instead."""

from functools import cached_property

from django.core.paginator import Paginator


class CountingAtMostPaginator(Paginator):
    """Django's Paginator, counting at most `counted_at_most` rows (and one more, to know whether there are more):
    the pages past the last counted one are not offered."""

    def __init__(self, object_list, per_page, *, counted_at_most: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted_at_most = counted_at_most

    @cached_property
    def _counted(self) -> int:
        return self.object_list[: self.counted_at_most + 1].count()

    @property
    def count(self) -> int:
        return min(self._counted, self.counted_at_most)

    @property
    def more(self) -> bool:
        """Whether there are more rows than the pages hold."""
        return self._counted > self.counted_at_most
