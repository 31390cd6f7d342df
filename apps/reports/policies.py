"""Who may see and write a center's annual work reports (Art. 14), and who acts on the region's reporting years.

Visibility (`selectors.visible_to`) decides 404: a report the user may not see does not exist for them.

- the center's lead unit (administrator and members) sees the center's reports; a partner unit does not (the report
  is the lead unit's account to the bureau);
- the office of the center's prefecture sees its prefecture's reports;
- the regional bureau sees every report;
- an evaluator sees what `EVALUATOR_HOOK(user)` lets through: the reports of the centers in their organization's
  open evaluation rounds (set by `apps.evaluations.hooks_dossier`; nothing while no evaluations app plugs in);
- experts and the three administrators see none.

On a visible report (403 with the Chinese reason):

- `can_edit(user, report)`: the lead unit's users (administrator or member) write the sections while the report is a
  draft or returned; only the administrator submits (`workflow.ANNUAL_REPORT`, row "submit");
- `can_comment(user, report)` / `can_refresh(user, report)`: as `can_edit` (figures are never typed over: the unit
  comments on them and refreshes them from the platform's records while it may write);
- `can_export_year(user)`, `can_manage_years(user)`: the regional bureau (a year's .zip and .xlsx; due dates, opening
  the year's reports).

The transitions' own relations (`workflow.is_lead_unit_admin`, `workflow.is_prefecture_office`) stay in the table."""

from django.db.models import Q
from django.utils.translation import gettext as _

from apps.centers import policies as center_policies
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES, Role


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def _evaluator_sees_nothing(user) -> Q:
    """The reports a third-party evaluator sees: none until issue 18 (the evaluations the evaluator is assigned to)
    replaces this function. Returns a filter on AnnualReport."""
    return Q(pk__in=[])


# Issue 18 sets this to `(user) -> Q` over AnnualReport: the reports of the centers the evaluator evaluates.
EVALUATOR_HOOK = _evaluator_sees_nothing


# ---------------------------------------------------------------- seeing (404)


def can_list(user) -> Decision:
    """Units (their centers' reports), prefecture offices (their prefecture's), the regional bureau (all)."""
    if _authenticated(user) and (
        (user.role in UNIT_ROLES and user.organization_id)
        or (user.role == Role.PREFECTURE_OFFICER and user.prefecture_id)
        or user.role in (Role.REGIONAL_OFFICER, Role.EVALUATOR)
    ):
        return ALLOW
    return deny(_("Only units, prefecture offices and the regional bureau see annual work reports."))


def can_view(user, report) -> Decision:
    """The report's lead unit, the office of its center's prefecture, the regional bureau (evaluators: the hook)."""
    if not _authenticated(user):
        return deny(_("You cannot see this annual work report."))
    center = report.center
    if (
        user.role == Role.REGIONAL_OFFICER
        or center_policies.is_lead_unit_member_of(user, center)
        or center_policies.is_prefecture_office_of(user, center)
    ):
        return ALLOW
    if user.role == Role.EVALUATOR:
        from .models import AnnualReport

        if AnnualReport.objects.filter(EVALUATOR_HOOK(user), pk=report.pk).exists():
            return ALLOW
    return deny(_("You cannot see this annual work report."))


def can_view_center(user, center) -> Decision:
    """A center's reports tab: whoever sees the center's reports (its lead unit, its prefecture office, the region)."""
    if _authenticated(user) and (
        user.role == Role.REGIONAL_OFFICER
        or center_policies.is_lead_unit_member_of(user, center)
        or center_policies.is_prefecture_office_of(user, center)
    ):
        return ALLOW
    return deny(_("Only the center's lead unit, its prefecture office and the regional bureau see its reports."))


# ---------------------------------------------------------------- writing (403)


def _editable(report) -> Decision:
    if report.is_editable:
        return ALLOW
    return deny(
        _("The report is “%(state)s”: it can be changed only while a draft or returned for revision.")
        % {"state": report.get_status_display()}
    )


def is_writer(user, report) -> Decision:
    """A user of the report's lead unit (administrator or member): who writes it, whatever its state (403)."""
    if center_policies.is_lead_unit_member_of(user, report.center):
        return ALLOW
    return deny(_("Only the center's lead unit writes its annual work report."))


def can_edit(user, report) -> Decision:
    """The lead unit's users (administrator or member), while the report is a draft or returned."""
    decision = is_writer(user, report)
    if not decision:
        return decision
    return _editable(report)


def can_comment(user, report) -> Decision:
    """The lead unit's users, while the report is a draft or returned (a comment or evidence on one figure)."""
    return can_edit(user, report)


def can_refresh(user, report) -> Decision:
    """The lead unit's users, while the report is a draft or returned (the figures again from the records)."""
    return can_edit(user, report)


def can_compare(user, report) -> Decision:
    """Whoever sees the report compares its submitted versions."""
    return can_view(user, report)


# ---------------------------------------------------------------- the region


def is_regional_officer(user) -> Decision:
    if _authenticated(user) and user.role == Role.REGIONAL_OFFICER:
        return ALLOW
    return deny(_("Only the regional bureau does this."))


def can_export_year(user) -> Decision:
    """The regional bureau: a year's reports as .zip and the .xlsx summary."""
    return is_regional_officer(user)


def can_manage_years(user) -> Decision:
    """The regional bureau: reporting years, their due dates, opening a year's reports."""
    return is_regional_officer(user)
