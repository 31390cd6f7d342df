"""The roles of the platform. Each account holds exactly one, which makes the separation of the three
administrators (MLPS 2.0 level 3) hold by construction; an administrator role never takes business decisions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_MEMBER = "unit_member", _("Unit member")
    UNIT_ADMIN = "unit_admin", _("Unit administrator")
    PREFECTURE_OFFICER = "prefecture_officer", _("Prefecture officer")
    REGIONAL_OFFICER = "regional_officer", _("Regional officer")
    EXPERT = "expert", _("Expert")
    EVALUATOR = "evaluator", _("Third-party evaluator")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


UNIT_ROLES = frozenset({Role.UNIT_MEMBER, Role.UNIT_ADMIN})
OFFICER_ROLES = frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER})
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
BUSINESS_ROLES = frozenset(Role) - ADMIN_ROLES
# Two-factor login is mandatory for these; optional for units.
TWO_FACTOR_REQUIRED = frozenset(Role) - UNIT_ROLES
# Roles whose accounts are bound to an organization (evaluators to an evaluator organization).
ORGANIZATION_ROLES = UNIT_ROLES | {Role.EVALUATOR}
