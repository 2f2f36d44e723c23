"""The read-only data API (/api/v1/): what every app's api.py shares.

Django REST Framework: the most kept and widely used API framework for Django (Akvo RSR, among others, is built
on it), with a browsable HTML view of every endpoint; drf-spectacular writes the OpenAPI 3 schema from the same
code. Each domain app declares its endpoints in its own api.py, on the read-only viewset and the form filters of
cjhp/lib/api.py (which know no domain, so that the apps import nothing else of cjhp); this package holds the
router, the personal access tokens, the authentication, the throttling, the pagination and the schema with its
documentation page.
"""
