"""Readable names for what the trail stores as codes: model labels → their (translated) verbose names."""

from django.apps import apps


def object_type_label(label: str) -> str:
    if not label:
        return ""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def object_type_choices() -> list[tuple[str, str]]:
    from .models import AuditEntry

    types = AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct()
    return sorted(((t, f"{object_type_label(t)}（{t}）") for t in types if t), key=lambda c: c[1])


def _verbs():
    from django.utils.translation import pgettext_lazy

    # The "audit action" context keeps these verbs from overriding other apps' identical msgids.
    return {
        "login": pgettext_lazy("audit action", "Logged in"),
        "logout": pgettext_lazy("audit action", "Logged out"),
        "login_failed": pgettext_lazy("audit action", "Failed login"),
        "login_refused_locked": pgettext_lazy("audit action", "Login refused (locked)"),
        "locked_out": pgettext_lazy("audit action", "Locked out"),
        "unlocked": pgettext_lazy("audit action", "Unlocked"),
        "second_factor_ok": pgettext_lazy("audit action", "Second factor verified"),
        "two_factor_enrolled": pgettext_lazy("audit action", "Authenticator registered"),
        "two_factor_reset": pgettext_lazy("audit action", "Two-factor login reset"),
        "password_changed": pgettext_lazy("audit action", "Password changed"),
        "password_reset": pgettext_lazy("audit action", "Password reset by administrator"),
        "password_reset_requested": pgettext_lazy("audit action", "Password reset asked"),
        "password_reset_done": pgettext_lazy("audit action", "Password reset by e-mail link"),
        "create": pgettext_lazy("audit action", "Created"),
        "update": pgettext_lazy("audit action", "Changed"),
        "register": pgettext_lazy("audit action", "Registered"),
        "enable": pgettext_lazy("audit action", "Enabled"),
        "disable": pgettext_lazy("audit action", "Disabled"),
        "add": pgettext_lazy("audit action", "Added"),
        "remove": pgettext_lazy("audit action", "Removed"),
        "delete": pgettext_lazy("audit action", "Deleted"),
        "upload": pgettext_lazy("audit action", "Uploaded"),
        "download": pgettext_lazy("audit action", "Downloaded"),
        "approve": pgettext_lazy("audit action", "Approved"),
        "reject": pgettext_lazy("audit action", "Rejected"),
        "resubmit": pgettext_lazy("audit action", "Resubmitted"),
        "submit": pgettext_lazy("audit action", "Submitted"),
        "withdraw": pgettext_lazy("audit action", "Withdrawn"),
        "accept": pgettext_lazy("audit action", "Accepted"),
        "merge": pgettext_lazy("audit action", "Merged"),
        "assign": pgettext_lazy("audit action", "Assigned"),
        "adopt": pgettext_lazy("audit action", "Adopted"),
        "shelve": pgettext_lazy("audit action", "Shelved"),
        "conclude": pgettext_lazy("audit action", "Concluded"),
        "publish": pgettext_lazy("audit action", "Published"),
        "open": pgettext_lazy("audit action", "Opened"),
        "close": pgettext_lazy("audit action", "Closed"),
        "recommend": pgettext_lazy("audit action", "Recommended"),
        "select": pgettext_lazy("audit action", "Selected"),
        "resolve": pgettext_lazy("audit action", "Resolved"),
        "export": pgettext_lazy("audit action", "Exported"),
        "version": pgettext_lazy("audit action", "New version"),
    }


def action_label(code: str) -> str:
    """'application.recommend' → '推荐'; codes without a known verb are shown as they are."""
    verb = code.rsplit(".", 1)[-1]
    label = _verbs().get(verb)
    return str(label) if label is not None else code
