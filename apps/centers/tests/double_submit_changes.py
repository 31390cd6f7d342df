"""The changes part's create views for tests/test_double_submit.py (`Setup` builders): each form's page, where it
posts, its data and the records it makes (a request, a transition, a contract version, a termination).
`cases(Case)` lists them for that test's `CASES`."""

from django.urls import reverse

from apps.core import clock


def _setup():
    from tests.test_double_submit import Setup

    return Setup


def _today() -> str:
    return clock.today().isoformat()


def _change_setup(state, action, data, count):
    """A change request in `state` whose page offers `action`; `count(center)` counts what the action makes."""

    def make(w):
        from .changes_setup import change_at, signed_center

        center = signed_center(w)
        change = change_at(w, center, state)
        return _setup()(
            reverse("centers:change", args=[center.pk, change.pk]),
            reverse(f"centers:change_{action}", args=[center.pk, change.pk]),
            lambda c: data,
            lambda: count(center),
        )

    return make


def _changes_in(status):
    from apps.centers.models import ChangeRequest

    return lambda center: ChangeRequest.objects.filter(center=center, status=status).count()


def change_new(w):
    from apps.centers.models import ChangeRequest

    from .changes_setup import signed_center

    center = signed_center(w)
    url = reverse("centers:change_new", args=[center.pk]) + "?kind=other"
    data = {"reasons": "调整建设任务顺序", "text": "调整第二项建设任务的实施顺序"}
    return _setup()(url, url, lambda c: data, ChangeRequest.objects.count)


def change_edit(w):
    from apps.audit.models import AuditEntry

    from .changes_setup import change_at, signed_center

    center = signed_center(w)
    change = change_at(w, center, "draft")
    url = reverse("centers:change_edit", args=[center.pk, change.pk])
    data = {"reasons": "新的理由", "t0_y1": "10", "t0_y2": "16", "t0_y3": "35"}
    return _setup()(url, url, lambda c: data, AuditEntry.objects.filter(action="centers.change.update").count)


def change_approve(w):
    from apps.centers.models import ContractVersion

    from .changes_setup import change_at, signed_center

    center = signed_center(w)
    change = change_at(w, center, "opined")
    return _setup()(
        reverse("centers:change", args=[center.pk, change.pk]),
        reverse("centers:change_approve", args=[center.pk, change.pk]),
        lambda c: {"approve-reason": "同意。"},
        lambda: ContractVersion.objects.filter(contract__center=center).count(),
    )


def _termination_form(name, data):
    def make(w):
        from apps.centers.models import Termination

        from .changes_setup import signed_center

        center = signed_center(w)
        url = reverse(f"centers:{name}", args=[center.pk])
        return _setup()(url, url, lambda c: data(), Termination.objects.count)

    return make


def _termination_setup(state, action, data, status):
    def make(w):
        from apps.centers.models import Termination

        from .changes_setup import signed_center, termination_at

        center = signed_center(w)
        termination = termination_at(w, center, state)
        return _setup()(
            reverse("centers:termination", args=[center.pk, termination.pk]),
            reverse(f"centers:termination_{action}", args=[center.pk, termination.pk]),
            lambda c: data(),
            lambda: Termination.objects.filter(center=center, status=status).count(),
        )

    return make


def cases(Case) -> list:
    opinion = {"opine-supports": "yes", "opine-opinion": "同意。"}
    return [
        Case("centers:change_new", "unit_admin", change_new),
        Case("centers:change_edit", "unit_admin", change_edit),
        Case("centers:change_submit", "unit_admin", _change_setup("draft", "submit", {}, _changes_in("submitted"))),
        Case(
            "centers:change_opine",
            "prefecture_officer",
            _change_setup("submitted", "opine", opinion, _changes_in("opined")),
        ),
        Case("centers:change_approve", "regional_officer", change_approve),
        Case(
            "centers:change_reject",
            "regional_officer",
            _change_setup("opined", "reject", {"reject-reason": "理由不充分。"}, _changes_in("rejected")),
        ),
        Case(
            "centers:change_withdraw",
            "unit_admin",
            _change_setup("submitted", "withdraw", {"withdraw-reason": ""}, _changes_in("withdrawn")),
        ),
        Case(
            "centers:termination_new",
            "unit_admin",
            _termination_form("termination_new", lambda: {"reasons": "团队调离。"}),
        ),
        Case(
            "centers:termination_decide",
            "regional_officer",
            _termination_form(
                "termination_decide", lambda: {"reasons": "连续两年未开展工作。", "effective_on": _today()}
            ),
        ),
        Case(
            "centers:termination_opine",
            "prefecture_officer",
            _termination_setup("requested", "opine", lambda: {"opine-opinion": "同意终止。"}, "opined"),
        ),
        Case(
            "centers:termination_approve",
            "regional_officer",
            _termination_setup(
                "opined", "approve", lambda: {"approve-effective_on": _today(), "approve-reason": ""}, "approved"
            ),
        ),
        Case(
            "centers:termination_reject",
            "regional_officer",
            _termination_setup("opined", "reject", lambda: {"reject-reason": "请继续建设。"}, "rejected"),
        ),
        Case(
            "centers:termination_withdraw",
            "unit_admin",
            _termination_setup("requested", "withdraw", lambda: {}, "withdrawn"),
        ),
    ]
