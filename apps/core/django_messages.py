"""Django messages whose shipped zh_Hans translation is missing or reads poorly. Listing them here puts them in
core's catalogue, which Django consults before its own (installed apps come first)."""

from django.utils.translation import gettext_noop, ngettext_lazy

OVERRIDES = [
    gettext_noop("Enter a valid email address."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    gettext_noop("This password is too common."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    # Words Django's own catalogue translates otherwise than the apps that use them (电子邮件, 禁用, 有效): the
    # apps' wording, once, here (scripts/check_catalogue.py keeps the apps' catalogues consistent among themselves).
    gettext_noop("Email"),
    gettext_noop("Disabled"),
    gettext_noop("active"),
]
