"""The services of the platform's registers that take typed values — an organization approved or rejected, integrity
records added and removed; rule parameters; the portal's announcements, public notices and the handling of an
objection; the working-day calendar; notifications and their e-mail preferences; a KPI warning dismissed; and the
pure helpers that read what a person sends (an attachment's file name, a calendar feed's token) — called by the
actor whose work it is with generated hostile values (issue 22).

The property is tests/properties/property.py's: accepted, the stored text is what was typed, normalised; refused, a
DomainError/ValidationError in Chinese and the app's rows, the messages and the audit trail as before. Anything
else raised is a fault. Objects are built once per test, before the examples; each example reads them again and
runs in a savepoint rolled back at its end."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.core import clock

from . import strategies as hs
from .property import attempt, check_reason, check_text, fresh, rolled_back, tables_of

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- organizations (Art. 8) and integrity records


@pytest.fixture
def pending(world):
    from apps.organizations.models import Organization
    from apps.organizations.tests.factories import OrganizationFactory

    return OrganizationFactory(status=Organization.Status.PENDING, prefecture=world.prefecture)


@hs.profile(examples=5)
@given(note=hs.hostile_text(), confirm=st.booleans(), reason=hs.hostile_text())
def test_organization_approve_reject(world, pending, note, confirm, reason):
    from apps.organizations import services

    officer = world.user("prefecture_officer")
    with rolled_back():
        approved = attempt(
            lambda: services.organization_approve(officer, fresh(pending), confirm_credit_code=confirm, note=note),
            tables=tables_of("organizations"),
        )
        if approved:
            check_text(approved, {"review_note": note})
    with rolled_back():
        rejected = attempt(
            lambda: services.organization_reject(officer, fresh(pending), reason=reason),
            tables=tables_of("organizations"),
        )
        if rejected:
            check_text(rejected, {"review_note": reason})


@hs.profile(examples=6)
@given(
    kind=st.sampled_from(["dishonest", "dishonest", "<b>", ""]),
    source=hs.hostile_text(),
    since=hs.dates(),
    until=st.one_of(st.none(), hs.dates()),
    note=hs.hostile_text(),
    reason=hs.hostile_text(),
)
def test_integrity_record_add_remove(world, kind, source, since, until, note, reason):
    from apps.organizations import services
    from apps.organizations.tests.factories import IntegrityRecordFactory

    officer = world.user("prefecture_officer")
    with rolled_back():
        record = attempt(
            lambda: services.integrity_record_add(
                officer, world.org, kind=kind, source=source, since=since, until=until, note=note
            ),
            tables=tables_of("organizations"),
        )
        if record:
            check_text(record, {"source": source, "note": note})
    with rolled_back():
        existing = IntegrityRecordFactory(organization=world.org)
        if attempt(
            lambda: services.integrity_record_remove(officer, fresh(existing), reason=reason),
            tables=tables_of("organizations"),
        ):
            check_reason("integrity.remove", reason)


# ---------------------------------------------------------------- rule parameters


@hs.profile(examples=6)
@given(
    key=st.sampled_from(["portal.notice_days", "portal.notice_days", "no.such", "", "<b>"]),
    value=st.one_of(hs.money(), hs.integers_typed(), st.integers(-10, 40)),
    reason=hs.hostile_text(),
    expected=st.one_of(st.none(), hs.integers_typed(), st.just(5)),
)
def test_parameter_update(world, key, value, reason, expected):
    from apps.parameters import services

    with rolled_back():
        if attempt(
            lambda: services.parameter_update(
                world.user("regional_officer"), key, value=value, reason=reason, expected=expected
            ),
            tables=tables_of("parameters"),
        ):
            check_reason("parameter.update", reason)


# ---------------------------------------------------------------- the portal (Art. 12)


@hs.profile(examples=6)
@given(
    title=hs.hostile_text(),
    body=hs.hostile_text(),
    kind=st.sampled_from(["other", "other", "<b>", ""]),
    starts=st.one_of(st.none(), st.integers(-3, 30)),
    working_days=st.one_of(st.none(), st.integers(-3, 400), hs.integers_typed()),
    contact=hs.hostile_text(long=False),
    published_at=st.one_of(st.none(), st.integers(-5, 5)),
)
def test_announcement_and_public_notice(world, title, body, kind, starts, working_days, contact, published_at):
    from apps.portal import services

    officer = world.user("regional_officer")
    when = None if published_at is None else clock.now() + datetime.timedelta(days=published_at)
    with rolled_back():
        made = attempt(
            lambda: services.announcement_publish(officer, title=title, body=body, kind=kind, published_at=when),
            tables=tables_of("portal"),
        )
        if made:
            check_text(made, {"title": title, "body": body}, one_line={"title"})
    with rolled_back():
        notice = attempt(
            lambda: services.public_notice_open(
                officer,
                title=title,
                body=body,
                kind=kind,
                starts_on=None if starts is None else clock.today() + datetime.timedelta(days=starts),
                working_days=working_days,
                contact=contact,
            ),
            tables=tables_of("portal"),
        )
        if notice:
            check_text(notice, {"title": title, "body": body, "contact": contact}, one_line={"title", "contact"})


@pytest.fixture
def objection(world):
    from apps.portal.tests.factories import ObjectionFactory

    return ObjectionFactory()


@hs.profile(examples=5)
@given(resolution=hs.hostile_text())
def test_objection_resolve(world, objection, resolution):
    from apps.portal import services

    with rolled_back():
        resolved = attempt(
            lambda: services.objection_resolve(world.user("regional_officer"), fresh(objection), resolution=resolution),
            tables=tables_of("portal"),
        )
        if resolved:
            check_text(resolved, {"resolution": resolution})


# ---------------------------------------------------------------- the working-day calendar


@hs.profile(examples=6)
@given(
    day=hs.dates(),
    kind=st.sampled_from(["holiday", "workday", "<b>", ""]),
    note=hs.hostile_text(),
    reason=hs.hostile_text(),
    year=st.one_of(st.integers(1900, 2200), hs.integers_typed(), st.sampled_from([2027, 2099])),
    source=hs.hostile_text(),
)
def test_calendar(world, day, kind, note, reason, year, source):
    from apps.reference import services
    from apps.reference.tests.factories import CalendarDayFactory

    officer = world.user("regional_officer")
    with rolled_back():
        entry = attempt(
            lambda: services.calendar_day_add(officer, day=day, kind=kind, note=note), tables=tables_of("reference")
        )
        if entry:
            check_text(entry, {"note": note}, one_line={"note"})
    with rolled_back():
        existing = CalendarDayFactory()
        attempt(
            lambda: services.calendar_day_remove(officer, fresh(existing), reason=reason), tables=tables_of("reference")
        )
        if not type(existing).objects.filter(pk=existing.pk).exists():  # removed (the service returns nothing)
            check_reason("calendar_day.remove", reason)
    with rolled_back():
        confirmed = attempt(
            lambda: services.calendar_year_confirm(officer, year=year, source=source), tables=tables_of("reference")
        )
        if confirmed:
            check_text(confirmed, {"source": source}, one_line={"source"})
    with rolled_back():
        attempt(
            lambda: services.calendar_year_withdraw(officer, year=year, reason=reason), tables=tables_of("reference")
        )


# ---------------------------------------------------------------- notifications and preferences


@hs.profile(examples=5)
@given(title=hs.hostile_text(), body=hs.hostile_text(), email=st.booleans())
def test_notify(world, title, body, email):
    from apps.notifications import services

    with rolled_back():
        sent = attempt(
            lambda: services.notify([world.user("unit_admin")], title, body=body, email=email),
            tables=tables_of("notifications"),
        )
        for message in sent or []:
            check_text(message, {"body": body})


@hs.profile(examples=6)
@given(
    modes=st.dictionaries(
        st.one_of(st.sampled_from(["task", "info", "reminder", "<b>", ""]), hs.rare_text(3)),
        st.sampled_from(["off", "immediate", "digest", "", "<b>", "\x00"]),
        max_size=3,
    ),
    digest_time=st.one_of(st.times(), st.sampled_from(["08:00", "25:61", "", None])),
)
def test_preferences_update(world, modes, digest_time):
    from apps.notifications import services

    with rolled_back():
        attempt(
            lambda: services.preferences_update(world.user("unit_member"), email_modes=modes, digest_time=digest_time),
            tables=tables_of("notifications"),
        )


# ---------------------------------------------------------------- a KPI warning dismissed (Art. 14)


@pytest.fixture
def flag(world):
    from apps.centers.tests.factories import center_for
    from apps.dashboards.tests.setup import flag

    return flag(center_for(world))


@hs.profile(examples=5)
@given(reason=hs.hostile_text())
def test_flag_dismiss(world, flag, reason):
    from apps.monitoring import services

    with rolled_back():
        dismissed = attempt(
            lambda: services.flag_dismiss(world.user("regional_officer"), fresh(flag), reason=reason),
            tables=tables_of("monitoring"),
        )
        assert dismissed is None or dismissed.state != "open"
        if dismissed:
            check_text(dismissed, {"dismissed_reason": reason})


# ---------------------------------------------------------------- what a browser sends: a file's name, a feed's token


@hs.profile(examples=8)
@given(name=st.one_of(hs.hostile_text(), st.sampled_from(["../../etc/passwd", "a\\b\\c.pdf", "...", "文件.PDF" * 60])))
def test_attachment_clean_name(name):
    from apps.attachments import services

    cleaned = services.clean_name(name)
    assert cleaned and "/" not in cleaned and "\\" not in cleaned and len(cleaned) <= services.NAME_MAX


@hs.profile(examples=5)
@given(token=hs.hostile_text())
def test_agenda_token_hash(token):
    from apps.agenda import services

    assert len(services.token_hash(token)) == 64
