from django.core.management.base import BaseCommand
from django.db import transaction

from jiangmen_edu.reference import load_all


class Command(BaseCommand):
    help = "Load the reference data (units, quotas, pairing, indicators)."

    def handle(self, *args, **options):
        with transaction.atomic():
            load_all()
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
