"""The center's work office (工作机构, Art. 7(1)) and its IP council (知识产权议事机构, Art. 13(1)): the only code that
writes `Office`, `OfficeStaff`, `CouncilMember`, `CouncilMeeting` and `CouncilDecision`.

- `office_save` (the lead unit's administrator): the office as the unit declares it — head, position, phone,
  address, space, facilities and its staff rows; created the first time, updated after, with the audit entry
  (before/after, staff included) and the timeline entry. Evidence: attachments of kind "office_evidence";
- `council_member_add` / `council_member_leave`: members from each party; a member of the lead unit belongs to the
  lead unit, a partner's member to a current partner of the center;
- `council_meeting_record`: a meeting held (not in the future), its agenda, attendees (members of the council on
  that day, and others by name), decisions typed by subject, minutes (attachment kind "council_minutes");
- `council_activity(center, year=…)`: the meetings and decisions by subject of a year, for the annual report and
  the evaluation (later issues).

Every write checks the policy, locks the center's row (two edits of one office serialise), validates (Chinese
message, nothing changed), writes, audits and writes the center's timeline. Everyone who sees the center sees its
office and council; only the lead unit's administrator changes them, and not once the center has ended.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs, text
from apps.core.errors import DomainError, PermissionDenied, full_clean
from apps.core.policy import Decision, deny
from apps.core.roles import Role
from apps.notifications import services as notifications

from . import events, policies
from .models import Center, CouncilDecision, CouncilMeeting, CouncilMember, Office, OfficeStaff

EVIDENCE_KIND = "office_evidence"
MINUTES_KIND = "council_minutes"
OFFICE_FIELDS = ("head_name", "head_title", "phone", "address", "area_m2", "facilities")
STAFF_FIELDS = ("name", "role", "employment", "organization")
DECISION_FIELDS = ("subject", "text", "responsible", "due_on")
STAFF_MAX = 100
DECISIONS_MAX = 50
Party = CouncilMember.Party


# ---------------------------------------------------------------- who may


def can_edit(user, center) -> Decision:
    """Only the lead unit's administrator declares the office and records the council, while the center runs."""
    decision = policies.is_lead_unit_admin_of(user, center)
    if not decision:
        return deny(_("Only the administrator of the lead unit declares the office and records the IP council."))
    if center.status in Center.ENDED:
        return deny(
            _("The center has ended (%(status)s): its office and council are kept as they were.")
            % {"status": center.get_status_display()}
        )
    return decision


def _require(decision: Decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _lock(center) -> Center:
    return Center.objects.select_for_update().select_related("lead_unit", "prefecture").get(pk=center.pk)


def organizations_of(center):
    """The units a member or staff row may belong to: the lead unit and the current partners."""
    from apps.organizations.models import Organization

    partner_ids = center.partners.filter(left_on__isnull=True).values("organization_id")
    return Organization.objects.filter(pk=center.lead_unit_id) | Organization.objects.filter(pk__in=partner_ids)


def _current_partner_ids(center) -> set[int]:
    return set(center.partners.filter(left_on__isnull=True).values_list("organization_id", flat=True))


def _prefecture_officers(center):
    return get_user_model().objects.filter(
        role=Role.PREFECTURE_OFFICER, prefecture_id=center.prefecture_id, is_active=True
    )


def office_url(center) -> str:
    return reverse("centers:office", args=[center.pk])


# ---------------------------------------------------------------- the office


def _office_snapshot(office: Office | None) -> dict:
    if office is None or office.pk is None:
        return {}
    data = audit.snapshot(office, fields=list(OFFICE_FIELDS))
    data["staff"] = [
        {"name": s.name, "role": s.role, "employment": s.employment, "organization": s.organization_id}
        for s in office.staff.all()
    ]
    return data


def office_save(user, center, *, values: dict, staff: list[dict]) -> Office:
    """Declare (the first time) or update the work office with its staff rows (they replace the previous ones)."""
    _require(can_edit(user, center))
    values = inputs.parse_values(Office, {name: values.get(name) for name in OFFICE_FIELDS if name in values})
    values["head_name"] = inputs.normalised_text(values.get("head_name"), single_line=True)
    if not values["head_name"]:
        raise DomainError(_("Please fill in: %(field)s.") % {"field": _("head of the office")}, code="required")
    if len(staff) > STAFF_MAX:
        raise DomainError(_("At most %(count)s staff rows.") % {"count": STAFF_MAX}, code="too_many")
    with transaction.atomic():
        center = _lock(center)
        _require(can_edit(user, center))
        office = Office.objects.filter(center=center).first()
        created = office is None
        before = _office_snapshot(office)
        office = office or Office(center=center)
        for name, value in values.items():
            setattr(office, name, value if value is not None else ("" if name != "area_m2" else None))
        inputs.check_instance(office)
        full_clean(office, exclude=["center"])
        office.save()
        allowed = {center.lead_unit_id} | _current_partner_ids(center)
        rows = []
        for order, row in enumerate(staff):
            organization = row.get("organization")
            if organization is not None and getattr(organization, "pk", organization) not in allowed:
                raise DomainError(
                    _("Staff row %(row)s: the unit must be the lead unit or a current partner of the center.")
                    % {"row": order + 1},
                    code="organization",
                )
            member = OfficeStaff(
                office=office,
                name=inputs.normalised_text(row.get("name"), single_line=True),
                role=inputs.normalised_text(row.get("role"), single_line=True),
                employment=row.get("employment") or "",
                organization_id=getattr(organization, "pk", organization),
                order=order,
            )
            inputs.check_instance(member)
            full_clean(member, exclude=["office", "organization"])
            rows.append(member)
        OfficeStaff.objects.filter(office=office).delete()
        OfficeStaff.objects.bulk_create(text.cleaned(rows))
        after = _office_snapshot(Office.objects.get(pk=office.pk))
        if created:
            audit.record("centers.office.declare", office, after=after, actor=user)
        else:
            old, new = audit.changed(before, after)
            audit.record("centers.office.update", office, before=old, after=new, actor=user)
        summary = (
            _("Work office declared: head %(head)s, %(count)s staff.")
            if created
            else _("Work office updated: head %(head)s, %(count)s staff.")
        ) % {"head": office.head_name, "count": len(rows)}
        events.record(center, "office_declare" if created else "office_update", summary, actor=user)
        notifications.notify(
            _prefecture_officers(center),
            _("%(center)s: work office declared") % {"center": center.name}
            if created
            else _("%(center)s: work office updated") % {"center": center.name},
            url=office_url(center),
            subject=office,
        )
    return office


# ---------------------------------------------------------------- council members


def _check_party(center, party: str, organization) -> None:
    """A lead unit member belongs to the lead unit; a partner's member to a current partner; a service agency's
    member, when a unit is named, to a current partner; another member to the lead unit or a current partner."""
    if party not in Party.values:
        raise DomainError(_("Please choose the party the member comes from."), code="party")
    organization_id = getattr(organization, "pk", organization)
    partners = _current_partner_ids(center)
    if party == Party.LEAD_UNIT and organization_id != center.lead_unit_id:
        raise DomainError(_("A member from the lead unit must belong to the lead unit."), code="organization")
    if party == Party.PARTNER and organization_id not in partners:
        raise DomainError(_("A member from a partner unit must belong to a current partner of the center."))
    if party == Party.SERVICE_AGENCY and organization_id is not None and organization_id not in partners:
        raise DomainError(
            _("A member from an IP service agency names no unit, or a current partner of the center."),
            code="organization",
        )
    if party == Party.OTHER and organization_id is not None and organization_id not in partners | {center.lead_unit_id}:
        raise DomainError(_("The unit must be the lead unit or a current partner of the center."), code="organization")


def council_member_add(user, center, *, name, party, organization=None, position, title="", joined_on) -> CouncilMember:
    _require(can_edit(user, center))
    if not isinstance(joined_on, date):
        raise DomainError(_("Please fill in: %(field)s.") % {"field": _("joined on")}, code="required")
    if joined_on > clock.today():
        raise DomainError(
            _("The date of joining cannot be in the future (today is %(today)s).") % {"today": clock.today()},
            code="future",
        )
    with transaction.atomic():
        center = _lock(center)
        _require(can_edit(user, center))
        _check_party(center, party, organization)
        member = CouncilMember(
            center=center,
            name=inputs.normalised_text(name, single_line=True),
            party=party,
            organization_id=getattr(organization, "pk", organization),
            position=position,
            title=inputs.normalised_text(title, single_line=True),
            joined_on=joined_on,
        )
        inputs.check_instance(member)
        full_clean(member, exclude=["center", "organization"])
        member.save()
        audit.record("centers.council.member_add", member, after=audit.snapshot(member), actor=user)
        events.record(
            center,
            "council_member_add",
            _("IP council member added: %(name)s (%(party)s, %(position)s).")
            % {"name": member.name, "party": member.get_party_display(), "position": member.get_position_display()},
            actor=user,
        )
    return member


def council_member_leave(user, member, *, left_on) -> CouncilMember:
    center = member.center
    _require(can_edit(user, center))
    if not isinstance(left_on, date):
        raise DomainError(_("Please fill in: %(field)s.") % {"field": _("left on")}, code="required")
    with transaction.atomic():
        center = _lock(center)
        member = CouncilMember.objects.select_for_update().get(pk=member.pk, center=center)
        if member.left_on is not None:
            raise DomainError(
                _("%(name)s already left the council on %(date)s.") % {"name": member.name, "date": member.left_on},
                code="left",
            )
        if left_on < member.joined_on:
            raise DomainError(
                _("The date of leaving cannot be before the date of joining (%(date)s).")
                % {"date": member.joined_on.isoformat()},
                code="before_joining",
            )
        if left_on > clock.today():
            raise DomainError(
                _("The date of leaving cannot be in the future (today is %(today)s).") % {"today": clock.today()},
                code="future",
            )
        member.left_on = left_on
        inputs.check_instance(member)
        member.save(update_fields=["left_on"])
        audit.record(
            "centers.council.member_leave", member, before={"left_on": None}, after={"left_on": left_on}, actor=user
        )
        events.record(
            center,
            "council_member_leave",
            _("%(name)s left the IP council on %(date)s.") % {"name": member.name, "date": left_on.isoformat()},
            actor=user,
        )
    return member


# ---------------------------------------------------------------- meetings


def council_meeting_record(
    user,
    center,
    *,
    held_on,
    title,
    agenda,
    attendees=(),
    other_attendees="",
    decisions=(),
    minutes=None,
) -> CouncilMeeting:
    """A meeting of the IP council with its attendees, decisions and (optionally) its minutes."""
    from apps.attachments import services as attachments

    _require(can_edit(user, center))
    if not isinstance(held_on, date):
        raise DomainError(_("Please fill in: %(field)s.") % {"field": _("held on")}, code="required")
    if held_on > clock.today():
        raise DomainError(
            _("A meeting is recorded once it has been held: the date cannot be in the future (today is %(today)s).")
            % {"today": clock.today().isoformat()},
            code="future",
        )
    decisions = [d for d in decisions if inputs.normalised_text(d.get("text")) or d.get("subject")]
    if len(decisions) > DECISIONS_MAX:
        raise DomainError(_("At most %(count)s decisions per meeting.") % {"count": DECISIONS_MAX}, code="too_many")
    other_attendees = inputs.normalised_text(other_attendees, single_line=True)
    with transaction.atomic():
        center = _lock(center)
        _require(can_edit(user, center))
        ids = {getattr(a, "pk", a) for a in attendees}
        members = list(CouncilMember.objects.filter(center=center, pk__in=ids))
        if len(members) != len(ids):
            raise DomainError(_("The attendees must be members of this center's IP council."), code="attendees")
        absent = [m.name for m in members if m.joined_on > held_on or (m.left_on and m.left_on < held_on)]
        if absent:
            raise DomainError(
                _("Not a member of the council on %(date)s: %(names)s.")
                % {"date": held_on.isoformat(), "names": "、".join(absent)},
                code="attendees",
            )
        if not members and not other_attendees:
            raise DomainError(_("Please name who attended the meeting."), code="attendees")
        meeting = CouncilMeeting(
            center=center,
            held_on=held_on,
            title=inputs.normalised_text(title, single_line=True),
            agenda=inputs.normalised_text(agenda),
            other_attendees=other_attendees,
            recorded_by=user,
        )
        inputs.check_instance(meeting)
        full_clean(meeting, exclude=["center", "recorded_by"])
        meeting.save()
        meeting.attendees.set(members)
        rows = []
        for order, row in enumerate(decisions):
            decision = CouncilDecision(
                meeting=meeting,
                subject=row.get("subject") or "",
                text=inputs.normalised_text(row.get("text")),
                responsible=inputs.normalised_text(row.get("responsible"), single_line=True),
                due_on=row.get("due_on"),
                order=order,
            )
            if decision.due_on and decision.due_on < held_on:
                raise DomainError(
                    _("Decision %(row)s: the due date cannot be before the meeting.") % {"row": order + 1},
                    code="due_on",
                )
            inputs.check_instance(decision)
            try:
                full_clean(decision, exclude=["meeting"])
            except DomainError as exc:
                raise DomainError(
                    _("Decision %(row)s: %(error)s") % {"row": order + 1, "error": exc.message}, code="decision"
                ) from exc
            rows.append(decision)
        CouncilDecision.objects.bulk_create(text.cleaned(rows))
        after = audit.snapshot(meeting, exclude=())
        after["decisions"] = [{"subject": d.subject, "text": d.text} for d in rows]
        audit.record("centers.council.meeting", meeting, after=after, actor=user)
        events.record(
            center,
            "council_meeting",
            _("IP council meeting on %(date)s: %(title)s (%(count)s decisions).")
            % {"date": held_on.isoformat(), "title": meeting.title, "count": len(rows)},
            actor=user,
        )
        if minutes is not None:
            attachments.attachment_store(minutes, owner=meeting, kind=MINUTES_KIND, user=user)
    return meeting


def council_activity(center, *, year: int) -> dict:
    """The council's work in `year`, structured for the annual report and the evaluation:
    {"year", "meetings": n, "decisions": n, "by_subject": {subject: n for every subject}, "members": n current}."""
    subjects = CouncilDecision.Subject.values
    counts = CouncilMeeting.objects.filter(center_id=center.pk, held_on__year=year).aggregate(
        meetings=Count("id", distinct=True),
        **{subject: Count("decisions", filter=Q(decisions__subject=subject)) for subject in subjects},
    )
    by_subject = {subject: counts[subject] or 0 for subject in subjects}
    return {
        "year": year,
        "meetings": counts["meetings"] or 0,
        "decisions": sum(by_subject.values()),
        "by_subject": by_subject,
        "members": CouncilMember.objects.filter(center_id=center.pk, left_on__isnull=True).count(),
    }


# ---------------------------------------------------------------- reads for the pages


def members_of(center):
    return CouncilMember.objects.filter(center_id=center.pk).select_related("organization")


def meetings_of(center):
    return (
        CouncilMeeting.objects.filter(center_id=center.pk)
        .annotate(decision_count=Count("decisions", distinct=True), attendee_count=Count("attendees", distinct=True))
        .order_by("-held_on", "-id")
    )
