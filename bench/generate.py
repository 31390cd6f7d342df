"""A deterministic generator of realistic volumes for the benchmark (issue 14): N applications through the models,
with everything around them — organizations of every prefecture, accounts of every role, 8 calls with 33 topics,
every workflow state in realistic proportions, partners, indicators with yearly targets, budgets, attachments'
metadata, versions, timelines, expert panels with per-criterion scores (about 30 % of the applications),
selections with their public notices, and the officers' open tasks.

    generate(10_000, seed=2026) -> dict     # usernames and ids the bench needs, counts and timings
    python bench/generate.py --applications 10000 [--seed 2026] [--no-migrate]

The same seed gives the same rows on the same day (dates are anchored on `clock.today()`). The database must hold no
application yet (a fresh, migrated database). Each kind of object is one module of bench/generators/, run in the
order `generate` lists them; later features (reports, evaluations) add theirs (bench/README.md).
"""

import argparse
import gc
import json
import math
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


def sizes(n_applications: int) -> dict:
    """How many of the other objects N applications need: a call holds at most ~16 % of the applications and each
    of them has its own lead unit (one active application per lead unit and call)."""
    n = n_applications
    return {
        "leads": max(40, math.ceil(n * 0.19) + 10),
        "partners": max(40, n // 8),
        "experts": max(12, min(150, 20 + n // 1000)),
    }


def _choose(ctx) -> dict:
    """What the bench logs in as and opens: the busiest prefecture office, the unit with the most applications, an
    application with its expert scores and two partners, an expert of a scoring panel."""
    from apps.applications.models import Application

    apps = ctx.apps
    per_prefecture, per_unit = {}, {}
    for app in apps:
        if app.state != Application.Status.DRAFT:
            code = app.lead.prefecture.code
            per_prefecture[code] = per_prefecture.get(code, 0) + 1
        per_unit[app.lead.credit_code] = per_unit.get(app.lead.credit_code, 0) + 1
    prefecture = max(sorted(per_prefecture), key=lambda c: per_prefecture[c])
    unit = max(sorted(per_unit), key=lambda c: per_unit[c])
    scored = [a for a in apps if a.review_score is not None]
    scored.sort(key=lambda a: (len(a.content["partners"]) != 2, a.state != Application.Status.APPROVED, -a.index))
    detail = scored[0] if scored else apps[-1]
    scoring = next((p for p in ctx.panels if p.status == "scoring"), None)
    built = ctx.data.get("centers", [])
    running = [c for c in built if c.entries] or built
    center = max(running, key=lambda c: (len(c.entries), -c.center.pk), default=None)
    return {
        **_choose_patents(ctx),
        **ctx.data.get("kpi_center", {}),
        **_choose_reports(ctx),
        **_choose_evaluations(ctx),
        "regional": ctx.regional_officers[0].username,
        "prefecture": ctx.prefecture_officers[prefecture][0].username,
        "prefecture_code": prefecture,
        "unit": ctx.unit_admins[unit].username,
        "unit_applications": per_unit[unit],
        "expert": (scoring or ctx.panels[0]).members[0].username if ctx.panels else ctx.experts[0].username,
        "application_with_scores": detail.row.pk,
        "application_partners": len(detail.content["partners"]),
        "application_reviews": len(detail.reviews),
        "centers": len(built),
        "centers_approved": ctx.data.get("centers_approved", 0),
        "center_with_ledger": center.center.pk if center else None,
        "center_ledger_entries": len(center.entries) if center else 0,
    }


def _choose_reports(ctx) -> dict:
    """The annual reports the bench opens: the busiest prefecture office's list of reports and the report of the
    center with the most KPIs (the largest figures snapshot), received by the region."""
    built = ctx.data.get("reports", [])
    if not built:
        return {"reports": 0}
    received = [r for r in built if r.row.status == "received"] or built
    richest = max(received, key=lambda r: (sum(len(g["rows"]) for g in r.row.figures["groups"]), -r.row.pk))
    per_prefecture = {}
    for r in built:
        per_prefecture[r.center.prefecture_id] = per_prefecture.get(r.center.prefecture_id, 0) + 1
    busiest = max(sorted(per_prefecture), key=lambda p: per_prefecture[p])
    code = next(code for code, p in ctx.prefectures.items() if p.pk == busiest)
    return {
        "reports": len(built),
        "report_detail": richest.row.pk,
        "reports_prefecture": ctx.prefecture_officers[code][0].username,
        "reports_prefecture_count": per_prefecture[busiest],
    }


def _choose_evaluations(ctx) -> dict:
    """The latest round (the region's page of it, with every center in scope) and one of its supported
    evaluations (its page and its dossier)."""
    rounds = ctx.data.get("evaluation_rounds", [])
    if not rounds:
        return {"evaluations": 0}
    latest = rounds[-1]
    mine = [p for p in ctx.data["evaluations"] if p.round is latest and p.row.attempt == 1]
    shapes = _kpi_shapes([p.row.center_id for p in mine])
    # The dossier's KPI table reads one source per kind of metric its center's contract binds (patents, events,
    # registers, the high-value settings): the evaluation whose center binds the most kinds, so that the page has the
    # same shape, and the same queries, at every size.
    detail = min(mine, key=lambda p: (p.row.status != "supported", -len(shapes.get(p.row.center_id, ())), p.row.pk))
    return {
        "evaluations": len(ctx.data["evaluations"]),
        "evaluation_round": latest.pk,
        "evaluation_round_size": len(mine),
        "evaluation_detail": detail.row.pk,
    }


def _kpi_shapes(center_ids) -> dict[int, frozenset]:
    """{center id: the kinds of KPI-engine reads its contract in force binds (each metric's source, "high_value"
    for the metric that reads the region's high-value settings, "self" for a self-reported KPI)}."""
    from apps.centers.models import ContractIndicator
    from apps.patents.kpi import SELF_REPORTED
    from apps.patents.metrics import METRICS

    kinds: dict[int, set] = {}
    rows = ContractIndicator.objects.filter(
        version__contract__center_id__in=center_ids, version__status="in_force"
    ).values_list("version__contract__center_id", "metric")
    for center_id, metric in rows:
        found = kinds.setdefault(center_id, set())
        if metric == SELF_REPORTED:
            found.add("self")
        elif metric in METRICS:
            found.update({METRICS[metric].source, "high_value"} if metric == "high_value" else {METRICS[metric].source})
    return {center_id: frozenset(found) for center_id, found in kinds.items()}


def _choose_patents(ctx) -> dict:
    """The portfolio the bench opens: the largest of a center with a contract in force, seen by its lead unit's
    administrator; in it, the patent with the most records around it (gradings, events, standards, awards, family
    members, its disclosure). The KPI table is opened on another center, the same at every size (`_kpi_center`)."""
    portfolios = ctx.data.get("patents", [])
    kept = [p for p in portfolios if p.version is not None and p.records] or [p for p in portfolios if p.records]
    if not kept:
        return {"patents": 0}
    biggest = max(kept, key=lambda p: (len(p.records), -p.center.pk))
    graded = {}
    for row in biggest.gradings:
        graded[row.patent.pk] = graded.get(row.patent.pk, 0) + 1
    disclosed = {d.patent_id for d in biggest.disclosures if d.patent_id}

    def richness(rec):
        p = rec.patent
        around = len(rec.events) + len(rec.standards) + len(rec.awards) + rec.family + graded.get(p.pk, 0)
        return (around + (p.pk in disclosed), -p.pk)

    detail = max(biggest.records, key=richness)
    return {
        "patents": sum(len(p.records) for p in portfolios),
        "patents_center": biggest.center.pk,
        "patents_center_patents": len(biggest.records),
        "patents_unit": biggest.unit_admin.username,
        "patent_detail": detail.patent.pk,
    }


# The center whose KPI table the bench opens (`_kpi_center`): the same at every size.
KPI_CENTER_NAME = "内蒙古高价值专利培育中心（指标基准）"
KPI_CENTER_STORIES = 500  # its portfolio: `bench.generators.patents` stories (a PCT or foreign one holds 2–3 records)
KPI_CENTER_SIGNED_DAYS_AGO = 520  # its contract was signed (and its term began) this many days before today
KPI_CENTER_INDUSTRY = "rare-earth"  # the industry of its field (its patents' subjects), else the first by code


def _kpi_center(ctx) -> None:
    """The center the bench opens the KPI table of, built apart so that the page measures the same work at every
    size (the largest portfolio grows with the plan, and its contract's KPIs and their bindings are those of its
    call's topic): a center under construction named `KPI_CENTER_NAME`, from an approved application that became
    no center (the earliest decided), its contract signed `KPI_CENTER_SIGNED_DAYS_AGO` days ago (version 1 in
    force, 36 months) with every KPI of a topic (`calls.INDICATORS`: each bound to the metric its name suggests or
    reported by the center, as `patents._kpis` does) and a target per contract year, and a portfolio of
    `KPI_CENTER_STORIES` stories. Dates hang on `ctx.today` and the portfolio's random streams on the center's
    name, so the same seed gives the same patents, events, gradings and bindings at every size. Sets
    `ctx.data["kpi_center"]`: the center's id, its lead unit's administrator, its patents and KPIs."""
    import datetime
    from decimal import Decimal

    from apps.applications.models import Application
    from apps.centers import contract as contracts
    from apps.centers.models import Center, Contract, ContractIndicator, ContractTarget, ContractVersion
    from apps.reference.models import Industry
    from bench.generators import calls, patents
    from bench.generators.base import insert

    taken = set(Center.objects.values_list("application_id", flat=True))
    spare = [a for a in ctx.apps if a.state == Application.Status.APPROVED and a.row.pk not in taken]
    if not spare or Center.objects.filter(name=KPI_CENTER_NAME).exists():
        ctx.data["kpi_center"] = {}
        return
    source = min(spare, key=lambda a: (a.decided_at, a.index))
    lead, officer = source.lead, ctx.regional_officers[0]
    industry = Industry.objects.filter(code=KPI_CENTER_INDUSTRY).first() or Industry.objects.order_by("code").first()
    day = datetime.timedelta(days=1)
    signed = ctx.today - KPI_CENTER_SIGNED_DAYS_AGO * day
    decided = signed - 45 * day
    center = Center(
        name=KPI_CENTER_NAME,
        application_id=source.row.pk,
        lead_unit_id=lead.pk,
        prefecture_id=lead.prefecture_id,
        field_industry_id=industry.pk if industry else None,
        field_description="稀土永磁材料制备与应用",
        status=Center.Status.UNDER_CONSTRUCTION,
        status_changed_at=ctx.at(signed, 10 * 60),
        created_at=ctx.at(decided, 11 * 60),
        updated_at=ctx.at(signed, 10 * 60),
    )
    insert(ctx, Center, [center])
    number = contracts.contract_number(center, decided)
    contract = Contract(center_id=center.pk, number=number, created_at=ctx.at(decided))
    insert(ctx, Contract, [contract])
    starts, ends = contracts.term_dates(signed, 36)
    version = ContractVersion(
        contract_id=contract.pk,
        number=1,
        status=ContractVersion.Status.IN_FORCE,
        lead_person="王建国",
        obligations_region=str(contracts.DEFAULT_OBLIGATIONS_REGION),
        obligations_unit=str(contracts.DEFAULT_OBLIGATIONS_UNIT),
        funding_total=Decimal("3000000"),
        term_starts_on=starts,
        term_ends_on=ends,
        created_by_id=officer.pk,
        created_at=ctx.at(decided + 7 * day),
        sent_at=ctx.at(decided + 10 * day, 15 * 60),
        confirmed_at=ctx.at(signed - 3 * day, 16 * 60),
        signed_on=signed,
        in_force_from=signed,
        updated_at=ctx.at(signed, 16 * 60),
    )
    insert(ctx, ContractVersion, [version])
    contract.current_version_id = version.pk
    Contract.objects.filter(pk=contract.pk).update(current_version_id=version.pk)
    indicators = [
        ContractIndicator(version_id=version.pk, name=name, unit=unit, baseline=Decimal(low // 2), order=order)
        for order, (name, unit, (low, _high)) in enumerate(calls.INDICATORS)
    ]
    insert(ctx, ContractIndicator, indicators)
    targets = [  # cumulative at the end of each contract year: from the range's low to its high
        ContractTarget(indicator_id=i.pk, year=year, value=Decimal(low + (high - low) * (year - 1) // 2))
        for i, (_name, _unit, (low, high)) in zip(indicators, calls.INDICATORS, strict=True)
        for year in (1, 2, 3)
    ]
    insert(ctx, ContractTarget, targets)
    holder = patents.Holder(
        center=center,
        version=version,
        lead=lead,
        unit_admin=ctx.unit_admins[lead.credit_code],
        partners=[],
        industry=industry.code if industry else "",
    )
    built = patents.build_patents(ctx, [holder], sizes=[KPI_CENTER_STORIES])[0]
    bound = ContractIndicator.objects.filter(version_id=version.pk).exclude(metric="").count()
    ctx.data["kpi_center"] = {
        "kpi_center": center.pk,
        "kpi_center_patents": len(built.records),
        "kpi_center_kpis": len(indicators),
        "kpi_center_bound": bound,
        "kpi_unit": holder.unit_admin.username,
    }


def generate(n_applications: int, *, seed: int = 2026) -> dict:
    """Build the data for `n_applications` applications; returns the usernames and ids the bench needs, with the
    number of rows per model and the seconds per step."""
    from django.conf import settings
    from django.utils import translation

    from apps.applications.models import Application
    from apps.reference.services import ensure_reference_data
    from bench.generators import (
        applications,
        calls,
        centers,
        evaluations,
        notifications,
        organizations,
        patents,
        plan,
        reports,
        reviews,
        selections,
        users,
    )
    from bench.generators import timeline as timeline_rows
    from bench.generators.base import Context

    if n_applications < 20:
        raise SystemExit("Generate at least 20 applications (every state needs a few).")
    if Application.objects.exists():
        raise SystemExit("The database already holds applications: generate into a fresh, migrated database.")
    ctx = Context(n_applications=n_applications, seed=seed)
    size = sizes(n_applications)
    started, cpu = time.perf_counter(), _cpu()
    with translation.override(settings.LANGUAGE_CODE):
        ensure_reference_data()
        _steps(
            ctx,
            ("organizations", lambda: organizations.build(ctx, leads=size["leads"], partners=size["partners"])),
            ("users", lambda: users.build(ctx, experts=size["experts"])),
            ("calls", lambda: calls.build(ctx)),
            ("plan", lambda: plan.plan(ctx)),
            ("funding", lambda: calls.set_funding(ctx, _committed(ctx))),
            ("selections", lambda: selections.build(ctx)),
            ("applications", lambda: applications.build(ctx)),
        )
        # What depends only on the applications: two independent groups, in two processes on PostgreSQL.
        _in_parallel(
            ctx,
            [("content", lambda: applications.build_content(ctx))],
            [("timeline", lambda: timeline_rows.build(ctx)), ("reviews", lambda: reviews.build(ctx))],
        )
        _steps(
            ctx,
            ("notices", lambda: selections.finish(ctx)),
            ("notifications", lambda: notifications.build(ctx)),
            ("centers", lambda: centers.build(ctx)),
            ("patents", lambda: patents.build(ctx)),
            ("reports", lambda: reports.build(ctx)),
            ("evaluations", lambda: evaluations.build(ctx)),
            ("kpi_center", lambda: _kpi_center(ctx)),
        )
    result = _choose(ctx)
    result.update(
        applications=n_applications,
        seed=seed,
        seconds=round(time.perf_counter() - started, 1),
        cpu_seconds=round(_cpu() - cpu, 1),  # this process and its child: what a busy machine does not inflate
        timings=ctx.timings,
        rows=ctx.counts,
        states=_states(ctx),
    )
    return result


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _steps(ctx, *steps) -> None:
    from bench.generators.base import timed

    for name, step in steps:
        with timed(ctx, name):
            step()


def _in_parallel(ctx, first, second) -> None:
    """Run the steps of `first` in a forked process while this one runs `second` (each with its own database
    connection), on PostgreSQL outside a transaction; one after the other otherwise (SQLite, tests)."""
    from django.db import connection, connections

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        _steps(ctx, *first, *second)
        return
    connections.close_all()  # the child must not share the parent's socket
    gc.freeze()  # fewer copy-on-write pages in the child
    sys.stdout.flush()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its own rows only, reported through the pipe
        os.close(read)
        ctx.counts.clear()
        ctx.timings.clear()
        try:
            _steps(ctx, *first)
            payload, status = {"counts": ctx.counts, "timings": ctx.timings}, 0
        except BaseException:
            payload, status = {"error": traceback.format_exc()}, 1
        with os.fdopen(write, "w") as pipe:
            json.dump(payload, pipe)
        connections.close_all()
        os._exit(status)
    os.close(write)
    try:
        _steps(ctx, *second)
    finally:
        with os.fdopen(read) as pipe:
            payload = json.loads(pipe.read() or '{"error": "the child process died"}')
        os.waitpid(pid, 0)
    if "error" in payload:
        raise RuntimeError("a generator process failed:\n" + payload["error"])
    for model, count in payload["counts"].items():
        ctx.counts[model] = ctx.counts.get(model, 0) + count
    ctx.timings.update(payload["timings"])


def _committed(ctx) -> dict:
    """Per topic: what the applications that will be selected request (their budget, drawn with their content)."""
    from bench.generators.applications import _content, requested_total

    committed = {}
    for plan_ in ctx.selections:
        for app in plan_.applications:
            app.content = _content(ctx, app, ctx.partner_orgs)
            committed[app.topic.pk] = committed.get(app.topic.pk, 0) + requested_total(app.content)
    return committed


def _states(ctx) -> dict:
    states = {}
    for app in ctx.apps:
        states[app.state] = states.get(app.state, 0) + 1
    return dict(sorted(states.items()))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, required=True, help="number of applications (1000, 10000, …)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-migrate", action="store_true", help="do not run migrate first")
    args = parser.parse_args(argv)
    _setup_django()
    if not args.no_migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    result = generate(args.applications, seed=args.seed)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
