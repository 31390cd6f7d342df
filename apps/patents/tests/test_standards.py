"""The standards part's services (`standards.py`, Art. 13(3)–(4)): the loose standard-number rule, recording a
standard relying on the center's patents and an alliance / pool with members from the register and outside it, every
refusal (nothing changed), corrections and deletions (audited), and the KPI engine's interfaces `standards_in` and
`alliances_active` against hand-counted fixtures."""

from datetime import date

import pytest

from apps.audit.models import AuditEntry
from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.core.errors import DomainError, PermissionDenied
from apps.patents import standards
from apps.patents.models import Alliance, Standard
from apps.patents.tests import factories

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 4)
Level, Status = Standard.Level, Standard.Status


@pytest.fixture(autouse=True)
def _today(clock):
    clock.set(TODAY)


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


@pytest.fixture
def user(world):
    return world.user("unit_admin")


@pytest.mark.parametrize(
    ("typed", "normalised", "level"),
    [
        ("GB/T 12345-2020", "GB/T 12345-2020", Level.NATIONAL),
        ("gb/t12345-2020", "GB/T 12345-2020", Level.NATIONAL),
        ("GB／T 12345－2020", "GB/T 12345-2020", Level.NATIONAL),
        ("GB 50016-2014", "GB 50016-2014", Level.NATIONAL),
        ("DB15/T 1234-2021", "DB15/T 1234-2021", Level.LOCAL),
        ("T/CAS 001-2023", "T/CAS 001-2023", Level.GROUP),
        ("T/NMGIP 12-2022", "T/NMGIP 12-2022", Level.GROUP),
        ("JB/T 1234.2-2019", "JB/T 1234.2-2019", Level.INDUSTRY),
        ("YS/T 123-2018", "YS/T 123-2018", Level.INDUSTRY),
        ("ISO 9001:2015", "ISO 9001:2015", Level.INTERNATIONAL),
        ("ISO/IEC 27001:2022", "ISO/IEC 27001:2022", Level.INTERNATIONAL),
        ("IEC 62660-1:2018", "IEC 62660-1:2018", Level.INTERNATIONAL),
    ],
)
def test_standard_numbers(typed, normalised, level):
    assert standards.clean_number(typed, level=level, status=Status.PUBLISHED) == normalised
    assert standards.number_level(normalised) == level


@pytest.mark.parametrize("typed", ["12345", "GB/T 12345", "GB/T 12345-20", "标准一号", "GB/T-2020", "T/ 001-2023"])
def test_malformed_numbers_are_refused_in_chinese(typed):
    with pytest.raises(DomainError) as caught:
        standards.clean_number(typed, level=Level.NATIONAL, status=Status.PUBLISHED)
    assert "不是有效的标准编号" in caught.value.message


def test_the_level_must_fit_the_number():
    with pytest.raises(DomainError) as caught:
        standards.clean_number("DB15/T 1234-2021", level=Level.NATIONAL, status=Status.PUBLISHED)
    assert "地方" in caught.value.message and "核对级别" in caught.value.message


def test_a_drafted_standard_may_carry_its_plan_number():
    assert standards.clean_number("20214567-T-339", level=Level.NATIONAL, status=Status.DRAFTING) == "20214567-T-339"


def _standard(**overrides):
    values = {"number": "GB/T 12345-2020", "name": "稀土永磁材料", "level": Level.NATIONAL, "role": "lead",
              "status": Status.PUBLISHED, "published_on": date(2025, 4, 1)}  # fmt: skip
    values.update(overrides)
    return values


def test_a_standard_relying_on_two_patents(center, user):
    first, second = factories.patent(center), factories.patent(center)
    standard = standards.record_standard(user, center, patents=[first, second.pk], **_standard())
    assert set(standard.patents.all()) == {first, second}
    entry = AuditEntry.objects.get(action="patents.standard.create")
    assert entry.after["patents"] == sorted([first.pk, second.pk])


def test_standard_refusals_change_nothing(world, center, user):
    other = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    foreign = factories.patent(other)
    cases = [
        (_standard(number="abc"), "标准编号"),
        (_standard(published_on=date(2026, 5, 5)), "不能晚于今天"),
        (_standard(published_on=None), "请填写日期"),
        (_standard(name=""), "标准名称"),
        (_standard(level="planet"), "级别"),
        (_standard(patents=[foreign]), "本中心"),
    ]
    for values, words in cases:
        with pytest.raises(DomainError) as caught:
            standards.record_standard(user, center, **values)
        assert words in caught.value.message, (values, caught.value.message)
    assert Standard.objects.count() == 0 and not AuditEntry.objects.filter(action__startswith="patents.standard")


def test_a_standard_number_is_recorded_once(center, user):
    standards.record_standard(user, center, **_standard())
    with pytest.raises(DomainError) as caught:
        standards.record_standard(user, center, **_standard(number="gb/t12345-2020"))
    assert "已录入" in caught.value.message and Standard.objects.count() == 1


def test_only_the_lead_unit_keeps_standards(world, center):
    for actor in ("prefecture_officer", "regional_officer", "unit_admin_other"):
        with pytest.raises(PermissionDenied):
            standards.record_standard(world.user(actor), center, **_standard())
    assert Standard.objects.count() == 0


def test_a_standard_is_updated_and_deleted_with_the_reason(center, user):
    patent = factories.patent(center)
    standard = standards.record_standard(user, center, **_standard(status=Status.DRAFTING, published_on=None,
                                                                   number="20214567-T-339"))  # fmt: skip
    standards.update_standard(user, standard, status=Status.PUBLISHED, number="GB/T 40000-2025",
                              published_on=date(2025, 12, 1), patents=[patent])  # fmt: skip
    standard.refresh_from_db()
    assert standard.number == "GB/T 40000-2025" and list(standard.patents.all()) == [patent]
    assert AuditEntry.objects.get(action="patents.standard.update").after["patents"] == [patent.pk]
    with pytest.raises(DomainError):
        standards.delete_standard(user, standard, reason="")
    standards.delete_standard(user, standard, reason="录入重复")
    assert Standard.objects.count() == 0
    assert AuditEntry.objects.get(action="patents.standard.delete").message == "录入重复"


def _alliance(**overrides):
    values = {"kind": Alliance.Kind.POOL, "name": "稀土永磁专利池", "role": "initiator", "joined_on": date(2024, 6, 1),
              "other_members": "  某研究院 \n\n 某大学  ",
              "licensing_terms": "成员间交叉许可，对外统一许可。"}  # fmt: skip
    values.update(overrides)
    return values


def test_an_alliance_with_members_in_and_outside_the_register(world, center, user):
    patent = factories.patent(center)
    alliance = standards.record_alliance(user, center, members=[world.org, world.org_other], patents=[patent],
                                         **_alliance())  # fmt: skip
    assert set(alliance.members.all()) == {world.org, world.org_other}
    assert alliance.other_members == "某研究院\n某大学" and list(alliance.patents.all()) == [patent]
    assert AuditEntry.objects.filter(action="patents.alliance.create").count() == 1


def test_alliance_refusals_change_nothing(world, center, user):
    other = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    cases = [
        (_alliance(joined_on=date(2026, 5, 5)), "不能晚于今天"),
        (_alliance(left_on=date(2024, 5, 31)), "不能早于加入日期"),
        (_alliance(name=" "), "联盟或专利池名称"),
        (_alliance(kind="club"), "类别"),
        (_alliance(patents=[factories.patent(other)]), "本中心"),
    ]
    for values, words in cases:
        with pytest.raises(DomainError) as caught:
            standards.record_alliance(user, center, **values)
        assert words in caught.value.message, (values, caught.value.message)
    assert Alliance.objects.count() == 0


def test_an_alliance_is_left_and_deleted(center, user):
    alliance = standards.record_alliance(user, center, **_alliance())
    standards.update_alliance(user, alliance, left_on=date(2025, 6, 1))
    alliance.refresh_from_db()
    assert alliance.left_on == date(2025, 6, 1)
    standards.delete_alliance(user, alliance, reason="误录")
    assert Alliance.objects.count() == 0 and AuditEntry.objects.filter(action="patents.alliance.delete").exists()


def test_the_kpi_interfaces_against_hand_counted_fixtures(world, center, user):
    """Window 2025: standards published 2025-01-01 (published) and 2025-12-31 (in force) count; 2024-12-31, 2026-01-01,
    a withdrawn one of 2025-06-01 and a drafted one do not. Alliances: joined 2023 still in, joined 2025-12-31, left
    2025-01-01 count; left 2024-12-31 and joined 2026-01-01 do not."""
    for number, status, on in [
        ("GB/T 1-2025", Status.PUBLISHED, date(2025, 1, 1)),
        ("GB/T 2-2025", Status.IN_FORCE, date(2025, 12, 31)),
        ("GB/T 3-2024", Status.PUBLISHED, date(2024, 12, 31)),
        ("GB/T 4-2026", Status.PUBLISHED, date(2026, 1, 1)),
        ("GB/T 5-2025", Status.WITHDRAWN, date(2025, 6, 1)),
    ]:
        standards.record_standard(user, center, **_standard(number=number, status=status, published_on=on))
    standards.record_standard(
        user, center, **_standard(number="计划 2025-1", status=Status.DRAFTING, published_on=None)
    )
    for name, joined, left in [
        ("甲", date(2023, 1, 1), None),
        ("乙", date(2025, 12, 31), None),
        ("丙", date(2024, 1, 1), date(2025, 1, 1)),
        ("丁", date(2023, 1, 1), date(2024, 12, 31)),
        ("戊", date(2026, 1, 1), None),
    ]:
        standards.record_alliance(user, center, **_alliance(name=name, joined_on=joined, left_on=left))
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    assert sorted(s.number for s in standards.standards_in(center, start, end)) == ["GB/T 1-2025", "GB/T 2-2025"]
    assert sorted(a.name for a in standards.alliances_active(center, start, end)) == sorted(["甲", "乙", "丙"])
