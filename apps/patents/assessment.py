"""Pre-filing assessment (专利申请前评估, Art. 13(2)): the only code that writes `Disclosure`, `PreFilingAssessment`
and `AssessmentWeights`. The transition table is `workflow_assessment.DISCLOSURE` (who assesses, conflicts of
interest); this module validates, writes, audits and notifies.

Disclosures (the lead unit's users, while the center keeps its records — `policies.can_keep`):
- `disclosure_create(user, center, *, title, technical_field, problem, solution, claims_draft="", inventors=[],
  document=None) -> Disclosure`: a draft numbered per center and year, "JF-2026-001" (`next_number`; the center's
  row is locked while the number is taken and the unique constraint `unique_disclosure_number` backs it: two
  disclosures created at once get 001 and 002). `inventors`: names (text, at least one, at most
  `rules.DISCLOSURE_INVENTORS_MAX`); `document`: an uploaded file kept as an attachment of kind
  `DOCUMENT_KIND`;
- `disclosure_update(user, disclosure, **same fields)`: a draft only (a first draft or one sent back for revision);
- `disclosure_submit(user, disclosure)`: draft → submitted, the assessor is asked;
- `assessor_name(user, disclosure, assessor | None)`: the lead unit's administrator names the assessor (a user of
  the lead unit, neither the author nor an inventor) while the disclosure awaits assessment (draft or submitted);
  `None` gives the assessment back to the administrators.

Assessment (`assess(user, disclosure, *, technical, market, drafting, layout, conclusion, reasons,
assessed_on=None, council_decision=None) -> PreFilingAssessment`): four scores 0–100 (two decimals at most); the
weighted score Σ score × weight / 100 with the center's weights in force (`weights_of`), rounded half-up to 0.01,
stored with the weights applied (they may change later); a conclusion (file / file after revision / keep as a trade
secret / defensive publication) which picks the transition (`workflow_assessment.BY_CONCLUSION`); the reasons
(required, ≤ `inputs.REASON_MAX` characters); the assessor (the user) and the date (default today, never in the
future). `council_decision`: the IP council's "review of invention disclosures" decision of this center
(`centers.CouncilDecision`, subject DISCLOSURE_REVIEW), linked to the disclosure. `disclosure_reassess` asks for a
new assessment of an assessed or closed disclosure (reason required).

Filing: `disclosure_link(user, disclosure, *, patent=None, application_number="")`: an assessed disclosure
concluded "file" is linked to its application in the portfolio — a patent of the same center not linked to another
disclosure, chosen or found by its application number (`numbers.normalise`) — and becomes filed.

Weights: `weights_save(user, center, *, technical, market, drafting, layout)`: the lead unit's administrator
(`policies.can_configure`); each 0–100, the four adding up to exactly 100, refused otherwise.

Coverage (the KPI "pre-filing assessment coverage", Art. 16): `coverage(center, start, end) -> Coverage`. The
denominator: the center's patent records of type invention whose filing date lies in [start, end] (both included).
The numerator: those of them linked to a disclosure of the same center that has at least one assessment (any
conclusion) dated on or before the patent's filing date. `percent` = numerator / denominator × 100 rounded half-up to
two decimals, `None` when nothing was filed; `patent_ids`: the numerator's patents (ascending id), the records
behind the figure. `assessed_patents_q()` is the numerator's condition as a `Q` on `Patent` for lists.

Every write: who (`PermissionDenied`, 403 in views), the rules (`DomainError` with the Chinese reason, nothing
changed), the audit entry, the notice to whoever acts next."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.audit import services as audit
from apps.centers import policies as center_policies
from apps.centers.models import Center, CouncilDecision
from apps.core import clock, inputs
from apps.core.errors import DomainError, PermissionDenied, full_clean
from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import UNIT_ROLES
from apps.notifications import services as notifications

from . import policies, rules
from .models import AssessmentWeights, Disclosure, Patent, PreFilingAssessment
from .workflow_assessment import BY_CONCLUSION, DISCLOSURE, conflict_of, disclosure_url

S = Disclosure.Status
Conclusion = PreFilingAssessment.Conclusion
CRITERIA = ("technical", "market", "drafting", "layout")
CONTENT_FIELDS = ("title", "technical_field", "problem", "solution", "claims_draft")
DOCUMENT_KIND = "disclosure_document"
DOCUMENT_KINDS = {DOCUMENT_KIND: gettext_lazy("Disclosure document")}
CENT = Decimal("0.01")
# The states in which the assessor may still be named (before the assessment).
NAMING_STATES = (S.DRAFT, S.SUBMITTED)


def _require(decision: Decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def criteria_labels() -> dict:
    return {
        "technical": _("technical height"),
        "market": _("market prospects"),
        "drafting": _("drafting quality"),
        "layout": _("layout fit"),
    }


# ---------------------------------------------------------------- who may (403)


def is_lead_unit_user(user, center) -> bool:
    return bool(center_policies.is_lead_unit_member_of(user, center))


def can_write(user, center) -> Decision:
    """Write a new disclosure: a user of the center's lead unit, while the center keeps its records."""
    return policies.can_keep(user, center)


def can_edit(user, disclosure) -> Decision:
    """Edit a disclosure (its text, inventors and documents): the lead unit's users, while it is a draft."""
    decision = policies.can_keep(user, disclosure.center)
    if not decision:
        return decision
    if disclosure.status != S.DRAFT:
        return deny(
            _("Only a draft is edited; this disclosure is now “%(status)s”.")
            % {"status": disclosure.get_status_display()}
        )
    return ALLOW


def can_name_assessor(user, disclosure) -> Decision:
    """Name the assessor: the lead unit's administrator, before the assessment."""
    decision = policies.can_configure(user, disclosure.center)
    if not decision:
        return deny(_("Only the administrator of the lead unit names the assessor."))
    if disclosure.status not in NAMING_STATES:
        return deny(
            _("The assessor is named before the assessment; this disclosure is now “%(status)s”.")
            % {"status": disclosure.get_status_display()}
        )
    return ALLOW


# ---------------------------------------------------------------- reading


def disclosures_visible_to(user, center=None) -> QuerySet[Disclosure]:
    """The disclosures `user` may open: an unfiled invention is confidential, so the lead unit sees all of its
    center's disclosures and everyone else who sees the center (partners, the prefecture office, the region) only
    the filed ones (linked to their patent). A center the user may not see is not there at all."""
    from apps.centers.selectors import visible_to

    qs = Disclosure.objects.filter(center__in=visible_to(user))
    if center is not None:
        qs = qs.filter(center_id=center.pk)
    if user.role in UNIT_ROLES and user.organization_id:
        return qs.filter(Q(center__lead_unit_id=user.organization_id) | Q(status=S.FILED))
    return qs.filter(status=S.FILED)


def latest_assessment(disclosure) -> PreFilingAssessment | None:
    return (
        PreFilingAssessment.objects.filter(disclosure_id=disclosure.pk)
        .select_related("assessor")
        .order_by("-assessed_on", "-id")
        .first()
    )


def weights_of(center) -> AssessmentWeights:
    """The center's weights (an unsaved default of 25 each when the administrator set none)."""
    found = AssessmentWeights.objects.filter(center_id=center.pk).first()
    return found or AssessmentWeights(center=center)


def weights_dict(weights: AssessmentWeights) -> dict:
    """{"technical": "25.00", …}: the weights as stored with an assessment."""
    return {name: str(Decimal(getattr(weights, name)).quantize(CENT)) for name in CRITERIA}


def weighted_score(scores: dict, weights: dict) -> Decimal:
    """Σ score × weight / 100 over the four criteria, rounded half-up to 0.01 (scores 0–100, weights in percent
    adding up to 100, so the result lies in 0–100)."""
    total = sum(Decimal(scores[name]) * Decimal(weights[name]) for name in CRITERIA)
    return (total / rules.WEIGHTS_TOTAL).quantize(CENT, rounding=ROUND_HALF_UP)


def assessor_choices(disclosure):
    """The users who may be named assessor: active users of the lead unit, neither the author nor an inventor."""
    users = get_user_model().objects.filter(
        is_active=True, role__in=sorted(UNIT_ROLES), organization_id=disclosure.center.lead_unit_id
    )
    return [u for u in users.order_by("username") if not conflict_of(u, disclosure)]


def linkable_patents(center) -> QuerySet[Patent]:
    """The center's patents no disclosure is linked to yet, newest filing first."""
    return Patent.objects.filter(center_id=center.pk, disclosures__isnull=True).order_by("-filing_date", "-id")


def disclosure_review_decisions(center) -> QuerySet[CouncilDecision]:
    """The IP council's decisions of this center on the review of invention disclosures, newest meeting first."""
    return (
        CouncilDecision.objects.filter(meeting__center_id=center.pk, subject=CouncilDecision.Subject.DISCLOSURE_REVIEW)
        .select_related("meeting")
        .order_by("-meeting__held_on", "-meeting_id", "order", "id")
    )


# ---------------------------------------------------------------- checking what was typed


def _line(value, *, label, limit, required=True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("%(field)s: enter text.") % {"field": label}, code="text")
    value = inputs.normalised_text(value, single_line=True)
    if required and not value:
        raise DomainError(_("Please fill in: %(field)s.") % {"field": label}, code="required")
    inputs.check_length(value, limit=limit, label=label)
    return value


def clean_inventors(inventors) -> list[str]:
    """The inventors' names: a list of names or one text with names separated by ";", "；", "、", "," or new
    lines; each trimmed, empty ones dropped, duplicates kept once; at least one, at most
    `rules.DISCLOSURE_INVENTORS_MAX`, each ≤ 64 characters."""
    label = _("inventors")
    if isinstance(inventors, str):
        inventors = re.split(r"[;；、,，\n]+", inventors)
    if not isinstance(inventors, list | tuple):
        raise DomainError(_("%(field)s: enter text.") % {"field": label}, code="inventors")
    names = []
    for name in inventors:
        name = _line(name, label=label, limit=64, required=False)
        if name and name not in names:
            names.append(name)
    if not names:
        raise DomainError(_("Please name at least one inventor."), code="inventors")
    if len(names) > rules.DISCLOSURE_INVENTORS_MAX:
        raise DomainError(
            _("At most %(count)s inventors.") % {"count": rules.DISCLOSURE_INVENTORS_MAX}, code="inventors"
        )
    return names


def _content(values: dict) -> dict:
    """The disclosure's text fields, trimmed (title on one line), required ones present."""
    fields = {name: Disclosure._meta.get_field(name) for name in CONTENT_FIELDS}
    cleaned = {}
    for name, field in fields.items():
        value = values.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise DomainError(_("%(field)s: enter text.") % {"field": field.verbose_name}, code="text")
        value = inputs.normalised_text(value, single_line=(name == "title"))
        if not value and not field.blank:
            raise DomainError(_("Please fill in: %(field)s.") % {"field": field.verbose_name}, code="required")
        cleaned[name] = value
    return cleaned


def parse_score(value, *, label) -> Decimal:
    """A score or a weight: a number in 0–100 with at most two decimals (text parsed strictly)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(_("Please fill in: %(field)s.") % {"field": label}, code="required")
    number = inputs.parse_decimal(value, label=label, minimum=rules.SCORE_MIN, maximum=rules.SCORE_MAX)
    if number != number.quantize(CENT):
        raise DomainError(_("%(field)s: at most two decimals.") % {"field": label}, code="decimals")
    return number.quantize(CENT)


# ---------------------------------------------------------------- numbering


def next_number(center, year: int) -> str:
    """The next free number of `center` in `year`: "JF-2026-001", "JF-2026-002", … (call it with the center's row
    locked, inside the transaction that saves the disclosure)."""
    prefix = f"{rules.DISCLOSURE_NUMBER_PREFIX}-{year}-"
    serials = [
        int(number[len(prefix) :])
        for number in Disclosure.objects.filter(center_id=center.pk, number__startswith=prefix).values_list(
            "number", flat=True
        )
        if number[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(serials, default=0) + 1:0{rules.DISCLOSURE_SERIAL_DIGITS}d}"


def _lock(center) -> Center:
    return Center.objects.select_for_update().select_related("lead_unit").get(pk=center.pk)


# ---------------------------------------------------------------- disclosures


def disclosure_create(
    user,
    center,
    *,
    title,
    technical_field,
    problem,
    solution,
    claims_draft="",
    inventors=(),
    document=None,
) -> Disclosure:
    """A new draft disclosure of `center`, numbered (see the module's docstring); `document`: an uploaded file."""
    from apps.attachments import services as attachments

    _require(can_write(user, center))
    content = _content(
        {
            "title": title,
            "technical_field": technical_field,
            "problem": problem,
            "solution": solution,
            "claims_draft": claims_draft,
        }
    )
    names = clean_inventors(inventors)
    try:
        with transaction.atomic():
            center = _lock(center)
            _require(can_write(user, center))
            disclosure = Disclosure(
                center=center,
                number=next_number(center, clock.today().year),
                inventors=names,
                created_by=user,
                **content,
            )
            inputs.check_instance(disclosure)
            full_clean(disclosure, exclude=["center", "created_by", "council_decision", "patent", "assessor"])
            disclosure.save()
            audit.record("patents.disclosure.create", disclosure, after=audit.snapshot(disclosure), actor=user)
            if document is not None:
                attachments.attachment_store(document, owner=disclosure, kind=DOCUMENT_KIND, user=user)
    except IntegrityError:  # a number taken under a race the lock did not cover (another database)
        raise DomainError(
            _("Another disclosure took this number at the same moment. Please send the form again."), code="number"
        ) from None
    return disclosure


def disclosure_update(user, disclosure, *, inventors=None, **values) -> Disclosure:
    """Change a draft's text and inventors (a field not given keeps its value)."""
    _require(can_edit(user, disclosure))
    unknown = set(values) - set(CONTENT_FIELDS)
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}, code="fields")
    current = {name: getattr(disclosure, name) for name in CONTENT_FIELDS}
    content = _content({**current, **values})
    names = clean_inventors(inventors) if inventors is not None else list(disclosure.inventors)
    with transaction.atomic():
        locked = Disclosure.objects.select_for_update().select_related("center").get(pk=disclosure.pk)
        _require(can_edit(user, locked))
        before = audit.snapshot(locked, fields=[*CONTENT_FIELDS, "inventors"])
        for name, value in content.items():
            setattr(locked, name, value)
        locked.inventors = names
        inputs.check_instance(locked)
        full_clean(locked, exclude=["center", "created_by", "council_decision", "patent", "assessor"])
        locked.save()
        old, new = audit.changed(before, audit.snapshot(locked, fields=[*CONTENT_FIELDS, "inventors"]))
        audit.record("patents.disclosure.update", locked, before=old, after=new, actor=user)
    return locked


def disclosure_submit(user, disclosure) -> Disclosure:
    """Draft → submitted: the assessor (named, else the lead unit's administrators) is asked to assess it."""
    return DISCLOSURE.apply(user, disclosure, "submit")


def assessor_name(user, disclosure, assessor) -> Disclosure:
    """Name `assessor` (a user of the lead unit with no conflict of interest) for `disclosure`, or `None` to give
    the assessment back to the lead unit's administrators. A submitted disclosure's new assessor is told."""
    _require(can_name_assessor(user, disclosure))
    with transaction.atomic():
        locked = Disclosure.objects.select_for_update().select_related("center").get(pk=disclosure.pk)
        _require(can_name_assessor(user, locked))
        if assessor is not None:
            if not (
                assessor.is_active
                and assessor.role in UNIT_ROLES
                and assessor.organization_id == locked.center.lead_unit_id
            ):
                raise DomainError(_("The assessor must be an active user of the center's lead unit."), code="assessor")
            conflict = conflict_of(assessor, locked)
            if conflict:
                raise DomainError(
                    _("%(name)s cannot assess this disclosure: they wrote it or are one of its inventors.")
                    % {"name": assessor.display_name},
                    code="conflict",
                )
        before = {"assessor": locked.assessor_id}
        locked.assessor = assessor
        locked.save(update_fields=["assessor", "updated_at"])
        audit.record(
            "patents.disclosure.assign",
            locked,
            before=before,
            after={"assessor": assessor.pk if assessor else None},
            actor=user,
        )
        if assessor is not None and locked.status == S.SUBMITTED:
            notifications.close_tasks(locked)
            notifications.notify(
                [assessor],
                _("Invention disclosure to assess: %(number)s %(title)s")
                % {"number": locked.number, "title": locked.title},
                url=disclosure_url(locked),
                subject=locked,
                is_task=True,
            )
    return locked


# ---------------------------------------------------------------- the assessment


def _council_decision(center, decision) -> CouncilDecision | None:
    if decision in (None, ""):
        return None
    decision_id = getattr(decision, "pk", decision)
    found = disclosure_review_decisions(center).filter(pk=decision_id).first()
    if found is None:
        raise DomainError(
            _("The IP council decision must be one of this center's decisions on the review of invention disclosures."),
            code="council_decision",
        )
    return found


def assess(
    user,
    disclosure,
    *,
    technical,
    market,
    drafting,
    layout,
    conclusion,
    reasons,
    assessed_on: date | None = None,
    council_decision=None,
) -> PreFilingAssessment:
    """Record the assessment of a submitted disclosure and take the transition its conclusion picks (see the
    module's docstring). Scores: Decimal, int or strict text; `assessed_on`: a date, today by default."""
    labels = criteria_labels()
    scores = {
        name: parse_score(value, label=labels[name])
        for name, value in zip(CRITERIA, (technical, market, drafting, layout), strict=True)
    }
    if conclusion not in Conclusion.values:
        raise DomainError(_("Please choose the conclusion of the assessment."), code="conclusion")
    reasons = inputs.normalised_text(reasons or "") if isinstance(reasons, str) else ""
    if not reasons:
        raise DomainError(_("Please give the reasons for the conclusion."), code="reasons")
    today = clock.today()
    if assessed_on is None:
        assessed_on = today
    if not isinstance(assessed_on, date):
        raise DomainError(_("Please fill in: %(field)s.") % {"field": _("assessed on")}, code="assessed_on")
    if assessed_on > today:
        raise DomainError(
            _("The assessment date cannot be in the future (today is %(today)s).") % {"today": today.isoformat()},
            code="future",
        )
    action = BY_CONCLUSION[conclusion]
    decision = _council_decision(disclosure.center, council_decision)
    weights = weights_dict(weights_of(disclosure.center))
    assessment = PreFilingAssessment(
        disclosure=disclosure,
        weighted_score=weighted_score(scores, weights),
        weights=weights,
        conclusion=conclusion,
        reasons=reasons,
        assessor=user,
        assessed_on=assessed_on,
        **scores,
    )
    inputs.check_instance(assessment)
    full_clean(assessment, exclude=["disclosure", "assessor"])
    changes = {"council_decision": decision} if decision is not None else None
    with transaction.atomic():
        locked = DISCLOSURE.apply(user, disclosure, action, reason=reasons, changes=changes)
        assessment.disclosure = locked
        assessment.save()
        audit.record(
            "patents.assessment.create",
            assessment,
            after=audit.snapshot(assessment, exclude=("reasons",)),
            message=reasons,
            actor=user,
        )
    return assessment


def disclosure_reassess(user, disclosure, *, reason) -> Disclosure:
    """An assessed or closed disclosure goes back to the assessor (new facts, a changed market): reason required."""
    return DISCLOSURE.apply(user, disclosure, "reassess", reason=reason)


# ---------------------------------------------------------------- filing


def _patent_by_number(center, application_number) -> Patent:
    from . import numbers

    number = numbers.normalise(application_number)
    found = Patent.objects.filter(center_id=center.pk, application_number=number.number).first()
    if found is None:
        raise DomainError(
            _(
                "No patent with the application number %(number)s in this center's portfolio: enter or import it "
                "in the portfolio first."
            )
            % {"number": number.number},
            code="no_patent",
        )
    return found


def disclosure_link(user, disclosure, *, patent=None, application_number="") -> Disclosure:
    """Link an assessed disclosure (concluded "file") to its patent of the same center — chosen (`patent`) or found
    by its application number — which no other disclosure is linked to; the disclosure becomes filed."""
    typed = (application_number or "").strip() if isinstance(application_number, str) else ""
    if patent is None and not typed:
        raise DomainError(_("Choose the patent or type its application number."), code="patent")
    if patent is not None and typed:
        raise DomainError(_("Choose the patent or type its application number, not both."), code="patent")
    center = disclosure.center
    if patent is None:
        patent = _patent_by_number(center, typed)
    with transaction.atomic():
        patent = Patent.objects.select_for_update().filter(pk=getattr(patent, "pk", patent)).first()
        if patent is None or patent.center_id != center.pk:
            raise DomainError(_("The patent must be one of this center's patents."), code="patent")
        other = Disclosure.objects.filter(patent_id=patent.pk).exclude(pk=disclosure.pk).first()
        if other is not None:
            raise DomainError(
                _("%(patent)s is already linked to disclosure %(number)s.")
                % {"patent": patent.display_number, "number": other.number},
                code="linked",
            )
        try:
            with transaction.atomic():
                return DISCLOSURE.apply(user, disclosure, "file", changes={"patent": patent})
        except (IntegrityError, ValidationError):  # the constraint `one_disclosure_per_patent` under a race
            raise DomainError(
                _("%(patent)s has just been linked to another disclosure.") % {"patent": patent.display_number},
                code="linked",
            ) from None


# ---------------------------------------------------------------- weights


def weights_save(user, center, *, technical, market, drafting, layout) -> AssessmentWeights:
    """Set the center's four weights (percent, 0–100 each, two decimals at most, adding up to exactly 100)."""
    _require(policies.can_configure(user, center))
    labels = {
        "technical": _("technical height (%)"),
        "market": _("market prospects (%)"),
        "drafting": _("drafting quality (%)"),
        "layout": _("layout fit (%)"),
    }
    values = {
        name: parse_score(value, label=labels[name])
        for name, value in zip(CRITERIA, (technical, market, drafting, layout), strict=True)
    }
    total = sum(values.values())
    if total != rules.WEIGHTS_TOTAL:
        raise DomainError(
            _("The four weights must add up to 100; they add up to %(total)s.") % {"total": total.normalize()},
            code="total",
        )
    with transaction.atomic():
        center = _lock(center)
        _require(policies.can_configure(user, center))
        weights = AssessmentWeights.objects.select_for_update().filter(center=center).first()
        created = weights is None
        weights = weights or AssessmentWeights(center=center)
        before = {} if created else weights_dict(weights)
        for name, value in values.items():
            setattr(weights, name, value)
        inputs.check_instance(weights)
        weights.save()
        old, new = audit.changed(before, weights_dict(weights))
        audit.record("patents.assessment_weights.update", weights, before=old, after=new, actor=user)
    return weights


# ---------------------------------------------------------------- coverage (the KPI, Art. 16)


@dataclass(frozen=True)
class Coverage:
    assessed: int
    filed: int
    percent: Decimal | None
    patent_ids: list[int]


def assessed_patents_q() -> Q:
    """On `Patent`: linked to a disclosure of its own center with an assessment dated on or before its filing date."""
    return Q(
        Exists(
            PreFilingAssessment.objects.filter(
                disclosure__patent_id=OuterRef("pk"),
                disclosure__center_id=OuterRef("center_id"),
                assessed_on__lte=OuterRef("filing_date"),
            )
        )
    )


def filed_inventions(center, start: date, end: date) -> QuerySet[Patent]:
    """The denominator: the center's invention applications filed in [start, end]."""
    return Patent.objects.filter(
        center_id=getattr(center, "pk", center),
        patent_type=Patent.Type.INVENTION,
        filing_date__gte=start,
        filing_date__lte=end,
    )


def coverage(center, start: date, end: date) -> Coverage:
    """The share of the center's invention applications filed in [start, end] that were assessed before filing
    (see the module's docstring). Two queries, whatever the number of patents."""
    if start > end:
        raise DomainError(_("The start of the period cannot be after its end."), code="period")
    filed = filed_inventions(center, start, end)
    counts = filed.aggregate(filed=Count("pk"), assessed=Count("pk", filter=assessed_patents_q()))
    ids = (
        list(filed.filter(assessed_patents_q()).order_by("pk").values_list("pk", flat=True))
        if counts["assessed"]
        else []
    )
    total, assessed = counts["filed"], counts["assessed"]
    percent = None
    if total:
        percent = (Decimal(assessed) * 100 / Decimal(total)).quantize(CENT, rounding=ROUND_HALF_UP)
    return Coverage(assessed=assessed, filed=total, percent=percent, patent_ids=ids)


# ---------------------------------------------------------------- confidentiality of the trail


def register_confidential() -> None:
    """An unfiled invention is confidential: the audit administrator sees that a disclosure's text or an
    assessment's scores and reasons changed, not what they say (apps.audit.confidential)."""
    from apps.audit import confidential

    confidential.register(
        object_type="patents.disclosure",
        fields=confidential.ALL,
        visible={"id", "center", "number", "status", "patent", "assessor", "created_by", "council_decision"},
        message=True,
    )
    confidential.register(
        object_type="patents.prefilingassessment",
        fields=confidential.ALL,
        visible={"id", "disclosure", "assessor", "assessed_on", "conclusion"},
        message=True,
    )
