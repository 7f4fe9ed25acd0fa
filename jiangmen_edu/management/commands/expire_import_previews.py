from django.conf import settings
from django.core.management.base import BaseCommand

from jiangmen_edu.imports.services import import_previews_expire


class Command(BaseCommand):
    help = (
        "Expire import previews left unconfirmed past IMPORT_PREVIEW_DAYS and delete the "
        "uploaded rows old imports still hold. Run daily (docs/deployment.md)."
    )

    def handle(self, *args, **options):
        expired = import_previews_expire()
        self.stdout.write(
            f"{expired} previews older than {settings.IMPORT_PREVIEW_DAYS} days expired."
        )
