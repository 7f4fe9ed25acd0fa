from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from jiangmen_edu.accounts import second_factor

# Pages a logged-in user may use before the second factor: logging in and out, the language,
# and the second-factor pages themselves.
BEFORE_SECOND_FACTOR = frozenset({"login", "logout", "set_language", "otp_verify"})


class SecondFactorMiddleware:
    """After the password, the second factor, before any other page (the back office too).

    A user with an authenticator who has not given a code in this session is sent to the
    code page; a user whose role requires one (`SECOND_FACTOR_ROLES`) and who has none yet is
    sent to set it up. Must come after django-otp's OTPMiddleware, which tells whether the
    session is verified.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if second_factor.has_second_factor(user):
            step = "otp_verify"
        elif second_factor.is_required(user):
            step = "otp_setup"
        else:
            return None
        # The pages shown meanwhile leave out the site's menus, which would only lead here.
        request.second_factor_pending = True
        name = request.resolver_match.view_name if request.resolver_match else None
        if name in BEFORE_SECOND_FACTOR or name == step:
            return None
        return _to(step, request)


def _to(name: str, request):
    url = reverse(name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)
