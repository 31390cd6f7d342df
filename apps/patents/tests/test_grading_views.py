"""The grading pages: the list with suggestions, grades, the high-value flag, filters and counts (constant queries);
the bulk confirmation; a patent's grading form (an override without a reason refused in Chinese, what was typed
kept, nothing changed; with a reason saved); the grading model's form (refusals shown, nothing changed); the region's
IPC list; the grading panel on a patent's page."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.patents import grading
from apps.patents.models import FamilyMember, GradingModel, Patent, PatentGrade, StrategicIPC
from apps.patents.tests import factories
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 4)
S = Patent.LegalStatus


@pytest.fixture(autouse=True)
def _today(clock):
    clock.set(TODAY)


@pytest.fixture
def center(world):
    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


def granted(center, **fields):
    values = {
        "filing_date": date(2016, 5, 4),
        "grant_date": date(2019, 1, 1),
        "legal_status": S.GRANTED,
        "legal_status_on": date(2019, 1, 1),
        "claims_count": 10,
        "cited_by_count": 2,
    }
    values.update(fields)
    return factories.patent(center, **values)


def _url(center, name="patents:grading", *args):
    return reverse(name, args=[center.pk, *args])


def test_the_list_shows_suggestions_grades_and_the_flag(center, client_for, world):
    StrategicIPC.objects.create(ipc_prefix="C22C", industry="新材料")
    plain = granted(center)
    flagged = granted(center, ipc_main="C22C 1/02", ipc_codes=["C22C 1/02"])
    FamilyMember.objects.create(patent=flagged, number="US1B2", country="US", overseas=True)
    lapsed = granted(center, legal_status=S.LAPSED, legal_status_on=date(2024, 1, 1))
    grading.grade_confirm(world.user("unit_admin"), plain, grade="C", handling="consider_abandoning")
    response = client_for("prefecture_officer").get(_url(center))
    assert response.status_code == 200
    html = response.content.decode()
    assert plain.display_number in html and flagged.display_number in html
    assert lapsed.display_number not in html  # not gradable
    assert "战略性新兴产业" in html and "海外同族" in html
    assert 'data-suggested="C"' in html and 'data-grade="C"' in html
    assert 'data-count="C">1<' in html and 'data-count="none">1<' in html and 'data-count="high_value">1<' in html
    assert 'name="patents"' not in html  # the prefecture does not grade
    html = client_for("unit_member").get(_url(center)).content.decode()
    assert f'name="patents" value="{plain.pk}"' in html


def test_the_filters(center, client_for, world):
    admin = world.user("unit_admin")
    never = granted(center)
    old = granted(center)
    recent = granted(center)
    grading.grade_confirm(admin, old, grade="C", handling="consider_abandoning", as_of=date(2025, 1, 1))
    grading.grade_confirm(admin, recent, grade="B", handling="maintain", reason="已许可", as_of=date(2026, 1, 1))
    client = client_for("unit_admin")

    def shown(show):
        html = client.get(_url(center) + f"?show={show}").content.decode()
        return {p.pk for p in (never, old, recent) if f'data-patent="{p.pk}"' in html}

    assert shown("") == {never.pk, old.pk, recent.pk}
    assert shown("not_graded") == {never.pk}
    assert shown("due") == {old.pk}
    assert shown("B") == {recent.pk}
    assert shown("C") == {old.pk}
    assert shown("nonsense") == {never.pk, old.pk, recent.pk}


def test_the_list_is_flat(center, client_for, world):
    StrategicIPC.objects.create(ipc_prefix="C22C", industry="新材料")
    admin = world.user("unit_admin")

    def grow():
        for i in range(12):
            patent = granted(center, ipc_main="C22C 1/02", ipc_codes=["C22C 1/02"])
            FamilyMember.objects.create(patent=patent, number=f"US{i}B2", country="US", overseas=True)
            grading.grade_confirm(admin, patent, grade="C", handling="consider_abandoning", as_of=date(2025, 1, 1))

    granted(center)
    client = client_for("unit_admin")
    assert_flat(client, _url(center), grow=grow)
    assert_flat(client, _url(center) + "?show=due", grow=grow)


def test_bulk_confirm_from_the_list(center, client_for):
    first = granted(center)
    second = granted(center)
    client = client_for("unit_member")
    response = client.post(
        _url(center, "patents:grading_confirm"), {"patents": [first.pk, second.pk], "show": "not_graded"}
    )
    assert response.status_code == 302 and response.url.endswith("?show=not_graded")
    assert dict(Patent.objects.values_list("pk", "grade")) == {first.pk: "C", second.pk: "C"}
    # None chosen: the reason, nothing changed.
    response = client.post(_url(center, "patents:grading_confirm"), {}, follow=True)
    assert "请选择要定级的专利" in response.content.decode()
    assert PatentGrade.objects.count() == 2


def test_bulk_confirm_refuses_a_lapsed_patent_and_changes_nothing(center, client_for):
    good = granted(center)
    lapsed = granted(center, legal_status=S.LAPSED, legal_status_on=date(2024, 1, 1))
    response = client_for("unit_admin").post(
        _url(center, "patents:grading_confirm"), {"patents": [good.pk, lapsed.pk]}, follow=True
    )
    assert "不予分级" in response.content.decode()
    assert not PatentGrade.objects.exists()


def test_grade_a_patent_override_needs_a_reason(center, client_for):
    patent = granted(center)
    client = client_for("unit_admin")
    url = _url(center, "patents:grade", patent.pk)
    page = client.get(url).content.decode()
    assert 'value="C" checked' in page or 'checked value="C"' in page or 'value="C"' in page
    response = client.post(url, {"grade": "A", "handling": "file_abroad", "reason": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "须填写调整理由" in html
    assert 'value="A" checked' in html or ('value="A"' in html and "checked" in html)
    assert 'value="file_abroad" selected' in html
    assert not PatentGrade.objects.exists()
    response = client.post(url, {"grade": "A", "handling": "file_abroad", "reason": "核心产品的基础专利。"})
    assert response.status_code == 302
    row = PatentGrade.objects.get()
    assert (row.suggested, row.grade, row.override_reason) == ("C", "A", "核心产品的基础专利。")


def test_the_grade_page_of_a_lapsed_patent_says_why(center, client_for):
    patent = granted(center, legal_status=S.LAPSED, legal_status_on=date(2024, 1, 1))
    html = client_for("unit_admin").get(_url(center, "patents:grade", patent.pk)).content.decode()
    assert "不予分级" in html and 'name="grade"' not in html
    response = client_for("unit_admin").post(
        _url(center, "patents:grade", patent.pk), {"grade": "C", "handling": "consider_abandoning"}
    )
    assert "不予分级" in response.content.decode()
    assert not PatentGrade.objects.exists()


def test_a_viewer_sees_the_grade_page_without_the_form(center, client_for):
    patent = granted(center)
    html = client_for("regional_officer").get(_url(center, "patents:grade", patent.pk)).content.decode()
    assert "根据记录生成的建议" in html and 'name="grade"' not in html


def test_the_grading_model_form(center, client_for):
    client = client_for("unit_admin")
    url = _url(center, "patents:grading_model")
    assert "正在使用默认模型" in client.get(url).content.decode()
    bad = {"legal_weight": "30", "technical_weight": "50", "economic_weight": "30", "threshold_a": "80",
           "threshold_b": "55"}  # fmt: skip
    response = client.post(url, bad)
    assert response.status_code == 200 and "三项权重之和必须为100" in response.content.decode()
    assert 'value="30"' in response.content.decode()
    response = client.post(url, {**bad, "legal_weight": "20", "threshold_a": "50"})
    assert "A级分数线必须高于B级分数线" in response.content.decode()
    assert not GradingModel.objects.exists()
    response = client.post(url, {**bad, "legal_weight": "20"})
    assert response.status_code == 302
    assert GradingModel.objects.get(center=center).technical_weight == Decimal("50")


def test_the_region_keeps_the_ipc_list(client_for):
    client = client_for("regional_officer")
    url = reverse("patents:strategic_ipc")
    assert client.post(url, {"ipc_prefix": "h01m", "industry": "新能源"}).status_code == 302
    response = client.post(url, {"ipc_prefix": "稀土", "industry": "新材料"})
    assert response.status_code == 200 and "不是IPC分类号前缀" in response.content.decode()
    assert 'value="稀土"' in response.content.decode()
    html = client.get(url).content.decode()
    assert "H01M" in html and "新能源" in html and "1000" in html
    row = StrategicIPC.objects.get()
    assert client.post(reverse("patents:strategic_ipc_delete", args=[row.pk])).status_code == 302
    assert not StrategicIPC.objects.exists()


def test_the_panel_on_the_patent_page(center, client_for, world):
    patent = granted(center)
    FamilyMember.objects.create(patent=patent, number="US1B2", country="US", overseas=True)
    grading.grade_confirm(world.user("unit_admin"), patent, grade="A", handling="maintain", reason="核心。")
    html = client_for("regional_officer").get(patent.get_absolute_url()).content.decode()
    assert "分级与高价值" in html and "海外同族" in html and "核心。" in html
