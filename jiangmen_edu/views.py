from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jiangmen_edu import audit, selectors, workflow
from jiangmen_edu.errors import REFUSALS, Refused, show_refusal
from jiangmen_edu.forms import (
    CommentForm,
    ReasonForm,
    ReportingYearForm,
    ReturnDetailsForm,
)
from jiangmen_edu.models import ReportingYear, ReturnEvent, Role, School, Section, YearlyReturn
from jiangmen_edu.permissions import (
    ALL_ROLES,
    CITY_ROLES,
    allow,
    counties_for_user,
    get_scoped_or_404,
    is_city_user,
)
from jiangmen_edu.quality import editing as quality_editing
from jiangmen_edu.quality import services as quality

PAGE_SIZE = 50


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@allow(ALL_ROLES)
def home(request):
    reporting_year = selectors.current_reporting_year()
    if is_city_user(request.user):
        matrix = selectors.status_matrix(request.user, reporting_year) if reporting_year else None
        return render(
            request, "core/home_city.html", {"reporting_year": reporting_year, "matrix": matrix}
        )
    returns = selectors.returns_for_user(request.user)
    current = list(
        selectors.with_finding_counts(
            selectors.with_last_comment(returns.filter(reporting_year=reporting_year))
        )
    )
    return render(
        request,
        "core/home_county.html",
        {
            "reporting_year": reporting_year,
            "current_returns": current,
            "due": [r for r in current if r.is_editable],
            "earlier_returns": returns.exclude(reporting_year=reporting_year)[:20],
        },
    )


@allow(ALL_ROLES)
def return_list(request):
    returns = selectors.returns_for_user(request.user)
    filters = {
        "year": request.GET.get("year", ""),
        "unit": request.GET.get("unit", ""),
        "section": request.GET.get("section", ""),
        "status": request.GET.get("status", ""),
    }
    if filters["year"].isdigit():
        returns = returns.filter(reporting_year__year=int(filters["year"]))
    if filters["unit"]:
        returns = returns.filter(unit__code=filters["unit"])
    if filters["section"] in Section.values:
        returns = returns.filter(section=filters["section"])
    if filters["status"] in YearlyReturn.Status.values:
        returns = returns.filter(status=filters["status"])
    return render(
        request,
        "core/return_list.html",
        {
            "page": paginate(request, selectors.with_finding_counts(returns)),
            "filters": filters,
            "units": counties_for_user(request.user),
            "years": ReportingYear.objects.values_list("year", flat=True),
            "sections": Section.choices,
            "statuses": YearlyReturn.Status.choices,
        },
    )


def _get_return(request, pk) -> YearlyReturn:
    return get_scoped_or_404(
        YearlyReturn.objects.select_related("unit", "reporting_year"), request.user, pk=pk
    )


@allow(ALL_ROLES)
def return_detail(request, pk):
    yearly_return = _get_return(request, pk)
    # The findings of the last run, whose time the page shows: reading writes nothing. The
    # rules ran after every change to the data, and run again at submission (docs/quality.md).
    findings = quality.rows_for(yearly_return)
    can_edit = request.user.role == Role.COUNTY_EDITOR
    return render(
        request,
        "core/return_detail.html",
        {
            "return": yearly_return,
            "events": yearly_return.events.select_related("actor"),
            "actions": workflow.actions_for(yearly_return, request.user),
            "lock_reason": yearly_return.lock_reason,
            "comment_form": CommentForm(),
            "can_edit": can_edit,
            "can_explain": can_edit and yearly_return.is_editable,
            "findings": findings,
            "has_warnings": any(not row.is_error for row in findings),
            "blockers": quality.Blockers.of(findings),
        },
    )


@allow(Role.COUNTY_EDITOR)
@require_POST
def return_explain(request, pk):
    yearly_return = _get_return(request, pk)
    codes, keys, texts = (request.POST.getlist(name) for name in ("code", "key", "text"))
    try:
        if not codes or not len(codes) == len(keys) == len(texts):
            raise Refused(_("The explanations could not be read; please try again."))
        quality_editing.explanations_save(
            user=request.user,
            yearly_return=yearly_return,
            explanations=zip(codes, keys, texts, strict=True),
        )
    except REFUSALS as error:
        show_refusal(error, request=request)
    else:
        messages.success(request, _("The explanations have been saved."))
    return redirect(reverse("return_detail", args=[yearly_return.pk]) + "#quality")


@allow(Role.COUNTY_EDITOR)
def return_edit(request, pk):
    yearly_return = _get_return(request, pk)
    form = ReturnDetailsForm(request.POST or None, instance=yearly_return)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.return_update_details(
                yearly_return=yearly_return, user=request.user, **form.cleaned_data
            )
        except REFUSALS as error:
            show_refusal(error, request=request)
        else:
            messages.success(request, _("The return has been saved."))
        return redirect("return_detail", pk=yearly_return.pk)
    return render(
        request,
        "core/return_edit.html",
        {"return": yearly_return, "form": form, "lock_reason": yearly_return.lock_reason},
    )


def _transition_view(action: str, form_class, success_message: str):
    transition = workflow.TRANSITIONS[action]

    @allow(transition.roles)
    @require_POST
    def view(request, pk):
        yearly_return = _get_return(request, pk)
        form = form_class(request.POST)
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        try:
            workflow.return_transition(
                yearly_return=yearly_return, user=request.user, action=action, comment=comment
            )
        except REFUSALS as error:
            show_refusal(error, request=request)
        else:
            messages.success(request, str(success_message))
        return redirect("return_detail", pk=yearly_return.pk)

    return view


return_submit = _transition_view(
    ReturnEvent.Action.SUBMIT,
    CommentForm,
    gettext_lazy("The return has been submitted to the city."),
)
return_send_back = _transition_view(
    ReturnEvent.Action.SEND_BACK,
    ReasonForm,
    gettext_lazy("The return has been sent back to the county."),
)
return_approve = _transition_view(
    ReturnEvent.Action.APPROVE,
    CommentForm,
    gettext_lazy("The return has been approved and locked."),
)
return_reopen = _transition_view(
    ReturnEvent.Action.REOPEN, ReasonForm, gettext_lazy("The return has been reopened.")
)


@allow(ALL_ROLES)
def school_list(request):
    schools = selectors.schools_for_user(request.user)
    filters = {
        "unit": request.GET.get("unit", ""),
        "type": request.GET.get("type", ""),
        "q": request.GET.get("q", "").strip(),
    }
    if filters["unit"]:
        schools = schools.filter(unit__code=filters["unit"])
    if filters["type"] in School.Type.values:
        schools = schools.filter(school_type=filters["type"])
    if filters["q"]:
        schools = schools.filter(name__contains=filters["q"]) | schools.filter(
            code__startswith=filters["q"]
        )
    return render(
        request,
        "core/school_list.html",
        {
            "page": paginate(request, schools),
            "filters": filters,
            "units": counties_for_user(request.user),
            "types": School.Type.choices,
        },
    )


@allow(Role.CITY_ADMIN)
def year_list(request):
    form = ReportingYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reporting_year = workflow.reporting_year_open(user=request.user, **form.cleaned_data)
        messages.success(
            request, _("%(year)s is open for returns.") % {"year": reporting_year.year}
        )
        return redirect("year_list")
    return render(
        request,
        "core/year_list.html",
        {"years": ReportingYear.objects.all(), "form": form},
    )


@allow(CITY_ROLES - {Role.ASSESSOR})
def audit_list(request):
    unit_code = request.GET.get("unit", "")
    page = paginate(request, audit.entries_for_user(request.user, unit_code))
    for entry in page:
        entry.display_changes = audit.describe_changes(entry)
    return render(
        request,
        "core/audit_list.html",
        {"page": page, "units": counties_for_user(request.user), "unit_code": unit_code},
    )
