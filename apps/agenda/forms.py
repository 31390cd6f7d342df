"""The agenda's forms: the buttons that make and revoke a feed carry nothing but their tokens."""

from django import forms


class ConfirmForm(forms.Form):
    """A button's form (CSRF and the one-time form token are added by the template)."""
