"""Filtering and ordering of the API's lists: one way for every list, described in the OpenAPI document.

A list's query parameters are a serializer (`ListQuery`): a value it does not know (`?status=bogus`,
`?ordering=password`) is a 400 naming the parameter, never a silently unfiltered list. Ordering comes from an
allow-list of public names, so a client can never order by (and so probe) a field it does not see. Unknown
parameter *names* are ignored, as the pages do: `format`, `page` and `page_size` belong to others.
"""

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from insteg.api.pagination import Pagination


class OrderingField(serializers.ChoiceField):
    """`ordering=name` or `-name` (descending) for each public name in `orderings` (name -> model fields)."""

    def __init__(self, *, orderings: dict[str, tuple[str, ...]], default: str, **kwargs):
        self.orderings = orderings
        choices = [choice for name in orderings for choice in (name, f"-{name}")]
        kwargs.setdefault(
            "help_text",
            f"Sort by one of {', '.join(f'`{name}`' for name in orderings)}; a leading `-` sorts descending. "
            f"Default `{default}`.",
        )
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": format_lazy(_("Sort by one of: {choices}."), choices=", ".join(choices))},
        )
        super().__init__(choices=choices, required=False, default=default, **kwargs)


def ordering_field(orderings: dict[str, tuple[str, ...]], *, default: str) -> OrderingField:
    return OrderingField(orderings=orderings, default=default)


# The largest id a row can have (a 64-bit integer): a larger number is bad input, not an overflow in the database.
MAX_ID = 2**63 - 1


def id_filter(description: str) -> serializers.IntegerField:
    """An optional filter by an object's id."""
    return serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text=description)


def search_field(description: str) -> serializers.CharField:
    return serializers.CharField(required=False, allow_blank=True, max_length=200, help_text=description)


class ListQuery(serializers.Serializer):
    """A list's filters and ordering. Subclasses declare fields and say how each applies:

    - `lookups`: parameter -> ORM lookup, applied when the parameter is given (`{"status": "status"}`);
    - `search_fields`: the fields `q` searches; every word must be in one of them;
    - an `ordering` field made with `ordering_field`.
    A parameter needing more than a lookup is applied by overriding `filter_queryset`.
    """

    lookups: dict[str, str] = {}
    search_fields: tuple[str, ...] = ()

    def filter_queryset(self, queryset, data: dict):
        for name, lookup in self.lookups.items():
            if data.get(name) not in (None, ""):
                queryset = queryset.filter(**{lookup: data[name]})
        words = (data.get("q") or "").split()
        for word in words:
            queryset = queryset.filter(_any_contains(self.search_fields, word))
        if words and self.search_fields:
            queryset = queryset.distinct()
        return queryset

    def apply(self, queryset):
        data = self.validated_data
        queryset = self.filter_queryset(queryset, data)
        ordering = self.fields.get("ordering")
        if ordering is not None and data.get("ordering"):
            queryset = queryset.order_by(*_order_by(ordering.orderings, data["ordering"]))
        return queryset


def _any_contains(fields, word: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def _order_by(orderings: dict[str, tuple[str, ...]], choice: str) -> list[str]:
    descending = choice.startswith("-")
    # The id last, the same way round, so items with equal values keep their order from page to page.
    fields = [*orderings[choice.lstrip("-")], "pk"]
    return [f"-{field}" if descending else field for field in fields]


def query(query_class, request) -> ListQuery:
    """The list's validated query parameters (400 with `errors` naming each bad one)."""
    parsed = query_class(data=request.query_params)
    parsed.is_valid(raise_exception=True)
    return parsed


def list_view(view):
    """Marks an `@api_view` as a paginated list, so the OpenAPI document describes its answer as a page
    (`count`, `next`, `previous`, `results`) with `page` and `page_size`, as it is. Put it above `@api_view`."""
    view.cls.pagination_class = Pagination
    return view
