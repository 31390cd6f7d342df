"""Assigned tasks in the pages (Art. 6(3)): the region creates, issues (refused with no office or a past deadline, the
typed input kept, nothing changed) and decides; an office sees only its own parts (another office's part is a 404),
acknowledges, reports and submits (an empty result refused); overdue parts in red; every list and detail page is
flat."""

from datetime import timedelta

import pytest
from django.urls import reverse

from apps.bureau import services_tasks
from apps.bureau.models import AssignedTask, TaskAssignment, TaskProgress
from apps.bureau.tests.matrix_tasks import RESULT, TASK, acknowledged, draft, issued, part, submitted
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db
A = TaskAssignment.Status


def _html(response) -> str:
    return response.content.decode()


def test_the_region_creates_a_draft(world, client_for, clock):
    client = client_for("regional_officer")
    response = client.post(reverse("bureau:task_new"), {**TASK, "deadline": clock.today().isoformat()})
    task = AssignedTask.objects.get()
    assert response.status_code == 302 and response.url == task.get_absolute_url()
    page = _html(client.get(task.get_absolute_url()))
    assert TASK["title"] in page and "全部盟市局" in page and "下发至盟市局" in page


@pytest.mark.parametrize(
    ("values", "message"),
    [({"title": ""}, "请填写任务标题"), ({"deadline": "yesterday"}, "截止日期"), ({"past": 1}, "已过")],
)
def test_a_bad_task_is_refused_with_what_was_typed_kept(world, client_for, clock, values, message):
    data = {**TASK, "deadline": clock.today().isoformat(), "requirements": "保留我输入的要求文字"}
    if values.pop("past", None):
        values["deadline"] = (clock.today() - timedelta(days=1)).isoformat()
    response = client_for("regional_officer").post(reverse("bureau:task_new"), {**data, **values})
    assert response.status_code == 200
    assert message in _html(response) and "保留我输入的要求文字" in _html(response)
    assert not AssignedTask.objects.exists()


def test_issue_with_no_office_is_refused_on_the_page(world, client_for):
    task = draft(world)
    response = client_for("regional_officer").post(reverse("bureau:task_issue", args=[task.pk]), {})
    assert response.status_code == 200 and "请至少选择一个盟市局" in _html(response)
    assert AssignedTask.objects.get(pk=task.pk).status == AssignedTask.Status.DRAFT
    assert not TaskAssignment.objects.exists()


def test_issue_with_a_past_deadline_is_refused_on_the_page(world, client_for, clock):
    task = draft(world, deadline=clock.today())
    clock.advance(days=1)
    client = client_for("regional_officer")
    assert "已过" in _html(client.get(task.get_absolute_url()))  # the button says why, disabled
    response = client.post(reverse("bureau:task_issue", args=[task.pk]), {"everyone": "on"})
    assert response.status_code == 200 and "已过" in _html(response)
    assert not TaskAssignment.objects.exists()


def test_issue_to_all_offices(world, client_for):
    task = draft(world)
    response = client_for("regional_officer").post(reverse("bureau:task_issue", args=[task.pk]), {"everyone": "on"})
    assert response.status_code == 302
    assert TaskAssignment.objects.filter(task=task).count() == 14


def test_an_office_sees_only_its_own_parts(world, client_for):
    task = issued(world, prefectures=[world.prefecture, world.prefecture_other])
    mine = task.assignments.get(prefecture=world.prefecture)
    theirs = task.assignments.get(prefecture=world.prefecture_other)
    client = client_for("prefecture_officer")
    board = _html(client.get(reverse("bureau:tasks")))
    assert f'data-part="{mine.pk}"' in board and f'data-part="{theirs.pk}"' not in board
    assert client.get(reverse("bureau:assignment", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("bureau:assignment_act", args=[theirs.pk, "acknowledge"]))
    assert response.status_code == 404
    assert TaskAssignment.objects.get(pk=theirs.pk).status == A.ISSUED


def test_an_office_acknowledges_reports_and_submits(world, client_for):
    piece = part(world)
    client = client_for("prefecture_officer")
    client.post(reverse("bureau:assignment_act", args=[piece.pk, "acknowledge"]))
    client.post(reverse("bureau:assignment_progress", args=[piece.pk]), {"text": "第一次进展"})
    client.post(reverse("bureau:assignment_progress", args=[piece.pk]), {"text": "第二次进展"})
    page = _html(client.get(reverse("bureau:assignment", args=[piece.pk])))
    assert page.index("第一次进展") < page.index("第二次进展")  # oldest first
    response = client.post(reverse("bureau:assignment_submit", args=[piece.pk]), {"result": RESULT})
    assert response.status_code == 302
    assert TaskAssignment.objects.get(pk=piece.pk).status == A.SUBMITTED


def test_an_empty_result_or_progress_is_refused_on_the_page(world, client_for):
    piece = acknowledged(world)
    client = client_for("prefecture_officer")
    response = client.post(reverse("bureau:assignment_submit", args=[piece.pk]), {"result": "  "})
    assert response.status_code == 200 and "请填写完成成果" in _html(response)
    response = client.post(reverse("bureau:assignment_progress", args=[piece.pk]), {"text": ""})
    assert response.status_code == 200 and "请填写目前的进展情况" in _html(response)
    assert TaskAssignment.objects.get(pk=piece.pk).status == A.ACKNOWLEDGED and not TaskProgress.objects.exists()


def test_the_region_returns_with_reasons_and_the_office_sees_them(world, client_for):
    piece = submitted(world)
    region = client_for("regional_officer")
    response = region.post(reverse("bureau:assignment_act", args=[piece.pk, "return"]), {"reason": ""})
    assert response.status_code == 200 and "理由" in _html(response)
    assert TaskAssignment.objects.get(pk=piece.pk).status == A.SUBMITTED
    region.post(reverse("bureau:assignment_act", args=[piece.pk, "return"]), {"reason": "缺少调研照片。"})
    page = _html(client_for("prefecture_officer").get(reverse("bureau:assignment", args=[piece.pk])))
    assert "缺少调研照片。" in page and "重新报送成果" in page


def test_overdue_parts_are_red_on_the_board(world, client_for, clock):
    piece = part(world, deadline=clock.today())
    clock.advance(days=1)
    board = _html(client_for("regional_officer").get(reverse("bureau:tasks")))
    assert f'data-part="{piece.pk}"' in board and 'data-overdue="1"' in board and "逾期" in board
    page = _html(client_for("prefecture_officer").get(reverse("bureau:assignment", args=[piece.pk])))
    assert 'id="overdue"' in page


# ---------------------------------------------------------------- flat pages


def _more_tasks(world, n=4):
    def grow():
        for i in range(n):
            task = issued(world, prefectures=[world.prefecture, world.prefecture_other], title=f"任务{i}")
            office = world.user("prefecture_officer")
            piece = services_tasks.assignment_acknowledge(office, task.assignments.get(prefecture=world.prefecture))
            services_tasks.assignment_report(office, piece, text=f"进展{i}")

    return grow


def test_the_board_is_flat(world, client_for):
    issued(world)
    assert_flat(client_for("regional_officer"), reverse("bureau:tasks"), grow=_more_tasks(world))
    assert_flat(client_for("prefecture_officer"), reverse("bureau:tasks"), grow=_more_tasks(world))


def test_the_task_and_part_pages_are_flat(world, client_for):
    task = issued(world, prefectures=[world.prefecture])
    piece = services_tasks.assignment_acknowledge(world.user("prefecture_officer"), task.assignments.get())
    office = world.user("prefecture_officer")

    def grow():
        for i in range(4):
            services_tasks.assignment_report(office, piece, text=f"进展{i}")

    assert_flat(client_for("prefecture_officer"), reverse("bureau:assignment", args=[piece.pk]), grow=grow)
    assert_flat(client_for("regional_officer"), reverse("bureau:assignment", args=[piece.pk]), grow=grow)
    region = client_for("regional_officer")

    def more_parts():
        from apps.reference.models import Prefecture

        new = draft(world, title="再一个任务")
        services_tasks.task_issue(world.user("regional_officer"), new, prefectures=list(Prefecture.objects.all()))

    other = draft(world, title="空任务")
    assert_flat(region, reverse("bureau:task", args=[task.pk]), grow=more_parts)
    assert_flat(region, reverse("bureau:task", args=[other.pk]), grow=more_parts)


# ---------------------------------------------------------------- evidence and task files


def test_evidence_is_uploaded_by_the_own_office_while_in_progress_only(world):
    from apps.attachments.policies import can_upload

    piece = part(world)
    office, other = world.user("prefecture_officer"), world.user("prefecture_officer_other")
    assert not can_upload(office, piece, "evidence")  # not acknowledged yet
    piece = acknowledged(world)
    assert can_upload(office, piece, "evidence")
    assert not can_upload(other, piece, "evidence")
    assert not can_upload(world.user("regional_officer"), piece, "evidence")
    piece = services_tasks.assignment_submit(office, piece, result=RESULT)
    assert not can_upload(office, piece, "evidence")  # submitted: frozen until returned


def test_the_task_files_are_the_regions_and_seen_by_its_offices(world):
    from apps.attachments.policies import can_upload, can_view_files

    task = issued(world)
    assert can_upload(world.user("regional_officer"), task, "document")
    assert not can_upload(world.user("prefecture_officer"), task, "document")
    assert can_view_files(world.user("prefecture_officer"), task)
    assert not can_view_files(world.user("prefecture_officer_other"), task)
