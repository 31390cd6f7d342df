"""What each role sees and can do in the browser, and what it never sees."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.accounts.tests.factories import ExpertProfileFactory
from apps.applications import scoring, services, services_review
from apps.applications.models import Application, Partnership, Review
from apps.applications.tests import factories as f
from apps.organizations.tests.factories import IntegrityRecordFactory
from tests.world import login

pytestmark = pytest.mark.django_db
S = Application.Status


def _form_data(response) -> dict:
    """The edit page's forms as the browser would post them unchanged."""
    data = {}
    context = response.context
    forms = [context["form"]]
    for key in ("capabilities", "rd", "indicators", "budget"):
        formset = context[key]
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            data[bound.html_name] = (
                "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else value)
            )
    return data


def _closed_panel(world, application):
    experts = [ExpertProfileFactory(user__full_name=f"评审专家{i}").user for i in range(5)]
    panel = f.scoring_panel(world, [application], expert_count=0, extra_experts=experts)
    for index, review in enumerate(Review.objects.filter(panel=panel)):
        services_review.review_submit(
            review.expert,
            review,
            scores={c.code: Decimal("91.37") - index for c in scoring.criteria()},
            comment=f"专家意见{index}",
        )
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    return panel, experts


def test_applicants_never_see_expert_names_or_individual_scores(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    _panel, experts = _closed_panel(world, application)
    for actor in ("unit_admin", "unit_member"):
        client = client_for(actor)
        for url in (
            reverse("applications:detail", args=[application.pk]),
            reverse("applications:list"),
            reverse("core:home"),
        ):
            html = client.get(url).content.decode()
            for expert in experts:
                assert expert.full_name not in html
            assert "91.37" not in html and "专家意见" not in html
    regional = client_for("regional_officer").get(reverse("applications:detail", args=[application.pk]))
    assert experts[0].full_name in regional.content.decode() and "91.37" in regional.content.decode()


def test_the_prefecture_office_sees_no_individual_scores_either(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    _panel, experts = _closed_panel(world, application)
    html = client_for("prefecture_officer").get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert experts[0].full_name not in html and "91.37" not in html


def test_another_prefecture_gets_404(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    response = client_for("prefecture_officer_other").get(reverse("applications:detail", args=[application.pk]))
    assert response.status_code == 404
    post = client_for("prefecture_officer_other").post(reverse("applications:recommend", args=[application.pk]))
    assert post.status_code == 404
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_an_excluded_expert_gets_404_and_an_assigned_one_the_page(world, client):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    conflicted = ExpertProfileFactory(affiliation=world.org).user
    panel = f.scoring_panel(world, [application], extra_experts=[conflicted])
    login(client, conflicted)
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 404
    review = Review.objects.get(panel=panel, expert=conflicted)
    assert client.get(reverse("applications:review", args=[review.pk])).status_code == 404
    assigned = Review.objects.filter(panel=panel, status=Review.Status.ASSIGNED).first()
    login(client, assigned.expert)
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 200


def test_an_expert_does_not_see_another_experts_score_before_the_panel_closes(world, client):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])
    first, second = Review.objects.filter(panel=panel)[:2]
    login(client, first.expert)
    data = {f"score_{c.code}": "87.65" for c in scoring.criteria()} | {"comment": "方案可行"}
    response = client.post(reverse("applications:review", args=[first.pk]), data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.total == Decimal("87.65")
    login(client, second.expert)
    html = client.get(reverse("applications:review", args=[second.pk])).content.decode()
    assert "87.65" not in html and "方案可行" not in html
    f.score_all(panel)
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    html = client.get(reverse("applications:review", args=[second.pk])).content.decode()
    assert "87.65" in html


def test_an_expert_declares_a_conflict_from_the_review_page(world, client):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])
    review = Review.objects.filter(panel=panel).first()
    login(client, review.expert)
    response = client.post(reverse("applications:review_conflict", args=[review.pk]), {"reason": "近亲属任职"})
    assert response.status_code == 302
    assert client.get(reverse("applications:review", args=[review.pk])).status_code == 404


def test_the_unit_saves_the_draft_from_the_form_and_submits_it(world, client_for):
    application = f.eligible_draft(world)
    client = client_for("unit_admin")
    url = reverse("applications:edit", args=[application.pk])
    data = _form_data(client.get(url))
    data["goals"] = "修改后的建设目标"
    data["budget-0-requested_amount"] = "1200000"
    response = client.post(url, {**data, "then": "save"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.goals == "修改后的建设目标" and application.requested_total == Decimal("1200000")
    response = client.post(url, {**data, "then": "submit"})
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.versions.count() == 1


def test_bad_input_changes_nothing_and_explains(world, client_for):
    application = f.eligible_draft(world)
    client = client_for("unit_admin")
    url = reverse("applications:edit", args=[application.pk])
    data = _form_data(client.get(url))
    data["goals"] = "不应保存"
    data["budget-0-requested_amount"] = "-5"
    response = client.post(url, {**data, "then": "save"})
    assert response.status_code == 200 and response.context["budget"].errors[0]
    application.refresh_from_db()
    assert application.goals != "不应保存"


def test_the_live_checklist_reflects_unsaved_changes(world, client_for):
    application = f.eligible_draft(world)
    client = client_for("unit_admin")
    data = _form_data(client.get(reverse("applications:edit", args=[application.pk])))
    data["budget-0-requested_amount"] = "3500000"
    response = client.post(reverse("applications:checklist", args=[application.pk]), data, HTTP_HX_REQUEST="true")
    items = {i.code: i for i in response.context["items"]}
    assert not items["budget"].passed and items["indicators"].passed
    assert 'id="checklist"' in response.content.decode() and "<html" not in response.content.decode()
    application.refresh_from_db()
    assert application.requested_total == Decimal("1000000")


def test_an_eligibility_failure_is_explained_and_blocks_submission(world, client_for):
    application = f.eligible_draft(world)
    IntegrityRecordFactory(organization=world.org, source="信用中国（内蒙古）", until=None)
    client = client_for("unit_admin")
    page = client.get(reverse("applications:edit", args=[application.pk])).content.decode()
    assert "信用中国（内蒙古）" in page
    response = client.post(reverse("applications:submit", args=[application.pk]), follow=True)
    assert "信用中国（内蒙古）" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_partner_added_by_credit_code_and_unknown_code_explained(world, client_for):
    application = f.eligible_draft(world)
    client = client_for("unit_admin")
    response = client.post(
        reverse("applications:partner_add", args=[application.pk]),
        {"credit_code": "91150100000000000X", "role": "rd_institution", "contribution": "研发"},
        follow=True,
    )
    assert response.status_code == 200 and "91150100000000000X" in response.content.decode()
    assert not application.partnerships.exists()


def test_versions_are_compared_field_by_field(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    services.application_prefecture_return(world.user("prefecture_officer"), application, reason="细化目标")
    application.refresh_from_db()
    services.application_save(
        world.user("unit_admin"), application, values={"goals": "三年内形成高价值专利组合并许可转让8项。"}
    )
    services.application_submit(world.user("unit_admin"), application)
    client = client_for("unit_admin")
    response = client.get(reverse("applications:versions", args=[application.pk]), {"a": 1, "b": 2})
    html = response.content.decode()
    changes = response.context["changes"]
    assert len(changes) == 1 and changes[0].new == "三年内形成高价值专利组合并许可转让8项。"
    assert "许可转让8项" in html and "diff-ins" in html
    timeline = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "细化目标" in timeline


def test_the_prefecture_recommends_from_the_detail_page(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    client = client_for("prefecture_officer")
    page = client.get(reverse("applications:detail", args=[application.pk]))
    assert "recommend" in page.context["transitions"]
    client.post(reverse("applications:recommend", args=[application.pk]), {"opinion": "同意推荐"})
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED


def test_the_region_selects_from_the_decision_page(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [application])
    f.score_all(panel)
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)
    client = client_for("regional_officer")
    page = client.get(reverse("applications:decision", args=[application.call_id]))
    assert application.project_name in page.content.decode()
    client.post(
        reverse("applications:select", args=[application.call_id]),
        {"applications": [application.pk], "contact": "0471-6900000"},
    )
    application.refresh_from_db()
    assert application.status == S.SELECTED
    page = client.get(reverse("applications:detail", args=[application.pk]))
    assert page.context["unavailable"], "approval before the end of the notice is explained"


def test_workbench_shows_each_role_its_work(world, client_for):
    f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    html = client_for("prefecture_officer").get(reverse("core:home")).content.decode()
    assert reverse("applications:list") + "?status=submitted" in html


def test_the_units_workbench_counts_each_application_once_under_its_status(world):
    from types import SimpleNamespace

    from apps.applications.nav import _panels

    f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    [panel] = _panels(SimpleNamespace(user=world.user("unit_member")))
    rows = [(str(label), value) for label, value, _ in panel.items]
    assert rows == [("已提交，待盟市审核", 1)]


# ---------------------------------------------------------------- partner units (联合申报单位)


def _joined(world, state=S.SUBMITTED):
    """An application of the world's unit with the other unit (prefecture B) as partner, in `state`."""
    application = f.eligible_draft(world)
    own = f.partner(application, world.org_other, role=Partnership.Role.UPSTREAM_ENTERPRISE)
    other = f.partner(application)
    if state != S.DRAFT:
        application = f.advance(world, application, state)
    return application, own, other


def test_a_partner_unit_sees_the_submitted_application_read_only(world, client_for):
    application, _own, _other = _joined(world, S.EXPERT_REVIEW)
    _panel, experts = _closed_panel(world, application)
    client = client_for("unit_admin_other")
    response = client.get(reverse("applications:detail", args=[application.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "只读" in html and application.project_name in html
    assert reverse("applications:edit", args=[application.pk]) not in html
    assert reverse("applications:export_docx", args=[application.pk]) not in html
    for expert in experts:
        assert expert.full_name not in html
    assert "91.37" not in html and "专家意见" not in html
    for name in ("edit", "versions", "export_docx", "export_pdf", "checklist"):
        assert client.get(reverse(f"applications:{name}", args=[application.pk])).status_code == 403, name
    withdraw = client.post(reverse("applications:withdraw", args=[application.pk]), {"reason": "退出"})
    assert withdraw.status_code == 403
    application.refresh_from_db()
    assert application.status == S.EXPERT_REVIEW


def test_a_partner_unit_does_not_see_the_draft_nor_the_lead_units_documents(world, client_for):
    from apps.attachments.models import Attachment
    from apps.attachments.tests import samples
    from apps.attachments.tests.factories import AttachmentFactory

    draft, _own, _other = _joined(world, S.DRAFT)
    client = client_for("unit_admin_other")
    assert client.get(reverse("applications:detail", args=[draft.pk])).status_code == 404
    application, own, other = _joined(world)
    # another file than the audit report `complete()` attached (the same content twice for one kind is refused)
    lead_document = AttachmentFactory(
        owner=application, kind="rd_audit", original_name="审计报告.png", content=samples.png_bytes(), file_type="png"
    )
    html = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "审计报告.png" not in html
    assert client.get(reverse("attachments:download", args=[lead_document.pk])).status_code == 404
    others = Attachment.objects.filter(owner_id=other.pk, kind="cooperation_agreement").get()
    assert client.get(reverse("attachments:download", args=[others.pk])).status_code == 404
    mine = Attachment.objects.filter(owner_id=own.pk, kind="cooperation_agreement").get()
    assert client.get(reverse("attachments:download", args=[mine.pk])).status_code == 200


def test_the_units_list_shows_the_applications_it_takes_part_in(world, client_for):
    application, _own, _other = _joined(world)
    html = client_for("unit_admin_other").get(reverse("applications:list")).content.decode()
    mine, joined = html.split("我参与的申报", 1)
    assert reverse("applications:detail", args=[application.pk]) not in mine
    assert reverse("applications:detail", args=[application.pk]) in joined
    lead_html = client_for("unit_admin").get(reverse("applications:list")).content.decode()
    lead_mine = lead_html.split("我参与的申报", 1)[0]
    assert reverse("applications:detail", args=[application.pk]) in lead_mine
