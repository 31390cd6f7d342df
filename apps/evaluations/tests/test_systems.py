"""The indicator system (Art. 16): the seeded default, its editing services (every refusal), copying, and the pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.core import clock
from apps.core.errors import DomainError, PermissionDenied
from apps.evaluations import default_system, services_systems, systems
from apps.evaluations.models import EvaluationIndicator, IndicatorArea, IndicatorSystem, VetoItem
from apps.evaluations.tests import builders
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db
FROZEN = "该指标体系已被评价轮次使用，已冻结；请复制为新版本后修改"


@pytest.fixture
def officer(world):
    return world.user("regional_officer")


def _add(officer, system, **changes):
    values = {
        "area": IndicatorArea.objects.get(system=system, key="operation"),
        "code": "1.9",
        "name": "新指标",
        "guidance": "说明",
        "max_points": "2.5",
        "kind": "subjective",
        "rule": "",
        "params": {},
    }
    values.update(changes)
    return services_systems.indicator_add(officer, system, **values)


def _state(system):
    return (
        list(EvaluationIndicator.objects.filter(system=system).values_list("code", "max_points", "rule", "params")),
        list(VetoItem.objects.filter(system=system).values_list("code", "name")),
        IndicatorSystem.objects.filter(pk=system.pk).values_list("name", "note").get(),
    )


# ---------------------------------------------------------------- the seeded default


def test_the_seeded_default_system_is_complete():
    system = IndicatorSystem.objects.get(version=1)
    assert system.name == "内蒙古高价值专利培育中心绩效评价指标体系（2026版）"
    assert systems.check_complete(system) == []
    assert systems.total_points(system) == Decimal("100")
    assert list(IndicatorArea.objects.filter(system=system).values_list("key", flat=True)) == [
        k for k, _ in IndicatorArea.Key.choices
    ]
    assert set(VetoItem.objects.filter(system=system).values_list("name", flat=True)) == {
        "弄虚作假",
        "学术不端",
        "违规使用经费",
        "非正常专利申请",
    }
    rules = set(EvaluationIndicator.objects.filter(system=system, kind="objective").values_list("rule", flat=True))
    assert rules == {
        "kpi_completion",
        "funds_execution",
        "report_timeliness",
        "council_activity",
        "inspection_findings",
    }
    assert EvaluationIndicator.objects.filter(system=system, kind="subjective").exclude(guidance="").count() >= 5
    assert system.frozen_at is None


def test_the_default_data_totals_100_and_its_params_are_valid():
    from apps.evaluations import objective

    assert sum(Decimal(row[3]) for row in default_system.INDICATORS) == Decimal("100")
    for _area, _code, _name, _points, kind, rule, params, _guidance in default_system.INDICATORS:
        if kind == "objective":
            assert objective.clean_params(rule, params) == params


# ---------------------------------------------------------------- who


@pytest.mark.parametrize("actor", ["evaluator", "unit_admin", "prefecture_officer", "system_admin"])
def test_only_the_region_edits(world, actor):
    system = builders.system()
    before = _state(system)
    with pytest.raises(PermissionDenied):
        _add(world.user(actor), system)
    with pytest.raises(PermissionDenied):
        services_systems.copy(world.user(actor), system)
    assert _state(system) == before


# ---------------------------------------------------------------- indicators


def test_add_update_delete_an_indicator_with_audit(officer):
    system = builders.system()
    indicator = _add(officer, system, kind="objective", rule="report_timeliness", params={"per_day": "0.5"})
    assert indicator.max_points == Decimal("2.50") and indicator.params == {"per_day": 0.5}
    assert AuditEntry.objects.filter(action="evaluations.indicator.create", object_id=str(indicator.pk)).exists()

    updated = services_systems.indicator_update(
        officer,
        indicator,
        area=IndicatorArea.objects.get(system=system, key="funds"),
        code="5.9",
        name="改名",
        guidance="",
        max_points="3",
        kind="subjective",
        rule="report_timeliness",
        params={"per_day": 1},
    )
    assert (updated.code, updated.area.key, updated.kind, updated.rule, updated.params) == (
        "5.9",
        "funds",
        "subjective",
        "",
        {},
    )
    entry = AuditEntry.objects.get(action="evaluations.indicator.update")
    assert entry.before["code"] == "1.9" and entry.after["code"] == "5.9"

    services_systems.indicator_delete(officer, updated)
    assert not EvaluationIndicator.objects.filter(pk=updated.pk).exists()
    assert AuditEntry.objects.filter(action="evaluations.indicator.delete").exists()
    services_systems.indicator_delete(officer, updated)  # twice: nothing happens


@pytest.mark.parametrize(
    "value, message",
    [
        ("abc", "数字"),
        ("-1", "大于零"),
        ("0", "大于零"),
        ("100.001", "100"),
        ("1.234", "两位小数"),
        ("", "填写"),
    ],
)
def test_bad_points_are_refused_in_chinese_and_nothing_changes(officer, value, message):
    system = builders.system()
    before = _state(system)
    with pytest.raises(DomainError) as exc:
        _add(officer, system, max_points=value)
    assert message in exc.value.message
    assert _state(system) == before


def test_points_of_100_and_two_decimals_pass(officer):
    system = builders.system()
    assert _add(officer, system, max_points="100").max_points == Decimal("100.00")
    assert _add(officer, system, code="1.8", max_points="0.01").max_points == Decimal("0.01")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"kind": "objective", "rule": ""}, "评分规则"),
        ({"kind": "objective", "rule": "no_such_rule"}, "评分规则"),
        ({"kind": "objective", "rule": "report_timeliness", "params": {"per_day": "-1"}}, "0 至"),
        ({"kind": "objective", "rule": "report_timeliness", "params": {"per_year": "2"}}, "per_year"),
        ({"code": "1.1"}, "1.1"),
        ({"code": ""}, "填写"),
        ({"name": "x" * 201}, "200"),
        ({"kind": "other"}, "客观"),
    ],
)
def test_bad_indicators_are_refused_and_nothing_changes(officer, changes, message):
    system = builders.system()
    before = _state(system)
    with pytest.raises(DomainError) as exc:
        _add(officer, system, **changes)
    assert message in exc.value.message
    assert _state(system) == before


def test_an_area_of_another_system_is_refused(officer):
    system, other = builders.system(), builders.system()
    with pytest.raises(DomainError):
        _add(officer, system, area=IndicatorArea.objects.get(system=other, key="operation"))


def test_the_code_may_stay_the_same_on_update_but_not_take_anothers(officer):
    system = builders.system()
    indicator = EvaluationIndicator.objects.get(system=system, code="1.3")
    values = {
        "area": indicator.area_id,
        "name": indicator.name,
        "guidance": "",
        "max_points": "10",
        "kind": "subjective",
    }
    services_systems.indicator_update(officer, indicator, code="1.3", **values)
    with pytest.raises(DomainError, match=r"1\.1"):
        services_systems.indicator_update(officer, indicator, code="1.1", **values)


def test_the_total_may_differ_from_100_while_editing(officer):
    system = builders.system()
    _add(officer, system)
    problems = systems.check_complete(system)
    assert len(problems) == 1 and "102.5" in problems[0]


# ---------------------------------------------------------------- frozen


def test_every_edit_of_a_frozen_system_is_refused(officer):
    system = builders.system(frozen=True)
    indicator = EvaluationIndicator.objects.filter(system=system).first()
    veto = VetoItem.objects.filter(system=system).first()
    before = _state(system)
    attempts = [
        lambda: _add(officer, system),
        lambda: services_systems.indicator_update(
            officer,
            indicator,
            area=indicator.area_id,
            code=indicator.code,
            name="改",
            max_points="5",
            kind=indicator.kind,
            rule=indicator.rule,
            params=indicator.params,
        ),
        lambda: services_systems.indicator_delete(officer, indicator),
        lambda: services_systems.veto_add(officer, system, code="V9", name="新否决项"),
        lambda: services_systems.veto_update(officer, veto, code=veto.code, name="改"),
        lambda: services_systems.veto_delete(officer, veto),
        lambda: services_systems.update(officer, system, name="改名", note=""),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as exc:
            attempt()
        assert exc.value.message == FROZEN
    assert _state(system) == before


def test_a_system_whose_round_has_opened_is_frozen_even_without_the_mark(world, officer):
    system = builders.system()
    builders.round_(world, system_=system, status="open")
    with pytest.raises(DomainError, match="已冻结"):
        _add(officer, system)


def test_the_frozen_check_reads_the_row_again(officer):
    system = builders.system()
    stale = IndicatorSystem.objects.get(pk=system.pk)
    IndicatorSystem.objects.filter(pk=system.pk).update(frozen_at=clock.now())  # a round opened meanwhile
    with pytest.raises(DomainError, match="已冻结"):
        _add(officer, stale)


# ---------------------------------------------------------------- vetoes and the system


def test_veto_items_add_update_delete(officer):
    system = builders.system()
    veto = services_systems.veto_add(officer, system, code="V5", name="其他严重违规", description="说明")
    assert veto.position == 4
    with pytest.raises(DomainError, match="V1"):
        services_systems.veto_add(officer, system, code="V1", name="重复")
    with pytest.raises(DomainError):
        services_systems.veto_update(officer, veto, code="V5", name="")
    services_systems.veto_update(officer, veto, code="V6", name="改名")
    assert VetoItem.objects.get(pk=veto.pk).code == "V6"
    services_systems.veto_delete(officer, veto)
    assert not VetoItem.objects.filter(pk=veto.pk).exists()
    assert {e.action for e in AuditEntry.objects.filter(action__startswith="evaluations.veto.")} == {
        "evaluations.veto.create",
        "evaluations.veto.update",
        "evaluations.veto.delete",
    }


def test_update_name_and_note(officer):
    system = builders.system()
    services_systems.update(officer, system, name=" 新名称 ", note="备注")
    assert IndicatorSystem.objects.values_list("name", "note").get(pk=system.pk) == ("新名称", "备注")
    with pytest.raises(DomainError):
        services_systems.update(officer, system, name="", note="")


def test_copy_makes_the_next_version_with_everything_not_frozen(officer):
    system = builders.system(frozen=True)
    top = IndicatorSystem.objects.order_by("-version").first().version
    made = services_systems.copy(officer, system)
    assert made.version == top + 1 and made.based_on_id == system.pk and made.frozen_at is None
    assert made.created_by == officer

    def tree(s):
        return (
            list(IndicatorArea.objects.filter(system=s).values_list("key", "name", "position")),
            list(
                EvaluationIndicator.objects.filter(system=s).values_list(
                    "area__key", "code", "name", "guidance", "max_points", "kind", "rule", "params", "position"
                )
            ),
            list(VetoItem.objects.filter(system=s).values_list("code", "name", "description", "position")),
        )

    assert tree(made) == tree(system)
    assert systems.check_complete(made) == []
    assert AuditEntry.objects.filter(action="evaluations.system.version", object_id=str(made.pk)).exists()
    _add(officer, made)  # the copy is editable


# ---------------------------------------------------------------- pages


def test_the_list_shows_versions_status_and_totals(client_for, world):
    builders.round_(world, system_=builders.system(frozen=True), status="open", title="2025年度评价")
    response = client_for("regional_officer").get(reverse("evaluations:systems"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "内蒙古高价值专利培育中心绩效评价指标体系（2026版）" in page
    assert "2025年度评价" in page and "已冻结" in page


def test_the_system_page_shows_the_tree_the_rules_and_the_problems(client_for, officer):
    system = IndicatorSystem.objects.get(version=1)
    client = client_for("regional_officer")
    page = client.get(reverse("evaluations:system", args=[system.pk])).content.decode()
    assert "建设方案考核指标完成情况" in page and "弄虚作假" in page
    assert 'id="problems"' not in page
    assert reverse("evaluations:indicator_add", args=[system.pk]) in page
    _add(officer, system)
    page = client.get(reverse("evaluations:system", args=[system.pk])).content.decode()
    assert 'id="problems"' in page and "102.5" in page


def test_a_frozen_system_page_has_no_edit_buttons_but_copy(client_for):
    system = builders.system(frozen=True)
    page = client_for("regional_officer").get(reverse("evaluations:system", args=[system.pk])).content.decode()
    assert reverse("evaluations:indicator_add", args=[system.pk]) not in page
    assert reverse("evaluations:system_copy", args=[system.pk]) in page
    assert FROZEN in page


def test_the_indicator_form_keeps_what_was_typed_on_bad_points(client_for):
    system = builders.system()
    area = IndicatorArea.objects.get(system=system, key="operation")
    url = reverse("evaluations:indicator_add", args=[system.pk])
    data = {"area": area.pk, "code": "1.9", "name": "我的新指标", "max_points": "abc", "kind": "subjective"}
    response = client_for("regional_officer").post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "我的新指标" in page and "数字" in page
    assert not EvaluationIndicator.objects.filter(system=system, code="1.9").exists()


def test_the_indicator_form_shows_a_bad_parameter_at_its_field(client_for):
    system = builders.system()
    area = IndicatorArea.objects.get(system=system, key="operation")
    url = reverse("evaluations:indicator_add", args=[system.pk])
    data = {
        "area": area.pk,
        "code": "1.9",
        "name": "按时报送",
        "max_points": "5",
        "kind": "objective",
        "rule": "report_timeliness",
        "params": "per_day = -1",
    }
    response = client_for("regional_officer").post(url, data)
    assert response.status_code == 200 and "0 至" in response.content.decode()
    data["params"] = "per_day = 0.3"
    response = client_for("regional_officer").post(url, data)
    assert response.status_code == 302
    assert EvaluationIndicator.objects.get(system=system, code="1.9").params == {"per_day": 0.3}


def test_the_edit_form_of_a_frozen_system_post_shows_the_refusal(client_for):
    system = builders.system(frozen=True)
    indicator = EvaluationIndicator.objects.filter(system=system, kind="subjective").first()
    url = reverse("evaluations:indicator_edit", args=[system.pk, indicator.pk])
    client = client_for("regional_officer")
    assert client.get(url).status_code == 302
    data = {
        "area": indicator.area_id,
        "code": indicator.code,
        "name": "我改的名字",
        "max_points": "10",
        "kind": "subjective",
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and FROZEN in page and "我改的名字" in page
    assert EvaluationIndicator.objects.get(pk=indicator.pk).name == indicator.name


def test_copy_and_delete_through_the_pages(client_for):
    system = builders.system(frozen=True)
    client = client_for("regional_officer")
    response = client.post(reverse("evaluations:system_copy", args=[system.pk]))
    made = IndicatorSystem.objects.get(based_on=system)
    assert response.status_code == 302 and response["Location"] == reverse("evaluations:system", args=[made.pk])
    indicator = EvaluationIndicator.objects.filter(system=made).first()
    url = reverse("evaluations:indicator_delete", args=[made.pk, indicator.pk])
    assert client.post(url).status_code == 302
    assert not EvaluationIndicator.objects.filter(pk=indicator.pk).exists()
    assert client.post(url).status_code == 302  # gone already: no error
    veto = VetoItem.objects.filter(system=made).first()
    assert client.post(reverse("evaluations:veto_delete", args=[made.pk, veto.pk])).status_code == 302
    assert not VetoItem.objects.filter(pk=veto.pk).exists()
    # a frozen system refuses the delete with the message, nothing changed
    frozen_indicator = EvaluationIndicator.objects.filter(system=system).first()
    response = client.post(reverse("evaluations:indicator_delete", args=[system.pk, frozen_indicator.pk]), follow=True)
    assert FROZEN in response.content.decode()
    assert EvaluationIndicator.objects.filter(pk=frozen_indicator.pk).exists()


def test_the_veto_form(client_for):
    system = builders.system()
    client = client_for("regional_officer")
    url = reverse("evaluations:veto_add", args=[system.pk])
    response = client.post(url, {"code": "V1", "name": "重复的编号"})
    assert response.status_code == 200 and "重复的编号" in response.content.decode()
    assert client.post(url, {"code": "V5", "name": "新否决项"}).status_code == 302
    veto = VetoItem.objects.get(system=system, code="V5")
    edit = reverse("evaluations:veto_edit", args=[system.pk, veto.pk])
    assert "新否决项" in client.get(edit).content.decode()
    assert client.post(edit, {"code": "V5", "name": "改过的"}).status_code == 302
    assert VetoItem.objects.get(pk=veto.pk).name == "改过的"


def test_the_system_page_is_flat_in_the_number_of_indicators(client_for, officer):
    system = builders.system()
    url = reverse("evaluations:system", args=[system.pk])
    areas = {a.key: a for a in IndicatorArea.objects.filter(system=system)}

    def grow():
        for n in range(12):
            key = IndicatorArea.Key.values[n % 5]
            EvaluationIndicator.objects.create(
                system=system,
                area=areas[key],
                code=f"9.{n}",
                name="更多",
                max_points=Decimal("1"),
                kind="objective" if n % 2 else "subjective",
                rule="council_activity" if n % 2 else "",
                params={"per_year": 3} if n % 2 else {},
                position=50 + n,
            )
            VetoItem.objects.create(system=system, code=f"X{n}", name="更多否决项", position=50 + n)

    assert_flat(client_for("regional_officer"), url, grow=grow)


def test_the_list_is_flat_in_the_number_of_versions(client_for, world):
    def grow():
        for _ in range(4):
            builders.round_(world, system_=builders.system(frozen=True), status="open")

    assert_flat(client_for("regional_officer"), reverse("evaluations:systems"), grow=grow)
