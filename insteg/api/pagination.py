from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`{"count", "next", "previous", "results"}` as contract.md says; `page_size` up to 200."""

    page_size_query_param = "page_size"
    max_page_size = 200


def paginated(request, items, serializer_class):
    """One page of `items` in contract.md's list shape; time limits are read once for the whole page."""
    from insteg.rules import deadlines

    paginator = Pagination()
    page = paginator.paginate_queryset(items, request)
    with deadlines.rules_read_once():
        return paginator.get_paginated_response(serializer_class(page, many=True).data)
