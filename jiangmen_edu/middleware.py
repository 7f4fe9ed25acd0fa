from django.conf import settings
from django.utils import translation


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
