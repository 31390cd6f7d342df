"""The annual work report's transition table (Art. 14: the prefecture office reviews the report before it goes to
the region).

    draft ──submit──▶ submitted ──forward (opinion)──▶ forwarded ──receive──▶ received
                         │                                 │
                         └──return (reasons)──▶ returned ◀─┴──return (reasons, the region)
    returned ──submit──▶ submitted (the next version)

The lead unit's administrator submits (every required section written: `sections_complete`); the office of the
center's prefecture forwards it with its opinion or returns it with reasons; the region acknowledges receipt or
returns it once more with reasons. Each submission freezes a `ReportVersion` (`services.submit`).

Views ask `.guard` / `.options`; services call `.apply`. Rendered in docs/workflows.md."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.centers import policies as center_policies
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.core.text import shows_nothing
from apps.core.workflow import Notice, Transition, Workflow

from .models import AnnualReport

S = AnnualReport.Status
REQUIRED_SECTIONS = AnnualReport.SECTIONS  # every section of Art. 14 must be written before submission


# ---------------------------------------------------------------- who (the relation to the report's center)


def is_lead_unit_admin(user, report) -> Decision:
    """The administrator of the center's lead unit."""
    return center_policies.is_lead_unit_admin_of(user, report.center)


def is_prefecture_office(user, report) -> Decision:
    """The office of the center's prefecture."""
    return center_policies.is_prefecture_office_of(user, report.center)


# ---------------------------------------------------------------- what must hold


def sections_complete(report) -> Decision:
    """Every section of Art. 14 is written (the four tasks of Art. 13 each in its own section).

    Overall operation, the four tasks, funds, results, highlights, problems, next year's plan."""
    missing = [
        str(AnnualReport._meta.get_field(name).verbose_name)
        for name in REQUIRED_SECTIONS
        if shows_nothing(getattr(report, name) or "")
    ]
    if missing:
        return deny(
            _("Please write every section before submitting; still empty: %(sections)s.")
            % {"sections": "、".join(missing)}
        )
    return ALLOW


# ---------------------------------------------------------------- whom it tells


def unit_admins(report):
    return get_user_model().objects.filter(
        role=Role.UNIT_ADMIN, organization_id=report.center.lead_unit_id, is_active=True
    )


def prefecture_officers(report):
    return get_user_model().objects.filter(
        role=Role.PREFECTURE_OFFICER, prefecture_id=report.center.prefecture_id, is_active=True
    )


def regional_officers(report=None):
    return get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)


def report_url(report) -> str:
    return reverse("reports:detail", args=[report.pk])


def _notice(recipients, title, *, task=False):
    def notice(report):
        params = {"name": report.center.name, "year": report.year}
        return Notice(recipients(report), title % params, report_url(report), is_task=task)

    return notice


ANNUAL_REPORT = Workflow(
    "annual_report",
    AnnualReport,
    [
        Transition(
            "submit",
            (S.DRAFT, S.RETURNED),
            S.SUBMITTED,
            gettext_lazy("Submit to the prefecture office"),
            by=(Role.UNIT_ADMIN,),
            actor=is_lead_unit_admin,
            when=(sections_complete,),
            notify=_notice(
                prefecture_officers,
                gettext_lazy("Annual work report %(year)s awaiting your review: %(name)s"),
                task=True,
            ),
        ),
        Transition(
            "forward",
            (S.SUBMITTED,),
            S.FORWARDED,
            gettext_lazy("Forward to the region"),
            by=(Role.PREFECTURE_OFFICER,),
            actor=is_prefecture_office,
            requires_reason=True,
            style="success",
            notify=_notice(
                regional_officers,
                gettext_lazy("Annual work report %(year)s forwarded for receipt: %(name)s"),
                task=True,
            ),
        ),
        Transition(
            "return",
            (S.SUBMITTED,),
            S.RETURNED,
            gettext_lazy("Return for revision"),
            by=(Role.PREFECTURE_OFFICER,),
            actor=is_prefecture_office,
            requires_reason=True,
            style="outline-danger",
            notify=_notice(
                unit_admins,
                gettext_lazy("Annual work report %(year)s returned for revision: %(name)s"),
                task=True,
            ),
        ),
        Transition(
            "receive",
            (S.FORWARDED,),
            S.RECEIVED,
            gettext_lazy("Acknowledge receipt"),
            by=(Role.REGIONAL_OFFICER,),
            style="success",
            notify=_notice(
                lambda report: [*unit_admins(report), *prefecture_officers(report)],
                gettext_lazy("Annual work report %(year)s received by the region: %(name)s"),
            ),
        ),
        Transition(
            "region_return",
            (S.FORWARDED,),
            S.RETURNED,
            gettext_lazy("Return once more for revision"),
            by=(Role.REGIONAL_OFFICER,),
            requires_reason=True,
            style="outline-danger",
            notify=_notice(
                lambda report: [*unit_admins(report), *prefecture_officers(report)],
                gettext_lazy("Annual work report %(year)s returned by the region: %(name)s"),
                task=True,
            ),
        ),
    ],
)
