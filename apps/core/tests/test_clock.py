"""One clock (apps/core/clock.py): business code reads the time only through it; the demo offset exists only in
DEMO_MODE; tests can freeze it."""

import datetime
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.core import clock as business_clock
from apps.core.errors import DomainError, PermissionDenied
from apps.core.models import ClockOffset

ROOT = Path(django_settings.BASE_DIR)

# A direct read of the wall clock: now/localdate/localtime without an argument, date.today(), datetime.now(),
# time.time(), or an import that would hide one (`from django.utils.timezone import now`).
FORBIDDEN = re.compile(
    r"timezone\.(now|localdate|localtime)\(\s*\)"
    r"|\b(date|datetime)\.(today|now|utcnow)\("
    r"|\btime\.time\(\)"
    r"|from django\.utils\.timezone import"
)

# What must stay on real time, and why (the rule is in apps/core/clock.py). (path, text on the line, reason)
REAL_TIME_ALLOWED = [
    ("apps/core/clock.py", "timezone.now()", "the clock itself reads real time"),
    ("apps/audit/services.py", "created_at=timezone.now()", "an audit entry records when it really happened"),
    ("apps/audit/views.py", "timezone.localtime()", "the audit export's file name: when it was really exported"),
    ("apps/accounts/middleware.py", "time.time()", "security: session idle and absolute timeouts"),
    ("apps/accounts/views_session.py", "time.time()", "security: extending the session's idle timeout"),
    (
        "apps/navigation/services_search.py",
        "timezone.now()",
        "the search index build's claim and completion are compared with updated_at (auto_now: real time)",
    ),
    ("apps/core/kept_forms.py", "time.time()", "security: how long typed fields are kept after a session expired"),
    ("apps/accounts/services.py", '["login_at"] = timezone.now()', "security: the session's absolute lifetime"),
    ("apps/accounts/services.py", "password_changed_at = timezone.now()", "security: password expiry"),
    ("apps/accounts/security.py", "timezone.now()", "security: login lockout windows, password expiry"),
    ("apps/accounts/models.py", "self.until > timezone.now()", "security: is a lockout still active"),
    ("apps/accounts/views_admin.py", "until__gt=timezone.now()", "security: active lockouts"),
    ("apps/accounts/tasks.py", "timezone.now()", "security: purging expired failed-login and rate counters"),
    ("apps/core/ratelimit.py", "time.time()", "security: rate-limit windows"),
    ("apps/accounts/totp.py", "totp.time = time.time()", "security: a TOTP code belongs to the real time step"),
    ("apps/accounts/totp.py", "last_used_at=timezone.now()", "security: when the authenticator was last used"),
    ("apps/accounts/services.py", "last_used_at=timezone.now()", "security: when the authenticator was last used"),
    ("apps/audit/services.py", "anchor.Anchor(timezone.now()", "an anchored chain head: when it was really written"),
    ("apps/audit/tasks.py", "timezone.localdate()", "the daily chain message: the real date of the check"),
    ("apps/core/schedules.py", "now or timezone.now()", "infrastructure: when the scheduler runs a job"),
    ("apps/core/once.py", "now or timezone.now()", "infrastructure: purging spent one-time form tokens"),
    ("apps/notifications/services.py", "done_at=timezone.now()", "inbox mechanics: when a task was closed"),
    ("apps/notifications/services.py", "read_at=timezone.now()", "inbox mechanics: when a message was read"),
    ("apps/notifications/tasks.py", "emailed_at=timezone.now()", "inbox mechanics: when the e-mail went out"),
    ("apps/demo/management/commands/load_demo.py", "emailed_at=timezone.now()", "inbox mechanics (demo data)"),
]


def _business_sources():
    for base in ("apps", "config"):
        for path in sorted((ROOT / base).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts or path.name == "conftest.py":
                continue
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def _direct_reads():
    for rel, text in _business_sources():
        for number, line in enumerate(text.splitlines(), 1):
            if FORBIDDEN.search(line) and not line.lstrip().startswith("#"):
                yield rel, number, line.strip()


def test_business_code_reads_the_time_only_through_the_clock():
    offending = [
        f"{rel}:{number}: {line}"
        for rel, number, line in _direct_reads()
        if not any(rel == path and text in line for path, text, _ in REAL_TIME_ALLOWED)
    ]
    assert not offending, (
        "Read the time through apps.core.clock (now()/today()), or add the line to REAL_TIME_ALLOWED with the "
        "reason it must stay on real time:\n" + "\n".join(offending)
    )


def test_every_real_time_exception_is_still_needed():
    reads = list(_direct_reads())
    stale = [
        f"{path}: {text}"
        for path, text, _ in REAL_TIME_ALLOWED
        if not any(rel == path and text in line for rel, _n, line in reads)
    ]
    assert not stale, "REAL_TIME_ALLOWED entries that match nothing any more (remove them):\n" + "\n".join(stale)


# ---------------------------------------------------------------- reading and freezing


def test_the_clock_is_real_time_by_default():
    before = timezone.now()
    now = business_clock.now()
    assert before <= now <= timezone.now()
    assert business_clock.today() == timezone.localdate(now)
    assert business_clock.today(datetime.datetime(2026, 5, 4, 20, 0, tzinfo=datetime.UTC)) == datetime.date(2026, 5, 5)


def test_the_clock_fixture_freezes_and_advances(clock):
    clock.set(datetime.date(2026, 12, 28))
    assert business_clock.today() == datetime.date(2026, 12, 28)
    assert business_clock.now() == business_clock.now()  # stopped
    clock.advance(days=5)
    assert business_clock.today() == datetime.date(2027, 1, 2)
    assert clock.today() == datetime.date(2027, 1, 2)


# ---------------------------------------------------------------- outside demo mode


@pytest.mark.django_db
def test_outside_demo_mode_the_offset_is_never_read(settings, django_assert_num_queries):
    settings.DEMO_MODE = False
    ClockOffset.objects.create(pk=ClockOffset.SINGLETON, days=30)
    with django_assert_num_queries(0):
        today = business_clock.today()
        assert not business_clock.is_moved()
    assert today == timezone.localdate()


@pytest.mark.django_db
def test_outside_demo_mode_the_clock_cannot_be_moved(settings):
    settings.DEMO_MODE = False
    for move in (
        lambda: business_clock.advance(3),
        lambda: business_clock.set_date(timezone.localdate() + datetime.timedelta(days=3)),
        business_clock.reset,
    ):
        with pytest.raises(DomainError):
            move()
    assert not ClockOffset.objects.exists()
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("clock", "--advance-days", "3")


@pytest.mark.django_db
def test_outside_demo_mode_the_control_does_not_exist(settings, world, client_for):
    settings.DEMO_MODE = False
    client = client_for("regional_officer")
    assert client.post(reverse("core:clock_advance"), {"days": "3"}).status_code == 404
    assert client.post(reverse("core:clock_reset")).status_code == 404
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("core:clock_advance") not in page
    assert business_clock.today() == timezone.localdate()


# ---------------------------------------------------------------- demo mode


def _audit_actions():
    entry = django_apps.get_model("audit", "AuditEntry")
    return list(entry.objects.filter(action__startswith="clock.").order_by("seq").values_list("action", flat=True))


@pytest.mark.django_db
def test_demo_clock_moves_forward_and_back_to_real_time_audited(settings):
    settings.DEMO_MODE = True
    real = timezone.localdate()
    assert business_clock.advance(10) == real + datetime.timedelta(days=10)
    assert business_clock.today() == real + datetime.timedelta(days=10)
    assert business_clock.now() - timezone.now() > datetime.timedelta(days=9, hours=23)
    assert business_clock.set_date(real + datetime.timedelta(days=40)) == real + datetime.timedelta(days=40)
    assert business_clock.reset() == real
    assert _audit_actions() == ["clock.advance", "clock.set", "clock.reset"]


@pytest.mark.django_db
def test_demo_clock_never_moves_back_except_to_real_time(settings):
    settings.DEMO_MODE = True
    real = timezone.localdate()
    business_clock.advance(10)
    with pytest.raises(DomainError, match="只能向前"):
        business_clock.advance(0)
    with pytest.raises(DomainError, match="只能向前"):
        business_clock.advance(-3)
    with pytest.raises(DomainError, match="只能向前"):
        business_clock.set_date(real + datetime.timedelta(days=5))
    assert business_clock.today() == real + datetime.timedelta(days=10)
    assert _audit_actions() == ["clock.advance"]


@pytest.mark.django_db
def test_demo_clock_is_moved_by_the_regional_officer_only(settings, world):
    settings.DEMO_MODE = True
    with pytest.raises(PermissionDenied):
        business_clock.advance(3, actor=world.user("prefecture_officer"))
    business_clock.advance(3, actor=world.user("regional_officer"))
    assert business_clock.offset_days() == 3


@pytest.mark.django_db
def test_demo_clock_change_is_seen_at_once_and_by_other_processes_after_the_cache(settings, monkeypatch):
    settings.DEMO_MODE = True
    assert business_clock.offset_days() == 0
    business_clock.advance(2)
    assert business_clock.offset_days() == 2  # this process forgot its cache
    ClockOffset.objects.filter(pk=ClockOffset.SINGLETON).update(days=7)  # another process moved it
    assert business_clock.offset_days() == 2  # cached for a few seconds
    monkeypatch.setattr(business_clock, "CACHE_SECONDS", 0)
    business_clock.forget()
    assert business_clock.offset_days() == 7


@pytest.mark.django_db
def test_demo_clock_command(settings, capsys):
    settings.DEMO_MODE = True
    real = timezone.localdate()
    call_command("clock", "--advance-days", "3")
    assert business_clock.today() == real + datetime.timedelta(days=3)
    target = real + datetime.timedelta(days=30)
    call_command("clock", "--set", target.isoformat())
    assert business_clock.today() == target
    with pytest.raises(CommandError, match="只能向前"):
        call_command("clock", "--set", real.isoformat())
    with pytest.raises(CommandError, match="Not a date"):
        call_command("clock", "--set", "tomorrow")
    call_command("clock", "--reset")
    assert business_clock.today() == real
    assert f"clock: {real.isoformat()}" in capsys.readouterr().out
    entry = django_apps.get_model("audit", "AuditEntry").objects.filter(action="clock.advance").get()
    assert entry.source == "command"
    assert entry.after["offset_days"] == 3


@pytest.mark.django_db
def test_demo_clock_control_on_the_regional_officer_workbench(settings, world, client_for):
    settings.DEMO_MODE = True
    real = timezone.localdate()
    client = client_for("regional_officer")
    home = client.get(reverse("core:home")).content.decode()
    assert reverse("core:clock_advance") in home
    assert "演示模式" not in home  # the clock is not moved yet: no banner
    response = client.post(reverse("core:clock_advance"), {"days": "14"}, follow=True)
    moved = real + datetime.timedelta(days=14)
    assert business_clock.today() == moved
    page = response.content.decode()
    assert f"演示模式：系统日期已调至 {moved.isoformat()}（真实日期 {real.isoformat()}）" in page
    assert client.get(reverse("core:clock_advance")).status_code == 405  # POST only
    bad = client.post(reverse("core:clock_advance"), {"days": "0"}, follow=True)
    assert business_clock.today() == moved and "alert-danger" in bad.content.decode()
    client.post(reverse("core:clock_reset"))
    assert business_clock.today() == real
    assert "演示模式" not in client.get(reverse("core:home")).content.decode()
    entry = django_apps.get_model("audit", "AuditEntry").objects.filter(action="clock.advance").get()
    assert entry.actor == world.user("regional_officer") and entry.source == "web"


@pytest.mark.django_db
def test_demo_clock_control_refused_to_other_roles(settings, world, client_for):
    settings.DEMO_MODE = True
    for actor in ("prefecture_officer", "unit_admin", "system_admin"):
        client = client_for(actor)
        assert reverse("core:clock_advance") not in client.get(reverse("core:home")).content.decode()
        assert client.post(reverse("core:clock_advance"), {"days": "3"}).status_code == 403
    assert business_clock.offset_days() == 0


@pytest.mark.django_db
def test_banner_on_every_page_while_the_clock_is_moved(settings, client):
    settings.DEMO_MODE = True
    business_clock.advance(5)
    page = client.get(reverse("accounts:login")).content.decode()  # even a public page
    assert "演示模式：系统日期已调至" in page
    settings.DEMO_MODE = False  # the same row outside demo mode: ignored
    assert "演示模式" not in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.django_db
def test_demo_offset_is_read_at_most_once_per_request(settings, world, client_for):
    settings.DEMO_MODE = True
    business_clock.advance(5)
    client = client_for("regional_officer")
    business_clock.forget()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:home")).status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if "core_clockoffset" in q["sql"]]
    assert len(reads) == 1


@pytest.mark.django_db
def test_moving_the_demo_clock_makes_the_periodic_jobs_due_at_the_next_tick(settings):
    from apps.core.models import PeriodicJob

    settings.DEMO_MODE = True
    PeriodicJob.objects.create(name="calls.close_due", next_run_at=timezone.now() + datetime.timedelta(minutes=50))
    business_clock.advance(1)
    assert PeriodicJob.objects.get().next_run_at <= timezone.now()


@pytest.mark.django_db
def test_the_clock_audit_message_is_in_chinese(settings):
    settings.DEMO_MODE = True
    real = timezone.localdate()
    business_clock.advance(10)
    entry = django_apps.get_model("audit", "AuditEntry").objects.get(action="clock.advance")
    after = (real + datetime.timedelta(days=10)).isoformat()
    assert entry.message == f"演示时钟由 {real.isoformat()} 调至 {after}。"
    assert "demo clock" not in entry.message
