from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`?page=2`, 50 rows a page by default, up to 500 with `?page_size=`; each page says the count and links the
    next and previous pages."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
