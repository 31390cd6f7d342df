"""More lists on `apps.core.listing` (issue 21), checked by tests/test_lists.py (imported there into `CASES`): the KPI
early warnings, the user admin, the portal's announcements and notices, the navigation's datasets and reports."""

from datetime import date
from decimal import Decimal

from tests.lists import Case, url_of

# ---------------------------------------------------------------- monitoring: the KPI early warnings


def _flag(center, *, raised_on=date(2025, 7, 1)):
    from apps.monitoring.models import Flag, FlagLine

    flag = Flag.objects.create(
        center=center,
        level=Flag.Level.HIGH_RISK,
        year=1,
        year_ends_on=date(2025, 12, 31),
        risk_key="filings",
        as_of=raised_on,
        raised_on=raised_on,
    )
    FlagLine.objects.create(
        flag=flag,
        name="发明专利申请量",
        unit="件",
        target=Decimal("20"),
        actual=Decimal("6"),
        projected=Decimal("12"),
        status=Flag.Level.HIGH_RISK,
    )
    return flag


def _flags(world, texts):
    from apps.centers.tests.factories import center_for
    from apps.organizations.tests.factories import OrganizationFactory

    for index, text in enumerate(texts):
        center = center_for(world, org=OrganizationFactory(name=text, prefecture=world.prefecture))
        _flag(center, raised_on=date(2025, 7, 1 + index % 3))


def _flags_hidden(world):
    from apps.centers.tests.factories import center_for

    _flag(center_for(world, org=world.org_other))


# ---------------------------------------------------------------- accounts: the system administrator's accounts


def _users(world, texts):
    from apps.accounts.tests.factories import UserFactory
    from apps.core.roles import Role

    roles = (Role.UNIT_MEMBER, Role.UNIT_ADMIN)
    for index, text in enumerate(texts):
        UserFactory(full_name=text, role=roles[index % len(roles)], organization=world.org)


# ---------------------------------------------------------------- portal: the public announcements and notices


def _announcements(world, texts):
    import datetime

    from apps.core import clock
    from apps.portal.models import Announcement
    from apps.portal.tests.factories import AnnouncementFactory

    kinds = Announcement.Kind.values
    for index, text in enumerate(texts):
        AnnouncementFactory(
            title=text,
            kind=kinds[index % len(kinds)],
            published_at=clock.now() - datetime.timedelta(days=index % 3),
        )


def _announcements_hidden(world):
    import datetime

    from apps.core import clock
    from apps.portal.tests.factories import AnnouncementFactory

    AnnouncementFactory(title="尚未发布的公告", published_at=clock.now() + datetime.timedelta(days=3))


def _notices(world, texts):
    from apps.portal.tests.factories import EndedNoticeFactory, PublicNoticeFactory

    for index, text in enumerate(texts):
        (EndedNoticeFactory if index % 2 else PublicNoticeFactory)(title=text)


def _notices_hidden(world):
    import datetime

    from apps.core import clock
    from apps.portal.tests.factories import PublicNoticeFactory

    PublicNoticeFactory(title="尚未开始的公示", starts_on=clock.today() + datetime.timedelta(days=3))


# ---------------------------------------------------------------- navigation: the landscape datasets (its home)


def _dataset(center, user, name, index=0):
    from apps.navigation.models import LandscapeDataset

    statuses = LandscapeDataset.Status.values
    return LandscapeDataset.objects.create(
        center=center,
        name=name,
        source="incoPat",
        cutoff_date=date(2026, 6, 1 + index % 3),
        status=statuses[index % len(statuses)],
        records=index * 10,
        created_by=user,
    )


def _datasets(world, texts):
    from apps.navigation.tests.builders import center_of

    center = center_of(world)  # led by the world's unit
    for index, text in enumerate(texts):
        _dataset(center, world.user("unit_admin"), text, index)


def _datasets_hidden(world):
    from apps.centers.tests.funding_setup import with_partner

    center = with_partner(world, world.org, org=world.org_other)  # the world's unit only a partner: not its datasets
    _dataset(center, world.user("unit_admin_other"), "别人的数据集")


# ---------------------------------------------------------------- navigation: the navigation reports


def _navigation(center, dataset, user, title, index=0):
    import datetime

    from apps.core import clock
    from apps.navigation.models import Navigation

    return Navigation.objects.create(
        center=center,
        dataset=dataset,
        title=title,
        records=index * 7,
        computed_at=clock.now() - datetime.timedelta(hours=index % 3),
        shared_with_council=bool(index % 2),
        created_by=user,
    )


def _reports(world, texts):
    from apps.navigation.tests.builders import center_of

    center, user = center_of(world), world.user("unit_admin")
    dataset = _dataset(center, user, "报告用数据集")
    for index, text in enumerate(texts):
        _navigation(center, dataset, user, text, index)


def _reports_hidden(world):
    from apps.centers.tests.funding_setup import with_partner

    center = with_partner(world, world.org, org=world.org_other)  # the world's unit a partner: not shared, not seen
    user = world.user("unit_admin_other")
    _navigation(center, _dataset(center, user, "别人的数据集"), user, "别人的报告")


CASES = [
    Case(
        "monitoring-flags-prefecture",
        url_of("monitoring:flags"),
        "prefecture_officer",
        "apps.monitoring.listings:FLAGS",
        _flags,
        text_column=1,
        bad_filter="state=nonsense",
        hidden=_flags_hidden,
    ),
    Case(
        "monitoring-flags-region-by-prefecture",
        lambda w: url_of("monitoring:flags", query=f"prefecture={w.prefecture.pk}")(w),
        "regional_officer",
        "apps.monitoring.listings:FLAGS",
        _flags,
        text_column=1,
        bad_filter="state=nonsense",
        hidden=_flags_hidden,
    ),
    Case(
        "accounts-users",
        url_of("accounts:user_list"),
        "system_admin",
        "apps.accounts.listings:USERS",
        _users,
        text_column=1,
        bad_filter="role=no-such-role",
    ),
    Case(
        "portal-announcements",
        url_of("portal:announcements"),
        "anonymous",
        "apps.portal.listings:ANNOUNCEMENTS",
        _announcements,
        bad_filter="kind=no-such-kind",
        hidden=_announcements_hidden,
    ),
    Case(
        "portal-notices",
        url_of("portal:notices"),
        "anonymous",
        "apps.portal.listings:NOTICES",
        _notices,
        bad_filter="kind=no-such-kind",
        hidden=_notices_hidden,
    ),
    Case(
        "navigation-datasets",
        url_of("navigation:home"),
        "unit_admin",
        "apps.navigation.listings:DATASETS",
        _datasets,
        hidden=_datasets_hidden,
    ),
    Case(
        "navigation-reports",
        url_of("navigation:reports"),
        "unit_admin",
        "apps.navigation.listings:REPORTS",
        _reports,
        bad_filter="shared=maybe",
        hidden=_reports_hidden,
    ),
]
