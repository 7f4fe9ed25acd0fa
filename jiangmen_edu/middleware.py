import auditlog.middleware
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from jiangmen_edu.accounts.lockout import client_address
from jiangmen_edu.models import Severity
from jiangmen_edu.quality import services as quality


class CookieLocaleMiddleware:
    """Chinese for everyone unless the user picked another language.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on the
    bureaus' machines is often English; the interface must stay Chinese by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override, not activate: the language must not outlive the request in this thread.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class QualityNoticeMiddleware:
    """After a change to a county's data, say what the data-quality rules newly found.

    The rules run when the write commits (`workflow.ensure_editable`), inside the view; this
    collects what they found and leaves a message for the page the user lands on next.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        with quality.collecting_new_findings() as found:
            response = self.get_response(request)
        for yearly_return, findings in _by_return(found):
            errors = sum(f.severity == Severity.ERROR for f in findings)
            messages.warning(
                request,
                format_html(
                    '{} <a href="{}#quality">{}</a>',
                    _(
                        "The data-quality checks of %(return)s found %(errors)s new error(s) "
                        "and %(warnings)s new warning(s)."
                    )
                    % {
                        "return": yearly_return,
                        "errors": errors,
                        "warnings": len(findings) - errors,
                    },
                    reverse("return_detail", args=[yearly_return.pk]),
                    _("See the checks"),
                ),
            )
        return response


def _by_return(findings):
    grouped = {}
    for finding in findings:
        grouped.setdefault(finding.yearly_return, []).append(finding)
    return grouped.items()


class AuditlogMiddleware(auditlog.middleware.AuditlogMiddleware):
    """django-auditlog's, with the client's address taken as the login lockout takes it
    (`accounts.lockout.client_address`, trusting `TRUSTED_PROXY_COUNT` proxies), not from the
    left end of X-Forwarded-For, which the client writes."""

    @staticmethod
    def _get_remote_addr(request):
        return client_address(request)
