import os

from django.core.wsgi import get_wsgi_application

from jiangmen_edu.checks import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiangmen_edu.settings")

require_secret_key()
application = get_wsgi_application()
