"""Publishing on the portal: announcements, public notices, objections and their resolution.

Other apps publish through these functions (a call's publication, later the selection results and delistings);
each is one transaction with its audit entry."""

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import DomainError, full_clean
from apps.core.policy import require
from apps.core.roles import Role
from apps.notifications import services as notifications
from apps.reference.selectors import working_calendar

from . import policies, rules
from .models import Announcement, Objection, PublicNotice
from .workflow import OBJECTION

TITLE_MAX = 200
OBJECTION_TEXT_MAX = 5000


def _subject_fields(subject) -> dict:
    if subject is None:
        return {"subject_type": None, "subject_id": None}
    return {"subject_type": ContentType.objects.get_for_model(subject), "subject_id": subject.pk}


def _clean_text(value: str, message, *, single_line: bool = False) -> str:
    """The typed text normalised as stored (`single_line` for a CharField), refused with `message` when empty."""
    return inputs.required_text(value, message=message, code="refused", single_line=single_line)


ONCE_PER_SUBJECT = (Announcement.Kind.CALL, Announcement.Kind.RESULT, Announcement.Kind.DELISTING)


def announcement_publish(
    user, *, title: str, body: str, kind: str = Announcement.Kind.OTHER, subject=None, published_at=None
) -> Announcement:
    """Publish an announcement now (or at `published_at`). `user` None: the system on the bureau's behalf.

    Idempotent for the announcements a subject has once (`ONCE_PER_SUBJECT`: a call published, a selection's
    results, a center's delisting; the model's unique constraint): publishing one again returns the existing
    announcement and changes nothing, so a job or service re-run after a crash publishes it once (issue 22)."""
    require(policies.can_publish(user))
    title = _clean_text(title, _("An announcement needs a title."), single_line=True)
    body = _clean_text(body, _("An announcement needs a text."))
    if len(title) > TITLE_MAX:
        raise DomainError(_("The title is too long (at most 200 characters)."))
    if kind in ONCE_PER_SUBJECT and subject is not None:
        existing = Announcement.objects.filter(kind=kind, **_subject_fields(subject)).first()
        if existing is not None:
            return existing
    with transaction.atomic():
        announcement = Announcement(
            kind=kind,
            title=title,
            body=body,
            published_at=published_at or clock.now(),
            created_by=user,
            **_subject_fields(subject),
        )
        announcement.full_clean()
        announcement.save()
        audit.record("announcement.publish", announcement, after=audit.snapshot(announcement), actor=user)
    return announcement


def public_notice_open(
    user,
    *,
    title: str,
    body: str,
    kind: str = PublicNotice.Kind.OTHER,
    subject=None,
    starts_on: date | None = None,
    working_days: int | None = None,
    contact: str = "",
) -> PublicNotice:
    """Open a public notice of `working_days` working days (default and minimum: the bureau's parameter
    `rules.NOTICE_DAYS`; at most `rules.NOTICE_MAX_DAYS`) from
    `starts_on` (default today); its end date is computed, never typed."""
    require(policies.can_publish(user))
    title = _clean_text(title, _("A public notice needs a title."), single_line=True)
    body = _clean_text(body, _("A public notice needs a text."))
    if len(title) > TITLE_MAX:
        raise DomainError(_("The title is too long (at most 200 characters)."))
    today = clock.today()
    starts_on = starts_on or today
    if starts_on < today:
        raise DomainError(_("A public notice cannot start in the past."))
    minimum = rules.NOTICE_DAYS.value()
    working_days = inputs.parse_integer(working_days, label=_("The number of working days"))  # "10" read
    working_days = minimum if working_days is None else working_days
    if working_days < minimum:
        raise DomainError(_("A public notice lasts at least %(days)s working days.") % {"days": minimum})
    if working_days > rules.NOTICE_MAX_DAYS:
        raise DomainError(_("A public notice lasts at most %(days)s working days.") % {"days": rules.NOTICE_MAX_DAYS})
    with transaction.atomic():
        notice = PublicNotice(
            kind=kind,
            title=title,
            body=body,
            starts_on=starts_on,
            ends_on=working_calendar().period_end(starts_on, working_days),
            working_days=working_days,
            contact=inputs.normalised_text(contact, single_line=True),
            created_by=user,
            **_subject_fields(subject),
        )
        notice.full_clean()
        notice.save()
        audit.record("public_notice.open", notice, after=audit.snapshot(notice), actor=user)
    return notice


def objection_submit(notice: PublicNotice, *, name: str, contact: str, text: str, now=None) -> Objection:
    """Anyone may object while the notice runs (both end dates included); afterwards the objection is refused.
    The regional officers get a task to resolve it."""
    now = now or clock.now()
    today = timezone.localdate(now)
    if today < notice.starts_on:
        raise DomainError(
            _("This public notice has not started yet; objections open on %(date)s.")
            % {"date": notice.starts_on.isoformat()}
        )
    if today > notice.ends_on:
        raise DomainError(
            _("The notice period ended on %(date)s; objections are no longer accepted.")
            % {"date": notice.ends_on.isoformat()}
        )
    name = _clean_text(name, _("Please give your name or organization."), single_line=True)
    contact = _clean_text(
        contact, _("Please give a phone number or email so that we can answer you."), single_line=True
    )
    text = _clean_text(text, _("Please write your objection and the facts it rests on."))
    inputs.check_length(text, limit=OBJECTION_TEXT_MAX, label=_("Objection"))
    with transaction.atomic():
        # Too long a name or contact, or a contact that is no phone or e-mail: refused, never cut (core.inputs).
        objection = Objection(notice=notice, name=name, contact=contact, text=text, received_at=now)
        inputs.check_instance(objection)
        full_clean(objection)
        objection.save()
        audit.record(
            "objection.submit",
            objection,
            after=audit.snapshot(objection, fields=["notice", "received_at"]),
            actor=None,
        )
        officers = get_user_model().objects.filter(role=Role.REGIONAL_OFFICER, is_active=True)
        notifications.notify(
            officers,
            _("Objection to the public notice “%(title)s”") % {"title": notice.title},
            url=reverse("portal:objection", args=[objection.pk]),
            subject=objection,
            is_task=True,
        )
    return objection


def objection_resolve(officer, objection: Objection, *, resolution: str) -> Objection:
    """Record how the objection was handled; the officer tells the objector through the contact given."""
    return OBJECTION.apply(
        officer,
        objection,
        "resolve",
        reason=resolution,
        changes={"resolution": inputs.normalised_text(resolution), "resolved_by": officer, "resolved_at": clock.now()},
    )
