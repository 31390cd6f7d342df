"""Writing navigation reports (专利导航报告, Art. 13(2); GB/T 39551 industry navigation). Each function checks the
policy, changes the rows in one transaction, writes the audit entry and (sharing) notifies; every refusal is a
`DomainError` with a Chinese message, after which nothing has changed.

- `create_report(user, dataset, *, title, scope_data) -> Navigation`: the lead unit defines a report over one of its
  center's READY datasets. `scope_data` is what the form or a script gives (`scope.parse`: IPC prefixes, keywords,
  applicants, year range, regions, combine); the report keeps what a reader needs to reproduce it — the scope
  (`Scope.as_dict()`), the search strategy written out (`scope.strategy`), the data source and its cut-off date
  and the dataset version copied from the dataset — and the analyses' results as computed (`analyses.run_all`),
  with `records` = the records in scope and `computed_at`;
- `recompute_report(user, report) -> Navigation`: the same scope over the dataset's current version (the results,
  the version, the source, the cut-off date and `computed_at` refreshed);
- `share_report(user, report, *, shared) -> Navigation`: shares the report with the center's IP council (the
  units on the council and the current partners then see it: `policies.can_view_report`) or withdraws it; on
  sharing, the administrators of those units are notified;
- `delete_report(user, report) -> None`: the lead unit removes a report (the audit entry keeps its scope).

The analyses run outside any row lock on the dataset (a whole report takes up to ~10 s on 10 million records; an
import must not wait for it): the dataset row is read once, the version recorded is the one read, and the Parquet
file of that version is what `store.records_sql` opened."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.centers.models import CenterPartner, CouncilMember
from apps.core import clock, hooks, inputs
from apps.core.errors import DomainError
from apps.core.policy import require
from apps.core.roles import Role

from . import analyses, policies
from . import scope as scopes
from .models import LandscapeDataset, Navigation

TITLE_MAX = Navigation._meta.get_field("title").max_length


def _ready(dataset: LandscapeDataset) -> None:
    """Refuse a dataset that cannot be analysed now (importing, or no version yet)."""
    if dataset.status == LandscapeDataset.Status.IMPORTING:
        raise DomainError(
            _("The dataset is being imported: define or recompute the report once the import has finished."),
            code="dataset_not_ready",
        )
    if not dataset.is_ready:
        raise DomainError(_("The dataset has no records yet: import a file first."), code="dataset_not_ready")


def _title(title) -> str:
    text = inputs.required_text(title, message=_("Please give the report a title."), code="title", single_line=True)
    if len(text) > TITLE_MAX:
        raise DomainError(
            _("The report title has at most %(n)s characters; it has %(count)s.")
            % {"n": TITLE_MAX, "count": len(text)},
            code="title",
        )
    return text


def _fresh_dataset(dataset) -> LandscapeDataset:
    return LandscapeDataset.objects.select_related("center").get(pk=dataset.pk)


def _summary(report: Navigation) -> dict:
    """What the audit entry keeps of a report (never its results: they are derived)."""
    return {
        "title": report.title,
        "dataset": report.dataset_id,
        "dataset_version": report.dataset_version,
        "scope": report.scope,
        "strategy": report.strategy,
        "records": report.records,
        "shared_with_council": report.shared_with_council,
    }


def create_report(user, dataset, *, title, scope_data: dict) -> Navigation:
    """A new report of `dataset` (see the module docstring). Refused: not the lead unit of a center that keeps
    records (PermissionDenied), an empty or too long title, a bad scope (`scope.parse`'s message), a dataset that
    is importing or empty."""
    dataset = _fresh_dataset(dataset)
    require(policies.can_work(user, dataset.center))
    title = _title(title)
    scope = scopes.parse(scope_data)
    _ready(dataset)
    results = analyses.run_all(dataset, scope)
    report = Navigation(
        center=dataset.center,
        dataset=dataset,
        title=title,
        scope=scope.as_dict(),
        strategy=scopes.strategy(scope),
        data_source=dataset.source,
        cutoff_date=dataset.cutoff_date,
        dataset_version=dataset.version,
        records=int(results.get("total") or 0),
        results=results,
        computed_at=clock.now(),
        created_by=user,
    )
    inputs.check_instance(report)
    with transaction.atomic():
        report.save()
        audit.record(
            "navigation.report.create",
            report,
            after=_summary(report),
            message=_("Navigation report defined: %(title)s") % {"title": report.title},
            actor=user,
        )
    return report


def recompute_report(user, report) -> Navigation:
    """The report's saved scope over its dataset's current version. Refused: not the lead unit, the dataset
    importing or empty, a saved scope that no longer parses (its message)."""
    require(policies.can_work(user, report.center))
    dataset = _fresh_dataset(report.dataset)
    _ready(dataset)
    scope = scopes.from_saved(report.scope)
    results = analyses.run_all(dataset, scope)
    with transaction.atomic():
        locked = Navigation.objects.select_for_update().get(pk=report.pk)
        before = {"dataset_version": locked.dataset_version, "records": locked.records}
        locked.results = results
        locked.records = int(results.get("total") or 0)
        locked.dataset_version = dataset.version
        locked.data_source = dataset.source
        locked.cutoff_date = dataset.cutoff_date
        locked.computed_at = clock.now()
        locked.save(
            update_fields=["results", "records", "dataset_version", "data_source", "cutoff_date", "computed_at"]
            + ["updated_at"]
        )
        audit.record(
            "navigation.report.recompute",
            locked,
            before=before,
            after={"dataset_version": locked.dataset_version, "records": locked.records},
            message=_("Navigation report recomputed from dataset version %(version)s")
            % {"version": locked.dataset_version},
            actor=user,
        )
    locked.dataset = dataset
    return locked


def council_unit_admins(center):
    """The active administrators of the units on the center's IP council and of its current partners (the lead
    unit itself excluded): who is told when a report is shared."""
    organizations = set(
        CouncilMember.objects.filter(center=center, organization__isnull=False).values_list(
            "organization_id", flat=True
        )
    )
    organizations |= set(
        CenterPartner.objects.filter(center=center, left_on__isnull=True).values_list("organization_id", flat=True)
    )
    organizations.discard(center.lead_unit_id)
    return get_user_model().objects.filter(role=Role.UNIT_ADMIN, organization_id__in=organizations, is_active=True)


def share_report(user, report, *, shared: bool) -> Navigation:
    """Share the report with the IP council (`shared=True`) or withdraw it. Sharing twice changes nothing (and
    notifies no one twice)."""
    require(policies.can_share(user, report))
    with transaction.atomic():
        locked = Navigation.objects.select_for_update().select_related("center").get(pk=report.pk)
        if locked.shared_with_council == shared:
            return locked
        locked.shared_with_council = shared
        locked.save(update_fields=["shared_with_council", "updated_at"])
        audit.record(
            "navigation.report.share" if shared else "navigation.report.withdraw",
            locked,
            before={"shared_with_council": not shared},
            after={"shared_with_council": shared},
            actor=user,
        )
        if shared:
            hooks.notifier().notify(
                council_unit_admins(locked.center),
                _("Navigation report shared with the IP council: %(title)s") % {"title": locked.title},
                body=_("%(center)s has shared the navigation report “%(title)s” with its IP council.")
                % {"center": locked.center.name, "title": locked.title},
                url=reverse("navigation:report", args=[locked.pk]),
                subject=locked,
            )
    return locked


def delete_report(user, report) -> None:
    """Remove the report (the lead unit); the audit entry keeps its title, scope and strategy."""
    require(policies.can_work(user, report.center))
    with transaction.atomic():
        locked = Navigation.objects.select_for_update().filter(pk=report.pk).first()
        if locked is None:
            return  # already removed (a second click): nothing to do
        audit.record(
            "navigation.report.delete",
            locked,
            before=_summary(locked),
            message=_("Navigation report removed: %(title)s") % {"title": locked.title},
            actor=user,
        )
        locked.delete()
