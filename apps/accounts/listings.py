"""The system administrator's accounts list as an `apps.core.listing.Listing`: filters (search, role), orders
(username, name, role: each ends with the unique username) and the columns its page shows and its .xlsx exports
(`?format=xlsx`; the actions column is buttons only, not exported)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort

from . import filters


def place(user) -> str:
    """The account's organization or office, as the page shows it."""
    return f"{user.organization or ''}{user.prefecture or ''}"


USERS = Listing(
    name="users",
    title=_("Accounts"),
    filterset=filters.UserFilter,
    sorts={
        "username": Sort(("username",)),  # the unique index serves the order
        "name": Sort(("full_name", "username")),
        "role": Sort(("role", "username")),  # the index `user_role_username`
    },
    default_sort="username",
    columns=(
        Column(_("Username"), lambda u: u.username, sort="username", width=20),
        Column(_("Name"), lambda u: u.full_name, sort="name", width=16),
        Column(_("Role"), lambda u: u.get_role_display(), sort="role", width=16),
        Column(_("Organization / office"), place, width=32),
        Column(_("Status"), lambda u: gettext("Active") if u.is_active else gettext("Disabled"), width=10),
        Column(_("Actions"), export=False),
    ),
    per_page=25,
)
