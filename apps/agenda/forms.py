"""The agenda's forms: the buttons that make and revoke a feed carry nothing but their tokens."""

from apps.core.forms import StyledForm


class ConfirmForm(StyledForm):
    """A button's form (CSRF and the one-time form token are added by the template)."""
