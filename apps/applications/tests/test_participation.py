"""What registration tells a unit (apps.organizations.participation) is what the application's checks do: for every
organization type, inside and outside the region, `cannot_lead_note` is empty exactly when the lead check passes,
and the partner roles it names are exactly those `partner_problem` accepts."""

import datetime
import itertools

import pytest

from apps.applications import eligibility
from apps.organizations import participation
from apps.organizations.models import Organization

KINDS = [k for k, _label in Organization.Kind.choices if k not in ("government", "evaluator")]


def _lead_passes(kind, in_region, is_legal_person) -> bool:
    lead = eligibility.LeadFacts(
        name="某单位",
        kind=kind,
        is_legal_person=is_legal_person,
        is_approved=True,
        has_prefecture=in_region,
        credit_code_in_region=in_region,
    )
    facts = eligibility.Facts(today=datetime.date(2026, 5, 4), lead=lead)
    [item, _region] = eligibility.check_lead_unit(facts)
    return item.passed


def _partner_accepted(kind, in_region, role) -> bool:
    partner = eligibility.PartnerFacts(
        name="某单位",
        role=role,
        kind=kind,
        in_region=in_region,
        is_approved=True,
        contribution="联合",
        has_agreement=True,
    )
    return eligibility.partner_problem(partner) == ""


@pytest.mark.parametrize(
    ("kind", "in_region", "is_legal_person"), list(itertools.product(KINDS, (True, False), (True, False)))
)
def test_what_registration_says_is_what_the_application_checks(kind, in_region, is_legal_person):
    note = participation.cannot_lead_note(kind, in_region=in_region, is_legal_person=is_legal_person)
    assert (note == "") == _lead_passes(kind, in_region, is_legal_person)
    said = set(participation.partner_roles(kind, in_region=in_region))
    checked = {role for role in participation.PARTNER_ROLE_KINDS if _partner_accepted(kind, in_region, role)}
    assert said == checked
