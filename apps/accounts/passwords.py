"""Password rules of MLPS 2.0 level 3: length (settings), 3 of 4 character classes, not the username,
not one of the last five."""

import string

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        classes = [
            any(c in string.ascii_lowercase for c in password),
            any(c in string.ascii_uppercase for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(
                _(
                    "The password must contain at least %(n)d of: lower-case letters, upper-case letters, digits, "
                    "symbols."
                )
                % {"n": self.min_classes},
                code="password_classes",
            )

    def get_help_text(self):
        return _("At least %(n)d of: lower-case letters, upper-case letters, digits, symbols.") % {
            "n": self.min_classes
        }


class NotUsernameValidator:
    def validate(self, password, user=None):
        username = (getattr(user, "username", "") or "").lower()
        if username and (password.lower() == username or password.lower() == username[::-1]):
            raise ValidationError(_("The password must not be the username."), code="password_is_username")

    def get_help_text(self):
        return _("Not the username.")


class HistoryValidator:
    def __init__(self, depth=5):
        self.depth = depth

    def validate(self, password, user=None):
        if user is None or not getattr(user, "pk", None):
            return
        # The current password plus the depth-1 before it: "the last five" includes the one in use.
        recent = list(user.password_history.values_list("password", flat=True)[: self.depth - 1])
        if user.password:
            recent.append(user.password)
        if any(check_password(password, old) for old in recent):
            raise ValidationError(
                _("The password must differ from your last %(n)d passwords.") % {"n": self.depth},
                code="password_reused",
            )

    def get_help_text(self):
        return _("Different from your last %(n)d passwords.") % {"n": self.depth}
