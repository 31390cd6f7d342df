"""Organization actions: registration review and integrity records."""

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import DomainError
from apps.core.policy import require

from . import policies
from .models import REGISTRATION_FIELDS, IntegrityRecord, Organization
from .workflow import REGISTRATION


def organization_approve(
    officer, organization: Organization, *, confirm_credit_code: bool = False, note: str = ""
) -> Organization:
    """A bad check character does not block approval, but the officer must confirm they checked the licence."""

    def confirm(locked):
        if locked.credit_code_check_ok:
            return
        if not confirm_credit_code:
            raise DomainError(
                _(
                    "The check character of the credit code does not match. Confirm that you compared it with the "
                    "business licence before approving."
                ),
                code="confirm_credit_code",
            )
        locked.credit_code_confirmed = True

    note = inputs.normalised_text(note)
    changes = {"review_note": note, "reviewed_at": clock.now()}
    return REGISTRATION.apply(officer, organization, "approve", reason=note, changes=changes, prepare=confirm)


def organization_reject(officer, organization: Organization, *, reason: str) -> Organization:
    reason = inputs.normalised_text(reason)
    return REGISTRATION.apply(
        officer, organization, "reject", reason=reason, changes={"review_note": reason, "reviewed_at": clock.now()}
    )


def organization_update(user, organization: Organization, values: dict) -> Organization:
    """A unit admin corrects a pending or rejected registration (`values`: keys of REGISTRATION_FIELDS); a
    rejected one goes back to its prefecture office in the same transaction. Approved data changes go through
    officers."""
    unknown = set(values) - set(REGISTRATION_FIELDS)
    if unknown:
        raise TypeError(f"not registration fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = Organization.objects.select_for_update().get(pk=organization.pk)
        require(policies.can_edit(user, locked))
        before = audit.snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        old, new = audit.changed(before, audit.snapshot(locked))
        audit.record("organization.update", locked, before=old, after=new, actor=user)
        if locked.status == Organization.Status.REJECTED:
            locked = REGISTRATION.apply(user, locked, "resubmit")
    return locked


def integrity_record_add(officer, organization: Organization, **values) -> IntegrityRecord:
    require(policies.can_manage_integrity(officer, organization))
    with transaction.atomic():
        record = IntegrityRecord(organization=organization, **values)
        record.full_clean()
        record.save()
        audit.record("integrity.add", record, after=audit.snapshot(record), actor=officer)
    return record


def integrity_record_remove(officer, record: IntegrityRecord, *, reason: str) -> IntegrityRecord:
    """Soft delete: the record stays for the trail, it no longer blocks."""
    require(policies.can_manage_integrity(officer, record.organization))
    reason = inputs.required_text(reason, message=_("Please give a reason."), code="refused")
    with transaction.atomic():
        updated = IntegrityRecord.objects.filter(pk=record.pk, is_deleted=False).update(is_deleted=True)
        if not updated:
            raise DomainError(_("This record has already been removed."))
        audit.record("integrity.remove", record, message=reason, actor=officer)
    record.refresh_from_db()
    return record
