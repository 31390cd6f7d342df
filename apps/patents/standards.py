"""Standards, industry IP alliances and patent pools of a center (Art. 13(3)–(4)): the only code that writes
`Standard` and `Alliance` rows, and the reads the KPI engine and the pages share.

A standard (标准): its number (`clean_number`, below), name, level (international / national / industry / local /
group), the center's role (lead or participating drafter), status (being drafted / published / in force /
withdrawn), publication date (required once published, not in the future) and the patents it relies on (the
center's own patents only). One row per center and number.

An alliance or a pool (产业知识产权联盟 / 专利池, `kind`): name, the center's role, joined on (not in the future),
left on (not before joining, not in the future), members from the organizations register (approved organizations)
plus members not in the register (one per line), the center's patents contributed, the licensing terms. One row per
center, kind and name.

Standard numbers are validated loosely (`NUMBER_PATTERNS`, documented in docs/apps/patents_utilization.md): a code,
a serial (parts separated by "."), a hyphen and the year —

- national 国家标准: `GB 50016-2014`, `GB/T 12345-2020`, `GB/Z 123-2019`;
- industry 行业标准: two letters and /T or /Z optional: `JB/T 1234.2-2019`, `YS/T 123-2018`, `NB/T 10001-2018`;
- local 地方标准: `DB15/T 1234-2021` (DB + the two-digit province code, 15 = Inner Mongolia);
- group 团体标准: `T/CAS 001-2023`, `T/NMGIP 12-2022` (T/ + the body's code);
- international: `ISO 9001:2015`, `IEC 62660-1:2018`, `ISO/IEC 27001:2022`, `ITU-T H.264`, `IEEE 802.11-2020`.
Full-width characters and spaces are normalised ("GB／T12345－2020" → "GB/T 12345-2020"). The level must fit the
number's prefix (GB national, DB local, T/ group, ISO/IEC/ITU/IEEE international, another code industry). A
standard still being drafted may carry its plan number (计划号) or any reference instead.

Every write is one transaction under the policy (`policies.can_keep`: the lead unit while the center runs) and one
audit entry ("patents.standard.create|update|delete", "patents.alliance.create|update|delete"); a deletion carries
its reason. Evidence (the standard's text or publication notice, the alliance's agreement or certificate) is an
attachment (`owners_utilization.py`). Nobody must act on these records, so nobody is notified.

For the KPI engine (Art. 16):
- `standards_in(center, start, end) -> QuerySet[Standard]`: published or in force, published_on in [start, end];
- `alliances_active(center, start, end) -> QuerySet[Alliance]`: joined on or before `end` and not left before
  `start`."""

import re
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import DomainError, PermissionDenied
from apps.core.policy import Decision

from . import policies
from .models import Alliance, Patent, Standard

Level = Standard.Level
Status = Standard.Status
STANDARD_EVIDENCE_KIND = "standard_evidence"
ALLIANCE_EVIDENCE_KIND = "alliance_evidence"

# The shapes of a standard number (see the module's docstring), each with the level its prefix means.
_SERIAL = r"\d{1,6}(?:\.\d{1,4})*"
NUMBER_PATTERNS = (
    (Level.NATIONAL, re.compile(rf"^GB(?:/[TZ])? {_SERIAL}-(?:19|20)\d{{2}}$")),
    (Level.LOCAL, re.compile(rf"^DB\d{{2}}(?:/[TZ])? {_SERIAL}-(?:19|20)\d{{2}}$")),
    (Level.GROUP, re.compile(rf"^T/[A-Z][A-Z0-9]{{1,15}} {_SERIAL}-(?:19|20)\d{{2}}$")),
    (
        Level.INTERNATIONAL,
        re.compile(
            r"^(?:ISO|IEC|ISO/IEC|IEEE|ITU-[TR]|ISO/TS|ISO/TR|IEC/TS|IEC/TR) ?[A-Z]?[\d.\-]+(?::(?:19|20)\d{2})?$"
        ),
    ),
    (Level.INDUSTRY, re.compile(rf"^[A-Z]{{2,4}}(?:/[TZ])? {_SERIAL}-(?:19|20)\d{{2}}$")),
)
_FULL_WIDTH = str.maketrans("／－—：．　", "/--:. ")


# ---------------------------------------------------------------- who may


def can_view(user, center) -> Decision:
    return policies.can_view(user, center)


def can_keep(user, center) -> Decision:
    return policies.can_keep(user, center)


def _require(decision: Decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


# ---------------------------------------------------------------- input


def normalise_number(value: str) -> str:
    """Full-width to ASCII, upper case, spaces collapsed; one space between the code and the serial
    ("gb/t12345-2020" → "GB/T 12345-2020")."""
    text = " ".join((value or "").translate(_FULL_WIDTH).upper().split())
    match = re.match(r"^((?:T/)?[A-Z]+\d{0,2}(?:/[A-Z]{1,2})?) ?(\d.*)$", text)
    if match and not text.startswith(("ISO", "IEC", "ITU", "IEEE")):
        return f"{match.group(1)} {match.group(2)}"
    return text


def number_level(number: str) -> str | None:
    """The level a normalised number's prefix means, or None when it matches no known shape."""
    for level, pattern in NUMBER_PATTERNS:
        if pattern.match(number):
            return level
    return None


def clean_number(value, *, level, status) -> str:
    """The normalised standard number; a DomainError with the Chinese reason when it has no known shape or does
    not fit `level` (a standard being drafted may carry any reference, e.g. its plan number)."""
    number = normalise_number(value)
    if not number:
        raise DomainError(_("Please fill in: %(field)s.") % {"field": _("Standard number")}, code="required")
    if len(number) > 64:
        raise DomainError(_("The standard number is at most 64 characters."), code="too_long")
    if status == Status.DRAFTING:
        return number
    found = number_level(number)
    if found is None:
        raise DomainError(
            _(
                "“%(number)s” is not a standard number: write it as code, number and year, such as GB/T 12345-2020, "
                "DB15/T 1234-2021, T/CAS 001-2023 or ISO 9001:2015."
            )
            % {"number": number},
            code="number",
        )
    if level and found != level:
        raise DomainError(
            _("The number %(number)s is that of a %(found)s standard, not a %(level)s one: check the level.")
            % {"number": number, "found": Level(found).label, "level": Level(level).label},
            code="number_level",
        )
    return number


def _date(value, *, label, required=False) -> date | None:
    if value in (None, ""):
        if required:
            raise DomainError(_("%(field)s: please enter a date.") % {"field": label}, code="date")
        return None
    if not isinstance(value, date):
        raise DomainError(_("%(field)s: please enter a date.") % {"field": label}, code="date")
    span = inputs.BUSINESS_DATES
    if not span.first <= value <= span.last:
        raise DomainError(span.message(label), code="date_range")
    today = clock.today()
    if value > today:
        raise DomainError(
            _("%(field)s cannot be in the future (today is %(today)s).") % {"field": label, "today": today.isoformat()},
            code="future",
        )
    return value


def _text(value, *, label, limit, required=False, single_line=False) -> str:
    """The typed text normalised as stored: `single_line` for a CharField (a line break is a space)."""
    value = inputs.normalised_text(value, single_line=single_line)
    if required and not value:
        raise DomainError(_("Please fill in: %(field)s.") % {"field": label}, code="required")
    if len(value) > limit:
        raise DomainError(
            _("%(field)s: at most %(limit)s characters.") % {"field": label, "limit": limit}, code="too_long"
        )
    return value


def _choice(value, choices, *, label) -> str:
    if value not in choices.values:
        raise DomainError(_("Please choose: %(field)s.") % {"field": label}, code="choice")
    return value


def _patents_of(center, patents) -> list[Patent]:
    """The patents (instances or pks) as the center's own; a DomainError naming how many are not."""
    ids = {getattr(p, "pk", p) for p in (patents or [])}
    ids.discard(None)
    found = list(Patent.objects.filter(center_id=center.pk, pk__in=ids))
    if len(found) != len(ids):
        raise DomainError(
            _("Only this center's own patents can be chosen: %(count)s of those chosen are not in its portfolio.")
            % {"count": len(ids) - len(found)},
            code="patent",
        )
    return found


def _organizations(members) -> list:
    from apps.organizations.models import Organization

    ids = {getattr(m, "pk", m) for m in (members or [])}
    ids.discard(None)
    found = list(Organization.objects.filter(pk__in=ids, status=Organization.Status.APPROVED))
    if len(found) != len(ids):
        raise DomainError(
            _(
                "Members from the register must be approved organizations: enter the others as members not in "
                "the register."
            ),
            code="member",
        )
    return found


def _lines(value) -> str:
    """One member per line, blank lines and repeated spaces dropped."""
    lines = [" ".join(line.split()) for line in (value or "").splitlines()]
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- standards

STANDARD_FIELDS = ("number", "name", "level", "role", "status", "published_on", "patents")


def clean_standard(center, values: dict) -> tuple[dict, list[Patent]]:
    level = _choice(values.get("level"), Level, label=_("Level"))
    status = _choice(values.get("status") or Status.PUBLISHED, Status, label=_("Status"))
    number = clean_number(values.get("number"), level=level, status=status)
    name = _text(values.get("name"), label=_("Standard name"), limit=300, required=True, single_line=True)
    role = _choice(values.get("role"), Standard.Role, label=_("The center's role"))
    published_on = _date(values.get("published_on"), label=_("Published on"), required=status != Status.DRAFTING)
    patents = _patents_of(center, values.get("patents"))
    fields = {"number": number, "name": name, "level": level, "role": role, "status": status,
              "published_on": published_on}  # fmt: skip
    return fields, patents


def _duplicate_number(number) -> DomainError:
    return DomainError(
        _("The center has already recorded the standard %(number)s.") % {"number": number}, code="duplicate"
    )


def _standard_snapshot(standard, patents) -> dict:
    data = audit.snapshot(standard, exclude=("patents",))
    data["patents"] = sorted(p.pk for p in patents)
    return data


def record_standard(user, center, *, evidence=None, **values) -> Standard:
    """Record a standard the center takes part in, with the patents it relies on (and a first evidence file)."""
    _require(can_keep(user, center))
    _unknown(values, STANDARD_FIELDS)
    fields, patents = clean_standard(center, values)
    if Standard.objects.filter(center_id=center.pk, number=fields["number"]).exists():
        raise _duplicate_number(fields["number"])
    with transaction.atomic():
        try:
            with transaction.atomic():
                standard = Standard.objects.create(center=center, recorded_by=user, **fields)
        except IntegrityError:
            raise _duplicate_number(fields["number"]) from None
        standard.patents.set(patents)
        audit.record("patents.standard.create", standard, after=_standard_snapshot(standard, patents), actor=user)
        if evidence is not None:
            _store(evidence, standard, STANDARD_EVIDENCE_KIND, user)
    return standard


def update_standard(user, standard, **values) -> Standard:
    """Correct a standard or follow its life (drafted → published → in force → withdrawn): the same rules."""
    center = standard.center
    _require(can_keep(user, center))
    _unknown(values, STANDARD_FIELDS)
    with transaction.atomic():
        locked = Standard.objects.select_for_update().filter(pk=standard.pk).first()
        if locked is None:
            raise DomainError(_("This record has been deleted in the meantime."), code="gone")
        current = {name: getattr(locked, name) for name in STANDARD_FIELDS if name != "patents"}
        current["patents"] = list(locked.patents.values_list("pk", flat=True))
        current.update(values)
        before = _standard_snapshot(locked, locked.patents.all())
        fields, patents = clean_standard(center, current)
        if Standard.objects.filter(center_id=center.pk, number=fields["number"]).exclude(pk=locked.pk).exists():
            raise _duplicate_number(fields["number"])
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        locked.patents.set(patents)
        old, new = audit.changed(before, _standard_snapshot(locked, patents))
        if new:
            audit.record("patents.standard.update", locked, before=old, after=new, actor=user)
    return locked


def delete_standard(user, standard, *, reason) -> None:
    _delete(user, standard, Standard, "patents.standard.delete", reason, STANDARD_EVIDENCE_KIND)


# ---------------------------------------------------------------- alliances and pools

ALLIANCE_FIELDS = ("kind", "name", "role", "joined_on", "left_on", "members", "other_members", "patents",
                   "licensing_terms")  # fmt: skip


def clean_alliance(center, values: dict) -> tuple[dict, list, list[Patent]]:
    kind = _choice(values.get("kind"), Alliance.Kind, label=_("Kind"))
    name = _text(values.get("name"), label=_("Alliance or pool name"), limit=200, required=True, single_line=True)
    role = _choice(values.get("role"), Alliance.Role, label=_("The center's role"))
    joined_on = _date(values.get("joined_on"), label=_("Joined on"), required=True)
    left_on = _date(values.get("left_on"), label=_("Left on"))
    if left_on and left_on < joined_on:
        raise DomainError(
            _("The center cannot leave (%(left)s) before it joined (%(joined)s).")
            % {"left": left_on.isoformat(), "joined": joined_on.isoformat()},
            code="left_before_joining",
        )
    members = _organizations(values.get("members"))
    other_members = _text(_lines(values.get("other_members")), label=_("Members not in the register"),
                          limit=inputs.TEXT_MAX)  # fmt: skip
    patents = _patents_of(center, values.get("patents"))
    terms = _text(values.get("licensing_terms"), label=_("Licensing terms"), limit=inputs.TEXT_MAX)
    fields = {"kind": kind, "name": name, "role": role, "joined_on": joined_on, "left_on": left_on,
              "other_members": other_members, "licensing_terms": terms}  # fmt: skip
    return fields, members, patents


def _duplicate_alliance(kind, name) -> DomainError:
    return DomainError(
        _("The center has already recorded the %(kind)s “%(name)s”.")
        % {"kind": Alliance.Kind(kind).label, "name": name},
        code="duplicate",
    )


def _alliance_snapshot(alliance, members, patents) -> dict:
    data = audit.snapshot(alliance, exclude=("members", "patents"))
    data["members"] = sorted(m.pk for m in members)
    data["patents"] = sorted(p.pk for p in patents)
    return data


def record_alliance(user, center, *, evidence=None, **values) -> Alliance:
    """Record an alliance or a pool the center joined, its members and the patents contributed."""
    _require(can_keep(user, center))
    _unknown(values, ALLIANCE_FIELDS)
    fields, members, patents = clean_alliance(center, values)
    if Alliance.objects.filter(center_id=center.pk, kind=fields["kind"], name=fields["name"]).exists():
        raise _duplicate_alliance(fields["kind"], fields["name"])
    with transaction.atomic():
        try:
            with transaction.atomic():
                alliance = Alliance.objects.create(center=center, recorded_by=user, **fields)
        except IntegrityError:
            raise _duplicate_alliance(fields["kind"], fields["name"]) from None
        alliance.members.set(members)
        alliance.patents.set(patents)
        audit.record(
            "patents.alliance.create", alliance, after=_alliance_snapshot(alliance, members, patents), actor=user
        )
        if evidence is not None:
            _store(evidence, alliance, ALLIANCE_EVIDENCE_KIND, user)
    return alliance


def update_alliance(user, alliance, **values) -> Alliance:
    """Correct an alliance or record that the center left it: the same rules."""
    center = alliance.center
    _require(can_keep(user, center))
    _unknown(values, ALLIANCE_FIELDS)
    with transaction.atomic():
        locked = Alliance.objects.select_for_update().filter(pk=alliance.pk).first()
        if locked is None:
            raise DomainError(_("This record has been deleted in the meantime."), code="gone")
        current = {name: getattr(locked, name) for name in ALLIANCE_FIELDS if name not in ("members", "patents")}
        current["members"] = list(locked.members.values_list("pk", flat=True))
        current["patents"] = list(locked.patents.values_list("pk", flat=True))
        current.update(values)
        before = _alliance_snapshot(locked, locked.members.all(), locked.patents.all())
        fields, members, patents = clean_alliance(center, current)
        duplicate = Alliance.objects.filter(center_id=center.pk, kind=fields["kind"], name=fields["name"])
        if duplicate.exclude(pk=locked.pk).exists():
            raise _duplicate_alliance(fields["kind"], fields["name"])
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        locked.members.set(members)
        locked.patents.set(patents)
        old, new = audit.changed(before, _alliance_snapshot(locked, members, patents))
        if new:
            audit.record("patents.alliance.update", locked, before=old, after=new, actor=user)
    return locked


def delete_alliance(user, alliance, *, reason) -> None:
    _delete(user, alliance, Alliance, "patents.alliance.delete", reason, ALLIANCE_EVIDENCE_KIND)


# ---------------------------------------------------------------- shared


def _unknown(values, allowed) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _store(evidence, owner, kind, user) -> None:
    from apps.attachments import services as attachments

    attachments.attachment_store(evidence, owner=owner, kind=kind, user=user)


def _delete(user, record, model, action, reason, evidence_kind) -> None:
    """Remove a wrong record with its reason: the audit entry keeps it whole; its evidence is marked removed."""
    from django.contrib.contenttypes.models import ContentType

    from apps.attachments.models import Attachment

    _require(can_keep(user, record.center))
    reason = _text(reason, label=_("Reason"), limit=inputs.TEXT_MAX, required=True)
    with transaction.atomic():
        locked = model.objects.select_for_update().filter(pk=record.pk).first()
        if locked is None:
            raise DomainError(_("This record has been deleted in the meantime."), code="gone")
        before = audit.snapshot(locked)
        audit.record(action, locked, before=before, after={"reason": reason}, message=reason, actor=user)
        Attachment.objects.filter(
            owner_type=ContentType.objects.get_for_model(model), owner_id=locked.pk, is_deleted=False
        ).update(is_deleted=True, deleted_at=clock.now(), deleted_by=user)
        locked.delete()


# ---------------------------------------------------------------- reads


def standards_of(center) -> QuerySet[Standard]:
    return Standard.objects.filter(center_id=center.pk).order_by("-published_on", "number", "id")


def alliances_of(center) -> QuerySet[Alliance]:
    return Alliance.objects.filter(center_id=center.pk).order_by("kind", "name", "id")


def standards_in(center, start: date, end: date) -> QuerySet[Standard]:
    """For the KPI engine: the center's standards published or in force whose `published_on` lies in [start, end]
    (a withdrawn or still drafted standard does not count)."""
    return standards_of(center).filter(
        status__in=(Status.PUBLISHED, Status.IN_FORCE), published_on__gte=start, published_on__lte=end
    )


def alliances_active(center, start: date, end: date) -> QuerySet[Alliance]:
    """For the KPI engine: the center's alliances and pools it belonged to during [start, end]: joined on or before
    `end`, and not left before `start`."""
    return alliances_of(center).filter(Q(left_on__isnull=True) | Q(left_on__gte=start), joined_on__lte=end)
