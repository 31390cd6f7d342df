from django.core.files.uploadedfile import SimpleUploadedFile

from tests.permissions import Row

from .samples import pdf_bytes

# Who sees an organization at all (organizations.selectors.visible_to); administrators who see it (the system
# administrator) are refused by separation of duties (403), the others do not see it (404).
# Administrators do not see organizations at all (separation of duties), so their files do not exist for them.
OUTSIDERS = {
    "unit_admin_other",
    "prefecture_officer_other",
    "expert",
    "evaluator",
    "system_admin",
    "security_admin",
    "audit_admin",
}
READERS = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}


def _attachment(w):
    from .factories import AttachmentFactory

    return {"pk": AttachmentFactory(owner=w.org).pk}


def _attachment_other(w):
    from .factories import AttachmentFactory

    return {"pk": AttachmentFactory(owner=w.org_other).pk}


def _org(w):
    return {"pk": w.org.pk}


def _upload_target(w):
    return {"owner": "organizations.organization", "owner_id": w.org.pk}


def _upload_data(w):
    return {"kind": "licence", "file": SimpleUploadedFile("营业执照.pdf", pdf_bytes(), "application/pdf")}


MATRIX = [
    Row("attachments:owner_files", _org, allow=READERS, hide=OUTSIDERS),
    Row("attachments:download", _attachment, allow=READERS, hide=OUTSIDERS),
    Row(
        "attachments:download",
        _attachment_other,
        allow={"unit_admin_other", "prefecture_officer_other", "regional_officer"},
        hide={
            "unit_admin",
            "unit_member",
            "prefecture_officer",
            "expert",
            "evaluator",
            "system_admin",
            "security_admin",
            "audit_admin",
        },
        note="other_prefecture",
    ),
    Row(
        "attachments:upload",
        _upload_target,
        method="post",
        data=_upload_data,
        allow={"unit_admin"},
        hide=OUTSIDERS,
    ),
    Row("attachments:delete", _attachment, method="post", allow={"unit_admin"}, hide=OUTSIDERS),
]
