"""The tasks part's URLs against every actor of the world (tests/world.py).

The region (regional_officer) issues a task to prefecture A (the world's `prefecture_officer`); prefecture B's
officer (`prefecture_officer_other`) has no part in it. So:
- the board: the region and both prefecture officers (each office sees its own parts); 403 for everyone else;
- a task's pages (new, detail, edit, issue, close): the region only (403 for everyone else);
- a part of prefecture A: the region and prefecture A's officer (404 for everyone else, prefecture B included);
  prefecture A acknowledges, reports, submits; the region accepts and returns (403 for the other side)."""

from datetime import timedelta

from tests.permissions import EVERY_LOGGED_IN, Row

REGION = {"regional_officer"}
OFFICE = {"prefecture_officer"}
OFFICERS = REGION | OFFICE | {"prefecture_officer_other"}
HIDE = EVERY_LOGGED_IN - REGION - OFFICE
TASK = {
    "title": "开展高价值专利培育中心建设情况摸底",
    "requirements": "请各盟市局摸清辖区内培育中心建设进度，报送书面材料。",
}
RESULT = "已完成辖区内三家培育中心的实地调研，形成书面报告。"


def _deadline(days=20):
    from apps.core import clock

    return clock.today() + timedelta(days=days)


def draft(w, **values):
    from apps.bureau import services_tasks

    return services_tasks.task_create(w.user("regional_officer"), **{**TASK, "deadline": _deadline(), **values})


def issued(w, prefectures=None, **values):
    from apps.bureau import services_tasks

    return services_tasks.task_issue(
        w.user("regional_officer"), draft(w, **values), prefectures=prefectures or [w.prefecture]
    )


def part(w, **values):
    """Prefecture A's part of an issued task."""
    return issued(w, **values).assignments.get(prefecture=w.prefecture)


def acknowledged(w, **values):
    from apps.bureau import services_tasks

    return services_tasks.assignment_acknowledge(w.user("prefecture_officer"), part(w, **values))


def submitted(w, **values):
    from apps.bureau import services_tasks

    return services_tasks.assignment_submit(w.user("prefecture_officer"), acknowledged(w, **values), result=RESULT)


def _pk(build):
    return lambda w: {"pk": build(w).pk}


def _act(build, action):
    return lambda w: {"pk": build(w).pk, "action": action}


MATRIX = [
    Row("bureau:tasks", allow=OFFICERS),
    Row("bureau:tasks", allow=OFFICERS, query="status=issued&page=2", note="filtered"),
    Row("bureau:task_new", allow=REGION),
    Row(
        "bureau:task_new",
        allow=REGION,
        method="post",
        data=lambda w: {**TASK, "deadline": _deadline().isoformat()},
        note="post",
    ),
    Row("bureau:task", _pk(draft), allow=REGION),
    Row("bureau:task", _pk(issued), allow=REGION, note="issued"),
    Row("bureau:task_edit", _pk(draft), allow=REGION),
    Row(
        "bureau:task_edit",
        _pk(draft),
        allow=REGION,
        method="post",
        data=lambda w: {**TASK, "deadline": _deadline(10).isoformat()},
        note="post",
    ),
    Row(
        "bureau:task_issue",
        _pk(draft),
        allow=REGION,
        method="post",
        data=lambda w: {"prefectures": [str(w.prefecture.pk)]},
    ),
    Row("bureau:task_close", _pk(issued), allow=REGION, method="post"),
    Row("bureau:assignment", _pk(part), allow=REGION | OFFICE, hide=HIDE),
    Row(
        "bureau:assignment_progress",
        _pk(acknowledged),
        allow=OFFICE,
        hide=HIDE,
        method="post",
        data=lambda w: {"text": "已完成两家中心的调研。"},
    ),
    Row(
        "bureau:assignment_submit",
        _pk(acknowledged),
        allow=OFFICE,
        hide=HIDE,
        method="post",
        data=lambda w: {"result": RESULT},
    ),
    Row("bureau:assignment_act", _act(part, "acknowledge"), allow=OFFICE, hide=HIDE, method="post", note="acknowledge"),
    Row("bureau:assignment_act", _act(submitted, "accept"), allow=REGION, hide=HIDE, method="post", note="accept"),
    Row(
        "bureau:assignment_act",
        _act(submitted, "return"),
        allow=REGION,
        hide=HIDE,
        method="post",
        data=lambda w: {"reason": "缺少调研照片。"},
        note="return",
    ),
]
