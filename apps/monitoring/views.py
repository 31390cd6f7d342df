"""The KPI early warning's pages (issue 21).

- `flag_list` (monitoring:flags): the regional bureau's list of every center's flags, filtered by prefecture and
  state; a prefecture office's list of its own prefecture's (asking for another prefecture: 404); others 403;
- `flag_detail` (monitoring:flag): one flag with its KPI lines (target, reached so far, projected, status) and,
  for the region and the center's prefecture office while it is open, the dismissal form; the lead unit reads it;
- `flag_dismiss` (monitoring:flag_dismiss, POST): the dismissal with its reason — a refusal (no reason) is the
  page again with the Chinese message and what was typed; another office or a unit: 403;
- `center_projection` (monitoring:center): the center's tab 指标预警 (`centers/tabs.py`): every KPI of its current
  contract year projected now (`assessment.assess`), "数据不足" where the data are too few, and its live flag;
  whoever sees the center (404 else).

Each page costs a constant number of queries (tests/test_query_counts.py of this app)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.centers import policies as center_policies
from apps.centers import selectors as center_selectors
from apps.core import clock
from apps.core.actions import post_action
from apps.core.listing import listing_page
from apps.core.policy import guard
from apps.core.roles import Role

from . import assessment, listings, policies, projection, rules, selectors, services
from .forms import DismissForm
from .workflow import FLAG, flag_url


def _own_prefecture_only(request, user) -> None:
    """A prefecture office's list is its own prefecture's: asking for another one is a 404 (it does not exist for
    them)."""
    raw = request.GET.get("prefecture", "")
    if user.role == Role.PREFECTURE_OFFICER and raw and raw != str(user.prefecture_id):
        raise Http404(_("This prefecture's warnings are not yours to see."))


@login_required
@require_GET
def flag_list(request):
    """Filtered (state; the region: prefecture), sorted, paginated, or as .xlsx: `listings.FLAGS`."""
    user = request.user
    guard(policies.can_list(user))
    _own_prefecture_only(request, user)
    return listing_page(
        request,
        listings.FLAGS,
        selectors.flag_list(user),
        "monitoring/list.html",
        {"high_risk_share": int(rules.HIGH_RISK_SHARE * 100)},
    )


def _detail(request, flag, *, form=None):
    user = request.user
    options = {option.action: option for option in FLAG.options(user, flag)}
    return render(
        request,
        "monitoring/detail.html",
        {
            "flag": flag,
            "center": flag.center,
            "lines": list(flag.lines.all()),
            "dismiss": options.get("close"),
            "form": form or DismissForm(),
            "high_risk_share": int(rules.HIGH_RISK_SHARE * 100),
        },
    )


@login_required
@require_GET
def flag_detail(request, pk):
    return _detail(request, selectors.flag_for(request.user, pk))


@login_required
@require_POST
def flag_dismiss(request, pk):
    user = request.user
    flag = selectors.flag_for(user, pk)
    FLAG.guard(user, flag, "close")
    return post_action(
        request,
        form=DismissForm(request.POST),
        run=lambda data: services.flag_dismiss(user, flag, reason=data.get("reason")),
        success=_("The warning is dismissed; it comes back if the KPIs at risk change."),
        redirect_to=flag_url(flag),
        render_again=lambda bound: _detail(request, selectors.flag_for(user, pk), form=bound),
        errors_on_form="reason",
    )


def _may_open_flag(user, center) -> bool:
    return bool(
        center_policies.is_regional_officer(user)
        or center_policies.is_prefecture_office_of(user, center)
        or center_policies.is_lead_unit_member_of(user, center)
    )


@login_required
@require_GET
def center_projection(request, center_pk):
    user = request.user
    center = get_object_or_404(center_selectors.visible_to(user), pk=center_pk)
    found = assessment.assess(center, clock.today())
    return render(
        request,
        "monitoring/center.html",
        {
            "center": center,
            "tab": "warning",
            "found": found,
            "flag": selectors.live_flag_of(center),
            "may_open_flag": _may_open_flag(user, center),
            "min_points": rules.MIN_POINTS,
            "min_share": int(rules.MIN_ELAPSED_SHARE * 100),
            "high_risk_share": int(rules.HIGH_RISK_SHARE * 100),
            "statuses": projection.STATUS_LABELS,
        },
    )
