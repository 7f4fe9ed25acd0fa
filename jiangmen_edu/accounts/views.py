"""Account pages: password change, the second factor, and the city admin's login failures."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from jiangmen_edu.accounts import lockout, second_factor
from jiangmen_edu.accounts.forms import CodeForm, UnlockForm
from jiangmen_edu.errors import REFUSALS, show_refusal
from jiangmen_edu.models import Role
from jiangmen_edu.permissions import ALL_ROLES, allow

password_change = allow(ALL_ROLES)(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done"))
)
password_change_done = allow(ALL_ROLES)(auth_views.PasswordChangeDoneView.as_view())


def _next_url(request, default: str = "home") -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(default)


@never_cache
@allow(ALL_ROLES)
def otp_status(request):
    """Account security: the password and the second factor, with what can be done."""
    user = request.user
    return render(
        request,
        "accounts/otp_status.html",
        {
            "device": second_factor.authenticator(user),
            "required": second_factor.is_required(user),
            "codes_left": second_factor.recovery_codes_left(user),
            "form": CodeForm(),
        },
    )


@never_cache
@allow(ALL_ROLES)
def otp_setup(request):
    """Set up the authenticator app: scan, type the first code, keep the recovery codes."""
    user = request.user
    if second_factor.has_second_factor(user):
        messages.info(request, _("Two-step verification is already on."))
        return redirect("otp_status")
    form = CodeForm(request.POST or None)
    setup = request.POST.get("setup", "")
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.second_factor_enrol(
                user=user, setup=setup, token=form.cleaned_data["token"]
            )
        except REFUSALS as error:
            show_refusal(error, form=form)
        else:
            otp_login(request, second_factor.authenticator(user))
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "enrolled": True},
            )
    try:
        device = second_factor.pending_authenticator(user, setup)
    except REFUSALS:
        # A first visit, or a page kept open too long: a new secret to scan.
        setup = second_factor.setup_new(user)
        device = second_factor.pending_authenticator(user, setup)
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "setup": setup,
            "qr": second_factor.qr_svg(device),
            "secret": second_factor.secret_text(device),
            "required": second_factor.is_required(user),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


@never_cache
@allow(ALL_ROLES)
def otp_verify(request):
    """After the password: the code from the app, or a recovery code."""
    user = request.user
    if user.is_verified() or not second_factor.has_second_factor(user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.second_factor_verify(user=user, token=form.cleaned_data["token"])
        except REFUSALS as error:
            show_refusal(error, form=form)
        else:
            otp_login(request, device)
            if device.persistent_id != second_factor.authenticator(user).persistent_id:
                left = second_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    _(
                        "You logged in with a recovery code; %(left)s remain. Each works once: "
                        "make new ones under Account security if you are running low."
                    )
                    % {"left": left},
                )
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/otp_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


@never_cache
@require_POST
@allow(ALL_ROLES)
def otp_recovery_codes(request):
    """Ten new recovery codes, shown once; the old ones stop working."""
    try:
        codes = second_factor.recovery_codes_renew(user=request.user)
    except REFUSALS as error:
        show_refusal(error, request=request)
        return redirect("otp_status")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("otp_status"), "enrolled": False},
    )


@require_POST
@allow(ALL_ROLES)
def otp_disable(request):
    """Turn the second factor off (optional roles only), with a current code."""
    form = CodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a code from your app to turn two-step verification off."))
        return redirect("otp_status")
    try:
        second_factor.second_factor_remove(user=request.user, token=form.cleaned_data["token"])
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(request, _("Two-step verification is off."))
    return redirect("otp_status")


@allow(Role.CITY_ADMIN)
def login_failures(request):
    """Failed logins for the city admin: who is locked out now, and the latest failures."""
    return render(
        request,
        "accounts/login_failures.html",
        {
            "current": lockout.current_failures(),
            "failures": lockout.recent_failures(),
            "cool_off_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "username_limit": settings.AXES_FAILURE_LIMIT,
            "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        },
    )


@require_POST
@allow(Role.CITY_ADMIN)
def login_unlock(request):
    form = UnlockForm(request.POST)
    if form.is_valid():
        lockout.unlock(**form.cleaned_data, user=request.user)
        messages.success(
            request, _("%(value)s may log in again.") % {"value": form.cleaned_data["value"]}
        )
    return redirect("login_failures")
