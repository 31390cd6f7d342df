"""Organization actions: registration review and integrity records."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core.errors import DomainError, PermissionDenied

from . import policies
from .models import IntegrityRecord, Organization
from .workflow import REGISTRATION


def organization_approve(
    officer, organization: Organization, *, confirm_credit_code: bool = False, note: str = ""
) -> Organization:
    """A bad check character does not block approval, but the officer must confirm they checked the licence."""
    if not organization.credit_code_check_ok and not confirm_credit_code:
        raise DomainError(
            _(
                "The check character of the credit code does not match. Confirm that you compared it with the "
                "business licence before approving."
            ),
            code="confirm_credit_code",
        )
    changes = {"review_note": note, "reviewed_at": timezone.now()}
    if not organization.credit_code_check_ok:
        changes["credit_code_confirmed"] = True
    return REGISTRATION.apply(officer, organization, "approve", reason=note, changes=changes)


def organization_reject(officer, organization: Organization, *, reason: str) -> Organization:
    return REGISTRATION.apply(
        officer, organization, "reject", reason=reason, changes={"review_note": reason, "reviewed_at": timezone.now()}
    )


def organization_resubmit(user, organization: Organization) -> Organization:
    return REGISTRATION.apply(user, organization, "resubmit")


def organization_update(user, organization: Organization, **values) -> Organization:
    """A unit admin corrects a pending or rejected registration; approved data changes go through officers."""
    from apps.core.roles import Role

    allowed = (
        user.role == Role.UNIT_ADMIN
        and user.organization_id == organization.pk
        and organization.status != Organization.Status.APPROVED
    )
    if not allowed:
        raise PermissionDenied(_("An approved organization's data is changed by its prefecture office."))
    with transaction.atomic():
        locked = Organization.objects.select_for_update().get(pk=organization.pk)
        before = audit.snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        old, new = audit.changed(before, audit.snapshot(locked))
        audit.record("organization.update", locked, before=old, after=new, actor=user)
    return locked


def integrity_record_add(officer, organization: Organization, **values) -> IntegrityRecord:
    decision = policies.can_manage_integrity(officer, organization)
    if not decision:
        raise PermissionDenied(decision.reason)
    with transaction.atomic():
        record = IntegrityRecord(organization=organization, **values)
        record.full_clean()
        record.save()
        audit.record("integrity.add", record, after=audit.snapshot(record), actor=officer)
    return record


def integrity_record_remove(officer, record: IntegrityRecord, *, reason: str) -> IntegrityRecord:
    """Soft delete: the record stays for the trail, it no longer blocks."""
    decision = policies.can_manage_integrity(officer, record.organization)
    if not decision:
        raise PermissionDenied(decision.reason)
    if not (reason or "").strip():
        raise DomainError(_("Please give a reason."))
    with transaction.atomic():
        updated = IntegrityRecord.objects.filter(pk=record.pk, is_deleted=False).update(is_deleted=True)
        if not updated:
            raise DomainError(_("This record has already been removed."))
        audit.record("integrity.remove", record, message=reason, actor=officer)
    record.refresh_from_db()
    return record
