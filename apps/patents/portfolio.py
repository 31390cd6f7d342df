"""The portfolio's services (Art. 13(2)–(3), 16; issue 16 "Portfolio", "Bad input"): a center's patent records
entered by form, their legal-status history, family members, awards and the contract tasks they serve.

Every write here is one transaction that checks `policies.can_keep` (the center's lead unit while the center runs:
`PermissionDenied` with the Chinese reason otherwise), validates everything (a `Refusal` — a `DomainError` carrying
`errors: [(field, reason)]` — with every problem at once; nothing is changed) and writes an audit entry
(`apps.audit.services.record`). Nobody has to act on a portfolio change, so nothing is notified.

The number rules live in `numbers.py` (`normalise`), the rules a record obeys whoever enters it (dates not in the
future, publication and grant not before filing, a type consistent with the number…) in `records.py`
(`check_record`); the form and the import both go through them.

Interface for the other parts:

- `TASKS` {key: label}: the four construction tasks of Art. 13 (the contract's `task_*` fields), `TASK_CHOICES`;
- `is_overseas(country) -> bool`: a family member outside mainland China (HK, MO and TW count as overseas);
- `patent_create(user, center, **fields) -> Patent`, `patent_update(user, patent, *, seen=None, **fields)`,
  `patent_delete(user, patent)`, `legal_status_record(user, patent, status, on, note="") -> LegalStatusChange`,
  `family_member_add(user, patent, number, country="") -> FamilyMember`, `family_member_remove(user, member)`,
  `award_add(user, patent, *, kind, name, awarded_on) -> Award`, `award_remove(user, award)`,
  `patent_tasks_set(user, patent, tasks) -> Patent`;
- `check_fields(center, fields, *, patent=None) -> (values, problems)`: the whole validation without writing (the
  forms call it to put each reason at its field);
- `counts(center) -> Counts`: the center's patents by type and by legal status, one grouped query."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import ConcurrentChange, DomainError, full_clean, join_messages
from apps.core.policy import require

from . import policies
from .models import Award, FamilyMember, LegalStatusChange, Patent

# ---------------------------------------------------------------- the contract's tasks (Art. 13)


def _task_label(key: str):
    """The label of the contract's field `task_<key>` (centers.ContractVersion), so both read the same."""
    from apps.centers.models import ContractVersion

    return ContractVersion._meta.get_field(f"task_{key}").verbose_name


TASK_KEYS = ("cultivation_system", "forward_layout", "transfer_use", "industry_alliance")
TASKS = {key: _task_label(key) for key in TASK_KEYS}
TASK_CHOICES = list(TASKS.items())


# ---------------------------------------------------------------- overseas (CNIPA statistics)

# Mainland China's office. Every other office is overseas, Hong Kong (HK), Macao (MO) and Taiwan (TW) included:
# CNIPA's statistics count filings there with the foreign ones ("向国外及港澳台地区申请"), since they are separate
# patent jurisdictions; WO (PCT) and EP, EA, AP, OA (regional offices) are overseas too.
DOMESTIC = frozenset({"CN"})
_COUNTRY = re.compile(r"[A-Z]{2}")


def is_overseas(country: str) -> bool:
    """True for a family member filed outside mainland China (every office code but "CN")."""
    return inputs.normalised_text(country).upper() not in DOMESTIC


# ---------------------------------------------------------------- refusals


class Refusal(DomainError):
    """Bad input: `errors` [(field, reason)] (field "" when it concerns the whole record); `existing` the record a
    duplicate number belongs to. The message joins them ("label：reason；…")."""

    def __init__(self, errors, *, existing=None, code="invalid"):
        self.errors = list(errors)
        self.existing = existing
        super().__init__(join_messages(_labelled(self.errors)), code=code)


def _labelled(errors):
    parts = []
    for name, reason in errors:
        label = _field_label(name)
        named = label and label.lower() in str(reason).lower()  # the reason names its field already
        parts.append(f"{label}：{reason}" if label and not named else str(reason))
    return parts


def _field_label(name: str) -> str:
    if not name:
        return ""
    if name == "tasks":
        return str(_("contract tasks served"))
    try:
        return str(Patent._meta.get_field(name).verbose_name)
    except Exception:  # a field of a record that is not the patent's: no label
        return ""


def duplicate_message(existing: Patent):
    """“This application number is already in the portfolio: <link>” (safe HTML: the form shows the link)."""
    return format_html(
        '{} <a href="{}">{}</a>',
        _("This application number is already in the center's portfolio:"),
        existing.get_absolute_url(),
        f"{existing.display_number} {existing.title}",
    )


# ---------------------------------------------------------------- the fields of a patent entered by form

# What a form (or a script) may set; `legal_status` only on creation (then through `legal_status_record`).
TEXT_FIELDS = ("title", "abstract", "ipc_main", "publication_number", "priority_number", "pct_number")
LIST_FIELDS = ("ipc_codes", "applicants", "inventors")
DATE_FIELDS = ("filing_date", "publication_date", "grant_date", "priority_date")
COUNT_FIELDS = ("claims_count", "cited_by_count", "cites_count")
FLAG_FIELDS = ("inventors_withheld", "is_pct")
EDITABLE = (
    "application_number",
    "patent_type",
    *TEXT_FIELDS,
    *LIST_FIELDS,
    *DATE_FIELDS,
    *COUNT_FIELDS,
    *FLAG_FIELDS,
    "tasks",
)
CREATABLE = (*EDITABLE, "legal_status", "legal_status_on")
_SPLIT = re.compile(r"\s*[;；|\n]\s*")


def split_values(value) -> list[str]:
    """A multi-valued field: a list as it is (stripped, blanks dropped), or text split on ";", "；", "|" or lines."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else _SPLIT.split(str(value))
    return [str(item).strip() for item in items if str(item).strip()]


def _as_date(value, name, problems):
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        problems.append((name, _("“%(value)s” is not a date (write it as 2021-03-01).") % {"value": value}))
        return None


def _as_count(value, name, problems):
    if value in (None, ""):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and inputs.is_plain_number(value, integer=True):
        number = int(value)
    else:
        problems.append((name, _("“%(value)s” is not a whole number.") % {"value": value}))
        return None
    if number < 0:
        problems.append((name, _("It cannot be negative.")))
        return None
    return number


def _record_of(values: dict):
    """The values as a `records.PatentRecord`, for the rules shared with the import."""
    from .records import PatentRecord

    return PatentRecord(
        application_number=values["application_number"],
        country=values["country"],
        patent_type=values["patent_type"],
        title=values["title"],
        abstract=values["abstract"],
        ipc_main=values["ipc_main"],
        ipc_codes=values["ipc_codes"],
        applicants=values["applicants"],
        inventors=values["inventors"],
        inventors_withheld=values["inventors_withheld"],
        filing_date=values["filing_date"],
        publication_number=values["publication_number"],
        publication_date=values["publication_date"],
        grant_date=values["grant_date"],
        legal_status=values["legal_status"],
        priority_number=values["priority_number"],
        priority_date=values["priority_date"],
        is_pct=values["is_pct"],
        pct_number=values["pct_number"],
        claims_count=values["claims_count"],
        cited_by_count=values["cited_by_count"],
        cites_count=values["cites_count"],
        family=[],
        number_kind=values.get("_kind", ""),
    )


def check_fields(center, fields: dict, *, patent: Patent | None = None) -> tuple[dict, list]:
    """Validate `fields` for a new patent of `center` (or a change of `patent`): returns (the values to store,
    normalised, [(field, reason)]) — an empty list means the record may be written. Reads: the duplicate check
    (one query). The number is normalised by `numbers.normalise`; the record's rules are `records.check_record`."""
    from . import numbers, records

    allowed = CREATABLE if patent is None else EDITABLE
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"not a field a form may set: {', '.join(unknown)}")
    problems: list = []
    current = _current_values(patent) if patent is not None else {}
    raw = {**current, **fields}

    values: dict = {}
    number_text = inputs.normalised_text(raw.get("application_number"), single_line=True)
    kind = ""
    values["country"] = current.get("country", "CN")
    if not number_text:
        problems.append(("application_number", _("Enter the application number.")))
        values["application_number"] = ""
    else:
        try:
            number = numbers.normalise(number_text)
        except DomainError as exc:
            problems.append(("application_number", exc.message))
            values["application_number"] = number_text
        else:
            values["application_number"] = number.number
            values["country"] = number.country
            kind = number.kind
            if getattr(number, "via_pct", False):
                raw["is_pct"] = True

    patent_type = inputs.normalised_text(raw.get("patent_type")) or kind
    if patent_type not in Patent.Type.values:
        if patent_type:
            problems.append(
                (
                    "patent_type",
                    _("“%(value)s” is not a patent type: choose invention, utility model or design.")
                    % {"value": patent_type},
                )
            )
        elif values["application_number"] and not problems:  # a bad number already says what is wrong
            problems.append(("patent_type", _("Choose the patent type: a foreign number does not say it.")))
    values["patent_type"] = patent_type
    values["_kind"] = kind

    values["legal_status"] = raw.get("legal_status") or Patent.LegalStatus.PENDING
    if values["legal_status"] not in Patent.LegalStatus.values:
        problems.append(("legal_status", _("“%(value)s” is not a legal status.") % {"value": values["legal_status"]}))

    for name in TEXT_FIELDS:  # the CharFields on one line, as stored; the abstract (a TextField) keeps its lines
        values[name] = inputs.normalised_text(raw.get(name), single_line=name != "abstract")
    if not values["title"]:
        problems.append(("title", _("Enter the title.")))
    for name in LIST_FIELDS:
        values[name] = split_values(raw.get(name))
    if values["ipc_main"] and values["ipc_main"] not in values["ipc_codes"]:
        values["ipc_codes"] = [values["ipc_main"], *values["ipc_codes"]]
    elif not values["ipc_main"] and values["ipc_codes"]:
        values["ipc_main"] = values["ipc_codes"][0]
    for name in DATE_FIELDS:
        values[name] = _as_date(raw.get(name), name, problems)
    values["legal_status_on"] = _as_date(raw.get("legal_status_on"), "legal_status_on", problems)
    for name in COUNT_FIELDS:
        values[name] = _as_count(raw.get(name), name, problems)
    for name in FLAG_FIELDS:
        values[name] = bool(raw.get(name))
    if values["inventors_withheld"]:
        values["inventors"] = []
    if values["pct_number"]:
        values["is_pct"] = True

    tasks = split_values(raw.get("tasks"))
    bad = [t for t in tasks if t not in TASKS]
    if bad:
        problems.append(("tasks", _("Not a task of the contract: %(tasks)s.") % {"tasks": "、".join(bad)}))
    values["tasks"] = [key for key in TASK_KEYS if key in tasks]

    if values["filing_date"] is None and not any(p[0] == "filing_date" for p in problems):
        problems.append(("filing_date", _("Enter the filing date.")))
    today = clock.today()
    if values["legal_status_on"] and values["legal_status_on"] > today:
        problems.append(("legal_status_on", _("It cannot be after today (%(today)s).") % {"today": today}))
    if values["legal_status_on"] and values["filing_date"] and values["legal_status_on"] < values["filing_date"]:
        problems.append(("legal_status_on", _("It cannot be before the filing date.")))

    if not problems:
        problems.extend(records.check_record(_record_of(values), today=today))
    existing = None
    if values["application_number"] and not any(p[0] == "application_number" for p in problems):
        existing = (
            Patent.objects.filter(center_id=center.pk, application_number=values["application_number"])
            .exclude(pk=getattr(patent, "pk", None))
            .first()
        )
        if existing is not None:
            problems.insert(0, ("application_number", duplicate_message(existing)))
    values["_existing"] = existing
    return values, problems


def _current_values(patent: Patent) -> dict:
    values = {name: getattr(patent, name) for name in CREATABLE}
    values["application_number"] = patent.display_number
    values["country"] = patent.country
    return values


def _refuse_if(problems, values) -> None:
    if problems:
        existing = values.get("_existing")
        raise Refusal(problems, existing=existing, code="duplicate" if existing else "invalid")


def _stored(values: dict) -> dict:
    return {k: v for k, v in values.items() if not k.startswith("_")}


# ---------------------------------------------------------------- patents


@transaction.atomic
def patent_create(user, center, **fields) -> Patent:
    """A patent of `center` entered by form. `fields`: application_number (any written form: "CN201611162814.0",
    "ZL…", "2016111628140"; foreign and PCT numbers as written), patent_type (`Patent.Type`, derived from a Chinese
    number's type digit when blank), title, abstract, ipc_main, ipc_codes / applicants / inventors (lists or text
    split on ";" "|"), inventors_withheld, filing_date, publication_number/date, grant_date, legal_status
    (`Patent.LegalStatus`, default pending) and legal_status_on (default: the filing date), priority_number/date,
    is_pct, pct_number, claims_count, cited_by_count, cites_count, tasks (keys of `TASKS`). The first step of the
    status history is written with it. Errors: PermissionDenied (not the lead unit, or an ended center), Refusal
    (every bad field; a duplicate number names the existing record)."""
    require(policies.can_keep(user, center))
    values, problems = check_fields(center, fields)
    _refuse_if(problems, values)
    values = _stored(values)
    status_on = values.pop("legal_status_on") or values["filing_date"]
    patent = Patent(center=center, created_by=user, source=Patent.Source.FORM, legal_status_on=status_on, **values)
    full_clean(patent, exclude=["center", "created_by", "import_batch"])
    try:
        with transaction.atomic():
            patent.save()
    except IntegrityError:  # the same number entered at the same moment by a colleague
        existing = Patent.objects.filter(center_id=center.pk, application_number=patent.application_number).first()
        if existing is None:
            raise
        raise Refusal(
            [("application_number", duplicate_message(existing))], existing=existing, code="duplicate"
        ) from None
    LegalStatusChange.objects.create(patent=patent, status=patent.legal_status, on=status_on, note=_("Entered by form"))
    audit.record("patent.create", patent, after=audit.snapshot(patent), actor=user)
    return patent


def _locked(patent: Patent) -> Patent:
    locked = Patent.objects.select_for_update().select_related("center").get(pk=patent.pk)
    return locked


def stamp(patent: Patent) -> str:
    """The version the editor saw (its `updated_at`), carried by the edit form and checked by `patent_update`."""
    return patent.updated_at.isoformat()


@transaction.atomic
def patent_update(user, patent: Patent, *, seen: str | None = None, **fields) -> Patent:
    """Change the bibliographic data or the tasks of `patent` (not its legal status: `legal_status_record`).
    `seen`: the `stamp(patent)` the editor loaded; when the record changed since (a colleague saved first), nothing
    is saved (ConcurrentChange, the Chinese "changed meanwhile" message) so no change is lost blind. Same rules and
    errors as `patent_create`. Nothing different: nothing written, no audit entry."""
    require(policies.can_keep(user, patent.center))
    locked = _locked(patent)
    if seen is not None and stamp(locked) != str(seen):
        raise ConcurrentChange(
            _(
                "Someone else changed this patent record meanwhile (at %(time)s); your changes were not saved. "
                "Open it again to see the current record, then make your changes."
            )
            % {"time": timezone.localtime(locked.updated_at).strftime("%Y-%m-%d %H:%M:%S")}
        )
    values, problems = check_fields(locked.center, fields, patent=locked)
    _refuse_if(problems, values)
    values = _stored(values)
    values.pop("legal_status", None)
    values.pop("legal_status_on", None)
    before = audit.snapshot(locked)
    for name, value in values.items():
        setattr(locked, name, value)
    full_clean(locked, exclude=["center", "created_by", "import_batch"])
    old, new = audit.changed(before, audit.snapshot(locked))
    old.pop("updated_at", None)
    new.pop("updated_at", None)
    if not new:
        return locked
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError:
        existing = Patent.objects.filter(center_id=locked.center_id, application_number=locked.application_number)
        existing = existing.exclude(pk=locked.pk).first()
        if existing is None:
            raise
        raise Refusal(
            [("application_number", duplicate_message(existing))], existing=existing, code="duplicate"
        ) from None
    audit.record("patent.update", locked, before=old, after=new, actor=user)
    return locked


def _link_counts() -> dict:
    """{annotation: correlated COUNT subquery} of the records of the other parts that rest on a patent."""
    from django.db.models import IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from .models import Alliance, Disclosure, Exploitation, PatentGrade, Standard

    def count(queryset, key="patent_id"):
        rows = queryset.filter(**{key: OuterRef("pk")}).order_by().values(key).annotate(n=Count("*")).values("n")
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    return {
        "links_exploitations": count(Exploitation.objects.all()),
        "links_gradings": count(PatentGrade.objects.all()),
        "links_disclosures": count(Disclosure.objects.all()),
        "links_standards": count(Standard.patents.through.objects.all()),
        "links_alliances": count(Alliance.patents.through.objects.all()),
    }


def with_links(queryset):
    """The patents with the counts `delete_blockers` reads (in the same query)."""
    return queryset.annotate(**_link_counts())


def delete_blockers(patent: Patent) -> list[str]:
    """Why `patent` cannot be deleted (Chinese, empty when it can): imported, or linked to records of the other
    parts (utilization events, gradings, disclosures, standards, alliances). Read from the annotations of
    `with_links` when the patent came with them, else one query."""
    reasons = []
    if patent.source != Patent.Source.FORM:
        reasons.append(_("it was imported from a database export (correct it in the source file and import it again)"))
    if not hasattr(patent, "links_exploitations"):
        counted = with_links(Patent.objects.filter(pk=patent.pk)).values(*_link_counts()).first() or {}
        for name, value in counted.items():
            setattr(patent, name, value)
    links = (
        ("links_exploitations", _("%(n)s utilization event(s)")),
        ("links_gradings", _("%(n)s grading(s)")),
        ("links_disclosures", _("%(n)s invention disclosure(s)")),
        ("links_standards", _("%(n)s standard(s)")),
        ("links_alliances", _("%(n)s alliance(s) or patent pool(s)")),
    )
    linked = [text % {"n": n} for name, text in links if (n := getattr(patent, name, 0))]
    if linked:
        reasons.append(_("it is linked to %(records)s") % {"records": "、".join(linked)})
    return reasons


@transaction.atomic
def patent_delete(user, patent: Patent) -> None:
    """Delete a record entered by form by mistake, with its status history, family and awards. Refused
    (DomainError naming why) for an imported record or one that other records rest on."""
    require(policies.can_keep(user, patent.center))
    locked = _locked(patent)
    reasons = delete_blockers(locked)
    if reasons:
        raise DomainError(
            _("This patent record cannot be deleted: %(reasons)s.") % {"reasons": "；".join(reasons)},
            code="linked",
        )
    before = audit.snapshot(locked)
    pk, text = locked.pk, str(locked)
    locked.delete()
    audit.record(
        "patent.delete",
        object_type="patents.patent",
        object_id=pk,
        object_repr=text,
        before=before,
        actor=user,
    )


@transaction.atomic
def patent_tasks_set(user, patent: Patent, tasks) -> Patent:
    """Tag `patent` with the contract tasks it serves (keys of `TASKS`; an empty list clears them)."""
    require(policies.can_keep(user, patent.center))
    keys = split_values(tasks)
    bad = [t for t in keys if t not in TASKS]
    if bad:
        raise Refusal([("tasks", _("Not a task of the contract: %(tasks)s.") % {"tasks": "、".join(bad)})])
    locked = _locked(patent)
    before = list(locked.tasks)
    locked.tasks = [key for key in TASK_KEYS if key in keys]
    if locked.tasks == before:
        return locked
    locked.save(update_fields=["tasks", "updated_at"])
    audit.record("patent.tag_tasks", locked, before={"tasks": before}, after={"tasks": locked.tasks}, actor=user)
    return locked


# ---------------------------------------------------------------- legal status


def _not_future_nor_before_filing(on, patent, name, problems):
    today = clock.today()
    if on is None:
        problems.append((name, _("Enter the date.")))
    elif on > today:
        problems.append((name, _("It cannot be after today (%(today)s).") % {"today": today}))
    elif on < patent.filing_date:
        problems.append(
            (name, _("It cannot be before the filing date (%(date)s).") % {"date": patent.filing_date.isoformat()})
        )


@transaction.atomic
def legal_status_record(user, patent: Patent, status: str, on: date, note: str = "") -> LegalStatusChange:
    """Add a step to `patent`'s legal-status history: `status` (`Patent.LegalStatus`) since `on` (not in the future,
    not before filing), with a note (the gazette, the notice). When it is the latest step (no step dated after it),
    the patent's `legal_status` / `legal_status_on` move to it; an earlier step only completes the history."""
    require(policies.can_keep(user, patent.center))
    problems = []
    if status not in Patent.LegalStatus.values:
        problems.append(("legal_status", _("“%(value)s” is not a legal status.") % {"value": status}))
    on = _as_date(on, "legal_status_on", problems)
    locked = _locked(patent)
    if not problems:
        _not_future_nor_before_filing(on, locked, "legal_status_on", problems)
    if problems:
        raise Refusal(problems)
    change = LegalStatusChange(patent=locked, status=status, on=on, note=inputs.normalised_text(note, single_line=True))
    full_clean(change, exclude=["patent"])
    change.save()
    later = LegalStatusChange.objects.filter(patent=locked, on__gt=on).exists()
    before = {"legal_status": locked.legal_status, "legal_status_on": locked.legal_status_on}
    if not later:
        locked.legal_status, locked.legal_status_on = status, on
        locked.save(update_fields=["legal_status", "legal_status_on", "updated_at"])
    audit.record(
        "patent.record_status",
        locked,
        before=before,
        after={"status": status, "on": on, "note": change.note, "latest": not later},
        actor=user,
    )
    return change


# ---------------------------------------------------------------- family members


def _clean_number(text) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).upper()


@transaction.atomic
def family_member_add(user, patent: Patent, number: str, country: str = "") -> FamilyMember:
    """Add a member of `patent`'s simple family: a publication or application number of another office as written
    ("US20190123456A1", "EP3456789A1", "WO2019123456A1", "HK1234567A"); `country` the office's two-letter code,
    taken from the number's first two letters when blank. `overseas` is computed (`is_overseas`)."""
    require(policies.can_keep(user, patent.center))
    number = _clean_number(number)
    country = _clean_number(country) or number[:2]
    problems = []
    if not number:
        problems.append(("number", _("Enter the family member's number.")))
    elif len(number) > FamilyMember._meta.get_field("number").max_length:
        problems.append(("number", _("A patent number has at most 40 characters.")))
    if number and not _COUNTRY.fullmatch(country):
        problems.append(
            (
                "country",
                _("Give the office as a two-letter code (CN, US, EP, WO, JP, HK…): the number does not say it."),
            )
        )
    locked = _locked(patent)
    if number and number in {_clean_number(locked.display_number), locked.application_number}:
        problems.append(("number", _("That is this patent's own number.")))
    if not problems and FamilyMember.objects.filter(patent=locked, number=number).exists():
        problems.append(("number", _("%(number)s is already a member of this family.") % {"number": number}))
    if problems:
        raise Refusal(problems)
    member = FamilyMember.objects.create(patent=locked, number=number, country=country, overseas=is_overseas(country))
    locked.save(update_fields=["updated_at"])
    audit.record(
        "patent.add_family_member",
        locked,
        after={"number": number, "country": country, "overseas": member.overseas},
        actor=user,
    )
    return member


@transaction.atomic
def family_member_remove(user, member: FamilyMember) -> None:
    patent = member.patent
    require(policies.can_keep(user, patent.center))
    locked = _locked(patent)
    before = {"number": member.number, "country": member.country, "overseas": member.overseas}
    deleted, _counts = FamilyMember.objects.filter(pk=member.pk, patent=locked).delete()
    if not deleted:
        raise DomainError(_("This family member had already been removed."), code="gone")
    locked.save(update_fields=["updated_at"])
    audit.record("patent.remove_family_member", locked, before=before, actor=user)


# ---------------------------------------------------------------- awards


@transaction.atomic
def award_add(user, patent: Patent, *, kind: str, name: str, awarded_on) -> Award:
    """An award the patent received (`Award.Kind`; the National S&T awards and the China Patent Award make a valid
    invention high-value), its name and grade, the date (not in the future, not before filing)."""
    require(policies.can_keep(user, patent.center))
    problems = []
    if kind not in Award.Kind.values:
        problems.append(("kind", _("“%(value)s” is not a kind of award.") % {"value": kind}))
    name = inputs.normalised_text(name, single_line=True)
    if not name:
        problems.append(("name", _("Enter the award's name and grade.")))
    awarded_on = _as_date(awarded_on, "awarded_on", problems)
    locked = _locked(patent)
    if not any(p[0] == "awarded_on" for p in problems):
        _not_future_nor_before_filing(awarded_on, locked, "awarded_on", problems)
    if problems:
        raise Refusal(problems)
    award = Award(patent=locked, kind=kind, name=name, awarded_on=awarded_on)
    full_clean(award, exclude=["patent"])
    award.save()
    locked.save(update_fields=["updated_at"])
    audit.record("patent.add_award", locked, after={"kind": kind, "name": name, "awarded_on": awarded_on}, actor=user)
    return award


@transaction.atomic
def award_remove(user, award: Award) -> None:
    patent = award.patent
    require(policies.can_keep(user, patent.center))
    locked = _locked(patent)
    before = {"kind": award.kind, "name": award.name, "awarded_on": award.awarded_on}
    deleted, _counts = Award.objects.filter(pk=award.pk, patent=locked).delete()
    if not deleted:
        raise DomainError(_("This award had already been removed."), code="gone")
    locked.save(update_fields=["updated_at"])
    audit.record("patent.remove_award", locked, before=before, actor=user)


# ---------------------------------------------------------------- reads


@dataclass
class Counts:
    total: int = 0
    by_type: list = field(default_factory=list)  # [(value, label, n)] in the order of Patent.Type
    by_status: list = field(default_factory=list)  # [(value, label, n)] in the order of Patent.LegalStatus


def counts(queryset) -> Counts:
    """The patents of `queryset` (a center's, or every visible one) by type and by legal status: one grouped query."""
    rows = queryset.order_by().values("patent_type", "legal_status").annotate(n=Count("id"))
    by_type, by_status = {}, {}
    total = 0
    for row in rows:
        by_type[row["patent_type"]] = by_type.get(row["patent_type"], 0) + row["n"]
        by_status[row["legal_status"]] = by_status.get(row["legal_status"], 0) + row["n"]
        total += row["n"]
    return Counts(
        total=total,
        by_type=[(v, label, by_type[v]) for v, label in Patent.Type.choices if by_type.get(v)],
        by_status=[(v, label, by_status[v]) for v, label in Patent.LegalStatus.choices if by_status.get(v)],
    )
