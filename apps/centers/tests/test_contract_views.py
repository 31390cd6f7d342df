"""The contract tab and its pages: what each role sees and may do, and bad input on the pages — a clear Chinese
message, the page again, nothing changed."""

import datetime

import pytest
from django.urls import reverse

from apps.centers import contract
from apps.centers.models import Center, Contract, ContractVersion
from apps.centers.tests.contract_setup import contract_at, scan
from apps.centers.tests.factories import center_for

pytestmark = pytest.mark.django_db
S = ContractVersion.Status


def _url(name, version_or_center, *args):
    pk = (
        version_or_center.contract.center_id if isinstance(version_or_center, ContractVersion) else version_or_center.pk
    )
    return reverse(f"centers:{name}", args=[pk, *args])


def _reload(version):
    return ContractVersion.objects.get(pk=version.pk)


def test_the_region_drafts_from_the_tab(world, client_for):
    center = center_for(world)
    client = client_for("regional_officer")
    page = client.get(_url("contract", center))
    assert page.status_code == 200 and _url("contract_draft", center) in page.content.decode()
    response = client.post(_url("contract_draft", center))
    assert response.status_code == 302
    version = ContractVersion.objects.get(contract__center=center)
    page = client.get(_url("contract", center)).content.decode()
    assert version.contract.number in page and _url("contract_edit", center) in page
    # the unit side: the region is still drafting
    unit = client_for("unit_admin").get(_url("contract", center)).content.decode()
    assert version.contract.number not in unit and _url("contract_draft", center) not in unit


def test_the_unit_cannot_draft(world, client_for):
    center = center_for(world)
    assert client_for("unit_admin").post(_url("contract_draft", center)).status_code == 403
    assert not Contract.objects.filter(center=center).exists()


def test_a_term_of_four_years_without_a_reason_is_refused_on_the_form(world, client_for):
    version = contract_at(world, "draft")
    client = client_for("regional_officer")
    data = {name: getattr(version, name) or "" for name in contract.CONTENT_FIELDS}
    data.update(term_months="48", term_reason="")
    response = client.post(_url("contract_edit", version), data)
    assert response.status_code == 200
    assert "建设期为48个月须说明理由" in response.content.decode()
    assert _reload(version).term_months == 36
    data.update(term_reason="产业化周期较长，需延长建设期")
    assert client.post(_url("contract_edit", version), data).status_code == 302
    assert _reload(version).term_months == 48


def _formset(prefix, rows):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def test_a_tranche_of_zero_names_the_row_and_changes_nothing(world, client_for):
    version = contract_at(world, "draft")
    today = datetime.date.today().isoformat()
    before = contract.tranche_rows(version)
    response = client_for("regional_officer").post(
        _url("contract_tranches", version),
        _formset("tranches", [{"planned_on": today, "amount": "1000000"}, {"planned_on": today, "amount": "0"}]),
    )
    assert response.status_code == 200
    assert "第2期：金额（元）须大于0" in response.content.decode()
    assert contract.tranche_rows(version) == before


def test_tranches_that_do_not_add_up_block_sending(world, client_for):
    version = contract_at(world, "draft")
    client = client_for("regional_officer")
    today = datetime.date.today().isoformat()
    response = client.post(
        _url("contract_tranches", version), _formset("tranches", [{"planned_on": today, "amount": "900000"}])
    )
    assert response.status_code == 302
    page = client.get(_url("contract", version)).content.decode()
    assert "tranche-warning" in page and "900,000.00" in page
    response = client.post(_url("contract_send", version))
    assert response.status_code == 200 and "900,000.00" in response.content.decode()
    assert _reload(version).status == S.DRAFT


def test_kpi_values_are_checked_on_the_page(world, client_for):
    version = contract_at(world, "draft")
    before = contract.indicator_rows(contract.with_details(ContractVersion.objects.filter(pk=version.pk)).get())
    row = {"name": "发明专利授权量", "unit": "件", "baseline": "-1", "target_year1": "1e3"}
    response = client_for("regional_officer").post(_url("contract_indicators", version), _formset("indicators", [row]))
    assert response.status_code == 200
    after = contract.indicator_rows(contract.with_details(ContractVersion.objects.filter(pk=version.pk)).get())
    assert after == before


def test_the_unit_returns_with_comments_and_confirms(world, client_for):
    version = contract_at(world, "sent")
    unit = client_for("unit_admin")
    page = unit.get(_url("contract", version)).content.decode()
    assert _url("contract_confirm", version) in page and _url("contract_return", version) in page
    response = unit.post(_url("contract_return", version), {"return-reason": ""})
    assert response.status_code == 200 and _reload(version).status == S.SENT
    assert unit.post(_url("contract_return", version), {"return-reason": "请补充配套资金说明"}).status_code == 302
    assert _reload(version).status == S.RETURNED
    member = client_for("unit_member").get(_url("contract", version)).content.decode()
    assert "请补充配套资金说明" in member and _url("contract_confirm", version) not in member


def test_signing_with_scans_puts_the_contract_in_force(world, client_for):
    version = contract_at(world, "confirmed")
    client = client_for("regional_officer")
    url = _url("contract_sign", version)
    assert client.get(url).status_code == 200
    response = client.post(url, {"signed_on": datetime.date.today().isoformat(), "unit_scan": scan()})
    assert response.status_code == 200 and _reload(version).status == S.CONFIRMED
    response = client.post(
        url,
        {"signed_on": datetime.date.today().isoformat(), "unit_scan": scan("u.pdf", "u"), "region_scan": scan()},
    )
    assert response.status_code == 302
    assert _reload(version).status == S.IN_FORCE
    assert Center.objects.get(pk=version.contract.center_id).status == Center.Status.UNDER_CONSTRUCTION
    page = client.get(_url("contract", version)).content.decode()
    assert "u.pdf" in page and _url("contract_edit", version) not in page


def test_a_version_in_force_has_no_edit_pages(world, client_for):
    version = contract_at(world, "in_force")
    client = client_for("regional_officer")
    for name in ("contract_edit", "contract_indicators", "contract_budget", "contract_tranches"):
        response = client.get(_url(name, version))
        assert response.status_code == 403
    assert client.post(_url("contract_send", version)).status_code == 200
    assert _reload(version).status == S.IN_FORCE


def test_a_partner_sees_the_contract_without_actions(world, client_for):
    version = contract_at(world, "sent", partner=world.org_other)
    page = client_for("unit_admin_other").get(_url("contract", version)).content.decode()
    assert version.contract.number in page
    assert _url("contract_confirm", version) not in page and _url("contract_return", version) not in page


def test_another_prefecture_does_not_see_the_contract(world, client_for):
    version = contract_at(world, "in_force")
    client = client_for("prefecture_officer_other")
    assert client.get(_url("contract", version)).status_code == 404
    assert client.get(_url("contract_docx", version, 1)).status_code == 404


def test_the_home_lists_the_contract_step_for_whoever_acts_next(world, client_for):
    version = contract_at(world, "sent")
    home = reverse("centers:detail", args=[version.contract.center_id])
    assert "确认或退回合同" in client_for("unit_admin").get(home).content.decode()
    assert "合同待牵头单位确认" in client_for("regional_officer").get(home).content.decode()
    assert "确认或退回合同" not in client_for("unit_member").get(home).content.decode()
    draft_home = reverse("centers:detail", args=[center_for(world).pk])
    assert "起草建设合同书" in client_for("regional_officer").get(draft_home).content.decode()
