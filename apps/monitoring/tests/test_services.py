"""The weekly job and the dismissal (apps/monitoring/services.py), on a frozen clock: a flag is raised once with its
KPI lines and told to the lead unit's administrators, the prefecture office and the region; a second run tells no
one; the lines are refreshed silently; a changed risk tells again; a dismissed flag stays dismissed until the risk
changes, then reopens; back on track resolves it. Dismissal needs a reason (Chinese message, nothing changed), and
only the region or the center's own prefecture office dismisses."""

from datetime import date

import pytest

from apps.audit.models import AuditEntry
from apps.centers.models import Center
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.monitoring import services
from apps.monitoring.jobs import refresh_weekly
from apps.monitoring.models import Flag
from apps.notifications.models import Message

from .monitoring_setup import AS_OF, FILINGS, filings, monitored_center, set_target

pytestmark = pytest.mark.django_db
S = Flag.State


def _messages():
    return Message.objects.filter(title__contains="指标预警")


@pytest.fixture
def at_risk(world, clock):
    """A center whose filings run one a month against a target of 20 (high risk), on 2025-07-01."""
    clock.set(AS_OF)
    center = monitored_center(world, filings_target="20")
    filings(center, months=6)
    return center


def test_the_job_raises_a_flag_with_its_kpi_lines_and_tells_the_center_its_prefecture_and_the_region(world, at_risk):
    done = services.refresh_all()
    assert done == {"raised": [at_risk.pk]}
    flag = Flag.objects.get(center=at_risk)
    assert (flag.state, flag.level, flag.year, flag.year_ends_on) == (S.OPEN, "high_risk", 1, date(2025, 12, 31))
    assert flag.raised_on == AS_OF and flag.risk_key == f"1|{FILINGS}=high_risk"
    line = flag.lines.get(name=FILINGS)
    assert (line.unit, line.target, line.actual, line.status) == ("件", 20, 6, "high_risk")
    assert 11 < line.projected < 13
    assert flag.lines.get(name="自主知识产权菌种").status == "not_enough_data"
    told = set(_messages().values_list("recipient__username", flat=True))
    assert told == {"unit_admin", "pref_a", "regional"}  # not the unit member, not the other prefecture
    assert FILINGS in _messages().first().title
    assert AuditEntry.objects.filter(action="risk_flag.create", object_id=str(flag.pk)).count() == 1


def test_a_second_run_tells_no_one_again(world, at_risk, clock):
    services.refresh_all()
    told = _messages().count()
    assert services.refresh_all() == {"unchanged": [at_risk.pk]}
    clock.advance(days=7)  # a week later, nothing new: the figures move, the risk does not
    assert services.refresh_all() == {"refreshed": [at_risk.pk]}
    assert _messages().count() == told
    assert Flag.objects.get(center=at_risk).as_of == date(2025, 7, 8)
    assert Flag.objects.count() == 1


def test_the_worker_task_runs_the_job(world, at_risk):
    assert refresh_weekly.call() == 1
    assert Flag.objects.filter(center=at_risk, state=S.OPEN).exists()


def test_a_changed_risk_tells_everyone_again(world, at_risk):
    services.refresh_all()
    before = _messages().count()
    set_target(at_risk, FILINGS, "14")  # about 12 of 14: at risk, no longer high risk
    assert services.refresh_all() == {"changed": [at_risk.pk]}
    flag = Flag.objects.get(center=at_risk)
    assert flag.level == "at_risk" and flag.state == S.OPEN
    assert _messages().count() == before + 3
    assert AuditEntry.objects.filter(action="risk_flag.update", object_id=str(flag.pk)).exists()


def test_back_on_track_resolves_the_flag_and_says_so(world, at_risk):
    services.refresh_all()
    filings(at_risk, months=6, per_month=3)  # 24 filings by June: the target of 20 is met
    assert services.refresh_all() == {"resolved": [at_risk.pk]}
    flag = Flag.objects.get(center=at_risk)
    assert flag.state == S.RESOLVED and flag.resolved_on == AS_OF
    assert flag.lines.get(name=FILINGS).status == "met"
    assert Message.objects.filter(title__contains="预警解除").count() == 3
    # a later risk raises a new flag; the resolved one stays as history
    set_target(at_risk, FILINGS, "60")
    assert services.refresh_all() == {"raised": [at_risk.pk]}
    assert Flag.objects.filter(center=at_risk).count() == 2


def test_a_center_that_left_construction_has_its_flag_resolved_and_is_not_assessed(world, at_risk):
    services.refresh_all()
    Center.objects.filter(pk=at_risk.pk).update(status=Center.Status.TERMINATED)
    assert services.refresh_all() == {"resolved": [at_risk.pk]}
    assert services.refresh_all() == {}


def test_few_data_raise_nothing(world, clock):
    clock.set(date(2025, 2, 20))  # one month-end of data
    center = monitored_center(world, filings_target="20")
    filings(center, months=1)
    assert services.refresh_all() == {}
    assert not Flag.objects.exists()


# ---------------------------------------------------------------- dismissal


def test_dismissing_needs_a_reason_in_chinese_and_changes_nothing_without_one(world, at_risk):
    services.refresh_all()
    flag = Flag.objects.get(center=at_risk)
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        services.flag_dismiss(world.user("prefecture_officer"), flag, reason="   ")
    assert "理由" in refused.value.message
    flag.refresh_from_db()
    assert flag.state == S.OPEN and flag.dismissed_reason == "" and AuditEntry.objects.count() == entries


def test_only_the_region_or_the_centers_prefecture_office_dismisses(world, at_risk):
    services.refresh_all()
    flag = Flag.objects.get(center=at_risk)
    for actor in ("unit_admin", "unit_member", "prefecture_officer_other", "expert"):
        with pytest.raises(PermissionDenied):
            services.flag_dismiss(world.user(actor), flag, reason="已核实")
    flag.refresh_from_db()
    assert flag.state == S.OPEN


def test_a_dismissed_flag_stays_dismissed_until_the_risk_changes_then_reopens(world, at_risk, clock):
    services.refresh_all()
    flag = services.flag_dismiss(
        world.user("prefecture_officer"), Flag.objects.get(center=at_risk), reason="下半年有12件申请已进入撰写阶段"
    )
    assert flag.state == S.DISMISSED and flag.dismissed_by == world.user("prefecture_officer")
    entry = AuditEntry.objects.get(action="risk_flag.close", object_id=str(flag.pk))
    assert entry.message == "下半年有12件申请已进入撰写阶段"
    told = _messages().count()
    clock.advance(days=7)
    assert services.refresh_all() == {"refreshed": [at_risk.pk]}  # same risk: still dismissed, nobody told
    assert Flag.objects.get(pk=flag.pk).state == S.DISMISSED and _messages().count() == told
    with pytest.raises(InvalidTransition):
        services.flag_dismiss(world.user("regional_officer"), Flag.objects.get(pk=flag.pk), reason="再次忽略")
    set_target(at_risk, FILINGS, "14")  # another band: the warning comes back
    assert services.refresh_all() == {"reopened": [at_risk.pk]}
    flag.refresh_from_db()
    assert flag.state == S.OPEN and flag.level == "at_risk" and flag.dismissed_reason == ""
    assert _messages().count() == told + 3
