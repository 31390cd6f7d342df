"""The role × URL × object permission matrix.

Each app lists its URLs in `apps/<app>/tests/permission_matrix.py` as `MATRIX = [Row(...), ...]`.
For every row and every actor of the standard world (tests/world.py):
- `public=True`: everyone gets the page;
- anonymous → redirect to the login page;
- actors in `allow` → not 403/404 (the page or the action's redirect);
- actors in `hide` → 404 (the object's existence is not revealed);
- everyone else → 403.
`extra={"settings": {"DEMO_MODE": True}}` runs a row with those settings (a URL that answers only in demo mode
has one row per mode).
`test_every_url_is_in_the_matrix` fails when a URL pattern exists that no row requests.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings


@dataclass(frozen=True)
class Row:
    url_name: str
    kwargs: Callable = lambda w: {}
    allow: frozenset = frozenset()
    hide: frozenset = frozenset()
    method: str = "get"
    data: Callable = lambda w: {}
    public: bool = False
    query: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "allow", frozenset(self.allow))
        object.__setattr__(self, "hide", frozenset(self.hide))


def all_rows() -> list[Row]:
    rows = []
    for app in settings.LOCAL_APPS:
        try:
            module = import_module(f"{app}.tests.permission_matrix")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{app}.tests", f"{app}.tests.permission_matrix"):
                raise
            continue
        rows.extend(module.MATRIX)
    return rows


# Roles grouped for readability of the matrices.
UNIT = {"unit_admin", "unit_member"}
OFFICERS = {"prefecture_officer", "regional_officer"}
EVERY_LOGGED_IN = {
    "unit_admin",
    "unit_member",
    "unit_admin_other",
    "prefecture_officer",
    "prefecture_officer_other",
    "regional_officer",
    "expert",
    "evaluator",
    "system_admin",
    "security_admin",
    "audit_admin",
}
