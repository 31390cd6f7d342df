"""`make soak` (issue 22, load with writes): locust against gunicorn + PostgreSQL, reads mixed with workflow writes,
then a check against the database that every write locust saw succeed is there exactly once.

What it does
1. A throwaway PostgreSQL database (bench/run.py `Databases`: BENCH_PG, default postgres://postgres@127.0.0.1:5432),
   migrated and filled by bench/generate.py with `--applications` applications (default 1,000), then VACUUM ANALYZE.
2. The accounts of the run (`prepare`), each simulated user its own account, in the proportion of the issue
   (60 % readers, 20 % experts, 10 % prefecture officers, 10 % unit administrators; a kind short of accounts gives
   its places to the readers, and the report says so):
   - experts with a review they may submit now (`REVIEW.options(...)["submit"]` enabled: panel scoring, application
     under review, no conflict of interest); each saves its scores with the overall opinion carrying a unique tag;
   - prefecture officers, TWO of the same office per set of submitted applications they may recommend now
     (`APPLICATION.options`), walking the same list in the same order so that they race for the same application;
   - unit administrators with a draft they may edit; each saves the draft with the goals ("建设目标") carrying a
     unique tag;
   - readers: regional and prefecture officers and unit administrators not used above, on the home page, the
     application list and an application's page they may see.
   Sessions are made in the database before the run with the second factor verified (bench/run.py `session_for`).
3. gunicorn with the production settings on 127.0.0.1 (bench/run.py `Gunicorn`, `--workers`, default 3), and locust
   headless (bench/locust_soak.py) for `--seconds` with `--users` users, each waiting `--wait` seconds between
   actions (default 3–10 s: a person reads the page, types, clicks; on a 2-core machine the think time decides the
   request rate the server must carry: 100 users at 3–10 s ask ~15 requests/s).
   A write is what a browser sends: GET the page, read its form (every field as rendered, the CSRF
   token and the one-time form token where the form has one), change the tagged field, POST, follow the redirect.
4. The check (`check_writes`, also run by tests/test_soak.py on hand-made writes): every tagged write locust saw
   succeed (302) is in the audit trail exactly once (the audit entry is written in the write's own transaction)
   and the last one of each review / draft is the value in its row now; each application recommended at most once
   (one success in locust, one `application.recommend` audit entry) and in state "recommended"; a write that
   committed although locust did not see it succeed is reported as unacknowledged. Errors: any 5xx, any network
   error, any unexpected status or refusal (a lost race for a recommendation, refused with its message, is not an
   error: that is the lock doing its work).
5. Writes bench/results/soak-<date>.json and bench/results/soak-latest.md: requests, errors, p50/p95/p99 (nearest
   rank, ms, from sending to the last byte) per kind and overall, throughput, writes and the check; drops the
   database and stops gunicorn also on failure or Ctrl-C. Exit status 1 when the check or the error count fails.

    .venv/bin/python bench/soak.py --users 100 --seconds 60        (make soak SOAK_USERS=100 SOAK_SECONDS=60)
"""

import argparse
import contextlib
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _bench():
    """bench/run.py, imported when the soak runs (not when tests import the check): importing it sets up Django
    with the production settings on its own database, as `make bench`."""
    from bench import run

    return run


def log(message: str) -> None:
    _bench().log(message)


KINDS = ("read", "expert", "officer", "unit")
SHARES = {"expert": 0.20, "officer": 0.10, "unit": 0.10}  # the rest reads
TAG = re.compile(r"soak-[a-z]+\d+-\d+")  # the unique tag of one write: soak-<kind><user>-<n>


# ---------------------------------------------------------------- the accounts and what they write


def split_users(users: int) -> dict:
    """How many users of each kind: 20 % experts, 10 % officers (an even number: they work in pairs), 10 % units,
    the rest readers; at least one writer of each kind from 8 users on."""
    counts = {kind: round(users * share) for kind, share in SHARES.items()}
    if users >= 8:
        counts = {kind: max(n, 2 if kind == "officer" else 1) for kind, n in counts.items()}
    counts["officer"] -= counts["officer"] % 2
    counts["read"] = users - sum(counts.values())
    return counts


def _may(user, application, action: str) -> bool:
    from apps.applications.workflow import APPLICATION

    return any(o.action == action and o.enabled for o in APPLICATION.options(user, application))


def prepare(users: int) -> dict:
    """The plan of the run: per kind, the accounts (username, session cookie) and their targets."""
    bench = _bench()
    from apps.accounts.models import User
    from apps.applications import policies, selectors
    from apps.applications.models import Application, Review
    from apps.applications.workflow import REVIEW
    from apps.core.roles import Role

    wanted = split_users(users)
    used: set[str] = set()

    # Experts: their reviews that "submit" is open to now.
    by_expert: dict[str, list[int]] = {}
    for review in (
        Review.objects.filter(status__in=Review.ACTIVE, application__status=Application.Status.EXPERT_REVIEW)
        .select_related("expert", "panel", "application")
        .order_by("expert__username", "pk")
    ):
        if len(by_expert) >= wanted["expert"] and review.expert.username not in by_expert:
            continue
        options = {o.action: o for o in REVIEW.options(review.expert, review)}
        if "submit" in options and options["submit"].enabled:
            by_expert.setdefault(review.expert.username, []).append(review.pk)
    experts = [{"username": u, "targets": pks[:5]} for u, pks in sorted(by_expert.items())][: wanted["expert"]]

    # Prefecture officers in pairs: both officers of an office, on the same submitted applications.
    officers = []
    by_office: dict[str, list[int]] = {}
    for application in (
        Application.objects.filter(status=Application.Status.SUBMITTED)
        .select_related("lead_unit__prefecture")
        .order_by("pk")
    ):
        by_office.setdefault(application.lead_unit.prefecture.code, []).append(application.pk)
    for code in sorted(by_office, key=lambda c: (-len(by_office[c]), c)):
        if len(officers) >= wanted["officer"]:
            break
        pair = list(User.objects.filter(role=Role.PREFECTURE_OFFICER, prefecture__code=code).order_by("username"))[:2]
        if len(pair) < 2:
            continue
        rows = Application.objects.in_bulk(by_office[code])
        targets = [pk for pk in by_office[code] if all(_may(officer, rows[pk], "recommend") for officer in pair)]
        if targets:
            officers += [{"username": officer.username, "targets": targets} for officer in pair]

    # Units: one draft each that its administrator may edit.
    units = []
    for application in (
        Application.objects.filter(status=Application.Status.DRAFT).select_related("lead_unit").order_by("pk")
    ):
        if len(units) >= wanted["unit"]:
            break
        admin = (
            User.objects.filter(role=Role.UNIT_ADMIN, organization=application.lead_unit).order_by("username").first()
        )
        if admin and admin.username not in {u["username"] for u in units} and policies.can_edit(admin, application):
            units.append({"username": admin.username, "targets": [application.pk]})

    used = {u["username"] for u in experts + officers + units}
    readers_wanted = users - len(used)
    readers = []
    candidates = list(
        User.objects.filter(
            role__in=(Role.REGIONAL_OFFICER, Role.PREFECTURE_OFFICER, Role.UNIT_ADMIN), is_active=True
        ).order_by("role", "username")
    )
    # Officers first (their pages are the heaviest), then unit administrators with an application.
    candidates.sort(key=lambda u: (u.role == Role.UNIT_ADMIN, u.username))
    for user in candidates:
        if len(readers) >= readers_wanted:
            break
        if user.username in used:
            continue
        visible = list(selectors.visible_to(user).order_by("-pk").values_list("pk", flat=True)[:3])
        if not visible:
            continue
        pages = ["/workbench/", "/applications/", *(f"/applications/{pk}/" for pk in visible)]
        readers.append({"username": user.username, "targets": pages})

    plan = {"read": readers, "expert": experts, "officer": officers, "unit": units}
    for accounts in plan.values():
        for account in accounts:
            _client, account["cookie"] = bench.session_for(account["username"])
    plan["wanted"] = wanted
    return plan


# ---------------------------------------------------------------- the check against the database


def check_writes(acknowledged: list[dict], stored: Counter, final: dict, recommended: dict) -> dict:
    """Compare what locust saw succeed with what the database holds.

    acknowledged: the writes locust sent, one dict each: {"kind": "expert"|"unit"|"officer", "target": pk,
        "tag": "soak-e3-7" (tagged kinds) or "" (officer), "ok": True when the answer was the success redirect}.
    stored: Counter of tag -> number of audit entries holding it (each committed tagged write writes one).
    final: {(kind, target): tag now in the row} (the review's opinion, the draft's goals; "" when untagged).
    recommended: {application pk: (audit entries "application.recommend", state now)}.

    Returns {"lost": [...], "doubled": [...], "unacknowledged": [...], "checked": n, "ok": bool}; each finding a short
    English sentence naming the write. A tagged write is lost when its tag is in no audit entry, or when it was the
    last acknowledged write of its row and the row holds something else; doubled when its tag is in two entries or
    more. A recommendation is doubled when locust saw two successes or the trail holds two entries for one
    application, lost when locust saw a success and the trail none or the state is not "recommended", or when one
    was refused as a lost race ({"lost_race": True}) and nobody recommended the application."""
    lost, doubled, unacknowledged = [], [], []
    ok_tags = set()
    last: dict = {}
    successes: Counter = Counter()
    refused: Counter = Counter()
    for write in acknowledged:
        if write["kind"] == "officer":
            if write["ok"]:
                successes[write["target"]] += 1
            elif write.get("lost_race"):
                refused[write["target"]] += 1
            continue
        if not write["ok"]:
            continue
        ok_tags.add(write["tag"])
        last[(write["kind"], write["target"])] = write["tag"]
        count = stored.get(write["tag"], 0)
        if count == 0:
            lost.append(f"{write['kind']} write {write['tag']} on #{write['target']} is not in the audit trail")
        elif count > 1:
            doubled.append(f"{write['kind']} write {write['tag']} on #{write['target']} is there {count} times")
    for key, tag in sorted(last.items()):
        if final.get(key, "") != tag:
            lost.append(f"{key[0]} #{key[1]} holds {final.get(key, '') or 'no tag'}, not the last saved {tag}")
    for tag in sorted(set(stored) - ok_tags):
        unacknowledged.append(f"{tag} committed without a success seen by locust")
    for pk in sorted(set(successes) | set(recommended) | set(refused)):
        entries, state = recommended.get(pk, (0, ""))
        if refused[pk] and not entries:
            lost.append(f"application #{pk}: recommendation refused as a lost race, but nobody recommended it")
        if successes[pk] > 1 or entries > 1:
            doubled.append(f"application #{pk} recommended {successes[pk]} times by locust, {entries} in the trail")
        elif successes[pk] == 1 and (entries == 0 or state != "recommended"):
            lost.append(f"application #{pk}: recommendation acknowledged, trail {entries}, state {state or '?'}")
        elif successes[pk] == 0 and entries:
            unacknowledged.append(f"application #{pk} recommended without a success seen by locust")
    checked = len(ok_tags) + sum(successes.values())
    return {
        "checked": checked,
        "lost": lost,
        "doubled": doubled,
        "unacknowledged": unacknowledged,
        "ok": not lost and not doubled,
    }


def stored_writes(plan: dict) -> tuple[Counter, dict, dict]:
    """What the database holds now, for `check_writes`: tags in the audit trail, the tagged field of each target row,
    and per application of the officers the recommendations in the trail and its state."""
    from django.db import connection

    from apps.applications.models import Application, Review

    stored: Counter = Counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT after::text FROM audit_auditentry WHERE action IN ('review.submit', 'application.update')"
            " AND after::text LIKE %s",
            ["%soak-%"],
        )
        for (text,) in cursor.fetchall():
            stored.update(set(TAG.findall(text)))  # one entry counts once, whatever fields repeat it

    def tag_of(text: str) -> str:
        found = TAG.findall(text or "")
        return found[-1] if found else ""

    final = {}
    reviews = {pk for a in plan["expert"] for pk in a["targets"]}
    for pk, comment in Review.objects.filter(pk__in=reviews).values_list("pk", "comment"):
        final[("expert", pk)] = tag_of(comment)
    drafts = {pk for a in plan["unit"] for pk in a["targets"]}
    for pk, goals in Application.objects.filter(pk__in=drafts).values_list("pk", "goals"):
        final[("unit", pk)] = tag_of(goals)
    targets = {pk for a in plan["officer"] for pk in a["targets"]}
    from apps.audit.models import AuditEntry

    entries = Counter(
        AuditEntry.objects.filter(
            action="application.recommend", object_id__in=[str(pk) for pk in targets]
        ).values_list("object_id", flat=True)
    )
    recommended = {
        pk: (entries.get(str(pk), 0), state)
        for pk, state in Application.objects.filter(pk__in=targets).values_list("pk", "status")
        if entries.get(str(pk)) or state == Application.Status.RECOMMENDED
    }
    return stored, final, recommended


# ---------------------------------------------------------------- locust and the figures


def run_locust(port: int, plan_file: Path, out_file: Path, users: int, seconds: int, wait=(3, 10)) -> int:
    """locust headless with bench/locust_soak.py; its own record of each request goes to `out_file`."""
    bench = _bench()
    env = {**os.environ, "SOAK_PLAN": str(plan_file), "SOAK_OUT": str(out_file), "SOAK_WAIT": f"{wait[0]},{wait[1]}"}
    done = subprocess.run(
        [
            str(bench.VENV_BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locust_soak.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 5)),  # everybody in within 5 s
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "120",  # a user finishes the action it is in: no write cut off by the end of the run
        ],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    return done.returncode


def figures(records: list[dict], seconds: float) -> dict:
    """Per kind and overall: requests, errors, p50/p95/p99 in ms (nearest rank), requests per second over the
    `seconds` locust ran (its run time and the actions finishing after it)."""
    bench = _bench()
    out = {}
    for kind in (*KINDS, "all"):
        mine = [r for r in records if kind == "all" or r["kind"] == kind]
        times = [r["ms"] for r in mine]
        out[kind] = {
            "requests": len(mine),
            "errors": sum(1 for r in mine if r["error"]),
            "p50_ms": round(bench.percentile(times, 50), 1) if times else None,
            "p95_ms": round(bench.percentile(times, 95), 1) if times else None,
            "p99_ms": round(bench.percentile(times, 99), 1) if times else None,
            "max_ms": round(max(times), 1) if times else None,
            "requests_per_s": round(len(mine) / seconds, 1) if seconds else None,
        }
    return out


def markdown(report: dict) -> str:
    f, w, c = report["figures"], report["writes"], report["check"]
    users = ", ".join(f"{report['accounts'][k]} {k}" for k in ("read", "expert", "officer", "unit"))
    lines = [
        f"Load with writes of {report['date']} (`make soak`): {report['users']} users ({users}) for "
        f"{report['seconds']} s (the last actions finished after {report['locust_s']:g} s), each waiting "
        f"{report['wait_s'][0]:g}–{report['wait_s'][1]:g} s between actions, against gunicorn "
        f"({report['workers']} sync workers, production settings) and PostgreSQL with "
        f"{report['applications']:,} generated applications; {report['note']}.",
        "",
        "| kind | requests | errors | p50 ms | p95 ms | p99 ms | max ms | requests/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    wanted = report["accounts_wanted"]
    if any(report["accounts"][k] < wanted[k] for k in ("expert", "officer", "unit")):
        lines[0] += (
            " Fewer writers than the issue's proportion ("
            + ", ".join(f"{wanted[k]} {k}" for k in ("read", "expert", "officer", "unit"))
            + "): the generated data holds no more accounts with such a write open to them; their places read."
        )
    names = {"read": "reads", "expert": "experts scoring", "officer": "officers recommending", "unit": "units' drafts"}
    for kind in (*KINDS, "all"):
        r = f[kind]
        lines.append(
            f"| {names.get(kind, 'all')} | {r['requests']:,} | {r['errors']} | {r['p50_ms']} | {r['p95_ms']} | "
            f"{r['p99_ms']} | {r['max_ms']} | {r['requests_per_s']} |"
        )
    lines += [
        "",
        f"Writes: {w['expert']} scores saved, {w['unit']} drafts saved, {w['officer']} recommendations "
        f"({w['officer_lost_race']} lost the race to the other officer of the office and were refused with the "
        f"reason). Check against the database: {c['checked']} acknowledged writes, {len(c['lost'])} lost, "
        f"{len(c['doubled'])} doubled, {len(c['unacknowledged'])} committed without an acknowledgement; "
        f"HTTP 5xx: {report['server_errors']}.",
        "",
        f"Targets (issue 22): zero errors {'met' if f['all']['errors'] == 0 else 'NOT met'}, no lost or doubled "
        f"write {'met' if c['ok'] else 'NOT met'}, p95 under 500 ms "
        f"{'met' if (f['all']['p95_ms'] or 0) < 500 else 'NOT met'}.",
    ]
    for finding in (c["lost"] + c["doubled"] + report.get("error_samples", []))[:10]:
        lines.append(f"- {finding}")
    m = report["machine"]
    lines += [
        "",
        f"Machine: {m['cpus']} CPUs, Python {m['python']}, {m['postgresql']}, {m['platform']}; load average "
        f"{m['load_before']} before the run, {m['load_after']} after.",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- main


def _busy(machine: dict) -> str:
    """What the figures say of the machine when `--note` does not: busy when its load exceeded its CPUs."""
    load = float(machine["load_before"].split()[0])
    if load > (machine["cpus"] or 1):
        return f"measured while other jobs ran on the machine (load average {load:.1f} on {machine['cpus']} CPUs)"
    return "measured on a quiet machine"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Load with writes (issue 22): see the module's docstring.")
    parser.add_argument("--users", type=int, default=int(os.environ.get("SOAK_USERS", 100)))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SOAK_SECONDS", 60)))
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument(
        "--wait", default=os.environ.get("SOAK_WAIT", "3,10"), help="seconds a user waits between actions: min,max"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--note", default="", help="what the figures should say of the machine (e.g. shared)")
    parser.add_argument("--results", default=str(ROOT / "bench" / "results"), help="where the figures go")
    args = parser.parse_args(argv)
    if args.users < 1 or args.seconds < 1:
        parser.error("--users and --seconds must be at least 1")
    try:
        wait = tuple(float(x) for x in args.wait.split(","))
        if len(wait) != 2 or not 0 <= wait[0] <= wait[1]:
            raise ValueError
    except ValueError:
        parser.error("--wait is two numbers of seconds, min,max (e.g. 3,10)")
    bench = _bench()

    from django.core.management import call_command

    from bench.generate import generate

    started = time.perf_counter()
    machine = bench.machine_facts()
    databases = bench.Databases()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up below on `kill`
    logdir = Path(tempfile.mkdtemp(prefix="hvp-soak-"))
    name = f"hvp_soak_{os.getpid()}"
    try:
        databases.create(name)
        databases.use(name)
        log(f"migrating {name}")
        call_command("migrate", verbosity=0)
        bench.collect_static()
        log(f"generating {args.applications:,} applications")
        generate(args.applications, seed=args.seed)
        bench.vacuum_analyze()
        plan = prepare(args.users)
        accounts = {kind: len(plan[kind]) for kind in KINDS}
        log(f"accounts: {accounts} (wanted {plan['wanted']})")
        plan_file, out_file = logdir / "plan.json", logdir / "requests.jsonl"
        plan_file.write_text(json.dumps({k: plan[k] for k in KINDS}), encoding="utf-8")
        with bench.Gunicorn(name, logdir, workers=args.workers) as server:
            log(f"gunicorn on 127.0.0.1:{server.port}; locust, {args.users} users for {args.seconds} s")
            load_started = time.perf_counter()
            code = run_locust(server.port, plan_file, out_file, sum(accounts.values()), args.seconds, wait)
            elapsed = time.perf_counter() - load_started
        log(f"locust exited {code} after {elapsed:.0f} s; checking the writes against the database")
        records = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        requests = [r for r in records if r["type"] == "request"]
        writes = [r for r in records if r["type"] == "write"]
        check = check_writes(writes, *stored_writes(plan))
        report = {
            "date": datetime.date.today().isoformat(),
            "users": sum(accounts.values()),
            "seconds": args.seconds,
            "applications": args.applications,
            "workers": args.workers,
            "accounts": accounts,
            "accounts_wanted": plan["wanted"],
            "note": args.note or _busy(machine),
            "locust_exit": code,
            "figures": figures(requests, elapsed),
            "wait_s": list(wait),
            "locust_s": round(elapsed, 1),
            "writes": {
                "expert": sum(1 for w in writes if w["kind"] == "expert" and w["ok"]),
                "unit": sum(1 for w in writes if w["kind"] == "unit" and w["ok"]),
                "officer": sum(1 for w in writes if w["kind"] == "officer" and w["ok"]),
                "officer_lost_race": sum(1 for w in writes if w["kind"] == "officer" and w.get("lost_race")),
            },
            "server_errors": sum(1 for r in requests if (r.get("status") or 0) >= 500),
            "error_samples": sorted({r["error"] for r in requests if r["error"]})[:5],
            "check": check,
            "machine": machine,
        }
    finally:
        with contextlib.suppress(Exception):
            databases.drop_all()
        with contextlib.suppress(OSError):
            (logdir / "plan.json").unlink()  # the sessions' cookies (of a dropped database, but still)
    report["machine"]["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    report["duration_min"] = round((time.perf_counter() - started) / 60, 1)
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    (results / f"soak-{report['date']}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    (results / "soak-latest.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    passed = check["ok"] and report["figures"]["all"]["errors"] == 0 and report["figures"]["all"]["requests"] > 0
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
