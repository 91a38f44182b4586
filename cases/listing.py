"""Pages and sortable columns for every list in the hub.

A list view builds a `Listing` from the request, its rows (a queryset, or a
list already in memory), its sortable columns and whether the rows are few
among many (`few`: then they are sorted after they are found, and a page's
ids are read before its rows: `CappedPaginator`); the template shows the
column headers (`hub/sort_th.html`, with `aria-sort`) and the pager
(`hub/pager.html`). The page is `?page=N`, the order `?sort=key` or
`?sort=-key`; every other parameter (the filters) is kept in the links.

Counting stops at `COUNT_CAP`: a list of "more than 5,000" asks for a filter
rather than a count over every case the county ever had. A list whose total is
not worth counting at all (one's own archive: years of finished tasks) pages
without one (`UncountedPaginator`, `Listing(counted=False)`): a page reads one
row more than it shows to know whether there is a next page, so its cost does
not grow with the history behind it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.core.paginator import (
    EmptyPage,
    InvalidPage,
    Page,
    PageNotAnInteger,
    Paginator,
)
from django.db.models import Expression, F, QuerySet
from django.db.models.functions import Coalesce

PER_PAGE = 25
COUNT_CAP = 5000


@dataclass(frozen=True)
class Column:
    """A column's header; `order` sorts by it ascending: field names or
    expressions for a queryset, a key function for a list. None: not sortable."""

    key: str
    label: str
    order: tuple | Callable | None = None


class CappedPaginator(Paginator):
    """A paginator whose count reads at most `cap + 1` rows. With `ids_first`,
    a page of a queryset is read in two steps: the page's ids in order (a
    narrow query an index can answer), then those rows with everything they
    join; PostgreSQL otherwise reads the wide joined rows of every match to
    sort them."""

    def __init__(
        self,
        object_list,
        per_page,
        *args,
        cap: int | None = None,
        ids_first: bool = False,
        **kw,
    ):
        super().__init__(object_list, per_page, *args, **kw)
        self.cap = COUNT_CAP if cap is None else cap
        self.ids_first = ids_first and isinstance(object_list, QuerySet)

    def page(self, number):
        if not self.ids_first:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if top + self.orphans >= self.count:
            top = self.count
        rows = rows_with_ids(self.object_list, self.ids[bottom:top])
        return self._get_page(rows, number, self)

    @cached_property
    def ids(self) -> list:
        """With `ids_first`: the ids of every match in order, up to the cap,
        read once for the count and the page (two queries found the same
        rows twice: a search's 122 cases at 100,000, 2.6 ms each)."""
        return list(self.object_list.values_list("pk", flat=True)[: self.cap + 1])

    @cached_property
    def counted(self) -> int:
        rows = self.object_list
        if self.ids_first:
            return len(self.ids)
        if isinstance(rows, QuerySet):
            return rows.order_by()[: self.cap + 1].count()
        return len(rows)

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        return self.counted > self.cap


class UncountedPaginator(Paginator):
    """Pages of a list whose total is not worth counting. A page reads
    `per_page + 1` rows at its offset: the extra row says whether a next page
    exists. There is no count and no last page (`count` and `num_pages` are
    None); a page past the end is empty, and `get_page` turns a page number
    that is not one into the first page. `ids_first` as `CappedPaginator`."""

    uncounted = True
    count = None
    num_pages = None

    def __init__(self, object_list, per_page, *args, ids_first: bool = False, **kw):
        super().__init__(object_list, per_page, *args, **kw)
        self.ids_first = ids_first and isinstance(object_list, QuerySet)

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not a whole number.") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1.")
        return number

    def page(self, number) -> "UncountedPage":
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page + 1
        if self.ids_first:
            rows = rows_by_ids(self.object_list, bottom, top)
        else:
            rows = list(self.object_list[bottom:top])
        more = len(rows) > self.per_page
        return UncountedPage(rows[: self.per_page], number, self, more=more)

    def get_page(self, number) -> "UncountedPage":
        try:
            return self.page(number)
        except InvalidPage:
            return self.page(1)


class UncountedPage(Page):
    """A page of an `UncountedPaginator`: which rows these are, and whether
    more follow, without a total."""

    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def __repr__(self) -> str:
        return f"<Page {self.number}>"

    def has_next(self) -> bool:
        return self.more

    def start_index(self) -> int:
        if not self.object_list:
            return 0
        return self.paginator.per_page * (self.number - 1) + 1

    def end_index(self) -> int:
        if not self.object_list:
            return 0
        return self.start_index() + len(self.object_list) - 1


def rows_by_ids(rows: QuerySet, bottom: int, top: int) -> list:
    """Rows `bottom` to `top` of a sorted queryset in two steps: their ids in
    order, then those rows with everything they join (a list's page, or the
    first rows of a list shown elsewhere, as My day's open cases: PostgreSQL
    plans the narrow sorted query on an index where, asked for the wide
    rows, it read every case in parallel: 15 → 2 ms at 100,000 cases)."""
    return rows_with_ids(rows, list(rows.values_list("pk", flat=True)[bottom:top]))


def rows_with_ids(rows: QuerySet, ids: list) -> list:
    """These rows of a queryset (by id), in the order of the ids; one that
    no longer matches (closed or moved since its id was read) is left out."""
    found = {row.pk: row for row in rows.order_by().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


class PageLinks:
    """What the pager (`hub/pager.html`) shows of a page of any list: which
    rows of how many, and links to other pages that keep every other
    parameter of the request (filters, sort)."""

    def __init__(self, params, page: Page, *, noun: str = "row"):
        self.params = params
        self.page = page
        self.paginator = page.paginator
        self.noun = noun

    @property
    def count(self) -> int | None:
        return self.paginator.count

    @property
    def capped(self) -> bool:
        return getattr(self.paginator, "capped", False)

    def url(self, **changes) -> str:
        """This list's query string with some parameters changed (None drops)."""
        params = self.params.copy()
        for name, value in changes.items():
            params.pop(name, None)
            if value is not None:
                params[name] = value
        return "?" + urlencode(sorted(params.lists()), doseq=True)

    @property
    def first_url(self) -> str:
        return self.url(page=None)

    @property
    def previous_url(self) -> str | None:
        page = self.page
        return (
            self.url(page=page.previous_page_number()) if page.has_previous() else None
        )

    @property
    def next_url(self) -> str | None:
        page = self.page
        return self.url(page=page.next_page_number()) if page.has_next() else None

    def page_links(self) -> list[dict]:
        """Links to the first, last and nearby pages (None marks a gap); for a
        list without a count, only to this page."""
        number, last = self.page.number, self.paginator.num_pages
        if last is None:
            return [{"number": number, "url": self.url(page=number), "current": True}]
        shown = sorted({1, last, *range(max(number - 2, 1), min(number + 2, last) + 1)})
        links, previous = [], 0
        for n in shown:
            if n - previous > 1:
                links.append(None)
            links.append({"number": n, "url": self.url(page=n), "current": n == number})
            previous = n
        return links


class Listing(PageLinks):
    """One page of sorted rows, with what the headers and pager need."""

    def __init__(
        self,
        request,
        rows,
        *,
        columns: Sequence[Column],
        default: str = "",
        per_page: int = PER_PAGE,
        noun: str = "row",
        few: bool = False,
        counted: bool = True,
    ):
        self.params = request.GET
        self.few = few
        self.columns = list(columns)
        self.sort = self._sort_asked(default)
        rows = self._sorted(rows)
        pages = CappedPaginator if counted else UncountedPaginator
        paginator = pages(rows, per_page, ids_first=few)
        super().__init__(
            self.params, paginator.get_page(self.params.get("page")), noun=noun
        )

    def __iter__(self):
        return iter(self.page)

    def __len__(self) -> int:
        return len(self.page.object_list)

    def _sort_asked(self, default: str) -> str:
        asked = self.params.get("sort") or default
        sortable = {c.key for c in self.columns if c.order is not None}
        return asked if asked.lstrip("-") in sortable else default

    def _sorted(self, rows):
        if not self.sort:
            return rows
        key, descending = self.sort.lstrip("-"), self.sort.startswith("-")
        order = next(c.order for c in self.columns if c.key == key)
        if isinstance(rows, QuerySet):
            terms = [_term(term, descending, self.few) for term in order]
            return rows.order_by(*terms, "-pk" if descending else "pk")
        return sorted(rows, key=order, reverse=descending)

    def headers(self) -> list[dict]:
        """Each column's label, and for a sortable one its link and aria-sort."""
        current, descending = self.sort.lstrip("-"), self.sort.startswith("-")
        headers = []
        for column in self.columns:
            header = {"label": column.label, "url": None, "aria_sort": None}
            if column.order is not None:
                active = column.key == current
                header["aria_sort"] = (
                    ("descending" if descending else "ascending") if active else "none"
                )
                flip = "-" if active and not descending else ""
                header["url"] = self.url(sort=flip + column.key, page=None)
            headers.append(header)
        return headers


def unindexed(term: F | Expression) -> Coalesce:
    """The same order, from an expression no index holds.

    For a list of few rows among many (the open cases, a search): PostgreSQL
    would otherwise walk an index of every row in that order and test each
    one, which is quick only if the few lie near its start; the open cases,
    say, have the latest discharge ready dates, so it read them all. This way
    it finds the few rows first and sorts them."""
    return Coalesce(term, term)


def _term(term, descending: bool, few: bool):
    if isinstance(term, str):
        if term.startswith("-"):
            term, descending = term[1:], not descending
        if not few:
            return "-" + term if descending else term
        term = F(term)
    if few:
        term = unindexed(term)
    return term.desc(nulls_last=True) if descending else term.asc(nulls_last=True)
