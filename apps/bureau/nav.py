"""The bureau's menu entries (apps/core/navigation.py; collected by `autodiscover_modules("nav")`): the regional
bureau's library of documents, its showcases and the policy questions; units ask their questions."""

from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem, register
from apps.core.roles import UNIT_ROLES, Role

UNITS_AND_REGION = frozenset({*UNIT_ROLES, Role.REGIONAL_OFFICER})

register(
    NavItem(
        _("Plans and rules"), "bureau:documents", frozenset({Role.REGIONAL_OFFICER}), "journal-text", 80, group="system"
    ),
    NavItem(_("Good practice"), "bureau:showcases", UNITS_AND_REGION, "award", 81, group="system"),
    NavItem(_("Policy questions"), "bureau:questions", UNITS_AND_REGION, "question-circle", 82, group="system"),
    NavItem(
        _("Assigned tasks"),
        "bureau:tasks",
        frozenset({Role.PREFECTURE_OFFICER, Role.REGIONAL_OFFICER}),
        "list-check",
        83,
        group="supervision",
    ),
)
