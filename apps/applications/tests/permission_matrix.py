"""Every URL of the applications app against every actor of the standard world (tests/world.py).

The world's unit (unit_admin, unit_member) and prefecture office (prefecture_officer) are in 呼和浩特 (150100);
the "_other" unit and office are in 包头 (150200). Applications belong to the world's unit unless named otherwise.
- a draft exists only for its unit (officers: 404);
- a submitted application exists for its unit, its prefecture office and the regional bureau (others: 404);
- an application under expert review also exists for the experts assigned to it;
- a submitted application also exists, read-only, for the units of its partners (`Partnership`): unit_admin_other
  in the "partner" rows sees the detail page and gets 403 on everything else; a draft does not exist for them;
- administrators and evaluators see no application (404) and have no page here (403).
"""

from apps.applications.models import Application
from tests.permissions import EVERY_LOGGED_IN, Row

S = Application.Status
OWN_UNIT = {"unit_admin", "unit_member"}
SEES_SUBMITTED = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
NOT_SEEING_SUBMITTED = EVERY_LOGGED_IN - SEES_SUBMITTED
NOT_SEEING_DRAFT = EVERY_LOGGED_IN - OWN_UNIT
REGION_ONLY_DENY = EVERY_LOGGED_IN - {"regional_officer"}
PARTNER = "unit_admin_other"


def _draft(w):
    from .factories import eligible_draft

    return {"pk": eligible_draft(w).pk}


def _incomplete_draft(w):
    """Its submission is refused (the checklist fails), so it stays a draft for every actor of the row."""
    from .factories import ApplicationFactory

    return {"pk": ApplicationFactory(lead_unit=w.org, created_by=w.user("unit_admin")).pk}


def _in_state(state):
    def make(w):
        from .factories import advance, eligible_draft

        return {"pk": advance(w, eligible_draft(w), state).pk}

    return make


def _submitted_version(w):
    return {**_in_state(S.SUBMITTED)(w), "number": 1}


def _with_partner(w):
    from .factories import eligible_draft, partner

    application = eligible_draft(w)
    return {"pk": application.pk, "partner_pk": partner(application).pk}


def _partner_data(w):
    from apps.organizations.models import Organization
    from apps.organizations.tests.factories import OrganizationFactory

    institute = OrganizationFactory(kind=Organization.Kind.RESEARCH_INSTITUTE)
    return {"credit_code": institute.credit_code, "role": "rd_institution", "contribution": "联合研发"}


def _joined(state):
    """An application of the world's unit with the other unit (unit_admin_other's organization) as a partner."""

    def make(w):
        from apps.applications.models import Partnership

        from .factories import advance, eligible_draft, partner

        application = eligible_draft(w)
        partner(application, w.org_other, role=Partnership.Role.UPSTREAM_ENTERPRISE)
        if state == S.RETURNED:  # submitted once (so the partner sees it), then returned for revision
            from apps.applications.services import application_prefecture_return

            application = advance(w, application, S.SUBMITTED)
            application = application_prefecture_return(w.user("prefecture_officer"), application, reason="请补充")
        elif state != S.DRAFT:
            application = advance(w, application, state)
        return {"pk": application.pk}

    return make


def _reviewed(w):
    """An application under review with the world's expert on its (scoring) panel."""
    from .factories import advance, eligible_draft, scoring_panel

    application = advance(w, eligible_draft(w), S.EXPERT_REVIEW)
    scoring_panel(w, [application], expert_count=4, extra_experts=[w.user("expert")])
    return application


def _assigned_application(w):
    return {"pk": _reviewed(w).pk}


def _review(w):
    from apps.applications.models import Review

    application = _reviewed(w)
    return {"pk": Review.objects.get(application=application, expert=w.user("expert")).pk}


def _call(w):
    from .factories import open_call

    return {"call_pk": open_call().pk}


def _topic(w):
    from .factories import open_call, topic_of

    return {"topic_pk": topic_of(open_call()).pk}


def _panel(w):
    from apps.applications.models import ReviewPanel

    return {"pk": ReviewPanel.objects.get(topic=_reviewed(w).topic).pk}


def _forming_panel(w):
    from apps.applications.services_review import panel_create

    from .factories import advance, eligible_draft

    application = advance(w, eligible_draft(w), S.EXPERT_REVIEW)
    return {"pk": panel_create(w.user("regional_officer"), application.topic).pk}


def _panel_member(w):
    from apps.applications.services_review import panel_add_member

    kwargs = _forming_panel(w)
    from apps.applications.models import ReviewPanel

    member = panel_add_member(w.user("regional_officer"), ReviewPanel.objects.get(pk=kwargs["pk"]), w.user("expert"))
    return {**kwargs, "member_pk": member.pk}


def _reason(w):
    return {"reason": "请补充材料"}


def _opinion(w):
    return {"opinion": "同意"}


MATRIX = [
    # shared pages
    Row("applications:list", allow=SEES_SUBMITTED | {"unit_admin_other", "prefecture_officer_other"}),
    Row(
        "applications:list",
        allow=SEES_SUBMITTED | {"unit_admin_other", "prefecture_officer_other"},
        query="format=xlsx",
        note="the .xlsx export (apps.core.listing)",
    ),
    Row("applications:detail", _in_state(S.SUBMITTED), allow=SEES_SUBMITTED, hide=NOT_SEEING_SUBMITTED),
    Row("applications:detail", _draft, allow=OWN_UNIT, hide=NOT_SEEING_DRAFT, note="draft"),
    Row(
        "applications:detail",
        _assigned_application,
        allow=SEES_SUBMITTED | {"expert"},
        hide=NOT_SEEING_SUBMITTED - {"expert"},
        note="assigned_expert",
    ),
    Row(
        "applications:detail",
        _joined(S.SUBMITTED),
        allow=SEES_SUBMITTED | {PARTNER},
        hide=NOT_SEEING_SUBMITTED - {PARTNER},
        note="partner",
    ),
    Row("applications:detail", _joined(S.DRAFT), allow=OWN_UNIT, hide=NOT_SEEING_DRAFT, note="partner_draft"),
    *[
        Row(
            f"applications:{name}",
            _joined(S.SUBMITTED),
            allow=SEES_SUBMITTED,
            hide=NOT_SEEING_SUBMITTED - {PARTNER},
            note="partner",
        )
        for name in ("versions", "export_docx", "export_pdf", "checklist")
    ],
    Row(
        "applications:withdraw",
        _joined(S.SUBMITTED),
        method="post",
        data=_reason,
        allow={"unit_admin"},
        hide=NOT_SEEING_SUBMITTED - {PARTNER},
        note="partner",
    ),
    Row(
        "applications:edit",
        _joined(S.RETURNED),
        allow={"unit_admin"},
        hide=NOT_SEEING_SUBMITTED - {PARTNER},
        note="partner",
    ),
    Row("applications:versions", _in_state(S.SUBMITTED), allow=SEES_SUBMITTED, hide=NOT_SEEING_SUBMITTED),
    Row("applications:version", _submitted_version, allow=SEES_SUBMITTED, hide=NOT_SEEING_SUBMITTED),
    Row("applications:export_docx", _in_state(S.SUBMITTED), allow=SEES_SUBMITTED, hide=NOT_SEEING_SUBMITTED),
    Row(
        "applications:export_pdf",
        _assigned_application,
        allow=SEES_SUBMITTED | {"expert"},
        hide=NOT_SEEING_SUBMITTED - {"expert"},
    ),
    # applicant
    Row("applications:create", allow={"unit_admin", "unit_admin_other"}),
    Row("applications:edit", _draft, allow={"unit_admin"}, hide=NOT_SEEING_DRAFT),
    Row("applications:checklist", _draft, allow=OWN_UNIT, hide=NOT_SEEING_DRAFT),
    Row("applications:checklist", _draft, method="post", allow=OWN_UNIT, hide=NOT_SEEING_DRAFT, note="post"),
    Row(
        "applications:partner_add",
        _draft,
        method="post",
        data=_partner_data,
        allow={"unit_admin"},
        hide=NOT_SEEING_DRAFT,
    ),
    Row("applications:partner_remove", _with_partner, method="post", allow={"unit_admin"}, hide=NOT_SEEING_DRAFT),
    Row("applications:submit", _incomplete_draft, method="post", allow={"unit_admin"}, hide=NOT_SEEING_DRAFT),
    Row(
        "applications:withdraw",
        _in_state(S.SUBMITTED),
        method="post",
        data=_reason,
        allow={"unit_admin"},
        hide=NOT_SEEING_SUBMITTED,
    ),
    # prefecture office of the lead unit
    Row(
        "applications:recommend",
        _in_state(S.SUBMITTED),
        method="post",
        data=_opinion,
        allow={"prefecture_officer"},
        hide=NOT_SEEING_SUBMITTED,
    ),
    Row(
        "applications:prefecture_return",
        _in_state(S.SUBMITTED),
        method="post",
        data=_reason,
        allow={"prefecture_officer"},
        hide=NOT_SEEING_SUBMITTED,
    ),
    Row(
        "applications:prefecture_reject",
        _in_state(S.SUBMITTED),
        method="post",
        data=_reason,
        allow={"prefecture_officer"},
        hide=NOT_SEEING_SUBMITTED,
    ),
    # regional bureau
    Row(
        "applications:formal_pass",
        _in_state(S.RECOMMENDED),
        method="post",
        data=_opinion,
        allow={"regional_officer"},
        hide=NOT_SEEING_SUBMITTED,
    ),
    Row(
        "applications:formal_return",
        _in_state(S.RECOMMENDED),
        method="post",
        data=_reason,
        allow={"regional_officer"},
        hide=NOT_SEEING_SUBMITTED,
    ),
    Row(
        "applications:approve",
        _in_state(S.EXPERT_REVIEW),
        method="post",
        allow={"regional_officer"},
        hide=NOT_SEEING_SUBMITTED,
    ),
    Row(
        "applications:not_approve",
        _in_state(S.EXPERT_REVIEW),
        method="post",
        data=_reason,
        allow={"regional_officer"},
        hide=NOT_SEEING_SUBMITTED,
    ),
    Row("applications:call_xlsx", _call, allow={"prefecture_officer", "prefecture_officer_other", "regional_officer"}),
    Row("applications:decision", _call, allow={"regional_officer"}),
    Row("applications:select", _call, method="post", allow={"regional_officer"}),
    Row("applications:panels", allow={"regional_officer"}),
    Row("applications:panel_create", _topic, method="post", allow={"regional_officer"}),
    Row("applications:panel", _panel, allow={"regional_officer"}),
    Row("applications:panel_member_add", _forming_panel, method="post", allow={"regional_officer"}),
    Row("applications:panel_member_remove", _panel_member, method="post", allow={"regional_officer"}),
    Row("applications:panel_open", _forming_panel, method="post", allow={"regional_officer"}),
    Row("applications:panel_close", _panel, method="post", allow={"regional_officer"}),
    Row("applications:ranking_xlsx", _topic, allow={"regional_officer"}),
    # experts
    Row("applications:reviews", allow={"expert"}),
    Row("applications:review", _review, allow={"expert"}, hide=REGION_ONLY_DENY - {"expert"}),
    Row(
        "applications:review_conflict",
        _review,
        method="post",
        data=_reason,
        allow={"expert"},
        hide=REGION_ONLY_DENY - {"expert"},
    ),
]

MATRIX.append(
    Row("applications:statistics", allow={"prefecture_officer", "prefecture_officer_other", "regional_officer"})
)
