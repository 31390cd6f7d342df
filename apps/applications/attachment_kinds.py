"""The documents an application and its partners carry (stored by apps.attachments)."""

from django.utils.translation import gettext_lazy as _

APPLICATION_KINDS = {
    "commitment": _("Signed integrity commitment"),
    "rd_audit": _("R&D investment audit report"),
    "platform_certificate": _("Platform certificate or approval"),
    "project_document": _("Major project task document"),
    "rd_results": _("R&D results evidence"),
    "ip_certificate": _("IP management system certificate"),
    "ip_rules": _("IP management rules"),
    "other": _("Other document"),
}

PARTNERSHIP_KINDS = {
    "cooperation_agreement": _("Signed cooperation agreement"),
}
