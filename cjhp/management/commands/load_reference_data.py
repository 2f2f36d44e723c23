from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app's loader creates what is missing and leaves existing rows alone, so the command is idempotent.
LOADERS = [
    "cjhp.roles.ensure_roles",
    "countries.reference.load_countries",
    "checklists.reference.load_see_checklist",
    "projects.reference.load_programme",
]


class Command(BaseCommand):
    help = "Load the programme's reference data (member states, networks, ...). Running it twice changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        for path in LOADERS:
            created = import_string(path)()
            if created and any(created.values()) and options["verbosity"] >= 1:
                summary = ", ".join(f"{count} {what}" for what, count in created.items())
                self.stdout.write(f"{path.split('.')[0]}: created {summary}")
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS("Reference data loaded."))
