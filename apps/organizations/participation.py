"""What an organization may do in the applications, by its type and whether it is in Inner Mongolia (Art. 9): the
one place for this rule.

`apps.applications.eligibility` checks a lead unit and each partner against these tables; registration, the
registration review page and the organization's page say the same thing to a unit that cannot lead, before it
tries to apply (`cannot_lead_note`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Kinds of organization that may lead (Art. 9: universities, research institutes, legal-person enterprises of
# the region) and the partner roles each kind may take; the roles that need a partner in the region.
LEAD_KINDS = ("university", "research_institute", "enterprise")
PARTNER_ROLE_KINDS = {
    "upstream_enterprise": ("enterprise",),
    "downstream_enterprise": ("enterprise",),
    "rd_institution": ("university", "research_institute"),
    "ip_service_agency": ("ip_service_agency",),
}
IN_REGION_ROLES = ("upstream_enterprise", "downstream_enterprise", "rd_institution")
PARTNER_ROLE_LABELS = {
    "upstream_enterprise": gettext_lazy("Upstream enterprise"),
    "downstream_enterprise": gettext_lazy("Downstream enterprise"),
    "rd_institution": gettext_lazy("R&D institution"),
    "ip_service_agency": gettext_lazy("IP service agency"),
}


def may_lead(kind: str, *, in_region: bool, is_legal_person: bool = True) -> bool:
    if kind not in LEAD_KINDS or not in_region:
        return False
    return is_legal_person or kind != "enterprise"


def partner_roles(kind: str, *, in_region: bool) -> list[str]:
    """The partner roles an organization of this kind may take (outside the region: those not reserved to it)."""
    return [
        role
        for role, kinds in PARTNER_ROLE_KINDS.items()
        if kind in kinds and (in_region or role not in IN_REGION_ROLES)
    ]


def cannot_lead_note(kind: str, *, in_region: bool, is_legal_person: bool = True) -> str:
    """Why an organization cannot lead an application and what it can still do; "" when it may lead.
    `in_region`: a prefecture is set (registration: an organization outside Inner Mongolia leaves it empty)."""
    if may_lead(kind, in_region=in_region, is_legal_person=is_legal_person):
        return ""
    if kind in LEAD_KINDS and not in_region:
        why = _(
            "Registered outside Inner Mongolia (no prefecture), this organization cannot lead an application: the "
            "lead unit must be a university, a research institute or a legal-person enterprise of Inner Mongolia "
            "(Art. 9)."
        )
    elif kind in LEAD_KINDS:
        why = _("An enterprise without independent legal-person status cannot lead an application (Art. 9).")
    else:
        why = _(
            "This type of organization does not lead applications: the lead unit is a university, a research "
            "institute or a legal-person enterprise of Inner Mongolia (Art. 9)."
        )
    roles = partner_roles(kind, in_region=in_region)
    if roles:
        can = _(
            "It can take part as a partner of an application that a unit of the region leads, in the role of "
            "%(roles)s: the lead unit adds it with its credit code once its registration is approved."
        ) % {"roles": "、".join(str(PARTNER_ROLE_LABELS[role]) for role in roles)}
    else:
        can = _(
            "The partner roles open to its type (enterprises and R&D institutions) also require registration in "
            "Inner Mongolia, so it cannot be a partner either. It can submit demands to the demand pool."
        )
    return f"{why} {can}"
