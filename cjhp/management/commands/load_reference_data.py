from django.core.management.base import BaseCommand
from django.db import transaction

from checklists.reference import load_see_checklist
from cjhp.lib.roles import ensure_roles
from countries.reference import load_countries
from projects.reference import load_programme

# Each app's loader creates what is missing and leaves existing rows alone, so the command is idempotent.
LOADERS = [
    ("cjhp", ensure_roles),
    ("countries", load_countries),
    ("checklists", load_see_checklist),
    ("projects", load_programme),
]


class Command(BaseCommand):
    help = "Load the programme's reference data (member states, networks, ...). Running it twice changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        for app, load in LOADERS:
            created = load()
            if created and any(created.values()) and options["verbosity"] >= 1:
                summary = ", ".join(f"{count} {what}" for what, count in created.items())
                self.stdout.write(f"{app}: created {summary}")
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS("Reference data loaded."))
