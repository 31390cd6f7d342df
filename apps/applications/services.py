"""Application actions (Art. 9–11): create, save a draft, partners, submit (with the eligibility rules and a
frozen version), the prefecture's review, the region's formal check and withdrawal.

Each function is one transaction: it checks the policy, changes the rows, writes the audit entry and the timeline
entry, and tells whoever must act next. State changes go through `workflow.APPLICATION` only. Expert review is in
services_review.py, selection and approval in services_decision.py."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs, text
from apps.core.errors import DomainError, full_clean, join_messages
from apps.core.policy import require
from apps.notifications import services as notifications
from apps.organizations import credit_code as credit_codes
from apps.organizations.models import Organization

from . import checklist, content, eligibility, kpis, policies
from .events import record_event, transition
from .models import (
    APPLICATION_FIELDS,
    BUDGET_FIELDS,
    CAPABILITY_FIELDS,
    TABLE_ROWS_MAX,
    Application,
    ApplicationVersion,
    BudgetItem,
    Capability,
    Indicator,
    Partnership,
    RDInvestment,
    Review,
)
from .services_review import assign_if_panel_scoring
from .workflow import prefecture_officers, regional_officers

S = Application.Status


# ---------------------------------------------------------------- create and edit


def check_lead_unit(organization) -> None:
    """Art. 9 at creation: who may lead at all (the other conditions are checked at submission)."""
    lead = checklist.lead_facts(organization)
    item = eligibility.check_lead_unit(eligibility.Facts(today=clock.today(), lead=lead))[0]
    if not item.passed:
        raise DomainError(item.message, code="lead_unit")


def application_create(user, topic, *, project_name: str = "") -> Application:
    require(policies.can_create(user))
    call = topic.call
    organization = user.organization
    check_lead_unit(organization)
    if not call.is_open_for_applications():
        raise DomainError(
            _("Applications to this call are accepted from %(start)s to %(end)s only.")
            % {"start": call.applications_open.isoformat(), "end": call.applications_close.isoformat()},
            code="window",
        )
    existing = Application.objects.filter(call=call, lead_unit=organization).exclude(status__in=Application.INACTIVE)
    if existing.exists():
        raise DomainError(
            _(
                "Your unit already has an application to this call (%(name)s): one active application per lead unit "
                "and call. Withdraw it first to apply for another topic."
            )
            % {"name": existing.first()},
            code="duplicate",
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                topic=topic,
                lead_unit=organization,
                created_by=user,
                project_name=(project_name or "").strip(),  # too long: refused on save (core.inputs), never cut
                contact_name=user.full_name,
                contact_phone=user.phone,
                contact_email=user.email,
            )
            RDInvestment.objects.bulk_create(
                text.cleaned(RDInvestment(application=application, year=year) for year in application.rd_years())
            )
            Indicator.objects.bulk_create(
                text.cleaned(
                    Indicator(application=application, topic_indicator=t, name=t.name, unit=t.unit, order=i)
                    for i, t in enumerate(topic.indicators.all())
                )
            )
            audit.record("application.create", application, after=audit.snapshot(application), actor=user)
            record_event(application, "create", actor=user, status_to=application.status)
    except IntegrityError as exc:
        raise DomainError(
            _("Your unit already has an application to this call: one active application per lead unit and call."),
            code="duplicate",
        ) from exc
    return application


def _replace_rows(model, application, rows, fields):
    model.objects.filter(application=application).delete()
    objects = []
    for order, row in enumerate(rows):
        values = {f: row.get(f) for f in fields if f in row}
        if "order" in [f.name for f in model._meta.fields]:
            values["order"] = order
        obj = model(application=application, **values)
        inputs.check_instance(obj)  # strictly parsed numbers, lengths, dates: before full_clean converts them
        full_clean(obj, exclude=["application"])
        objects.append(obj)
    model.objects.bulk_create(text.cleaned(objects))


def application_save(
    user, application, *, values: dict, capabilities=None, rd=None, indicators=None, budget=None
) -> Application:
    """Save the draft as it is (incomplete is fine: the checklist says what is missing). Tables given replace
    the stored rows; None leaves them. Indicator rows are checked strictly (`kpis.clean_rows`: numbers ≥ 0, years
    within the term): a bad value refuses the whole save with a message naming the field."""
    require(policies.can_edit(user, application))
    unknown = set(values) - set(APPLICATION_FIELDS)
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for key, rows, label in (
        ("capabilities", capabilities, _("R&D capabilities")),
        ("rd", rd, _("R&D investment")),
        ("indicators", indicators, _("Indicators")),
        ("budget", budget, _("Budget")),
    ):
        inputs.check_rows(rows, limit=TABLE_ROWS_MAX[key], label=label)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        require(policies.can_edit(user, locked))
        before = content.snapshot(locked)
        for name, value in values.items():
            setattr(
                locked,
                name,
                value if value is not None or name in ("invention_patents", "other_patents", "field_industry") else "",
            )
        inputs.check_instance(locked)
        full_clean(locked)
        locked.save()
        if capabilities is not None:
            _replace_rows(Capability, locked, capabilities, CAPABILITY_FIELDS)
        if rd is not None:
            years = locked.rd_years()
            for row in rd:
                if row.get("year") not in years:  # refused, not skipped: nothing sent is dropped silently
                    raise DomainError(
                        _("R&D investment is given for the years %(years)s only, not for %(year)s.")
                        % {"years": "、".join(str(y) for y in years), "year": row.get("year")},
                        code="rd_year",
                    )
                amounts = {
                    name: inputs.parse_decimal(row.get(name), label=label, minimum=0)
                    for name, label in (("amount", _("R&D investment (yuan)")), ("revenue", _("Revenue (yuan)")))
                }
                RDInvestment.objects.update_or_create(application=locked, year=row["year"], defaults=amounts)
        if indicators is not None:
            allowed = set(locked.topic.indicators.values_list("pk", flat=True))
            kpis.replace(locked, kpis.clean_rows(indicators, topic_indicator_ids=allowed))
        if budget is not None:
            _replace_rows(BudgetItem, locked, budget, BUDGET_FIELDS)
        old, new = audit.changed(before, content.snapshot(locked))
        if old or new:
            audit.record("application.update", locked, before=old, after=new, actor=user)
    return locked


def partnership_add(user, application, *, credit_code: str, role: str, contribution: str) -> Partnership:
    """A partner is a registered, approved organization, found by its credit code."""
    require(policies.can_edit(user, application))
    code = credit_codes.normalise(credit_code)
    organization = Organization.objects.filter(credit_code=code).first()
    if organization is None:
        raise DomainError(
            _(
                "No organization with the credit code %(code)s is registered: the partner must register on the "
                "platform first."
            )
            % {"code": code or "—"},
            code="unknown_partner",
        )
    if organization.pk == application.lead_unit_id:
        raise DomainError(_("The lead unit cannot be its own partner."), code="self_partner")
    contribution = inputs.required_text(
        contribution, message=_("Describe the partner's contribution."), code="contribution"
    )
    problem = eligibility.partner_problem(
        eligibility.PartnerFacts(
            name=organization.name,
            role=role,
            kind=organization.kind,
            in_region=organization.is_in_region,
            is_approved=organization.is_approved,
            contribution=contribution,
            has_agreement=True,
        )
    )
    if problem:
        raise DomainError(problem, code="partner")
    if application.partnerships.filter(organization=organization).exists():
        raise DomainError(_("%(name)s is already a partner.") % {"name": organization.name}, code="duplicate")
    with transaction.atomic():
        partnership = Partnership.objects.create(
            application=application, organization=organization, role=role, contribution=contribution
        )
        audit.record("partnership.add", partnership, after=audit.snapshot(partnership), actor=user)
    return partnership


def partnership_remove(user, partnership) -> None:
    require(policies.can_edit(user, partnership.application))
    with transaction.atomic():
        audit.record("partnership.remove", partnership, before=audit.snapshot(partnership), actor=user)
        partnership.delete()


# ---------------------------------------------------------------- submit


def submission_problems(application) -> list[eligibility.Item]:
    return eligibility.blocking(checklist.evaluate(application))


def _refuse_if_ineligible(application, intro) -> None:
    problems = submission_problems(Application.objects.select_related("topic", "lead_unit").get(pk=application.pk))
    if problems:
        raise DomainError(intro + " " + join_messages(f"{p.label}：{p.message}" for p in problems), code="ineligible")


def _eligible(intro):
    """The eligibility rules of the measures, checked under the row lock once the transition's own rule holds."""
    return lambda locked: _refuse_if_ineligible(locked, intro)


def submit_action(application) -> str:
    """The transition the unit's one "submit" button takes: a draft is submitted, a returned one resubmitted."""
    return {S.RETURNED: "resubmit", S.FORMAL_RETURNED: "resubmit_formal"}.get(application.status, "submit")


def application_submit(user, application) -> Application:
    """Submit a draft (inside the call's window), or resubmit a returned application (to the prefecture before
    its deadline, or to the region after a formal-check return). The checklist is the rows' condition
    (`policies.submission_checks_pass`, checked again under the lock). Every submission freezes a version."""
    action = submit_action(application)
    lead = application.lead_unit
    changes = {
        "region_mismatch": lead.prefecture_id is not None and not credit_codes.is_inner_mongolia(lead.credit_code)
    }
    if application.submitted_at is None:
        changes["submitted_at"] = clock.now()

    def freeze(updated):
        number = updated.versions.count() + 1
        ApplicationVersion.objects.create(
            application=updated,
            number=number,
            snapshot=content.snapshot(updated),
            submitted_by=user,
            submitted_at=clock.now(),
        )

    return transition(
        user,
        application,
        action,
        changes=changes,
        after=freeze,
    )


# ---------------------------------------------------------------- prefecture review (Art. 6(1), 11)


def application_recommend(officer, application, *, opinion: str = "", confirm_region: bool = False) -> Application:
    def check(locked):
        if locked.region_mismatch and not confirm_region:
            raise DomainError(
                _(
                    "The lead unit's credit code is not an Inner Mongolia code although a prefecture is set. Confirm "
                    "that you checked its registration in Inner Mongolia before recommending."
                ),
                code="confirm_region",
            )
        _refuse_if_ineligible(locked, _("The application does not meet the conditions:"))
        if locked.region_mismatch:
            locked.region_confirmed = True

    return transition(officer, application, "recommend", opinion=opinion, check=check)


def application_prefecture_return(officer, application, *, reason: str) -> Application:
    return transition(officer, application, "prefecture_return", opinion=reason)


def application_prefecture_reject(officer, application, *, reason: str) -> Application:
    return transition(officer, application, "prefecture_reject", opinion=reason)


# ---------------------------------------------------------------- formal check (regional bureau)


def application_formal_pass(officer, application, *, opinion: str = "") -> Application:
    return transition(
        officer,
        application,
        "formal_pass",
        opinion=opinion,
        check=_eligible(_("The application does not pass the formal check:")),
        after=assign_if_panel_scoring,
    )


def application_formal_return(officer, application, *, reason: str) -> Application:
    return transition(officer, application, "formal_return", opinion=reason)


# ---------------------------------------------------------------- withdraw


def application_withdraw(user, application, *, reason: str) -> Application:
    """Before the decision, with a reason; whoever was to act next is told, and open expert tasks end."""
    previous = application.status

    def tell(updated):
        reviews = list(updated.reviews.filter(status=Review.Status.ASSIGNED))
        for review in reviews:
            notifications.close_tasks(review)
        if previous == S.DRAFT:
            return
        recipients = prefecture_officers(updated) if previous in (S.SUBMITTED, S.RETURNED) else regional_officers()
        notifications.notify(
            list(recipients) + [r.expert for r in reviews],
            _("Application withdrawn: %(name)s") % {"name": updated},
            url=updated.get_absolute_url(),
            subject=updated,
            body=reason,
        )

    return transition(user, application, "withdraw", opinion=reason, after=tell)
