from projects.models import Area
from tests.matrix import COUNTRY_PAGE, EVERYONE, STAFF_WRITE, Route, expect
from tests.projects.factories import ActivityFactory, ProjectFactory, ResultFactory

# Pages that belong to no country: focal points of every country get 403.
STAFF_ONLY = expect(fp_same=403, fp_other=403)
SAVED = {"staff": 302, "admin": 302}


def build(world):
    world.project = ProjectFactory(title="Therapeutic communities", slug="tc", countries=[world.md])
    world.activity = ActivityFactory(project=world.project)
    world.result = ResultFactory(project=world.project)


def project_data(world):
    return {
        "title": "Therapeutic communities",
        "kind": "country",
        "countries": [world.md.pk],
        "starts_on": "2015",
        "ends_on": "2017",
        "status": "completed",
    }


def activity_data(world):
    return {"title": "Training of TC staff", "area": Area.TRAINING, "starts_on": "2015-05-25"}


project = {"kwargs": lambda world: {"slug": world.project.slug}}

ROUTES = {
    "projects:list": Route(get=EVERYONE),
    "projects:create": Route(
        get=STAFF_ONLY,
        post={**STAFF_ONLY, **SAVED},
        data=lambda world: {**project_data(world), "title": "Another project", "slug": ""},
    ),
    "projects:partner_create": Route(
        get=STAFF_ONLY, post={**STAFF_ONLY, **SAVED}, data=lambda world: {"name": "Phoenix Haga", "kind": "ngo"}
    ),
    "projects:detail": Route(get=COUNTRY_PAGE, **project),
    "projects:edit": Route(get=STAFF_WRITE, post={**STAFF_WRITE, **SAVED}, data=project_data, **project),
    "projects:activity_create": Route(get=STAFF_WRITE, post={**STAFF_WRITE, **SAVED}, data=activity_data, **project),
    "projects:activity_edit": Route(
        get=STAFF_WRITE,
        post={**STAFF_WRITE, **SAVED},
        data=activity_data,
        kwargs=lambda world: {"slug": world.project.slug, "pk": world.activity.pk},
    ),
    "projects:result_create": Route(
        get=STAFF_WRITE, post={**STAFF_WRITE, **SAVED}, data=lambda world: {"text": "First TC"}, **project
    ),
    "projects:result_edit": Route(
        get=STAFF_WRITE,
        post={**STAFF_WRITE, **SAVED},
        data=lambda world: {"text": "First TC"},
        kwargs=lambda world: {"slug": world.project.slug, "pk": world.result.pk},
    ),
}
