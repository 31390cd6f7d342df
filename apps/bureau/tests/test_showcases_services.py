"""Good practice (Art. 5(5)) through its services: each transition by the right role only, the content's rules, and
nothing changed by a refusal."""

import pytest

from apps.audit.models import AuditEntry
from apps.bureau import services_showcases as services
from apps.bureau.models import Showcase
from apps.bureau.workflow_showcases import SHOWCASE
from apps.core.errors import DomainError, InvalidTransition, PermissionDenied
from apps.notifications.models import Message

from .matrix_showcases import center, draft, photo, proposal, published

pytestmark = pytest.mark.django_db
S = Showcase.Status
NOT_REGION = ("unit_admin", "unit_member", "unit_admin_other", "prefecture_officer", "expert", "system_admin")


def _state(showcase) -> tuple:
    showcase.refresh_from_db()
    return (showcase.status, showcase.title, showcase.body, showcase.figures, showcase.decision_reason)


# ---------------------------------------------------------------- proposing


def test_the_lead_unit_proposes_its_practice_and_the_region_gets_a_task(world):
    showcase = proposal(world)
    assert showcase.status == S.PROPOSED and showcase.proposed_by == world.org
    assert showcase.figures == [{"label": "专利许可", "value": "6", "unit": "项"}]
    assert AuditEntry.objects.filter(action="showcase.propose", object_id=str(showcase.pk)).exists()
    task = Message.objects.get(recipient=world.user("regional_officer"), title__contains=showcase.title)
    assert task.is_task and showcase.title in task.title


@pytest.mark.parametrize("actor", ["unit_admin_other", "regional_officer", "prefecture_officer", "expert"])
def test_only_the_centers_lead_unit_proposes(world, actor):
    with pytest.raises(PermissionDenied):
        services.showcase_propose(world.user(actor), center=center(world), title="经验", body="做法")
    assert not Showcase.objects.exists()


def test_a_proposal_without_a_text_or_a_center_is_refused(world):
    with pytest.raises(DomainError) as exc:
        services.showcase_propose(world.user("unit_admin"), center=center(world), title="经验", body="  ")
    assert exc.value.message == "请在正文中介绍具体做法和成效。"
    with pytest.raises(DomainError):
        services.showcase_propose(world.user("unit_admin"), center=None, title="经验", body="做法")
    assert not Showcase.objects.exists()


# ---------------------------------------------------------------- the figures


@pytest.mark.parametrize("value", ["35", "1.5", "-2", " 12 ", "0.75"])
def test_figures_take_plain_numbers(value):
    rows = services.figures_clean([{"label": "授权量", "value": value, "unit": "件"}, {"label": "", "value": ""}])
    assert rows == [{"label": "授权量", "value": value.strip(), "unit": "件"}]


@pytest.mark.parametrize("value", ["约30", "1,200", "1e3", "1_0", "３５", "NaN", "35件"])
def test_a_figure_that_is_not_a_number_is_refused_in_chinese_naming_the_row(value):
    with pytest.raises(DomainError) as exc:
        services.figures_clean([{"label": "授权量", "value": "3"}, {"label": "许可", "value": value, "unit": "项"}])
    assert exc.value.message == f"第2行数据（许可）：数值须为纯数字，如 35 或 1.5；“{value}”不是有效数字。"


def test_a_figure_without_a_label_or_a_value_is_refused():
    with pytest.raises(DomainError, match="请填写统计项名称"):
        services.figures_clean([{"label": "", "value": "3"}])
    with pytest.raises(DomainError, match="请填写数值"):
        services.figures_clean([{"label": "授权量", "value": "", "unit": "件"}])


def test_too_many_figures_are_refused():
    rows = [{"label": f"指标{n}", "value": str(n)} for n in range(services.FIGURES_MAX + 1)]
    with pytest.raises(DomainError, match="最多列 20 项"):
        services.figures_clean(rows)


def test_an_edit_with_a_bad_figure_changes_nothing(world):
    showcase = draft(world, figures=[{"label": "授权量", "value": "35", "unit": "件"}])
    before = _state(showcase)
    with pytest.raises(DomainError):
        services.showcase_update(
            world.user("regional_officer"),
            showcase,
            center=showcase.center,
            title="新标题",
            body="新正文",
            figures=[{"label": "授权量", "value": "三十五", "unit": "件"}],
        )
    assert _state(showcase) == before
    assert not AuditEntry.objects.filter(action="showcase.update").exists()


# ---------------------------------------------------------------- writing and editing


@pytest.mark.parametrize("actor", NOT_REGION)
def test_only_the_region_writes_a_showcase(world, actor):
    with pytest.raises(PermissionDenied):
        services.showcase_create(world.user(actor), center=center(world), title="经验", body="做法")
    assert not Showcase.objects.exists()


def test_the_region_writes_a_draft_that_may_wait_for_its_text(world):
    showcase = services.showcase_create(world.user("regional_officer"), center=None, title="全区经验汇编")
    assert showcase.status == S.DRAFT and showcase.body == "" and showcase.proposed_by is None
    with pytest.raises(DomainError, match="请填写典型经验的标题"):
        services.showcase_create(world.user("regional_officer"), title="   ", body="正文")


def test_the_region_edits_a_draft_and_the_audit_keeps_what_changed(world):
    showcase = draft(world)
    services.showcase_update(
        world.user("regional_officer"),
        showcase,
        center=showcase.center,
        title="改后的标题",
        summary="",
        body=showcase.body,
        figures=[{"label": "质押融资", "value": "800", "unit": "万元"}],
    )
    showcase.refresh_from_db()
    assert showcase.title == "改后的标题" and showcase.figures[0]["value"] == "800"
    entry = AuditEntry.objects.get(action="showcase.update")
    assert set(entry.after) == {"title", "figures"}


def test_a_proposal_is_not_edited_until_it_is_taken_into_a_draft_and_never_by_the_unit(world):
    showcase = proposal(world)
    with pytest.raises(PermissionDenied):
        services.showcase_update(world.user("unit_admin"), showcase, center=showcase.center, title="改", body="改")
    with pytest.raises(DomainError, match="只有草稿可以修改"):
        services.showcase_update(
            world.user("regional_officer"), showcase, center=showcase.center, title="改", body="改"
        )
    showcase = services.showcase_adopt(world.user("regional_officer"), showcase)
    edited = services.showcase_update(
        world.user("regional_officer"), showcase, center=showcase.center, title="改", body="改"
    )
    assert edited.title == "改" and edited.status == S.DRAFT


# ---------------------------------------------------------------- the transitions


@pytest.mark.parametrize("actor", NOT_REGION)
def test_only_the_region_adopts_or_declines(world, actor):
    showcase = proposal(world)
    for action, reason in (("adopt", ""), ("decline", "重复")):
        with pytest.raises(PermissionDenied):
            SHOWCASE.apply(world.user(actor), showcase, action, reason=reason)
    assert _state(showcase)[0] == S.PROPOSED


def test_declining_needs_reasons_and_tells_the_proposing_unit(world):
    showcase = proposal(world)
    region = world.user("regional_officer")
    with pytest.raises(DomainError):
        services.showcase_decline(region, showcase, "  ")
    assert _state(showcase)[0] == S.PROPOSED
    services.showcase_decline(region, showcase, "与已发布的经验重复。")
    showcase.refresh_from_db()
    assert showcase.status == S.DECLINED and showcase.decision_reason == "与已发布的经验重复。"
    told = set(Message.objects.filter(title__contains="未被采用").values_list("recipient__username", flat=True))
    assert told == {"unit_admin", "unit_member"}
    # the region's task is closed by the decision
    assert not Message.objects.filter(recipient=region, is_task=True, done_at__isnull=True).exists()


def test_publishing_without_a_text_is_refused_and_nothing_changes(world):
    showcase = services.showcase_create(world.user("regional_officer"), center=center(world), title="待写的经验")
    before = _state(showcase)
    with pytest.raises(DomainError) as exc:
        services.showcase_publish(world.user("regional_officer"), showcase)
    assert exc.value.message == "典型经验须有标题和正文才能发布；尚未填写：正文。"
    assert _state(showcase) == before and showcase.published_at is None
    assert not AuditEntry.objects.filter(action="showcase.publish").exists()


@pytest.mark.parametrize("actor", NOT_REGION)
def test_only_the_region_publishes_and_withdraws(world, actor):
    showcase = draft(world)
    with pytest.raises(PermissionDenied):
        services.showcase_publish(world.user(actor), showcase)
    showcase = services.showcase_publish(world.user("regional_officer"), showcase)
    with pytest.raises(PermissionDenied):
        services.showcase_withdraw(world.user(actor), showcase, "过时")
    assert _state(showcase)[0] == S.PUBLISHED


def test_the_whole_path_of_a_proposal(world, clock):
    region = world.user("regional_officer")
    showcase = proposal(world)
    with pytest.raises(InvalidTransition):
        services.showcase_publish(region, showcase)  # a proposal is taken into a draft first
    published_ = services.showcase_publish(region, services.showcase_adopt(region, showcase))
    assert published_.status == S.PUBLISHED and published_.published_at == clock.now()
    assert Message.objects.filter(recipient=world.user("unit_admin"), title__contains="已发布").exists()
    with pytest.raises(DomainError):
        services.showcase_withdraw(region, published_, "")
    withdrawn = services.showcase_withdraw(region, published_, "数据需要更新。")
    assert withdrawn.status == S.WITHDRAWN and withdrawn.decision_reason == "数据需要更新。"
    actions = list(
        AuditEntry.objects.filter(object_type=showcase._meta.label_lower, object_id=str(showcase.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"showcase.propose", "showcase.adopt", "showcase.publish", "showcase.withdraw"} <= set(actions)


def test_a_replayed_decision_is_refused_by_state(world):
    showcase = published(world)
    with pytest.raises(InvalidTransition):
        services.showcase_publish(world.user("regional_officer"), showcase)


def test_unknown_action_is_refused(world):
    with pytest.raises(DomainError):
        services.showcase_act(world.user("regional_officer"), draft(world), "propose")


# ---------------------------------------------------------------- photos


def test_photos_are_images_added_by_the_region_while_a_draft(world):
    from apps.attachments.tests.factories import upload
    from apps.attachments.tests.samples import pdf_bytes

    region = world.user("regional_officer")
    showcase = draft(world)
    assert photo(showcase, region).kind == "photo"
    with pytest.raises(DomainError):
        upload(pdf_bytes(), "材料.pdf", owner=showcase, user=region, kind="photo", content_type="application/pdf")
    assert not services.can_change_photos(world.user("unit_admin"), showcase)
    services.showcase_publish(region, showcase)
    showcase.refresh_from_db()
    assert not services.can_change_photos(region, showcase)
