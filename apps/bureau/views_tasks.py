"""Assigned tasks (交办任务, Art. 6(3): the prefecture offices complete the other tasks the regional bureau hands them).

- `task_board` (bureau:tasks): the region's board — every task with, per office, the state of its part as a colored
  badge, overdue parts in red, filtered by the task's status; a prefecture officer's list of its own office's parts
  (filtered by the part's status, the open ones first);
- the region: `task_new` (a draft), `task_detail` (the task, its files, the issue form with the offices, the parts
  table, close), `task_edit` (the draft), `task_issue`, `task_close`;
- one part (`assignment_detail`, bureau:assignment): the region and the part's own office (another office: 404);
  the office acknowledges, reports progress (`assignment_progress`), uploads evidence (apps.attachments) and submits
  or resubmits its result (`assignment_submit`); the region accepts or returns it with reasons (`assignment_act`).

A refusal (no office, a past deadline, an empty result) is the page again with the Chinese message and what was
typed; an action the user may not take is a 403 with the reason. `register()` registers the task (kind "document")
and the part (kind "evidence") as attachment owners and the daily job (BureauConfig.ready)."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from apps.core import clock
from apps.core.actions import form_page, post_action
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import ALLOW, Decision, deny, guard
from apps.core.roles import Role

from . import policies, selectors_tasks, services_tasks
from .forms_tasks import IssueForm, ProgressForm, ReasonForm, ResultForm, TaskForm
from .models import AssignedTask, TaskAssignment
from .workflow_tasks import ASSIGNMENT, OPEN, TASK, assignment_url, is_overdue

PER_PAGE = 20
T = AssignedTask.Status
A = TaskAssignment.Status
ACTIONS = {
    "acknowledge": gettext_lazy("Acknowledged: the task is now in progress for your office."),
    "accept": gettext_lazy("The result is accepted; the office is notified."),
    "return": gettext_lazy("The result is returned with your reasons; the office is notified."),
}
BADGES = {
    A.ISSUED: "secondary",
    A.ACKNOWLEDGED: "info",
    A.SUBMITTED: "primary",
    A.RETURNED: "warning",
    A.ACCEPTED: "success",
}


def can_see_board(user) -> Decision:
    if getattr(user, "is_authenticated", False) and user.role in (Role.REGIONAL_OFFICER, Role.PREFECTURE_OFFICER):
        return ALLOW
    return deny(_("Only the regional bureau and the prefecture offices see assigned tasks."))


def _decorate(part, today):
    part.overdue = is_overdue(part, today)
    part.badge = "danger" if part.overdue else BADGES.get(part.status, "secondary")
    return part


def task_url(task) -> str:
    return reverse("bureau:task", args=[task.pk])


# ---------------------------------------------------------------- the board


@login_required
@require_GET
def task_board(request):
    user = request.user
    guard(can_see_board(user))
    today = clock.today()
    status = request.GET.get("status", "")
    if user.role == Role.REGIONAL_OFFICER:
        status = status if status in T.values else ""
        page = page_of(request, selectors_tasks.board(status=status), PER_PAGE)
        for task in page:
            task.parts = [_decorate(part, today) for part in task.assignments.all()]
            task.overdue_count = sum(1 for part in task.parts if part.overdue)
        context = {"page": page, "statuses": T.choices, "is_region": True}
    else:
        status = status if status in A.values else ""
        page = page_of(request, selectors_tasks.office_parts(user, status=status), PER_PAGE)
        for part in page:
            _decorate(part, today)
        context = {"page": page, "statuses": A.choices, "is_region": False}
    return render(request, "bureau/tasks/board.html", {**context, "status": status, "today": today})


# ---------------------------------------------------------------- the region's task


@login_required
@once
def task_new(request):
    user = request.user
    guard(policies.can_manage(user))
    form = TaskForm(request.POST or None, initial={"deadline": clock.today() + timedelta(days=30)})
    return form_page(
        request,
        form=form,
        page=lambda bound: render(request, "bureau/tasks/form.html", {"form": bound, "task": None}),
        run=lambda data: services_tasks.task_create(
            user, title=data.get("title"), requirements=data.get("requirements"), deadline=data.get("deadline")
        ),
        success=_("The task is saved as a draft: add its files, choose the offices and issue it."),
        redirect_to=task_url,
        errors_on_form=True,
    )


def _task_page(request, task, *, issue_form=None):
    today = clock.today()
    parts = [_decorate(part, today) for part in selectors_tasks.parts_of(task)]
    issue = TASK.options(request.user, task)
    return render(
        request,
        "bureau/tasks/detail.html",
        {
            "task": task,
            "parts": parts,
            "issue_form": (issue_form or IssueForm()) if task.status == T.DRAFT else None,
            "issue_option": next((o for o in issue if o.action == "issue"), None),
            "close_option": next((o for o in issue if o.action == "close"), None),
        },
    )


@login_required
@require_GET
def task_detail(request, pk):
    guard(policies.can_manage(request.user))
    return _task_page(request, selectors_tasks.task_for_region(pk))


@login_required
def task_edit(request, pk):
    user = request.user
    guard(policies.can_manage(user))
    task = selectors_tasks.task_for_region(pk)
    form = TaskForm.of(task, request.POST or None)
    return form_page(
        request,
        form=form,
        page=lambda bound: render(request, "bureau/tasks/form.html", {"form": bound, "task": task}),
        run=lambda data: services_tasks.task_update(
            user, task, title=data.get("title"), requirements=data.get("requirements"), deadline=data.get("deadline")
        ),
        success=_("The draft is saved."),
        redirect_to=task_url,
        errors_on_form=True,
    )


@login_required
@require_POST
def task_issue(request, pk):
    user = request.user
    task = selectors_tasks.task_for_region(pk)
    TASK.guard(user, task, "issue")
    form = IssueForm(request.POST)
    return post_action(
        request,
        form=form,
        run=lambda data: services_tasks.task_issue(user, task, prefectures=form.chosen(data)),
        success=_("The task is issued; each office is notified."),
        redirect_to=task_url(task),
        render_again=lambda bound: _task_page(request, selectors_tasks.task_for_region(pk), issue_form=bound),
        errors_on_form=True,
    )


@login_required
@require_POST
def task_close(request, pk):
    user = request.user
    task = selectors_tasks.task_for_region(pk)
    TASK.guard(user, task, "close")
    return post_action(
        request,
        form=ReasonForm(request.POST),
        run=lambda data: services_tasks.task_close(user, task),
        success=_("The task is closed."),
        redirect_to=task_url(task),
    )


# ---------------------------------------------------------------- one office's part


def _part_page(request, part, *, progress_form=None, result_form=None, reason_form=None):
    user = request.user
    _decorate(part, clock.today())
    is_region = bool(policies.can_manage(user))
    own = not is_region and part.status in (A.ACKNOWLEDGED, A.RETURNED) and part.task.status == T.ISSUED
    options = {o.action: o for o in ASSIGNMENT.options(user, part)}
    return render(
        request,
        "bureau/tasks/assignment.html",
        {
            "part": part,
            "task": part.task,
            "is_region": is_region,
            "progress": list(selectors_tasks.progress_of(part)),
            "progress_form": (progress_form or ProgressForm()) if own else None,
            "result_form": (result_form or ResultForm(initial={"result": part.result})) if own else None,
            "submit_option": options.get("submit") or options.get("resubmit"),
            "acknowledge": options.get("acknowledge"),
            "accept": options.get("accept"),
            "give_back": options.get("return"),
            "reason_form": reason_form or ReasonForm(),
            "is_open": part.status in OPEN,
        },
    )


@login_required
@require_GET
def assignment_detail(request, pk):
    return _part_page(request, selectors_tasks.assignment_for(request.user, pk))


@login_required
@once
@require_POST
def assignment_progress(request, pk):
    user = request.user
    part = selectors_tasks.assignment_for(user, pk)
    ASSIGNMENT.guard(user, part, "submit")
    return post_action(
        request,
        form=ProgressForm(request.POST),
        run=lambda data: services_tasks.assignment_report(user, part, text=data.get("text")),
        success=_("Progress reported."),
        redirect_to=assignment_url(part),
        render_again=lambda bound: _part_page(request, selectors_tasks.assignment_for(user, pk), progress_form=bound),
        errors_on_form=True,
    )


@login_required
@require_POST
def assignment_submit(request, pk):
    user = request.user
    part = selectors_tasks.assignment_for(user, pk)
    ASSIGNMENT.guard(user, part, "resubmit" if part.status == A.RETURNED else "submit")
    return post_action(
        request,
        form=ResultForm(request.POST),
        run=lambda data: services_tasks.assignment_submit(user, part, result=data.get("result")),
        success=_("The result is submitted to the regional bureau."),
        redirect_to=assignment_url(part),
        render_again=lambda bound: _part_page(request, selectors_tasks.assignment_for(user, pk), result_form=bound),
        errors_on_form=True,
    )


@login_required
@require_POST
def assignment_act(request, pk, action):
    user = request.user
    part = selectors_tasks.assignment_for(user, pk)
    if action not in ACTIONS:
        raise Http404(_("Unknown action."))
    ASSIGNMENT.guard(user, part, action)
    return post_action(
        request,
        form=ReasonForm(request.POST),
        run=lambda data: services_tasks.assignment_act(user, part, action, reason=data.get("reason", "")),
        success=str(ACTIONS[action]),
        redirect_to=assignment_url(part),
        render_again=lambda bound: _part_page(request, selectors_tasks.assignment_for(user, pk), reason_form=bound),
    )


# ---------------------------------------------------------------- what the tasks plug into

KINDS = {"document": gettext_lazy("Task document")}
EVIDENCE = {"evidence": gettext_lazy("Evidence")}


def can_view_task_files(user, task) -> Decision:
    if policies.can_manage(user):
        return ALLOW
    if selectors_tasks.tasks_visible_to(user).filter(pk=task.pk).exists():
        return ALLOW
    return deny(_("Only the regional bureau and the offices the task is issued to see its files."))


def can_change_task_files(user, task, kind=None) -> Decision:
    decision = policies.can_manage(user)
    if not decision:
        return decision
    if task.status == T.CLOSED:
        return deny(_("The task is closed: its files no longer change."))
    return ALLOW


def can_view_evidence(user, part) -> Decision:
    if policies.can_manage(user) or (
        getattr(user, "prefecture_id", None)
        and user.role == Role.PREFECTURE_OFFICER
        and user.prefecture_id == part.prefecture_id
    ):
        return ALLOW
    return deny(_("Only the regional bureau and the part's own office see its evidence."))


def can_upload_evidence(user, part, kind=None) -> Decision:
    decision = ASSIGNMENT["submit"].who(user, part)
    if not decision:
        return decision
    if part.status not in (A.ACKNOWLEDGED, A.RETURNED) or part.task.status != T.ISSUED:
        return deny(_("Evidence is added while the part is in progress or returned."))
    return ALLOW


def register() -> None:
    from apps.attachments.registry import register_owner
    from apps.core import schedules

    register_owner(
        AssignedTask,
        visible=selectors_tasks.tasks_visible_to,
        can_view=can_view_task_files,
        can_upload=can_change_task_files,
        kinds=KINDS,
        url=task_url,
    )
    register_owner(
        TaskAssignment,
        visible=selectors_tasks.assignments_visible_to,
        can_view=can_view_evidence,
        can_upload=can_upload_evidence,
        kinds=EVIDENCE,
        url=assignment_url,
    )
    schedules.register("bureau.task_reminders", "apps.bureau.jobs_tasks.remind_and_flag_daily", timedelta(days=1))
