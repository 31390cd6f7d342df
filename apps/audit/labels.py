"""Readable names for what the trail stores as codes: model labels → their (translated) verbose names."""

from django.apps import apps


def object_type_label(label: str) -> str:
    if not label:
        return ""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def object_type_choices(also: str = "") -> list[tuple[str, str]]:
    """Every model of the project's apps (what `record(obj)` stores as the object type), from the app registry:
    not a DISTINCT over the whole trail, which grows without bound (issue 14). `also`: a model label the request
    asks for that is not among them (a third-party model), kept selectable."""
    from django.conf import settings

    local = {name.rsplit(".", 1)[-1] for name in settings.LOCAL_APPS}
    types = {model._meta.label_lower for model in apps.get_models() if model._meta.app_label in local}
    if also and also not in types and object_type_label(also) != also:
        types.add(also)
    return sorted(((t, f"{object_type_label(t)}（{t}）") for t in types), key=lambda c: c[1])


def _verbs():
    from django.utils.translation import pgettext_lazy

    # The "audit action" context keeps these verbs from overriding other apps' identical msgids.
    return {
        "login": pgettext_lazy("audit action", "Logged in"),
        "logout": pgettext_lazy("audit action", "Logged out"),
        "login_failed": pgettext_lazy("audit action", "Failed login"),
        "login_refused_locked": pgettext_lazy("audit action", "Login refused (locked)"),
        "locked_out": pgettext_lazy("audit action", "Locked out"),
        "unlocked": pgettext_lazy("audit action", "Unlocked"),
        "human_check_required": pgettext_lazy("audit action", "Human check required for the account"),
        "second_factor_ok": pgettext_lazy("audit action", "Second factor verified"),
        "two_factor_enrolled": pgettext_lazy("audit action", "Authenticator registered"),
        "two_factor_reset": pgettext_lazy("audit action", "Two-factor login reset"),
        "password_changed": pgettext_lazy("audit action", "Password changed"),
        "password_reset": pgettext_lazy("audit action", "Password reset by administrator"),
        "password_reset_requested": pgettext_lazy("audit action", "Password reset asked"),
        "password_reset_done": pgettext_lazy("audit action", "Password reset by e-mail link"),
        "create": pgettext_lazy("audit action", "Created"),
        "update": pgettext_lazy("audit action", "Changed"),
        "register": pgettext_lazy("audit action", "Registered"),
        "enable": pgettext_lazy("audit action", "Enabled"),
        "disable": pgettext_lazy("audit action", "Disabled"),
        "add": pgettext_lazy("audit action", "Added"),
        "remove": pgettext_lazy("audit action", "Removed"),
        "delete": pgettext_lazy("audit action", "Deleted"),
        "upload": pgettext_lazy("audit action", "Uploaded"),
        "download": pgettext_lazy("audit action", "Downloaded"),
        "approve": pgettext_lazy("audit action", "Approved"),
        "reject": pgettext_lazy("audit action", "Rejected"),
        "resubmit": pgettext_lazy("audit action", "Resubmitted"),
        "submit": pgettext_lazy("audit action", "Submitted"),
        "withdraw": pgettext_lazy("audit action", "Withdrawn"),
        "accept": pgettext_lazy("audit action", "Accepted"),
        "merge": pgettext_lazy("audit action", "Merged"),
        "assign": pgettext_lazy("audit action", "Assigned"),
        "adopt": pgettext_lazy("audit action", "Adopted"),
        "shelve": pgettext_lazy("audit action", "Shelved"),
        "conclude": pgettext_lazy("audit action", "Concluded"),
        "publish": pgettext_lazy("audit action", "Published"),
        "open": pgettext_lazy("audit action", "Opened"),
        "close": pgettext_lazy("audit action", "Closed"),
        "recommend": pgettext_lazy("audit action", "Recommended"),
        "select": pgettext_lazy("audit action", "Selected"),
        "resolve": pgettext_lazy("audit action", "Resolved"),
        "export": pgettext_lazy("audit action", "Exported"),
        "version": pgettext_lazy("audit action", "New version"),
        "confirm": pgettext_lazy("audit action", "Confirmed"),
        "decide": pgettext_lazy("audit action", "Decided"),
        "exclude": pgettext_lazy("audit action", "Excluded for a conflict of interest"),
        "ranking": pgettext_lazy("audit action", "Ranking computed"),
        "add_member": pgettext_lazy("audit action", "Panel member added"),
        "remove_member": pgettext_lazy("audit action", "Panel member removed"),
        "merge_followers": pgettext_lazy("audit action", "Merged demands moved to the kept demand"),
        "integrity_failure": pgettext_lazy("audit action", "File integrity check failed"),
        "virus_found": pgettext_lazy("audit action", "Virus found"),
        "policy_update": pgettext_lazy("audit action", "Security policy changed"),
        "profile_update": pgettext_lazy("audit action", "Expert profile changed"),
        "conflict_declare": pgettext_lazy("audit action", "Conflict of interest declared"),
        "declare_conflict": pgettext_lazy("audit action", "Conflict of interest declared"),
        "conflict_withdraw": pgettext_lazy("audit action", "Conflict of interest withdrawn"),
        "employment_add": pgettext_lazy("audit action", "Former employer added"),
        "employment_remove": pgettext_lazy("audit action", "Former employer removed"),
        # Workflow transitions (`core.workflow.REGISTRY`: "<workflow>.<action>").
        "start_argument": pgettext_lazy("audit action", "Expert argument started"),
        "resubmit_formal": pgettext_lazy("audit action", "Resubmitted for the formal check"),
        "prefecture_return": pgettext_lazy("audit action", "Returned by the prefecture for changes"),
        "prefecture_reject": pgettext_lazy("audit action", "Not recommended by the prefecture"),
        "formal_pass": pgettext_lazy("audit action", "Passed the formal check"),
        "formal_return": pgettext_lazy("audit action", "Returned at the formal check"),
        "not_approve": pgettext_lazy("audit action", "Not approved"),
        "close_applications": pgettext_lazy("audit action", "Applications closed"),
        "start_review": pgettext_lazy("audit action", "Review started"),
        # Centers (issue 15): contract, ledger, office and council, changes, supervision.
        "allocate": pgettext_lazy("audit action", "Funds allocated"),
        "budget": pgettext_lazy("audit action", "Budget lines changed"),
        "cancel": pgettext_lazy("audit action", "Cancelled"),
        "clawback": pgettext_lazy("audit action", "Clawback recorded"),
        "complete": pgettext_lazy("audit action", "Completed"),
        "complete_rectification": pgettext_lazy("audit action", "Rectification completed"),
        "correct": pgettext_lazy("audit action", "Entry corrected"),
        "declare": pgettext_lazy("audit action", "Declared"),
        "delist": pgettext_lazy("audit action", "Delisted"),
        "draft": pgettext_lazy("audit action", "Drafted"),
        "enact": pgettext_lazy("audit action", "Put in force"),
        "expenditure": pgettext_lazy("audit action", "Expenditure reported"),
        "fail": pgettext_lazy("audit action", "Not passed"),
        "fail_acceptance": pgettext_lazy("audit action", "Acceptance failed"),
        "finding": pgettext_lazy("audit action", "Finding recorded"),
        "indicators": pgettext_lazy("audit action", "KPIs changed"),
        "join": pgettext_lazy("audit action", "Joined"),
        "leave": pgettext_lazy("audit action", "Left"),
        "matched": pgettext_lazy("audit action", "Matched funds recorded"),
        "meeting": pgettext_lazy("audit action", "Meeting recorded"),
        "member_add": pgettext_lazy("audit action", "Member added"),
        "member_leave": pgettext_lazy("audit action", "Member left"),
        "opine": pgettext_lazy("audit action", "Opinion given"),
        "pass": pgettext_lazy("audit action", "Passed"),
        "recall": pgettext_lazy("audit action", "Taken back"),
        "receive": pgettext_lazy("audit action", "Received"),
        "report": pgettext_lazy("audit action", "Reported"),
        # patents: the KPI engine binds a contract KPI to a computed metric
        "bind": pgettext_lazy("audit action", "Bound to a metric"),
        "request": pgettext_lazy("audit action", "Requested"),
        "require_rectification": pgettext_lazy("audit action", "Rectification required"),
        "return": pgettext_lazy("audit action", "Returned"),
        "schedule": pgettext_lazy("audit action", "Scheduled"),
        "send": pgettext_lazy("audit action", "Sent"),
        "sign": pgettext_lazy("audit action", "Signed"),
        "start_construction": pgettext_lazy("audit action", "Construction started"),
        "supersede": pgettext_lazy("audit action", "Superseded"),
        "terminate": pgettext_lazy("audit action", "Terminated"),
        "tranches": pgettext_lazy("audit action", "Disbursement schedule changed"),
        # Patents (issue 16), portfolio: a patent's legal status, family, awards, contract tasks.
        "record_status": pgettext_lazy("audit action", "Legal status recorded"),
        "add_family_member": pgettext_lazy("audit action", "Family member added"),
        "remove_family_member": pgettext_lazy("audit action", "Family member removed"),
        "add_award": pgettext_lazy("audit action", "Award added"),
        "remove_award": pgettext_lazy("audit action", "Award removed"),
        "tag_tasks": pgettext_lazy("audit action", "Contract tasks tagged"),
        # Patents (issue 16), pre-filing assessment: a disclosure's transitions (`patents.workflow_assessment`).
        "assess": pgettext_lazy("audit action", "Assessed"),
        "revise": pgettext_lazy("audit action", "Sent back for revision"),
        "file": pgettext_lazy("audit action", "Linked to the filed patent"),
        "reassess": pgettext_lazy("audit action", "Re-assessment asked"),
        # Patents: imports (issue 16).
        "map": pgettext_lazy("audit action", "Column mapping changed"),
        "imported": pgettext_lazy("audit action", "Imported"),
        "refuse": pgettext_lazy("audit action", "Refused"),
        "import_failed": pgettext_lazy("audit action", "Import failed"),
        "save": pgettext_lazy("audit action", "Saved"),
        # Annual work reports (issue 17): the report's transitions (`reports.workflow.ANNUAL_REPORT`) and writes.
        "forward": pgettext_lazy("audit action", "Forwarded to the region"),
        "region_return": pgettext_lazy("audit action", "Returned by the region"),
        "due_date": pgettext_lazy("audit action", "Due date set"),
        "refresh": pgettext_lazy("audit action", "Figures refreshed"),
        "sections": pgettext_lazy("audit action", "Report text saved"),
        "comment": pgettext_lazy("audit action", "Figure commented"),
        "overdue": pgettext_lazy("audit action", "Flagged overdue"),
        "open_year": pgettext_lazy("audit action", "Year's reports opened"),
        # Performance evaluations (issue 18): a round's results announced (`evaluations.workflow.ROUND`).
        "announce": pgettext_lazy("audit action", "Results announced"),
        # Performance evaluations (issue 18): the consequences (`evaluations.workflow.EVALUATION`, Art. 17).
        "support": pgettext_lazy("audit action", "Funding support decided"),
        "order_rectification": pgettext_lazy("audit action", "Rectification ordered"),
        "rectified": pgettext_lazy("audit action", "Rectified"),
        "rectification_failed": pgettext_lazy("audit action", "Still unqualified after rectification"),
        "excuse": pgettext_lazy("audit action", "Justified reason accepted"),
        # Patent navigation (issue 19): datasets, imports, reports, prior-art searches and the search index.
        "edit": pgettext_lazy("audit action", "Edited"),
        "finished": pgettext_lazy("audit action", "Import finished"),
        "failed": pgettext_lazy("audit action", "Import failed"),
        "requeued": pgettext_lazy("audit action", "Import queued again (its worker stopped)"),
        "recompute": pgettext_lazy("audit action", "Recomputed"),
        "share": pgettext_lazy("audit action", "Shared with the IP council"),
        "search": pgettext_lazy("audit action", "Prior-art search run"),
        "built": pgettext_lazy("audit action", "Search index built"),
        "propose": pgettext_lazy("audit action", "Proposed"),  # bureau: a showcase proposed by a center
        "decline": pgettext_lazy("audit action", "Declined"),  # bureau: a proposed showcase declined
        "ask": pgettext_lazy("audit action", "Question asked"),  # bureau: a unit's policy question (Art. 19)
        "answer": pgettext_lazy("audit action", "Answered"),  # bureau: the region answers a policy question
        "unpublish": pgettext_lazy("audit action", "Taken off the public site"),  # bureau: an FAQ entry
        "issue": pgettext_lazy("audit action", "Issued"),  # bureau: a task issued to prefecture offices
        "acknowledge": pgettext_lazy("audit action", "Acknowledged"),  # bureau: an office signs for its task
        "remind": pgettext_lazy("audit action", "Reminded"),  # bureau: a task part reminded before its deadline
        # The demo clock (`core.clock`, DEMO_MODE only).
        "advance": pgettext_lazy("audit action", "Moved forward"),
        "set": pgettext_lazy("audit action", "Set to a date"),
        "reset": pgettext_lazy("audit action", "Back to the real date"),
    }


def action_label(code: str) -> str:
    """'application.recommend' → '推荐'; codes without a known verb are shown as they are (a test,
    `apps/audit/tests/test_labels.py`, fails when the code base records a code that has none)."""
    verb = code.rsplit(".", 1)[-1]
    label = _verbs().get(verb)
    return str(label) if label is not None else code
