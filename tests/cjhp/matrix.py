from tests.matrix import ADMIN, ANON, EVERYONE, FP_OTHER, FP_SAME, LOGIN, STAFF, Route

OPEN_PAGE = {ANON: 200, FP_SAME: 200, FP_OTHER: 200, STAFF: 200, ADMIN: 200}
LOGGED_IN_REDIRECT = {ANON: 200, FP_SAME: 302, FP_OTHER: 302, STAFF: 302, ADMIN: 302}

ROUTES = {
    "home": Route(get=EVERYONE),
    "set_language": Route(
        get={ANON: 405, FP_SAME: 405, FP_OTHER: 405, STAFF: 405, ADMIN: 405},
        post={ANON: 302, FP_SAME: 302, FP_OTHER: 302, STAFF: 302, ADMIN: 302},
        data=lambda world: {"language": "fr", "next": "/"},
    ),
    # The login page sends a logged-in user on to the home page.
    "login": Route(get=LOGGED_IN_REDIRECT),
    "logout": Route(
        get={ANON: LOGIN, FP_SAME: 405, FP_OTHER: 405, STAFF: 405, ADMIN: 405},
        post={ANON: LOGIN, FP_SAME: 302, FP_OTHER: 302, STAFF: 302, ADMIN: 302},
    ),
    "password_change": Route(get=EVERYONE),
    "password_change_done": Route(get=EVERYONE),
    "password_reset": Route(get=OPEN_PAGE),
    "password_reset_done": Route(get=OPEN_PAGE),
    # An unknown user id and token: the page says the link is no longer valid.
    "password_reset_confirm": Route(get=OPEN_PAGE, kwargs=lambda world: {"uidb64": "MA", "token": "x-y"}),
    "password_reset_complete": Route(get=OPEN_PAGE),
}
