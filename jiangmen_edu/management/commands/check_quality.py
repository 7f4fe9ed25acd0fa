"""`manage.py check_quality --year 2025 [--unit 440781]`: rerun the data-quality rules and
print what they found, per unit and rule (the page /quality/ in a terminal)."""

from django.core.management.base import BaseCommand, CommandError

from jiangmen_edu.models import ReportingYear, Unit
from jiangmen_edu.quality import selectors, services
from jiangmen_edu.text_tables import text_table


class Command(BaseCommand):
    help = (
        "Run every data-quality rule for every unit (or one) in a reporting year, store the "
        "findings and print their counts per unit and rule: errors as a count, warnings as "
        "explained/total."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="reporting year (default: the latest)")
        parser.add_argument("--unit", help="division code of one unit, e.g. 440781")

    def handle(self, *args, year: int | None, unit: str | None, **options):
        year = year or selectors.chosen_year(None, selectors.reporting_years())
        if not ReportingYear.objects.filter(year=year).exists():
            raise CommandError(f"Reporting year {year} has not been opened.")
        units = Unit.objects.all()
        if unit:
            units = units.filter(code=unit)
            if not units:
                raise CommandError(f"There is no unit with the code {unit}.")
            services.findings_refresh(unit=units.get(), year=year)
        else:
            services.findings_refresh_year(year)
        matrix = selectors.matrix(year, units)
        codes = [column.rule.code for column in matrix.columns]
        rows = [
            [row.unit.name, *(cell.tally.text for cell in row.cells), row.total.text]
            for row in matrix.rows
        ]
        rows.append(["total", *(tally.text for tally in matrix.totals), matrix.total.text])
        self.stdout.write(f"Data-quality findings {year} (warnings: explained/total)")
        self.stdout.write(text_table(["unit", *codes, "all"], rows))
