"""Demo activities: the therapeutic-community project's known milestones, filed under their areas of work."""

from projects.models import Area, Project
from projects.periods import Period

TC_PROJECT = "Establishing Therapeutic Communities in Prisons"

# title, area, start, end
ACTIVITIES = [
    ("Training of prison staff to run therapeutic communities (Chisinau)", Area.TRAINING, "2015-05-25", "2015-05-28"),
    ("Memorandum of Understanding on therapeutic communities in prisons", Area.CO_OPERATION, "2015-05-29", None),
    ("Opening of the first prison-based therapeutic community (Pruncul)", Area.PILOTING, "2017-11-29", None),
]


def load_activities() -> dict[str, int]:
    project = Project.objects.filter(title=TC_PROJECT).first()
    if project is None or project.activities.exists():
        return {"activities": 0}
    for title, area, start, end in ACTIVITIES:
        activity = project.activities.model(project=project, title=title, area=area)
        activity.set_period(Period.parse(start), Period.parse(end) if end else None)
        activity.save()
    return {"activities": len(ACTIVITIES)}
