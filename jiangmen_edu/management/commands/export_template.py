from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jiangmen_edu.imports import datasets, services
from jiangmen_edu.models import Unit


class Command(BaseCommand):
    help = "Write the blank import template of one data set, as the web page offers it."

    def add_arguments(self, parser):
        parser.add_argument(
            "dataset", help="one of: " + ", ".join(d.slug for d in datasets.all_datasets())
        )
        parser.add_argument("--county", required=True, help="division code, e.g. 440781")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("-o", "--output", required=True, type=Path)

    def handle(self, *args, dataset, county, year, output, **options):
        found = datasets.get(dataset)
        if found is None:
            raise CommandError(f"Unknown data set {dataset!r}.")
        unit = Unit.objects.filter(code=county).first()
        if unit is None:
            raise CommandError(f"Unknown unit {county!r}.")
        output.write_bytes(services.template_for(dataset=found, unit=unit, year=year))
        self.stdout.write(f"Wrote {output}")
