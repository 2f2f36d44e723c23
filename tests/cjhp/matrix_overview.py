"""The search crosses every country's participants: staff only, focal points get 403."""

from tests.matrix import Route, expect

ROUTES = {
    "search": Route(get=expect(fp_same=403, fp_other=403)),
}
