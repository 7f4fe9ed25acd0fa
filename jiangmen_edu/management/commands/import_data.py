from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jiangmen_edu.errors import Refused
from jiangmen_edu.imports import datasets, services
from jiangmen_edu.models import Unit
from jiangmen_edu.quality import services as quality


class Command(BaseCommand):
    help = (
        "Import one Excel file into a unit's yearly data, through the same checks as the web "
        "page. Prints every row error and exits non-zero when the file is rejected; "
        "nothing is written then. After an import, prints what the data-quality rules newly "
        "found."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "dataset", help="one of: " + ", ".join(d.slug for d in datasets.all_datasets())
        )
        parser.add_argument("file", type=Path)
        parser.add_argument("--county", required=True, help="division code, e.g. 440781")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")

    def handle(self, *args, dataset, file, county, year, dry_run, **options):
        found = datasets.get(dataset)
        if found is None:
            raise CommandError(f"Unknown data set {dataset!r}.")
        unit = Unit.objects.filter(code=county).first()
        if unit is None:
            raise CommandError(f"Unknown unit {county!r}.")
        try:
            handle = file.open("rb")
        except OSError as error:
            raise CommandError(str(error)) from None
        try:
            with handle:
                batch = services.import_preview(
                    dataset=found, unit=unit, year=year, file=handle, filename=file.name, user=None
                )
            self.report_and_commit(found, batch, dry_run)
        except Refused as error:
            # A refusal of the preview or of the commit: one line on stderr and exit status
            # 1; nothing is written (the commit is one transaction).
            raise CommandError(" ".join(str(error).split())) from None

    def report_and_commit(self, dataset, batch, dry_run):
        for error in batch.errors:
            self.stdout.write(
                f"{error['row']}\t{error['column']}\t{error['value']}\t{error['message']}"
            )
        if batch.errors:
            services.import_discard(batch=batch, user=None)
            raise CommandError(
                f"{batch.rejected_row_count} of {batch.total_rows} rows rejected; "
                "nothing was imported."
            )
        if dry_run:
            services.import_discard(batch=batch, user=None)
            self.stdout.write(f"{len(batch.rows)} rows checked; nothing written (--dry-run).")
            return
        with quality.collecting_new_findings() as findings:
            written = services.import_commit(batch=batch, dataset=dataset, user=None)
        self.stdout.write(self.style.SUCCESS(f"{written} rows imported."))
        # The data-quality rules ran when the import committed (docs/quality.md).
        for finding in findings:
            self.stdout.write(
                f"{finding.get_severity_display()}\t{finding.code}\t{quality.describe(finding)}"
            )
