from tests.matrix import COUNTRY_PAGE, EVERYONE, STAFF_WRITE, Route

ROUTES = {
    "countries:list": Route(get=EVERYONE),
    "countries:detail": Route(get=COUNTRY_PAGE, kwargs=lambda world: {"code": world.md.code}),
    "countries:edit": Route(
        get=STAFF_WRITE,
        post={**STAFF_WRITE, "staff": 302, "admin": 302},
        kwargs=lambda world: {"code": world.md.code},
        data=lambda world: {
            "name": world.md.name,
            "code": world.md.code,
            "is_member": "on",
            "member_since": "2023",
        },
    ),
}
