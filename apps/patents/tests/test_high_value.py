"""CNIPA's high-value invention flag (`high_value.py`) against hand-made fixtures: each of the five categories, the
valid-invention condition (type, status on the date, term), "as of" dates before and after each event, the legal
status on a past date from the history, the region's IPC list and the tunable pledge threshold, and the query count
of `high_value_ids` (constant at 5 and at 50 patents)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AuditEntry
from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.core.errors import DomainError, PermissionDenied
from apps.parameters import services as parameters
from apps.patents import high_value, rules
from apps.patents.models import Award, Exploitation, FamilyMember, LegalStatusChange, Patent, StrategicIPC
from apps.patents.tests import factories

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 4)
INVENTION = Patent.Type.INVENTION
GRANTED = Patent.LegalStatus.GRANTED


@pytest.fixture(autouse=True)
def _today(clock):
    clock.set(TODAY)


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def user(world):
    return world.user("unit_admin")


def valid(center, **fields):
    """A granted invention in force: filed 2018-03-01, granted 2020-06-01."""
    values = {
        "patent_type": INVENTION,
        "filing_date": date(2018, 3, 1),
        "grant_date": date(2020, 6, 1),
        "legal_status": GRANTED,
        "legal_status_on": date(2020, 6, 1),
        "ipc_main": "C22C 1/02",
        "ipc_codes": ["C22C 1/02"],
    }
    values.update(fields)
    return factories.patent(center, **values)


def pledge(patent, amount, on, user):
    return Exploitation.objects.create(
        patent=patent, kind="pledge", counterparty="中国银行", amount=Decimal(amount), starts_on=on, recorded_by=user
    )


# ---------------------------------------------------------------- valid invention


def test_a_plain_valid_invention_is_not_high_value(center):
    patent = valid(center)
    assert high_value.categories(patent, TODAY) == []
    assert high_value.high_value_ids(center, TODAY) == set()


def test_not_in_force_or_not_an_invention_is_never_high_value(center):
    """Every category met, but: a utility model, a lapsed invention, a pending one, one whose term has ended."""
    StrategicIPC.objects.create(ipc_prefix="C22C", industry="新材料")
    utility = valid(center, patent_type=Patent.Type.UTILITY_MODEL)
    lapsed = valid(center, legal_status=Patent.LegalStatus.LAPSED, legal_status_on=date(2024, 3, 1))
    pending = valid(center, grant_date=None, legal_status=Patent.LegalStatus.PUBLISHED, legal_status_on=None)
    ended = valid(center, filing_date=date(2005, 3, 1), grant_date=date(2008, 1, 1), legal_status_on=None)
    for patent in (utility, lapsed, pending, ended):
        FamilyMember.objects.create(patent=patent, number=f"US{patent.pk}B2", country="US", overseas=True)
        assert high_value.categories(patent, TODAY) == [], patent
    assert high_value.high_value_ids(center, TODAY) == set()
    # The one that lapsed in 2024 was high-value before it lapsed; the ended one before 2025-03-01.
    assert high_value.categories(lapsed, date(2024, 2, 29)) == ["strategic", "overseas"]
    assert high_value.categories(ended, date(2025, 2, 28)) == ["strategic", "overseas", "maintained"]
    assert high_value.categories(ended, date(2025, 3, 1)) == []


# ---------------------------------------------------------------- the five categories


def test_strategic_industry_by_ipc_prefix(center, world):
    StrategicIPC.objects.create(ipc_prefix="H01M", industry="新能源")
    StrategicIPC.objects.create(ipc_prefix="G06F 16", industry="新一代信息技术")
    battery = valid(center, ipc_main="H01M 4/36", ipc_codes=["H01M 4/36"])
    search = valid(center, ipc_main="C22C 1/02", ipc_codes=["C22C 1/02", "G06F16/783"])  # a secondary code, no space
    other_group = valid(center, ipc_main="G06F 161/00", ipc_codes=["G06F 161/00"])  # not group 16
    group_itself = valid(center, ipc_main="", ipc_codes=["G06F 16"])
    plain = valid(center)
    assert high_value.categories(battery, TODAY) == ["strategic"]
    assert high_value.categories(search, TODAY) == ["strategic"]
    assert high_value.categories(other_group, TODAY) == []
    assert high_value.categories(group_itself, TODAY) == ["strategic"]
    assert high_value.high_value_ids(center, TODAY) == {battery.pk, search.pk, group_itself.pk}
    assert plain.pk not in high_value.high_value_ids(center, TODAY)
    # The list is the region's: without it, none.
    StrategicIPC.objects.all().delete()
    assert high_value.high_value_ids(center, TODAY) == set()


def test_overseas_family_member(center):
    patent = valid(center)
    FamilyMember.objects.create(patent=patent, number="CN109999999A", country="CN", overseas=False)
    assert high_value.categories(patent, TODAY) == []
    FamilyMember.objects.create(patent=patent, number="US11111111B2", country="US", overseas=True)
    assert high_value.categories(patent, TODAY) == ["overseas"]


def test_maintained_more_than_ten_years(center):
    patent = valid(center, filing_date=date(2015, 3, 1), grant_date=date(2017, 5, 2), legal_status_on=None)
    assert high_value.categories(patent, date(2025, 3, 1)) == []  # exactly ten years: not more
    assert high_value.categories(patent, date(2025, 3, 2)) == ["maintained"]
    assert high_value.categories(patent, TODAY) == ["maintained"]
    assert high_value.high_value_ids(center, date(2025, 3, 1)) == set()
    assert high_value.high_value_ids(center, TODAY) == {patent.pk}


def test_pledge_financing_over_the_threshold(center, user, world):
    patent = valid(center)
    assert rules.HIGH_VALUE_PLEDGE_THRESHOLD.value() == 1000  # 10 million yuan
    pledge(patent, "6000000.00", date(2022, 1, 10), user)
    pledge(patent, "4000000.00", date(2023, 1, 10), user)
    assert high_value.categories(patent, TODAY) == []  # 10,000,000 is not over 10,000,000
    pledge(patent, "0.01", date(2025, 1, 10), user)
    assert high_value.categories(patent, TODAY) == ["pledge"]
    assert high_value.categories(patent, date(2025, 1, 9)) == []  # the last pledge came after
    # Another kind of event does not count.
    other = valid(center)
    Exploitation.objects.create(
        patent=other, kind="license", amount=Decimal("20000000"), starts_on=date(2022, 1, 1), recorded_by=user
    )
    assert high_value.categories(other, TODAY) == []
    # The region lowers the threshold to 500 万元 (the parameters page): the 10 million yuan pledged count.
    parameters.parameter_update(
        world.user("regional_officer"), "patents.high_value_pledge_threshold", value="500", reason="试行"
    )
    assert high_value.categories(patent, date(2024, 1, 1)) == ["pledge"]
    assert high_value.high_value_ids(center, date(2022, 6, 1)) == {patent.pk}  # 6 million by then


def test_national_award_or_china_patent_award(center):
    patent = valid(center)
    Award.objects.create(patent=patent, kind="other", name="自治区科技进步一等奖", awarded_on=date(2023, 5, 1))
    assert high_value.categories(patent, TODAY) == []
    Award.objects.create(
        patent=patent, kind="china_patent", name="第二十四届中国专利优秀奖", awarded_on=date(2024, 7, 1)
    )
    assert high_value.categories(patent, date(2024, 6, 30)) == []
    assert high_value.categories(patent, date(2024, 7, 1)) == ["award"]
    national = valid(center)
    Award.objects.create(
        patent=national, kind="national_st", name="国家科学技术进步奖二等奖", awarded_on=date(2021, 1, 8)
    )
    assert high_value.categories(national, date(2021, 1, 8)) == ["award"]


def test_all_categories_in_order_and_counted_once(center, user):
    StrategicIPC.objects.create(ipc_prefix="C22C", industry="新材料")
    patent = valid(center, filing_date=date(2012, 3, 1), grant_date=date(2014, 6, 1), legal_status_on=None)
    FamilyMember.objects.create(patent=patent, number="EP3000000B1", country="EP", overseas=True)
    pledge(patent, "20000000", date(2020, 1, 1), user)
    Award.objects.create(patent=patent, kind="national_st", name="国家技术发明奖", awarded_on=date(2019, 1, 8))
    assert high_value.categories(patent, TODAY) == ["strategic", "overseas", "maintained", "pledge", "award"]
    assert list(high_value.CATEGORIES) == ["strategic", "overseas", "maintained", "pledge", "award"]
    assert high_value.high_value_ids(center, TODAY) == {patent.pk}


# ---------------------------------------------------------------- the status on a date


def test_status_on_a_past_date_from_the_history(center):
    FamilyMember_overseas = {"number": "JP2020000001A", "country": "JP", "overseas": True}
    patent = valid(
        center, grant_date=date(2020, 6, 1), legal_status=Patent.LegalStatus.LAPSED, legal_status_on=date(2025, 3, 1)
    )
    FamilyMember.objects.create(patent=patent, **FamilyMember_overseas)
    for status, on in (("pending", date(2018, 3, 1)), ("granted", date(2020, 6, 1)), ("lapsed", date(2025, 3, 1))):
        LegalStatusChange.objects.create(patent=patent, status=status, on=on)
    assert high_value.categories(patent, date(2020, 5, 31)) == []  # pending then
    assert high_value.categories(patent, date(2020, 6, 1)) == ["overseas"]
    assert high_value.categories(patent, date(2025, 2, 28)) == ["overseas"]
    assert high_value.categories(patent, date(2025, 3, 1)) == []
    assert high_value.categories(patent, date(2017, 1, 1)) == []  # before it was filed
    # Restored: a later change back to granted counts again.
    LegalStatusChange.objects.create(patent=patent, status="granted", on=date(2025, 9, 1))
    assert high_value.categories(patent, TODAY) == ["overseas"]


def test_status_without_history(center):
    """No history: the current status when it held by then, else what the dates say."""
    patent = valid(center, legal_status=Patent.LegalStatus.LAPSED, legal_status_on=date(2025, 3, 1))
    FamilyMember.objects.create(patent=patent, number="KR1020200001", country="KR", overseas=True)
    assert high_value.categories(patent, TODAY) == []
    assert high_value.categories(patent, date(2024, 1, 1)) == ["overseas"]  # granted 2020-06-01, lapsed later
    granted_later = valid(center, grant_date=date(2024, 1, 1), legal_status_on=None)
    FamilyMember.objects.create(patent=granted_later, number="KR1020200002", country="KR", overseas=True)
    assert high_value.categories(granted_later, date(2023, 12, 31)) == []
    assert high_value.categories(granted_later, date(2024, 1, 1)) == ["overseas"]


# ---------------------------------------------------------------- interface and cost


def test_categories_reads_annotations_without_a_query(center):
    StrategicIPC.objects.create(ipc_prefix="C22C", industry="新材料")
    valid(center)
    valid(center)
    ctx = high_value.load_context()
    rows = list(high_value.annotate(Patent.objects.filter(center=center), TODAY, ctx))
    with CaptureQueriesContext(connection) as captured:
        found = [high_value.categories(p, TODAY, context=ctx) for p in rows]
    assert found == [["strategic"], ["strategic"]]
    assert len(captured) == 0
    # Annotated for another date: it asks again.
    with CaptureQueriesContext(connection) as captured:
        high_value.categories(rows[0], date(2024, 1, 1), context=ctx)
    assert len(captured) == 1


def _grow(center, user, n):
    for i in range(n):
        patent = valid(center, ipc_main="H01M 4/36" if i % 2 else "C22C 1/02", ipc_codes=["H01M 4/36"])
        FamilyMember.objects.create(patent=patent, number=f"US{i}X", country="US", overseas=bool(i % 3))
        pledge(patent, "1000", date(2022, 1, 1), user)
        Award.objects.create(patent=patent, kind="china_patent", name="中国专利奖", awarded_on=date(2023, 1, 1))
        LegalStatusChange.objects.create(patent=patent, status="granted", on=date(2020, 6, 1))


def test_high_value_ids_costs_the_same_queries_for_5_and_50_patents(center, user):
    StrategicIPC.objects.create(ipc_prefix="H01M", industry="新能源")
    _grow(center, user, 5)
    with CaptureQueriesContext(connection) as small:
        assert len(high_value.high_value_ids(center, TODAY)) == 5
    _grow(center, user, 45)
    with CaptureQueriesContext(connection) as large:
        assert len(high_value.high_value_ids(center, TODAY)) == 50
    assert len(small) == len(large) <= 3


def test_only_the_centers_patents(center, world):
    other = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    mine = valid(center)
    theirs = valid(other)
    for patent in (mine, theirs):
        FamilyMember.objects.create(patent=patent, number=f"US{patent.pk}", country="US", overseas=True)
    assert high_value.high_value_ids(center, TODAY) == {mine.pk}


# ---------------------------------------------------------------- the region's IPC list


def test_the_region_keeps_the_ipc_list(world):
    region = world.user("regional_officer")
    row = high_value.strategic_ipc_save(region, ipc_prefix=" g06f16 ", industry="新一代信息技术")
    assert row.ipc_prefix == "G06F 16"
    assert AuditEntry.objects.filter(action="strategic_ipc.create").count() == 1
    with pytest.raises(DomainError, match=r"nothing changed|未作更改"):
        high_value.strategic_ipc_save(region, ipc_prefix="G06F 16", industry="新一代信息技术")
    row = high_value.strategic_ipc_save(region, ipc_prefix="G06F 16", industry="数字经济")
    assert row.industry == "数字经济" and StrategicIPC.objects.count() == 1
    for bad in ("", "Z99", "G06F 16/", "稀土"):
        with pytest.raises(DomainError):
            high_value.strategic_ipc_save(region, ipc_prefix=bad, industry="x")
    with pytest.raises(DomainError):
        high_value.strategic_ipc_save(region, ipc_prefix="H01M", industry="  ")
    assert StrategicIPC.objects.count() == 1
    for actor in ("unit_admin", "prefecture_officer", "system_admin"):
        with pytest.raises(PermissionDenied):
            high_value.strategic_ipc_save(world.user(actor), ipc_prefix="H01M", industry="新能源")
        with pytest.raises(PermissionDenied):
            high_value.strategic_ipc_delete(world.user(actor), row)
    high_value.strategic_ipc_delete(region, row)
    assert not StrategicIPC.objects.exists()
    assert AuditEntry.objects.filter(action="strategic_ipc.delete").count() == 1


def test_the_threshold_is_a_tunable_of_the_region():
    from apps.parameters import tunables

    tunable = tunables.get("patents.high_value_pledge_threshold")
    assert tunable is rules.HIGH_VALUE_PLEDGE_THRESHOLD
    assert tunable.minimum >= 1 and tunable.default == 1000
    assert high_value.threshold_yuan() == Decimal("10000000")
