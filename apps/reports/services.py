"""Writing annual work reports (Art. 14). Each function is one transaction: it checks the policy, changes the
rows, writes the audit entry (apps.audit) and, for a transition, goes through `workflow.ANNUAL_REPORT.apply` (row
lock, state check, notice to whoever acts next). Every refusal is a `DomainError` with a Chinese message, after
which nothing has changed.

- `open_report(center, year, *, due_on=None)`: the center's report of the year, created once (get or create) and
  pre-filled with the platform's figures (`prefill.figures_of`); the worker (`tasks.open_year`) calls it;
- `set_due_date(officer, year, due_on)`: the region's due date for a year's reports (after 31 December of the
  report year); the year's reports not yet submitted follow it;
- `update_sections(user, report, **sections)`: the lead unit writes the sections while a draft or returned;
- `refresh_figures(report, *, user=None)`: the figures again from the records (while a draft or returned);
- `comment(user, report, key, text, evidence=None)`: the unit's comment on one figure, with an evidence file;
- `submit`, `forward`, `return_`, `receive`, `region_return`: the transitions, each with a `ReportEvent`;
- `compare(version_a, version_b)`: what changed between two submitted versions, section by section and figure by
  figure."""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.centers.contract_compare import segments
from apps.core import clock, inputs
from apps.core.errors import DomainError, PermissionDenied
from apps.core.roles import Role

from . import policies, rules
from .models import AnnualReport, FigureComment, ReportEvent, ReportingYear, ReportVersion
from .workflow import ANNUAL_REPORT, unit_admins

S = AnnualReport.Status
EVIDENCE_KIND = "figure_evidence"


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _actor_label(user) -> str:
    if user is None:
        return _("the system")
    return f"{user.display_name}（{Role(user.role).label}）"


def _event(report, action, *, user=None, opinion="", status_from="", status_to="", version=None) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report,
        action=action,
        opinion=opinion,
        status_from=status_from,
        status_to=status_to,
        version=version,
        actor=user if getattr(user, "is_authenticated", False) else None,
        actor_label=_actor_label(user),
        created_at=clock.now(),
    )


def section_label(name) -> str:
    return str(AnnualReport._meta.get_field(name).verbose_name)


# ---------------------------------------------------------------- years and due dates


def _check_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise DomainError(_("Please give the report year."), code="year") from None
    if not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
        raise DomainError(
            _("The report year must be between %(first)s and %(last)s.")
            % {"first": rules.FIRST_YEAR, "last": rules.LAST_YEAR},
            code="year",
        )
    return year


def default_due_on(year: int) -> datetime.date:
    """31 January of the year after the report year (`rules.DEFAULT_DUE_MONTH/DAY`)."""
    return datetime.date(year + 1, rules.DEFAULT_DUE_MONTH, rules.DEFAULT_DUE_DAY)


def due_on_of(year: int) -> datetime.date:
    """The due date the region set for `year`, else the default."""
    row = ReportingYear.objects.filter(year=year).only("due_on").first()
    return row.due_on if row is not None else default_due_on(year)


def _check_due_on(year: int, due_on) -> datetime.date:
    if not isinstance(due_on, datetime.date):
        raise DomainError(_("Please give the due date."), code="due_on")
    if due_on <= datetime.date(year, 12, 31):
        raise DomainError(
            _(
                "The due date must fall after the report year has ended (after 31 December %(year)s): "
                "%(date)s is refused."
            )
            % {"year": year, "date": due_on.isoformat()},
            code="due_on",
        )
    try:
        inputs.BUSINESS_DATES(due_on)
    except Exception:
        raise DomainError(
            _("The due date %(date)s is outside the dates the platform accepts.") % {"date": due_on.isoformat()},
            code="due_on",
        ) from None
    return due_on


@transaction.atomic
def set_due_date(officer, year, due_on) -> ReportingYear:
    """The region sets the due date of `year`'s reports (after the year has ended). The year's reports not yet
    submitted (drafts) take the new date; one submitted already keeps its own (its lateness is fixed)."""
    _require(policies.can_manage_years(officer))
    year = _check_year(year)
    due_on = _check_due_on(year, due_on)
    row = ReportingYear.objects.select_for_update().filter(year=year).first()
    before = audit.snapshot(row) if row is not None else None
    if row is None:
        row = ReportingYear(year=year)
    row.due_on = due_on
    row.updated_by = officer
    row.full_clean()
    row.save()
    after = audit.snapshot(row)
    if before is not None:
        before, after = audit.changed(before, after)
    audit.record(
        "reports.due_date",
        row,
        before=before,
        after=after,
        message=_("Due date of the %(year)s reports: %(date)s") % {"year": year, "date": due_on.isoformat()},
        actor=officer,
    )
    following = AnnualReport.objects.select_for_update().filter(
        year=year, status=S.DRAFT, first_submitted_on__isnull=True
    )
    today = clock.today()
    for report in following.exclude(due_on=due_on):
        old = report.due_on
        report.due_on = due_on
        fields = ["due_on", "updated_at"]
        if report.overdue_since is not None and due_on >= today:
            report.overdue_since = None  # the new date has not passed: no longer overdue
            fields.append("overdue_since")
        report.save(update_fields=fields)
        audit.record(
            "reports.report.due_date",
            report,
            before={"due_on": old.isoformat()},
            after={"due_on": due_on.isoformat()},
            actor=officer,
        )
        _event(
            report,
            "due_date",
            user=officer,
            opinion=_("Due date changed from %(old)s to %(new)s.")
            % {"old": old.isoformat(), "new": due_on.isoformat()},
        )
    return row


# ---------------------------------------------------------------- opening a report


def open_report(
    center,
    year,
    *,
    due_on: datetime.date | None = None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> AnnualReport:
    """The center's report of `year`: the existing one, else a new draft pre-filled with the figures as of the
    period's end (idempotent: a second call, or two workers at once, give the same report and change nothing).
    `due_on`: the year's due date by default (`due_on_of`); the period runs over the calendar year unless the worker
    gives its bounds (a center terminated during the year reports up to its end)."""
    year = _check_year(year)
    existing = AnnualReport.objects.filter(center=center, year=year).first()
    if existing is not None:
        return existing
    period_start = period_start or datetime.date(year, 1, 1)
    period_end = period_end or datetime.date(year, 12, 31)
    if period_end < period_start:
        raise DomainError(_("The report period ends before it starts."), code="period")
    due_on = _check_due_on(year, due_on or due_on_of(year))
    try:
        with transaction.atomic():
            report = AnnualReport(
                center=center,
                year=year,
                period_start=period_start,
                period_end=period_end,
                due_on=due_on,
            )
            _fill(report)
            report.full_clean(validate_unique=False, validate_constraints=False)
            report.save()
            audit.record(
                "reports.open",
                report,
                after=audit.snapshot(report, exclude=("figures",)),
                message=_("Annual work report %(year)s opened, due %(date)s")
                % {"year": year, "date": due_on.isoformat()},
            )
            _event(report, "open", opinion=_("Due %(date)s.") % {"date": due_on.isoformat()})
            _tell_unit(report)
    except IntegrityError:
        # Another worker opened it first (unique center + year): theirs is the report.
        found = AnnualReport.objects.filter(center=center, year=year).first()
        if found is None:
            raise
        return found
    return report


def _tell_unit(report) -> None:
    from apps.notifications import services as notifications

    from .workflow import report_url

    notifications.notify(
        unit_admins(report),
        _("Annual work report %(year)s to write and submit by %(date)s: %(name)s")
        % {"year": report.year, "date": report.due_on.isoformat(), "name": report.center.name},
        url=report_url(report),
        subject=report,
        is_task=True,
    )


def _fill(report) -> None:
    """The figures as of the period's end, from the platform's records (`prefill.figures_of`)."""
    from . import prefill

    report.figures = prefill.figures_of(report.center, period_start=report.period_start, period_end=report.period_end)
    report.figures_as_of = report.period_end
    report.figures_refreshed_at = clock.now()


# ---------------------------------------------------------------- the figures


@dataclass(frozen=True)
class Figure:
    group_key: str
    group_title: str
    key: str
    label: str
    value: str
    target: str = ""
    status: str = ""
    url: str = ""
    number: str | None = None


def figure_rows(figures) -> list[Figure]:
    """The figures of a report (or of a frozen version) as one flat list, in order."""
    rows = []
    for group in (figures or {}).get("groups", []) or []:
        for row in group.get("rows", []) or []:
            rows.append(
                Figure(
                    group_key=str(group.get("key", "")),
                    group_title=str(group.get("title", "")),
                    key=str(row.get("key", "")),
                    label=str(row.get("label", "")),
                    value=str(row.get("value", "")),
                    target=str(row.get("target", "") or ""),
                    status=str(row.get("status", "") or ""),
                    url=str(row.get("url", "") or ""),
                    number=row.get("number"),
                )
            )
    return rows


def figure_keys(figures) -> set[str]:
    return {row.key for row in figure_rows(figures)}


def _lock(report) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update().select_related("center").get(pk=report.pk)
    return locked


@transaction.atomic
def refresh_figures(report, *, user=None) -> AnnualReport:
    """The figures again from the records, as of the period's end, while the report is a draft or returned (by the
    lead unit from the page; by the worker without a user)."""
    if user is not None:
        _require(policies.can_refresh(user, report))
    locked = _lock(report)
    if not locked.is_editable:
        raise DomainError(
            _("The report is “%(state)s”: its figures are frozen.") % {"state": locked.get_status_display()},
            code="state",
        )
    before = locked.figures
    _fill(locked)
    locked.save(update_fields=["figures", "figures_as_of", "figures_refreshed_at", "updated_at"])
    old = {row.key: row.value for row in figure_rows(before)}
    new = {row.key: row.value for row in figure_rows(locked.figures)}
    changed = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    audit.record(
        "reports.refresh",
        locked,
        before={k: old.get(k) for k in changed},
        after={k: new.get(k) for k in changed},
        message=_("Figures refreshed as of %(date)s: %(count)s changed")
        % {"date": locked.figures_as_of.isoformat(), "count": len(changed)},
        actor=user,
    )
    return locked


# ---------------------------------------------------------------- writing


@transaction.atomic
def update_sections(user, report, *, seen_at: str = "", **sections) -> AnnualReport:
    """The lead unit's users write the sections (any of `AnnualReport.SECTIONS`) while the report is a draft or
    returned. `seen_at`: the report's `updated_at` when the form was opened (ISO): someone else's save in between
    is refused rather than overwritten."""
    _require(policies.can_edit(user, report))
    unknown = sorted(set(sections) - set(AnnualReport.SECTIONS))
    if unknown:
        raise DomainError(_("Unknown sections: %(names)s.") % {"names": "、".join(unknown)}, code="section")
    for name, value in sections.items():
        if value is None:
            sections[name] = ""
        elif not isinstance(value, str):
            raise DomainError(_("%(field)s: please write text.") % {"field": section_label(name)}, code="section")
        inputs.check_length(sections[name], limit=rules.SECTION_MAX, label=section_label(name))
    locked = _lock(report)
    _require(policies.can_edit(user, locked))  # the state again, under the lock
    if seen_at and seen_at != locked.updated_at.isoformat():
        raise DomainError(
            _(
                "Someone else saved this report after you opened it: your text is kept below. Open the report in "
                "another tab, merge the changes and save again."
            ),
            code="conflict",
        )
    before = {name: getattr(locked, name) for name in sections}
    changed = [name for name, value in sections.items() if before[name] != value]
    if not changed:
        return locked
    for name in changed:
        setattr(locked, name, sections[name])
    locked.save(update_fields=[*changed, "updated_at"])
    audit.record(
        "reports.sections",
        locked,
        before={name: before[name] for name in changed},
        after={name: sections[name] for name in changed},
        message=_("Sections saved: %(names)s") % {"names": "、".join(section_label(n) for n in changed)},
        actor=user,
    )
    return locked


@transaction.atomic
def comment(user, report, key, text, evidence=None) -> FigureComment:
    """The unit's comment on the figure `key` (a disagreement, an explanation), with an optional evidence file
    (apps.attachments, owned by the comment). The figure itself is never typed over."""
    _require(policies.can_comment(user, report))
    text = inputs.required_text(text, message=_("Please write the comment."), code="text")
    inputs.check_length(text, limit=rules.COMMENT_MAX, label=_("Your comment"))
    locked = _lock(report)
    _require(policies.can_comment(user, locked))
    rows = {row.key: row for row in figure_rows(locked.figures)}
    if key not in rows:
        raise DomainError(_("The report has no such figure: refresh the page."), code="key")
    found = FigureComment.objects.select_for_update().filter(report=locked, key=key).first()
    before = audit.snapshot(found) if found is not None else None
    if found is None:
        found = FigureComment(report=locked, key=key)
    found.text = text
    found.updated_by = user
    found.save()
    if evidence is not None:
        from apps.attachments import services as attachments

        attachments.attachment_store(evidence, owner=found, kind=EVIDENCE_KIND, user=user)
    after = audit.snapshot(found)
    if before is not None:
        before, after = audit.changed(before, after)
    audit.record(
        "reports.comment",
        found,
        before=before,
        after=after,
        message=_("Comment on “%(figure)s”") % {"figure": rows[key].label},
        actor=user,
    )
    return found


# ---------------------------------------------------------------- transitions


def _snapshot_content(report) -> dict:
    comments = dict(FigureComment.objects.filter(report_id=report.pk).order_by("key").values_list("key", "text"))
    return {
        "sections": {name: getattr(report, name) for name in AnnualReport.SECTIONS},
        "figures": report.figures,
        "comments": comments,
        "figures_as_of": report.figures_as_of.isoformat() if report.figures_as_of else None,
    }


def _transition(user, report, action, *, opinion="", changes=None, prepare=None) -> AnnualReport:
    """`ANNUAL_REPORT.apply` (row lock, state, who, conditions, audit, notice) and the timeline's row."""
    status_from = report.status  # `apply` refuses when the row's state differs under the lock
    locked = ANNUAL_REPORT.apply(user, report, action, reason=opinion, changes=changes, prepare=prepare)
    _event(
        locked,
        action,
        user=user,
        opinion=opinion,
        status_from=status_from,
        status_to=locked.status,
        version=locked.version or None,
    )
    return locked


@transaction.atomic
def submit(user, report) -> AnnualReport:
    """The lead unit's administrator submits the report to the prefecture office (every section written). The
    version is frozen (`ReportVersion`), the first submission fixes the lateness in days (a resubmission after a
    return does not change it). A second click finds the report submitted already and is refused."""
    now = clock.now()
    today = clock.today(now)

    def prepare(locked):
        locked.version += 1
        locked.submitted_at = now
        if locked.first_submitted_on is None:
            locked.first_submitted_on = today
            locked.days_late = max(0, (today - locked.due_on).days)
        ReportVersion.objects.create(
            report=locked,
            number=locked.version,
            content=_snapshot_content(locked),
            submitted_by=user,
            submitted_at=now,
        )

    return _transition(user, report, "submit", prepare=prepare)


@transaction.atomic
def forward(user, report, opinion) -> AnnualReport:
    """The office of the center's prefecture forwards the report to the region with its opinion."""
    return _transition(user, report, "forward", opinion=opinion, changes={"forwarded_at": clock.now()})


@transaction.atomic
def return_(user, report, reasons) -> AnnualReport:
    """The office of the center's prefecture returns the report to the lead unit with its reasons."""
    return _transition(user, report, "return", opinion=reasons)


@transaction.atomic
def receive(user, report, note: str = "") -> AnnualReport:
    """The regional bureau acknowledges receipt of a forwarded report."""
    return _transition(user, report, "receive", opinion=note, changes={"received_at": clock.now()})


@transaction.atomic
def region_return(user, report, reasons) -> AnnualReport:
    """The regional bureau returns a forwarded report once more, with its reasons."""
    return _transition(user, report, "region_return", opinion=reasons)


def act(user, report, action, *, opinion="") -> AnnualReport:
    """The transition `action` by name (the report page's buttons)."""
    if action == "submit":
        return submit(user, report)
    if action == "forward":
        return forward(user, report, opinion)
    if action == "return":
        return return_(user, report, opinion)
    if action == "receive":
        return receive(user, report, opinion)
    if action == "region_return":
        return region_return(user, report, opinion)
    raise DomainError(_("Unknown action."), code="action")


# ---------------------------------------------------------------- comparing versions


@dataclass
class SectionDiff:
    name: str
    label: str
    before: str
    after: str
    parts: list = field(default_factory=list)  # [(op, text)]: equal | delete | insert | skip (contract_compare)

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class FigureDiff:
    key: str
    group_title: str
    label: str
    before: str | None  # None: not in that version
    after: str | None
    comment_before: str = ""
    comment_after: str = ""

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def comment_changed(self) -> bool:
        return self.comment_before != self.comment_after


@dataclass
class Comparison:
    a: ReportVersion
    b: ReportVersion
    sections: list
    figures: list

    @property
    def changed_sections(self) -> list:
        return [s for s in self.sections if s.changed]

    @property
    def changed_figures(self) -> list:
        return [f for f in self.figures if f.changed or f.comment_changed]


def compare(version_a: ReportVersion, version_b: ReportVersion) -> Comparison:
    """What changed from `version_a` to `version_b`: each section (with its pieces of text deleted and inserted)
    and each figure (its value and the unit's comment on it; a figure in only one version has None in the other)."""
    if version_a.report_id != version_b.report_id:
        raise DomainError(_("Only versions of the same report can be compared."), code="versions")
    content_a, content_b = version_a.content or {}, version_b.content or {}
    sections_a, sections_b = content_a.get("sections", {}), content_b.get("sections", {})
    sections = []
    for name in AnnualReport.SECTIONS:
        before, after = str(sections_a.get(name, "") or ""), str(sections_b.get(name, "") or "")
        sections.append(
            SectionDiff(name, section_label(name), before, after, segments(before, after) if before != after else [])
        )
    rows_a = {row.key: row for row in figure_rows(content_a.get("figures"))}
    rows_b = {row.key: row for row in figure_rows(content_b.get("figures"))}
    comments_a, comments_b = content_a.get("comments", {}) or {}, content_b.get("comments", {}) or {}
    keys = list(rows_b) + [key for key in rows_a if key not in rows_b]
    figures = []
    for key in keys:
        row = rows_b.get(key) or rows_a[key]
        figures.append(
            FigureDiff(
                key=key,
                group_title=row.group_title,
                label=row.label,
                before=rows_a[key].value if key in rows_a else None,
                after=rows_b[key].value if key in rows_b else None,
                comment_before=str(comments_a.get(key, "") or ""),
                comment_after=str(comments_b.get(key, "") or ""),
            )
        )
    return Comparison(version_a, version_b, sections, figures)
