from tests.matrix import ADMIN, ANON, EVERYONE, FP_OTHER, FP_SAME, STAFF, STAFF_NO_2FA, Route

ROUTES = {
    "home": Route(get=EVERYONE),
    "set_language": Route(
        # Reachable before a second factor is set up, to read its set-up page in French.
        get={ANON: 405, FP_SAME: 405, FP_OTHER: 405, STAFF: 405, ADMIN: 405, STAFF_NO_2FA: 405},
        post={ANON: 302, FP_SAME: 302, FP_OTHER: 302, STAFF: 302, ADMIN: 302, STAFF_NO_2FA: 302},
        data=lambda world: {"language": "fr", "next": "/"},
    ),
}
