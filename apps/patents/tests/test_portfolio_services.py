"""The portfolio's services (issue 16, "Portfolio", "Bad input"): a patent entered by form with its number
normalised, every refusal with a Chinese message and nothing changed, lost updates refused, deletion only of a form
record nothing rests on, the legal-status history, the family (overseas computed), awards, the contract tasks, and
an audit entry for every write."""

from datetime import date, timedelta

import pytest

from apps.audit.labels import action_label
from apps.audit.models import AuditEntry
from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.core import clock
from apps.core.errors import ConcurrentChange, DomainError, PermissionDenied
from apps.patents import policies, portfolio
from apps.patents.models import Award, FamilyMember, LegalStatusChange, Patent, PatentGrade
from apps.patents.tests import factories

pytestmark = pytest.mark.django_db

NUMBER = "201611162814.0"  # a real number (../shared/GLOSSARY.md examples pass the check)


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def admin(world):
    return world.user("unit_admin")


def _fields(**extra):
    return {
        "application_number": "CN2016111628140",
        "title": "一种稀土永磁材料的制备方法",
        "filing_date": date(2016, 12, 15),
        "applicants": "包头稀土研究院; 内蒙古大学",
        "inventors": "张三|李四",
        "ipc_codes": "H01F 1/057; C22C 38/00",
        **extra,
    }


def _entered(center, admin, **extra):
    return portfolio.patent_create(admin, center, **_fields(**extra))


def _message(exc_info) -> str:
    return str(exc_info.value.message)


# ---------------------------------------------------------------- create


def test_a_patent_entered_by_form_is_normalised_typed_and_audited(center, admin):
    patent = _entered(center, admin, tasks=["transfer_use", "cultivation_system"])
    assert patent.application_number == NUMBER and patent.country == "CN"
    assert patent.patent_type == Patent.Type.INVENTION  # from the type digit 1
    assert patent.applicants == ["包头稀土研究院", "内蒙古大学"] and patent.inventors == ["张三", "李四"]
    assert patent.ipc_main == "H01F 1/057" and patent.ipc_codes == ["H01F 1/057", "C22C 38/00"]
    assert patent.tasks == ["cultivation_system", "transfer_use"]  # in the contract's order
    assert patent.source == Patent.Source.FORM and patent.created_by == admin
    assert list(patent.status_history.values_list("status", "on")) == [("pending", date(2016, 12, 15))]
    entry = AuditEntry.objects.get(action="patent.create")
    assert entry.object_id == str(patent.pk) and entry.actor == admin
    assert action_label("patent.create") == "创建"


def test_a_unit_member_enters_a_patent_too(world, center):
    patent = portfolio.patent_create(world.user("unit_member"), center, **_fields())
    assert patent.pk


def test_a_pct_national_phase_number_marks_the_patent_pct(center, admin):
    number = factories.number(year=2017, kind=8, serial=1234)
    patent = _entered(center, admin, application_number=number, filing_date=date(2017, 6, 1))
    assert patent.is_pct and patent.patent_type == Patent.Type.INVENTION


def test_a_foreign_number_is_kept_and_needs_its_type(center, admin):
    with pytest.raises(DomainError) as refused:
        _entered(center, admin, application_number="US10123456B2")
    assert "专利类型" in _message(refused)
    patent = _entered(center, admin, application_number="us 10123456 b2", patent_type="invention")
    assert patent.application_number == "US10123456B2" and patent.country == "US"
    assert patent.display_number == "US10123456B2"


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ({"application_number": "201611162814.1"}, "application_number", "校验"),
        ({"application_number": "CN106123456A"}, "application_number", "不是申请号"),
        ({"application_number": ""}, "application_number", "申请号"),
        ({"application_number": "abc"}, "application_number", "申请号"),
        ({"patent_type": "plant_variety"}, "patent_type", "不是专利类型"),
        ({"patent_type": "utility_model"}, "patent_type", "申请号"),
        ({"filing_date": date.today() + timedelta(days=3)}, "filing_date", "晚于"),
        ({"grant_date": date(2016, 1, 1), "legal_status": "granted"}, "grant_date", "早于"),
        ({"publication_date": date(2016, 6, 1)}, "publication_date", "早于"),
        ({"grant_date": date(2018, 1, 1)}, "grant_date", "授权"),
        ({"legal_status": "dormant"}, "legal_status", "法律状态"),
        ({"claims_count": -1}, "claims_count", "负"),
        ({"claims_count": "十"}, "claims_count", "整数"),
        ({"filing_date": "2016/13/40"}, "filing_date", "日期"),
        ({"title": "  "}, "title", "标题"),
        ({"tasks": ["world_peace"]}, "tasks", "任务"),
        ({"legal_status_on": date(2010, 1, 1)}, "legal_status_on", "申请日"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(center, admin, extra, field, words):
    before = (Patent.objects.count(), LegalStatusChange.objects.count(), AuditEntry.objects.count())
    with pytest.raises(portfolio.Refusal) as refused:
        _entered(center, admin, **extra)
    assert field in [name for name, _reason in refused.value.errors], refused.value.errors
    message = _message(refused)
    assert words in message, message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert (Patent.objects.count(), LegalStatusChange.objects.count(), AuditEntry.objects.count()) == before


def test_a_future_date_is_refused_on_the_business_clock(center, admin, clock):
    clock.set(date(2030, 1, 1))
    assert _entered(center, admin, grant_date=date(2029, 12, 31), legal_status="granted").pk
    with pytest.raises(portfolio.Refusal):
        _entered(center, admin, application_number="201080063196.9", filing_date=date(2030, 1, 2))


def test_a_duplicate_number_in_any_written_form_names_the_existing_record(center, admin):
    first = _entered(center, admin)
    for written in ("201611162814.0", "ZL201611162814.0", "cn 201611162814.0"):
        with pytest.raises(portfolio.Refusal) as refused:
            _entered(center, admin, application_number=written)
        assert refused.value.existing == first and refused.value.code == "duplicate"
        assert first.get_absolute_url() in _message(refused) and "已在本中心" in _message(refused)
    assert Patent.objects.count() == 1


def test_the_same_number_in_another_center_is_its_own_record(world, center, admin):
    _entered(center, admin)
    other = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    assert _entered(other, admin).center == other


def test_an_ended_center_keeps_its_records_read_only(world, center, admin):
    Center.objects.filter(pk=center.pk).update(status=Center.Status.TERMINATED)
    center.refresh_from_db()
    with pytest.raises(PermissionDenied) as refused:
        _entered(center, admin)
    assert "已结束" in _message(refused) or "不能再" in _message(refused)
    assert not Patent.objects.exists()


@pytest.mark.parametrize(
    "actor", ["unit_admin_other", "prefecture_officer", "regional_officer", "expert", "system_admin"]
)
def test_only_the_lead_unit_keeps_the_portfolio(world, center, actor):
    with pytest.raises(PermissionDenied):
        portfolio.patent_create(world.user(actor), center, **_fields())
    assert not Patent.objects.exists()


def test_a_partner_cannot_keep_the_records(world, center, admin):
    from apps.centers.models import CenterPartner

    CenterPartner.objects.create(
        center=center, organization=world.org_other, role="upstream_enterprise", joined_on=clock.today()
    )
    assert policies.can_view(world.user("unit_admin_other"), center)
    patent = _entered(center, admin)
    with pytest.raises(PermissionDenied):
        portfolio.patent_update(world.user("unit_admin_other"), patent, title="改")


# ---------------------------------------------------------------- update


def test_an_update_changes_what_differs_and_audits_before_and_after(center, admin):
    patent = _entered(center, admin)
    seen = portfolio.stamp(patent)
    updated = portfolio.patent_update(admin, patent, seen=seen, title="一种新型稀土永磁材料", claims_count=8)
    assert updated.title == "一种新型稀土永磁材料" and updated.claims_count == 8
    entry = AuditEntry.objects.get(action="patent.update")
    assert entry.before["title"] == "一种稀土永磁材料的制备方法" and entry.after["title"] == "一种新型稀土永磁材料"
    assert "application_number" not in entry.after


def test_an_update_that_changes_nothing_writes_nothing(center, admin):
    patent = _entered(center, admin)
    portfolio.patent_update(admin, patent, seen=portfolio.stamp(patent), title=patent.title)
    assert not AuditEntry.objects.filter(action="patent.update").exists()


def test_two_editors_the_second_is_told_the_record_changed_meanwhile(center, admin, world):
    patent = _entered(center, admin)
    first_seen = second_seen = portfolio.stamp(patent)
    portfolio.patent_update(admin, Patent.objects.get(pk=patent.pk), seen=first_seen, title="甲改的标题")
    with pytest.raises(ConcurrentChange) as refused:
        portfolio.patent_update(
            world.user("unit_member"), Patent.objects.get(pk=patent.pk), seen=second_seen, title="乙改的标题"
        )
    assert "已被他人修改" in _message(refused) or "期间" in _message(refused)
    assert Patent.objects.get(pk=patent.pk).title == "甲改的标题"


def test_an_update_to_a_number_already_there_is_refused(center, admin):
    _entered(center, admin)
    other = _entered(center, admin, application_number="201310699744.2", filing_date=date(2013, 12, 1))
    with pytest.raises(portfolio.Refusal) as refused:
        portfolio.patent_update(admin, other, application_number="CN201611162814.0")
    assert refused.value.code == "duplicate"
    other.refresh_from_db()
    assert other.application_number == "201310699744.2"


def test_an_update_keeps_the_rules(center, admin):
    patent = _entered(center, admin)
    with pytest.raises(portfolio.Refusal):
        portfolio.patent_update(admin, patent, publication_date=date(2015, 1, 1))
    with pytest.raises(portfolio.Refusal):
        portfolio.patent_update(admin, patent, patent_type="design")
    patent.refresh_from_db()
    assert patent.publication_date is None and patent.patent_type == "invention"


# ---------------------------------------------------------------- delete


def test_a_form_record_nothing_rests_on_is_deleted_with_its_history(center, admin):
    patent = _entered(center, admin)
    portfolio.family_member_add(admin, patent, "US20190123456A1")
    portfolio.patent_delete(admin, patent)
    assert not Patent.objects.exists() and not FamilyMember.objects.exists()
    assert not LegalStatusChange.objects.exists()
    entry = AuditEntry.objects.get(action="patent.delete")
    assert entry.object_id == str(patent.pk) and entry.before["title"] == patent.title


def test_an_imported_record_is_not_deleted(center, admin):
    patent = factories.patent(center, source=Patent.Source.IMPORT)
    with pytest.raises(DomainError) as refused:
        portfolio.patent_delete(admin, patent)
    assert "导入" in _message(refused)
    assert Patent.objects.filter(pk=patent.pk).exists()


def test_a_graded_record_is_not_deleted(center, admin):
    patent = _entered(center, admin)
    PatentGrade.objects.create(
        patent=patent, legal_score=50, technical_score=50, economic_score=50, total=50, suggested="B", grade="B",
        handling="maintain", graded_by=admin, graded_on=clock.today(),
    )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        portfolio.patent_delete(admin, patent)
    assert "分级" in _message(refused)
    assert Patent.objects.filter(pk=patent.pk).exists()


def test_a_partner_or_an_officer_cannot_delete(world, center, admin):
    patent = _entered(center, admin)
    for actor in ("prefecture_officer", "regional_officer", "unit_admin_other"):
        with pytest.raises(PermissionDenied):
            portfolio.patent_delete(world.user(actor), patent)
    assert Patent.objects.filter(pk=patent.pk).exists()


# ---------------------------------------------------------------- legal status


def test_the_latest_status_moves_the_patent_an_earlier_one_completes_the_history(center, admin):
    patent = _entered(center, admin)
    portfolio.legal_status_record(admin, patent, "published", date(2017, 6, 1), "实质审查生效")
    portfolio.legal_status_record(admin, patent, "granted", date(2019, 3, 1), "授权公告")
    patent.refresh_from_db()
    assert (patent.legal_status, patent.legal_status_on) == ("granted", date(2019, 3, 1))
    portfolio.legal_status_record(admin, patent, "published", date(2017, 3, 1), "公开")
    patent.refresh_from_db()
    assert patent.legal_status == "granted"
    steps = list(patent.status_history.order_by("on").values_list("status", flat=True))
    assert steps == ["pending", "published", "published", "granted"]
    assert AuditEntry.objects.filter(action="patent.record_status").count() == 3
    assert action_label("patent.record_status") == "登记法律状态"


@pytest.mark.parametrize(
    ("status", "on", "words"),
    [
        ("granted", date.today() + timedelta(days=1), "晚于"),
        ("granted", date(2016, 1, 1), "申请日"),
        ("sleeping", date(2018, 1, 1), "法律状态"),
        ("granted", None, "日期"),
    ],
)
def test_a_bad_status_step_is_refused(center, admin, status, on, words):
    patent = _entered(center, admin)
    with pytest.raises(portfolio.Refusal) as refused:
        portfolio.legal_status_record(admin, patent, status, on)
    assert words in _message(refused)
    assert patent.status_history.count() == 1


# ---------------------------------------------------------------- family


@pytest.mark.parametrize(
    ("number", "country", "overseas"),
    [
        ("US20190123456A1", "", True),
        ("ep 3456789 a1", "", True),
        ("WO2019123456A1", "", True),
        ("HK1234567A", "", True),  # Hong Kong counts as overseas (CNIPA's statistics)
        ("TW201912345A", "", True),
        ("CN107346321A", "", False),
        ("2019123456", "JP", True),
    ],
)
def test_a_family_member_is_flagged_overseas_from_its_office(center, admin, number, country, overseas):
    patent = _entered(center, admin)
    member = portfolio.family_member_add(admin, patent, number, country)
    assert member.overseas is overseas
    assert AuditEntry.objects.filter(action="patent.add_family_member").count() == 1


def test_is_overseas():
    assert not portfolio.is_overseas("CN") and not portfolio.is_overseas(" cn ")
    assert all(portfolio.is_overseas(code) for code in ("HK", "MO", "TW", "US", "EP", "WO"))


@pytest.mark.parametrize(
    ("number", "country", "words"),
    [("", "", "号"), ("123456", "", "两个字母"), ("US1", "U1", "两个字母"), ("CN201611162814.0", "", "本专利")],
)
def test_a_bad_family_member_is_refused(center, admin, number, country, words):
    patent = _entered(center, admin)
    with pytest.raises(portfolio.Refusal) as refused:
        portfolio.family_member_add(admin, patent, number, country)
    assert words in _message(refused), _message(refused)
    assert not FamilyMember.objects.exists()


def test_a_family_member_twice_is_refused_and_one_is_removed(center, admin):
    patent = _entered(center, admin)
    member = portfolio.family_member_add(admin, patent, "US20190123456A1")
    with pytest.raises(portfolio.Refusal):
        portfolio.family_member_add(admin, patent, "us20190123456a1")
    portfolio.family_member_remove(admin, member)
    assert not FamilyMember.objects.exists()
    assert AuditEntry.objects.filter(action="patent.remove_family_member").exists()
    with pytest.raises(DomainError):
        portfolio.family_member_remove(admin, member)


# ---------------------------------------------------------------- awards and tasks


def test_an_award_is_added_and_removed(center, admin):
    patent = _entered(center, admin)
    award = portfolio.award_add(
        admin, patent, kind="china_patent", name="第二十三届中国专利优秀奖", awarded_on=date(2022, 7, 1)
    )
    assert award.kind in Award.HIGH_VALUE
    with pytest.raises(portfolio.Refusal):
        portfolio.award_add(admin, patent, kind="nobel", name="", awarded_on=date(2015, 1, 1))
    portfolio.award_remove(admin, award)
    assert not Award.objects.exists()
    assert {e.action for e in AuditEntry.objects.all()} >= {"patent.add_award", "patent.remove_award"}


def test_tasks_are_tagged_with_the_contracts_keys(center, admin):
    patent = _entered(center, admin)
    patent = portfolio.patent_tasks_set(admin, patent, ["industry_alliance", "forward_layout"])
    assert patent.tasks == ["forward_layout", "industry_alliance"]
    with pytest.raises(portfolio.Refusal):
        portfolio.patent_tasks_set(admin, patent, ["elsewhere"])
    assert set(portfolio.TASKS) == {"cultivation_system", "forward_layout", "transfer_use", "industry_alliance"}
    from apps.centers.models import ContractVersion

    for key, label in portfolio.TASKS.items():
        assert ContractVersion._meta.get_field(f"task_{key}").verbose_name == label


def test_counts_by_type_and_status_are_one_query(center, admin, django_assert_num_queries):
    factories.patent(center)
    factories.patent(center, patent_type="utility_model", application_number=factories.number(kind=2))
    factories.patent(center, legal_status="granted", grant_date=date(2022, 1, 1))
    with django_assert_num_queries(1):
        counts = portfolio.counts(Patent.objects.filter(center=center))
    assert counts.total == 3
    assert [(v, n) for v, _label, n in counts.by_type] == [("invention", 2), ("utility_model", 1)]
    assert [(v, n) for v, _label, n in counts.by_status] == [("pending", 2), ("granted", 1)]
