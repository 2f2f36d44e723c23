from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from checklists.demo import load_demo_rounds
from cjhp.lib.roles import FOCAL_POINT_GROUP, STAFF_GROUP
from cjhp.notifications import recorded_as_sent
from countries.models import Country, FocalPoint
from events.demo import load_participants
from projects.demo import load_activities

DEMO_PASSWORD = "cjhp-demo"

# username, first name, last name, role, country code
DEMO_ACCOUNTS = [
    ("admin", "Ada", "Admin", "admin", None),
    ("staff", "Sam", "Staff", STAFF_GROUP, None),
    ("fp-md", "Ana", "Rusu", FOCAL_POINT_GROUP, "MD"),
    ("fp-ge", "Nino", "Beridze", FOCAL_POINT_GROUP, "GE"),
    ("fp-ua", "Olena", "Kovalenko", FOCAL_POINT_GROUP, "UA"),
]

# Each app's demo content (rounds, activities, participants); each loader creates only what is missing.
DEMO_LOADERS = [load_demo_rounds, load_activities, load_participants]


class Command(BaseCommand):
    help = f"Create the demo accounts (password {DEMO_PASSWORD!r}) and demo content. Development only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("load_demo creates accounts with a known password: it runs only with DEBUG=true.")
        call_command("load_reference_data", verbosity=0)
        # The demo's rounds, submissions and approvals are made up: recorded as told, nobody is emailed about them.
        with transaction.atomic(), recorded_as_sent():
            created = self.create_accounts()
            for load in DEMO_LOADERS:
                load()
        if created:
            self.stdout.write(f"Created demo accounts: {', '.join(created)} (password {DEMO_PASSWORD!r}).")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def create_accounts(self) -> list[str]:
        User = get_user_model()
        created = []
        for username, first, last, role, code in DEMO_ACCOUNTS:
            user, was_created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
            )
            if not was_created:
                continue
            created.append(username)
            user.set_password(DEMO_PASSWORD)
            if role == "admin":
                user.is_superuser = user.is_staff = True
            elif role == STAFF_GROUP:
                # Staff users may also use the admin's spreadsheet import and export, within their permissions.
                user.is_staff = True
            user.save()
            if role in (STAFF_GROUP, FOCAL_POINT_GROUP):
                user.groups.add(Group.objects.get(name=role))
            if code:
                FocalPoint.objects.create(user=user, country=Country.objects.get(code=code))
        return created
